// Writes a synthetic monorepo for the benchmark: services of many real-world shapes, each with its manifests.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const lock = (name) =>
  JSON.stringify({ name, version: '1.0.0', lockfileVersion: 3, requires: true, packages: {} });
const pkg = (name, extra = {}) =>
  JSON.stringify({
    name,
    version: '1.0.0',
    scripts: { start: 'node index.js' },
    dependencies: { express: '^4.19.2' },
    devDependencies: { eslint: '^8.57.0' },
    ...extra,
  });

/** Each shape writes one service folder and returns its files (path -> content). */
const SHAPES = [
  (n) => ({
    Dockerfile:
      'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nEXPOSE 3000\nCMD ["node", "dist/index.js"]\n',
    'package.json': pkg(n, {
      scripts: { build: 'tsc', start: 'node dist/index.js' },
      devDependencies: { typescript: '^5.4.0' },
    }),
    'package-lock.json': lock(n),
    'tsconfig.json': '{"compilerOptions":{"outDir":"dist"}}',
    'src/index.ts': 'export {};\n',
  }),
  (n) => ({
    Dockerfile:
      'FROM node:18\nWORKDIR /usr/src/app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nEXPOSE 8080\nCMD ["npm", "start"]\n',
    'package.json': pkg(n),
    'package-lock.json': lock(n),
    'index.js': 'require("http").createServer().listen(8080);\n',
  }),
  (n) => ({
    Dockerfile:
      'FROM node:22-bookworm\nWORKDIR /srv\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nCOPY . .\nRUN yarn build\nENV LOG_LEVEL=info\nCMD ["node", "dist/main.js"]\n',
    'package.json': pkg(n, { scripts: { build: 'tsc' }, devDependencies: { typescript: '^5.4.0' } }),
    'yarn.lock': '# yarn lockfile v1\n',
  }),
  (n) => ({
    Dockerfile:
      'FROM node:20-slim\nRUN corepack enable\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nRUN pnpm install --frozen-lockfile\nCOPY . .\nRUN pnpm run build\nCMD ["node", "dist/index.js"]\n',
    'package.json': pkg(n, { packageManager: 'pnpm@9.1.0', scripts: { build: 'tsc' } }),
    'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
  }),
  (n) => ({
    Dockerfile:
      'FROM node:18\nWORKDIR /opt/svc\nCOPY package.json package-lock.json ./\nRUN npm ci --production\nCOPY dist ./dist\nCMD node dist/index.js\n',
    'package.json': pkg(n),
    'package-lock.json': lock(n),
    'dist/index.js': 'console.log(1);\n',
  }),
  (n) => ({
    Dockerfile:
      'FROM node:20\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential python3 && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n',
    'package.json': pkg(n, { dependencies: { bcrypt: '^5.1.1' } }),
    'package-lock.json': lock(n),
  }),
  (n) => ({
    Dockerfile:
      'FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY pom.xml .\nCOPY src ./src\nRUN mvn -B package -DskipTests\nEXPOSE 8080\nCMD ["java", "-jar", "target/' +
      n +
      '-1.0.0.jar"]\n',
    'pom.xml': `<project><modelVersion>4.0.0</modelVersion><groupId>demo</groupId><artifactId>${n}</artifactId><version>1.0.0</version><properties><maven.compiler.release>17</maven.compiler.release></properties></project>\n`,
    'src/main/java/demo/Main.java':
      'package demo; public class Main { public static void main(String[] a) {} }\n',
  }),
  (n) => ({
    Dockerfile:
      'FROM gradle:8.5-jdk17\nWORKDIR /home/gradle/project\nCOPY . .\nRUN gradle build --no-daemon -x test\nCMD ["java", "-jar", "build/libs/' +
      n +
      '-0.1.0-all.jar"]\n',
    'build.gradle.kts':
      'plugins {\n    kotlin("jvm") version "1.9.22"\n    id("com.github.johnrengelman.shadow") version "8.1.1"\n}\nversion = "0.1.0"\nkotlin { jvmToolchain(17) }\n',
    'settings.gradle.kts': `rootProject.name = "${n}"\n`,
  }),
  (n) => ({
    Dockerfile:
      'FROM openjdk:17-jdk-slim\nCOPY build/libs/' +
      n +
      '.jar /opt/app.jar\nEXPOSE 8443\nENTRYPOINT ["java", "-jar", "/opt/app.jar"]\n',
    'build.gradle': "plugins { id 'java' }\n",
    [`build/libs/${n}.jar`]: 'PK\n',
  }),
  () => ({
    Dockerfile:
      'FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=builder /app/dist ./dist\nCMD ["node", "dist/index.js"]\n',
    'package.json': '{"name":"multi","version":"1.0.0"}',
  }),
  () => ({
    Dockerfile: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\nCMD ["/bin/app"]\n',
    'go.mod': 'module x\n',
  }),
];

/** Writes `count` services under `root` and returns their Dockerfile paths. */
function generateMonorepo(root, count) {
  const dockerfiles = [];
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules\n');
  for (let i = 0; i < count; i++) {
    const name = `svc-${String(i).padStart(5, '0')}`;
    const dir = path.join(root, 'services', name);
    // One broken file in five hundred, so the error path is measured too.
    const files = i % 500 === 499 ? { Dockerfile: 'FROM\nRUN\n' } : SHAPES[i % SHAPES.length](name);
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    dockerfiles.push(path.join(dir, 'Dockerfile'));
  }
  return dockerfiles;
}

module.exports = { generateMonorepo };
