import { detectBundler, expandScript } from '../../../src/kinds/node/frameworks';
import { readNextConfig } from '../../../src/kinds/node/next-config';
import { dockerfile, node, project } from '../helpers';

const NEXT_PKG = {
  name: 'web',
  version: '0.1.0',
  private: true,
  scripts: { dev: 'next dev', build: 'next build', start: 'next start', lint: 'next lint' },
  dependencies: { next: '14.1.3', react: '^18', 'react-dom': '^18' },
  devDependencies: { typescript: '^5', '@types/react': '^18', eslint: '^8', 'eslint-config-next': '14.1.3' },
};

const NEST_PKG = {
  name: 'orders-api',
  version: '0.0.1',
  scripts: {
    build: 'nest build',
    start: 'nest start',
    'start:prod': 'node dist/main',
    test: 'jest',
  },
  dependencies: {
    '@nestjs/common': '^10.0.0',
    '@nestjs/core': '^10.0.0',
    'reflect-metadata': '^0.2.0',
    rxjs: '^7.8.1',
  },
  devDependencies: { '@nestjs/cli': '^10.0.0', typescript: '^5.1.3' },
};

describe('detectNode', () => {
  it('reads the manifest, all scripts, the build script and what npm start runs', () => {
    const facts = node({ 'package.json': NEST_PKG, 'package-lock.json': '{}' });
    expect(facts).toMatchObject({
      manifest: 'package.json',
      name: 'orders-api',
      scripts: NEST_PKG.scripts,
      buildScript: 'nest build',
      startScript: 'nest start',
      dependencies: ['@nestjs/common', '@nestjs/core', 'reflect-metadata', 'rxjs'],
      devDependencies: ['@nestjs/cli', 'typescript'],
    });
  });

  it("falls back to npm's `node server.js` for start, but not for yarn", () => {
    const files = {
      'package.json': { name: 'legacy', dependencies: { express: '^4' } },
      'server.js': 'require("express")',
    };
    expect(node(files).startScript).toBe('node server.js');
    expect(node({ ...files, 'yarn.lock': '# yarn lockfile v1\n' }).startScript).toBeNull();
    expect(node({ 'package.json': { name: 'x' } })).toMatchObject({ startScript: null, buildScript: null });
  });

  it('returns empty facts when there is no package.json', () => {
    expect(node({ 'index.js': '' })).toMatchObject({
      manifest: null,
      name: null,
      scripts: {},
      dependencies: [],
    });
  });

  it('reads Node version hints from .nvmrc, .node-version and engines', () => {
    expect(
      node({ 'package.json': { name: 'a', engines: { node: '>=18.17 <21' } }, '.nvmrc': 'v18.19.0\n' }),
    ).toMatchObject({ nvmrc: 'v18.19.0', nodeVersionFile: '.nvmrc', engines: '>=18.17 <21' });
    expect(node({ 'package.json': { name: 'a' }, '.node-version': '# pinned\n20.11.1\n' })).toMatchObject({
      nvmrc: '20.11.1',
      nodeVersionFile: '.node-version',
      engines: null,
    });
  });

  it('finds Next.js standalone output in any config flavour and quote style', () => {
    const configs: Record<string, string> = {
      'next.config.js':
        "/** @type {import('next').NextConfig} */\nconst nextConfig = {\n  output: 'standalone',\n}\nmodule.exports = nextConfig\n",
      'next.config.mjs':
        'const nextConfig = {\n  reactStrictMode: true,\n  output: "standalone",\n};\nexport default nextConfig;\n',
      'next.config.ts':
        "import type { NextConfig } from 'next';\nconst config: NextConfig = { output: `standalone` };\nexport default config;\n",
      'next.config.cjs': 'module.exports = { "output": "standalone", distDir: "build" }\n',
    };
    for (const [file, text] of Object.entries(configs)) {
      const facts = node({ 'package.json': NEXT_PKG, [file]: text });
      expect(facts).toMatchObject({ framework: 'next', nextStandalone: true, nextConfig: file });
    }
    expect(
      node({ 'package.json': NEXT_PKG, 'next.config.cjs': configs['next.config.cjs'] }).nextDistDir,
    ).toBe('build');
  });

  it('ignores a commented-out standalone output and other output modes', () => {
    const commented =
      "module.exports = {\n  // output: 'standalone',\n  /* output: 'standalone' */\n  images: { unoptimized: true },\n}\n";
    expect(node({ 'package.json': NEXT_PKG, 'next.config.js': commented }).nextStandalone).toBe(false);
    expect(
      node({ 'package.json': NEXT_PKG, 'next.config.js': "module.exports = { output: 'export' }" })
        .nextStandalone,
    ).toBe(false);
    expect(readNextConfig(project({}), '.')).toEqual({ file: null, standalone: false, distDir: null });
  });

  it('detects NestJS by @nestjs/core or nest-cli.json and uses its build tsconfig', () => {
    const facts = node({
      'package.json': NEST_PKG,
      'nest-cli.json':
        '{\n  "$schema": "https://json.schemastore.org/nest-cli",\n  "collection": "@nestjs/schematics",\n  "sourceRoot": "src"\n}\n',
      'tsconfig.json': '{ "compilerOptions": { "outDir": "./dist", "baseUrl": "./" } }',
      'tsconfig.build.json':
        '{\n  "extends": "./tsconfig.json",\n  "exclude": ["node_modules", "test", "dist", "**/*spec.ts"]\n}\n',
    });
    expect(facts).toMatchObject({
      framework: 'nest',
      typescript: true,
      tsconfig: 'tsconfig.build.json',
      tsOutDir: 'dist',
    });
    expect(node({ 'package.json': { name: 'x' }, 'nest-cli.json': '{}' }).framework).toBe('nest');
  });

  it('takes the tsconfig a tsc build script names', () => {
    const facts = node({
      'package.json': {
        name: 'svc',
        scripts: { build: 'rimraf lib && tsc -p tsconfig.prod.json' },
        devDependencies: { typescript: '^5.4.2' },
      },
      'tsconfig.json': '{ "compilerOptions": { "outDir": "dist" } }',
      'tsconfig.prod.json':
        '{ "extends": "./tsconfig.json", "compilerOptions": { "outDir": "lib", "sourceMap": false } }',
    });
    expect(facts).toMatchObject({
      framework: null,
      typescript: true,
      tsconfig: 'tsconfig.prod.json',
      tsOutDir: 'lib',
      bundler: null,
    });
  });

  it('reports no TypeScript for a plain JavaScript project', () => {
    expect(node({ 'package.json': { name: 'x', dependencies: { express: '^4' } } })).toMatchObject({
      typescript: false,
      tsconfig: null,
      tsOutDir: null,
      framework: null,
      nextStandalone: false,
    });
  });

  it('names the bundler the build script runs, following npm run chains', () => {
    const facts = node({
      'package.json': {
        name: 'svc',
        scripts: {
          build: 'npm run clean && npm run build:bundle',
          clean: 'rimraf dist',
          'build:bundle': 'esbuild src/index.ts --bundle --platform=node --outfile=dist/index.js',
        },
        devDependencies: { esbuild: '^0.20.1', vite: '^5.1.0', vitest: '^1.3.1' },
      },
    });
    expect(facts.bundler).toBe('esbuild');
    expect(detectBundler('vite build', new Set())).toBe('vite');
    expect(detectBundler('tsup src/index.ts --format cjs', new Set())).toBe('tsup');
    expect(detectBundler('webpack --mode production', new Set())).toBe('webpack');
    expect(detectBundler('tsc', new Set(['esbuild']))).toBeNull();
    expect(detectBundler(null, new Set(['vite']))).toBe('vite');
    expect(detectBundler(null, new Set(['vite', 'esbuild']))).toBeNull();
    expect(expandScript({ build: 'yarn compile', compile: 'tsc' }, 'build')).toBe('tsc');
    expect(expandScript({ build: 'npm run build' }, 'build')).toBe('npm run build');
  });

  it('reads workspaces from package.json (array or object) and pnpm-workspace.yaml', () => {
    expect(node({ 'package.json': { name: 'r', workspaces: ['apps/*', 'packages/*'] } }).workspaces).toEqual([
      'apps/*',
      'packages/*',
    ]);
    expect(
      node({
        'package.json': { name: 'r', workspaces: { packages: ['packages/*'], nohoist: ['**/react-native'] } },
      }).workspaces,
    ).toEqual(['packages/*']);
    const pnpm = node({
      'package.json': { name: 'r', private: true },
      'pnpm-workspace.yaml':
        "packages:\n  - 'apps/*'\n  - \"packages/*\"\n  - '!**/test/**'\nonlyBuiltDependencies:\n  - bcrypt\n",
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    });
    expect(pnpm).toMatchObject({
      workspaces: ['apps/*', 'packages/*', '!**/test/**'],
      nativeAddons: ['bcrypt'],
    });
    expect(node({ 'package.json': { name: 'r' } }).workspaces).toEqual([]);
  });
});

