// Golden cases for rules kept back so the migrated image works where the original did.
import type { GoldenCase } from './cases';
import { nodeFacts } from './helpers';

const df = (...lines: string[]) => lines.join('\n') + '\n';

const expressPackage = JSON.stringify({ name: 'api', scripts: { start: 'node src/server.js' } });
const tsPackage = JSON.stringify({
  name: 'api',
  scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/index.js' },
});

export const keptCases: GoldenCase[] = [
  {
    // No RUN installs: the image runs with the node_modules `COPY . .` brings, installed before the build.
    name: 'node-no-install-ships-node-modules',
    notes: ['dockerignore-created', 'dockerignore-node-modules-kept'],
    facts: nodeFacts({ dependencies: ['express'] }),
    files: {
      Dockerfile: df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'EXPOSE 80', 'CMD ["node", "src/index.js"]'),
      'package.json': JSON.stringify({ name: 'a', dependencies: { express: '^4.18.0' } }),
      'src/index.js': "require('express')().listen(80)",
      'node_modules/express/package.json': '{}',
    },
  },
  {
    // The same project, installing in the image: the local node_modules is left out as usual.
    name: 'node-install-hides-node-modules',
    notes: ['dockerignore-created'],
    facts: nodeFacts({ dependencies: ['express'] }),
    files: {
      Dockerfile: df(
        'FROM node:20',
        'WORKDIR /app',
        'COPY . .',
        'RUN npm ci',
        'CMD ["node", "src/index.js"]',
      ),
      'package.json': JSON.stringify({ name: 'a', dependencies: { express: '^4.18.0' } }),
      'package-lock.json': '{}',
      'src/index.js': "require('express')().listen(80)",
      'node_modules/express/package.json': '{}',
    },
  },
  {
    // `COPY . .` puts config/.env in the original image, where the app loads it: it stays, with a note.
    // node_modules/dotenv/.env is left to the node_modules rule (the install makes that folder).
    name: 'node-nested-env-copied',
    notes: ['dockerignore-created', 'dockerignore-secret-kept'],
    facts: nodeFacts({ scripts: { build: 'tsc' }, buildScript: 'tsc', dependencies: ['dotenv'] }),
    files: {
      Dockerfile: df(
        'FROM node:20',
        'WORKDIR /app',
        'COPY package*.json ./',
        'RUN npm install',
        'COPY . .',
        'RUN npm run build',
        'CMD ["node", "dist/index.js"]',
      ),
      'package.json': tsPackage,
      'package-lock.json': '{}',
      'src/index.ts': '',
      'config/.env': 'SECRET=x',
      'config/.env.example': 'SECRET=',
      'node_modules/dotenv/.env': 'X=1',
    },
  },
  {
    // Only src and config are copied: config/.env stays (an exception), the root and tools/ ones are hidden.
    name: 'node-nested-env-partly-copied',
    notes: ['dockerignore-created', 'dockerignore-secret-kept', 'dockerignore-env-excluded'],
    facts: nodeFacts({ dependencies: ['dotenv'] }),
    files: {
      Dockerfile: df(
        'FROM node:20',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
        'COPY src ./src',
        'COPY config ./config',
        'CMD ["node", "src/index.js"]',
      ),
      'package.json': expressPackage,
      'package-lock.json': '{}',
      'src/index.js': '',
      'config/.env': 'SECRET=x',
      'tools/.env.local': 'TOKEN=1',
      '.env': 'SECRET=y',
    },
  },
  {
    // The build script runs git; `COPY . .` gives it the repository, so .git must stay in the context.
    name: 'node-git-build-script',
    notes: ['dockerignore-created', 'dockerignore-git-kept'],
    facts: nodeFacts({
      scripts: { build: 'git rev-parse --short HEAD > src/version.txt && tsc' },
      buildScript: 'git rev-parse --short HEAD > src/version.txt && tsc',
      devDependencies: ['typescript'],
    }),
    files: {
      Dockerfile: df(
        'FROM node:20',
        'WORKDIR /app',
        'COPY package*.json ./',
        'RUN npm install',
        'COPY . .',
        'RUN npm run build',
        'CMD ["node", "dist/index.js"]',
      ),
      'package.json': '{}',
      'package-lock.json': '{}',
      'src/index.ts': '',
      '.git/HEAD': 'ref: refs/heads/main\n',
    },
  },
];
