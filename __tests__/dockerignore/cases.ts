// Dockerfile fixtures for the ignore-file step: small projects as path -> content, with their facts.
import { keptCases } from './kept-cases';
import { javaFacts, nodeFacts, type PlanCase } from './helpers';

export interface GoldenCase extends PlanCase {
  name: string;
  /** Note ids the plan must give. */
  notes: string[];
}

const df = (...lines: string[]) => lines.join('\n') + '\n';

const expressPackage = JSON.stringify({ name: 'api', scripts: { start: 'node src/server.js' } });
const tsPackage = JSON.stringify({
  name: 'api',
  scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/index.js' },
});

export const goldenCases: GoldenCase[] = [
  {
    name: 'node-express',
    // `COPY . .` puts .env in the original image, where dotenv may read it: it stays, with a note.
    notes: ['dockerignore-created', 'dockerignore-secret-kept'],
    facts: nodeFacts({ scripts: { start: 'node src/server.js' } }),
    files: {
      Dockerfile: df(
        'FROM node:20 AS build',
        'WORKDIR /usr/src/app',
        'COPY package*.json ./',
        'RUN npm ci --omit=dev',
        'COPY . .',
        '',
        'FROM node:20-slim AS runtime',
        'WORKDIR /usr/src/app',
        'COPY --from=build /usr/src/app ./',
        'CMD ["node", "src/server.js"]',
      ),
      'package.json': expressPackage,
      'package-lock.json': '{}',
      'src/server.js': '',
      '.env': 'SECRET=1',
      '.env.example': 'SECRET=',
      'node_modules/express/index.js': '',
    },
  },
  {
    name: 'node-typescript',
    notes: ['dockerignore-created'],
    facts: nodeFacts({
      scripts: { build: 'tsc -p tsconfig.json' },
      buildScript: 'tsc -p tsconfig.json',
      typescript: true,
      tsconfig: 'tsconfig.json',
      tsOutDir: 'dist',
    }),
    files: {
      Dockerfile: df(
        'FROM node:22-bookworm AS build',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
        'COPY tsconfig.json ./',
        'COPY src ./src',
        'RUN npm run build && npm prune --omit=dev',
        '',
        'FROM node:22-bookworm-slim AS runtime',
        'WORKDIR /app',
        'COPY --from=build /app/node_modules ./node_modules',
        'COPY --from=build /app/dist ./dist',
        'CMD ["node", "dist/index.js"]',
      ),
      'package.json': tsPackage,
      'package-lock.json': '{}',
      'tsconfig.json': '{"compilerOptions":{"outDir":"dist"}}',
      'src/index.ts': '',
      'dist/index.js': '',
    },
  },
  {
    name: 'node-prebuilt-dist',
    notes: ['dockerignore-created'],
    facts: nodeFacts({ scripts: { build: 'tsc' }, buildScript: 'tsc', tsOutDir: 'dist' }),
    files: {
      Dockerfile: df(
        'FROM node:20-alpine',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN npm ci --omit=dev',
        'COPY dist/index.js ./dist/',
        'CMD ["node", "dist/index.js"]',
      ),
      'package.json': tsPackage,
      'package-lock.json': '{}',
      'dist/index.js': '',
      'dist/index.js.map': '',
    },
  },
  {
    name: 'node-next',
    // .env.production is a build input for Next.js and stays; .env.local is in the original image: kept, noted.
    notes: ['dockerignore-created', 'dockerignore-secret-kept'],
    facts: nodeFacts({
      scripts: { build: 'next build' },
      buildScript: 'next build',
      dependencies: ['next', 'react'],
      framework: 'next',
      nextStandalone: true,
      packageManager: 'pnpm',
      lockfile: 'pnpm-lock.yaml',
    }),
    files: {
      Dockerfile: df(
        'FROM node:20-alpine AS build',
        'WORKDIR /app',
        'RUN corepack enable',
        'COPY package.json pnpm-lock.yaml ./',
        'RUN pnpm install --frozen-lockfile',
        'COPY . .',
        'RUN pnpm build',
        'FROM node:20-alpine AS runtime',
        'COPY --from=build /app/.next/standalone ./',
        'CMD ["node", "server.js"]',
      ),
      'package.json': '{}',
      'pnpm-lock.yaml': '',
      '.env.production': 'NEXT_PUBLIC_API=https://api',
      '.env.local': 'TOKEN=1',
      'app/page.tsx': '',
    },
  },
  {
    name: 'node-monorepo-package',
    notes: ['dockerignore-created'],
    facts: nodeFacts({
      packageDir: 'services/api',
      manifest: 'services/api/package.json',
      scripts: { build: 'tsc' },
      buildScript: 'tsc',
      tsOutDir: 'build',
      workspaces: ['services/*'],
    }),
    files: {
      Dockerfile: df(
        'FROM node:20 AS build',
        'WORKDIR /repo',
        'COPY package.json package-lock.json ./',
        'COPY services/api/package.json services/api/',
        'RUN npm ci -w services/api',
        'COPY services/api services/api',
        'RUN npm run build -w services/api',
        'FROM node:20-slim',
        'COPY --from=build /repo /repo',
        'CMD ["node", "services/api/build/index.js"]',
      ),
      'package.json': '{}',
      'package-lock.json': '{}',
      'services/api/package.json': '{}',
      'services/api/tsconfig.json': '{}',
      'services/api/src/index.ts': '',
    },
  },
  {
    name: 'node-npmrc-token',
    notes: ['dockerignore-created', 'npmrc-excluded'],
    facts: nodeFacts(),
    files: {
      Dockerfile: df(
        'FROM node:20',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
        'COPY . .',
        'CMD ["npm", "start"]',
      ),
      'package.json': expressPackage,
      'package-lock.json': '{}',
      '.npmrc': '@acme:registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=npm_abc123\n',
    },
  },
  {
    // `COPY . .` brings it before the install, which may need the registry it names: it stays.
    name: 'node-npmrc-swept-in-before-install',
    notes: ['dockerignore-created', 'npmrc-secret-mount'],
    facts: nodeFacts(),
    files: {
      Dockerfile: df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["npm", "start"]'),
      'package.json': expressPackage,
      'package-lock.json': '{}',
      '.npmrc': '@acme:registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=npm_abc123\n',
    },
  },
  {
    name: 'node-npmrc-copied',
    notes: ['dockerignore-created', 'npmrc-secret-mount'],
    facts: nodeFacts(),
    files: {
      Dockerfile: df(
        'FROM node:20',
        'WORKDIR /app',
        'COPY package.json package-lock.json .npmrc ./',
        'RUN npm ci',
        'COPY . .',
        'CMD ["npm", "start"]',
      ),
      'package.json': expressPackage,
      'package-lock.json': '{}',
      '.npmrc': '//registry.npmjs.org/:_authToken=npm_abc123\n',
    },
  },
  {
    name: 'java-maven',
    notes: ['dockerignore-created'],
    facts: javaFacts({
      buildTool: 'maven',
      wrapper: true,
      wrapperDir: '.',
      artifactName: 'greeter-1.0.0.jar',
    }),
    files: {
      Dockerfile: df(
        'FROM maven:3.9-eclipse-temurin-17 AS build',
        'WORKDIR /app',
        'COPY mvnw pom.xml ./',
        'COPY .mvn .mvn',
        'RUN ./mvnw -B dependency:go-offline',
        'COPY src ./src',
        'RUN ./mvnw -B package -DskipTests',
        '',
        'FROM eclipse-temurin:17-jre AS runtime',
        'COPY --from=build /app/target/greeter-1.0.0.jar /app/app.jar',
        'CMD ["java", "-jar", "/app/app.jar"]',
      ),
      'pom.xml': '<project><artifactId>greeter</artifactId></project>',
      mvnw: '#!/bin/sh\n# downloads .mvn/wrapper/maven-wrapper.jar from wrapperUrl when missing\n',
      '.mvn/wrapper/maven-wrapper.properties': 'distributionUrl=https://repo.maven.apache.org/x.zip\n',
      '.mvn/wrapper/maven-wrapper.jar': 'PK',
      'src/main/java/App.java': '',
      'target/greeter-1.0.0.jar': 'PK',
    },
  },
  {
    name: 'java-maven-prebuilt-arg',
    notes: ['dockerignore-created'],
    facts: javaFacts({ buildTool: 'maven', springBoot: '3.2.0', modules: ['core'] }),
    files: {
      Dockerfile: df(
        'FROM eclipse-temurin:17-jre',
        'ARG JAR_FILE=target/*.jar',
        'COPY ${JAR_FILE} app.jar',
        'ENTRYPOINT ["java", "-jar", "/app.jar"]',
      ),
      'pom.xml': '<project><modules><module>core</module></modules></project>',
      'target/demo-0.0.1.jar': 'PK',
      'target/classes/A.class': '',
      'core/target/core.jar': 'PK',
    },
  },
  {
    name: 'java-gradle-prebuilt',
    notes: ['dockerignore-created'],
    facts: javaFacts({ buildTool: 'gradle', wrapper: true, artifactDir: 'build/libs', kotlinDsl: true }),
    files: {
      Dockerfile: df(
        'FROM eclipse-temurin:21-jre',
        'WORKDIR /app',
        'COPY build/libs/ledger.jar app.jar',
        'CMD ["java", "-jar", "app.jar"]',
      ),
      'build.gradle.kts': 'plugins { java }',
      'settings.gradle.kts': 'rootProject.name = "ledger"',
      gradlew: '',
      'gradle/wrapper/gradle-wrapper.jar': 'PK',
    },
  },
  {
    name: 'java-gradle-git-plugin',
    notes: ['dockerignore-created', 'dockerignore-git-kept'],
    facts: javaFacts({
      buildTool: 'gradle',
      wrapper: true,
      artifactDir: 'build/libs',
      modules: ['app', 'lib'],
    }),
    files: {
      Dockerfile: df(
        'FROM gradle:8-jdk21 AS build',
        'WORKDIR /src',
        'COPY . .',
        'RUN ./gradlew --no-daemon bootJar',
        'FROM eclipse-temurin:21-jre',
        'COPY --from=build /src/app/build/libs/*.jar /app.jar',
        'ENTRYPOINT ["java", "-jar", "/app.jar"]',
      ),
      'build.gradle': "plugins { id 'com.gorylenko.gradle-git-properties' version '2.4.1' }",
      'settings.gradle': "rootProject.name = 'shop'\ninclude 'app', 'lib'\n",
      gradlew: '',
      'gradle/wrapper/gradle-wrapper.jar': 'PK',
      'app/src/main/java/App.java': '',
    },
  },
  {
    name: 'per-dockerfile-seeded',
    notes: ['dockerignore-created', 'dockerignore-seeded', 'dockerignore-per-dockerfile'],
    facts: nodeFacts(),
    dockerfile: 'docker/api.Dockerfile',
    ignoreFile: 'docker/api.Dockerfile.dockerignore',
    files: {
      'docker/api.Dockerfile': df(
        'FROM node:20',
        'WORKDIR /app',
        'COPY api/ .',
        'RUN npm ci',
        'CMD ["npm", "start"]',
      ),
      '.dockerignore': '# shared rules\n.git\n*.md\n',
      'api/package.json': expressPackage,
      'api/README.md': '',
    },
  },
  ...keptCases,
];