describe('packageDir', () => {
  const monorepo = {
    'package.json': { name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] },
    'package-lock.json': '{}',
    'apps/api/package.json': { name: '@acme/api', scripts: { build: 'tsc', start: 'node dist/main.js' } },
    'apps/api/tsconfig.json': '{ "compilerOptions": { "outDir": "dist" } }',
    'apps/api/.nvmrc': '20\n',
    'apps/web/package.json': { name: '@acme/web', dependencies: { next: '14.1.3' } },
    'packages/shared/package.json': { name: '@acme/shared' },
  };

  it('is the folder of the package.json the Dockerfile copies', () => {
    const facts = node(
      monorepo,
      dockerfile(
        'FROM node:20',
        'WORKDIR /app',
        'COPY package*.json ./',
        'COPY apps/api/package.json ./apps/api/',
        'RUN npm ci',
      ),
    );
    expect(facts).toMatchObject({
      packageDir: 'apps/api',
      manifest: 'apps/api/package.json',
      name: '@acme/api',
      lockfile: 'package-lock.json',
      tsconfig: 'apps/api/tsconfig.json',
      tsOutDir: 'dist',
      nvmrc: '20',
      nodeVersionFile: 'apps/api/.nvmrc',
      workspaces: ['apps/*', 'packages/*'],
    });
  });

  it('reads COPY sources with the ARG and ENV values Docker would use', () => {
    const facts = node(
      monorepo,
      dockerfile(
        'ARG APP=apps/api',
        'FROM node:20',
        'ARG APP',
        'WORKDIR /app',
        'COPY package*.json ./',
        'COPY ${APP}/package.json ./${APP}/',
        'RUN npm ci',
      ),
    );
    expect(facts).toMatchObject({ packageDir: 'apps/api', name: '@acme/api' });
    // A variable with no value anywhere names no known folder: the copy is left out.
    const unknown = dockerfile('FROM node:20', 'COPY ${APP}/package.json ./', 'RUN npm ci');
    expect(node(monorepo, unknown).packageDir).toBe('.');
  });

  it('is the root by default', () => {
    expect(node(monorepo).packageDir).toBe('.');
    expect(
      node(monorepo, dockerfile('FROM node:20', 'COPY ["package.json", "package-lock.json", "./"]'))
        .packageDir,
    ).toBe('.');
  });

  it('picks among several copied package.json files by WORKDIR, RUN filters or CMD', () => {
    const copies = [
      'COPY packages/shared/package.json packages/shared/',
      'COPY apps/api/package.json apps/api/',
      'COPY apps/web/package.json apps/web/',
    ];
    const pick = (...rest: string[]) =>
      node(monorepo, dockerfile('FROM node:20', 'WORKDIR /app', ...copies, ...rest)).packageDir;
    expect(pick('RUN npm ci', 'WORKDIR /app/apps/api', 'CMD ["node", "dist/main.js"]')).toBe('apps/api');
    expect(pick('RUN npm ci && npm run build --workspace=apps/api')).toBe('apps/api');
    expect(pick('RUN pnpm install && pnpm --filter @acme/api... build')).toBe('apps/api');
    expect(pick('CMD ["node", "apps/api/dist/main.js"]')).toBe('apps/api');
    // Nothing says: the last one copied.
    expect(pick('RUN npm ci')).toBe('apps/web');
  });

  it('uses a copied folder holding a package.json when the root has none', () => {
    const facts = node(
      {
        'services/billing/package.json': { name: 'billing' },
        'services/billing/yarn.lock': '# yarn lockfile v1\n',
      },
      dockerfile(
        'FROM node:20',
        'WORKDIR /app',
        'COPY services/billing/ .',
        'RUN yarn install --frozen-lockfile',
      ),
    );
    expect(facts).toMatchObject({
      packageDir: 'services/billing',
      lockfile: 'services/billing/yarn.lock',
      packageManager: 'yarn',
    });
  });

  it('ignores package.json copies from other stages and folders without one', () => {
    const facts = node(
      monorepo,
      dockerfile(
        'FROM node:20',
        'COPY --from=deps /app/apps/api/package.json ./apps/api/',
        'COPY apps/missing/package.json x/',
      ),
    );
    expect(facts.packageDir).toBe('.');
  });
});
