// Rules kept back so the migrated image works where the original did: node_modules, env files, .git.
import { compileRules } from '../../src/dockerignore';
import { lines, nodeFacts, plan } from './helpers';

const ruleSet = (text: string | null) => new Set((text ?? '').split('\n'));

describe('node_modules', () => {
  const express = { 'package.json': '{}', 'src/index.js': '', 'node_modules/express/index.js': '' };
  const ids = (notes: { id: string }[]) => notes.map((n) => n.id);

  it('stays when no RUN installs and a COPY brings it, with a note on installing in the image', () => {
    const result = plan({
      facts: nodeFacts({ packageManager: 'pnpm', lockfile: 'pnpm-lock.yaml' }),
      files: {
        Dockerfile: lines('FROM node:20', 'WORKDIR /app', 'COPY . .', 'CMD ["node", "src/index.js"]'),
        ...express,
      },
    });
    expect(ruleSet(result.text)).not.toContain('**/node_modules');
    const kept = result.notes.find((n) => n.id === 'dockerignore-node-modules-kept');
    expect(kept?.message).toMatch(/^node_modules stay in the build context/);
    expect(kept?.message).toContain('pnpm-lock.yaml, RUN pnpm install --frozen-lockfile');
  });

  it('is left out when a RUN installs, itself or through the package scripts it runs', () => {
    const scripts = {
      setup: 'npm run deps && npm run build',
      deps: 'npm ci',
      prestart: 'yarn',
      build: 'tsc',
    };
    for (const run of ['RUN npm ci', 'RUN yarn', 'RUN bun install', 'RUN npm run setup', 'RUN npm start']) {
      const result = plan({
        facts: nodeFacts({ scripts }),
        files: { Dockerfile: lines('FROM node:20', 'WORKDIR /app', 'COPY . .', run), ...express },
      });
      expect(ruleSet(result.text)).toContain('**/node_modules');
      expect(ids(result.notes)).not.toContain('dockerignore-node-modules-kept');
    }
  });

  it('is left out when no COPY brings it, and a global install is no install', () => {
    for (const dockerfile of [
      lines('FROM node:20', 'WORKDIR /app', 'COPY src ./src', 'CMD ["node", "src/index.js"]'),
      lines('FROM node:20', 'RUN npm install -g pm2', 'COPY package.json src ./'),
    ]) {
      const result = plan({ facts: nodeFacts(), files: { Dockerfile: dockerfile, ...express } });
      expect(ruleSet(result.text)).toContain('**/node_modules');
      expect(ids(result.notes)).not.toContain('dockerignore-node-modules-kept');
    }
    const global = plan({
      facts: nodeFacts(),
      files: { Dockerfile: lines('FROM node:20', 'RUN npm install -g pm2', 'COPY . .'), ...express },
    });
    expect(ruleSet(global.text)).not.toContain('**/node_modules');
  });

  it('keeps only the folders the image takes, nested packages and all', () => {
    const files = {
      Dockerfile: lines('FROM node:20', 'WORKDIR /app', 'COPY api ./', 'CMD ["node", "index.js"]'),
      'api/package.json': '{}',
      'api/index.js': '',
      'api/node_modules/a/node_modules/b/index.js': '',
      'web/node_modules/c/index.js': '',
    };
    const { text } = plan({ facts: nodeFacts({ packageDir: 'api' }), files });
    expect(text).toContain('\n**/node_modules\n!api/node_modules\n');
    const rules = compileRules(text ?? '');
    expect(rules.ignores('api/node_modules/a/node_modules/b/index.js')).toBe(false);
    expect(rules.ignores('web/node_modules/c/index.js')).toBe(true);
  });
});

describe('env files in any folder', () => {
  const base = { 'package.json': '{}', 'src/index.js': '' };

  it('keeps one the original image holds, wherever it is, and names it', () => {
    const result = plan({
      facts: nodeFacts(),
      files: {
        Dockerfile: lines('FROM node:20', 'COPY . .', 'RUN npm ci'),
        'config/.env': 'SECRET=x',
        'deploy/prod/.env.production': 'SECRET=y',
        ...base,
      },
    });
    expect(ruleSet(result.text)).not.toContain('**/.env*');
    const kept = result.notes.find((n) => n.id === 'dockerignore-secret-kept');
    expect(kept?.message).toMatch(/^config\/\.env, deploy\/prod\/\.env\.production may hold secrets/);
  });

  it('hides one the original image does not hold, and says so; a root one not copied too', () => {
    const result = plan({
      facts: nodeFacts(),
      files: {
        Dockerfile: lines('FROM node:20', 'COPY src ./src', 'COPY config/.env ./config/'),
        '.env': 'A=1',
        'config/.env': 'SECRET=x',
        'tools/.env.local': 'B=2',
        ...base,
      },
    });
    expect(result.text).toContain('**/.env*\n!**/.env.example\n!config/.env\n');
    const rules = compileRules(result.text ?? '');
    expect(rules.ignores('.env')).toBe(true);
    expect(rules.ignores('tools/.env.local')).toBe(true);
    const excluded = result.notes.find((n) => n.id === 'dockerignore-env-excluded');
    expect(excluded?.message).toMatch(/^\.env, tools\/\.env\.local no longer reach the image/);
  });

  it('leaves those in a folder another rule hides whole to that rule', () => {
    const result = plan({
      facts: nodeFacts({ scripts: { build: 'tsc' }, buildScript: 'tsc' }),
      files: {
        Dockerfile: lines('FROM node:20', 'COPY . .', 'RUN npm ci && npm run build'),
        'node_modules/x/.env': 'A=1',
        'dist/.env': 'B=2',
        ...base,
      },
    });
    expect(ruleSet(result.text)).toContain('**/.env*');
    expect(result.notes.map((n) => n.id)).not.toContain('dockerignore-secret-kept');
  });
});

describe('.git for a Node build', () => {
  const files = (dockerfile: string, extra: Record<string, string> = {}) => ({
    Dockerfile: dockerfile,
    'package.json': '{}',
    '.git/HEAD': 'ref: refs/heads/main\n',
    ...extra,
  });
  const build = lines('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build');
  const gitKept = (result: ReturnType<typeof plan>) =>
    result.notes.find((n) => n.id === 'dockerignore-git-kept')?.message ?? null;

  it('stays when a RUN runs git, even inside $(...)', () => {
    for (const run of [
      'RUN git rev-parse HEAD > version',
      'RUN VERSION=$(git describe --tags) npm run build',
    ]) {
      const result = plan({ facts: nodeFacts(), files: files(lines('FROM node:20', 'COPY . .', run)) });
      expect(ruleSet(result.text)).not.toContain('.git');
      expect(gitKept(result)).toMatch(/^`git (rev-parse|describe)` in a RUN line reads \.git/);
    }
  });

  it('stays when a package script the build runs calls git, or runs a file that does', () => {
    const viaPre = nodeFacts({
      scripts: { prebuild: 'npm run stamp', stamp: 'git log -1 > c.txt', build: 'tsc' },
    });
    expect(gitKept(plan({ facts: viaPre, files: files(build) }))).toContain(
      '`git log` in the package script stamp',
    );
    const viaFile = nodeFacts({ scripts: { build: 'node scripts/version.js && tsc' } });
    const script = "const { execSync } = require('child_process');\nexecSync(`git rev-parse HEAD`);\n";
    expect(
      gitKept(plan({ facts: viaFile, files: files(build, { 'scripts/version.js': script }) })),
    ).toContain('git in scripts/version.js (run by the package script build)');
    const spawned = "require('child_process').spawnSync('git', ['describe']);\n";
    expect(
      gitKept(plan({ facts: viaFile, files: files(build, { 'scripts/version.js': spawned }) })),
    ).not.toBeNull();
    const viaShell = nodeFacts({ scripts: { build: 'sh ./scripts/stamp.sh && tsc' } });
    const stamp = '#!/bin/sh\nset -e\ngit describe --tags > VERSION\n';
    expect(gitKept(plan({ facts: viaShell, files: files(build, { 'scripts/stamp.sh': stamp }) }))).toContain(
      'git in scripts/stamp.sh (run by the package script build)',
    );
  });

  it('stays when an install runs a lifecycle script that calls git, unless scripts are off', () => {
    const facts = nodeFacts({ scripts: { postinstall: 'git describe --tags > VERSION' } });
    const install = (run: string) => files(lines('FROM node:20', 'COPY . .', run));
    expect(gitKept(plan({ facts, files: install('RUN npm ci') }))).toContain(
      'the package script postinstall',
    );
    expect(gitKept(plan({ facts, files: install('RUN npm ci --ignore-scripts') }))).toBeNull();
  });

  it('stays when the project depends on a package that reads it', () => {
    const facts = nodeFacts({ dependencies: ['git-rev-sync'] });
    expect(gitKept(plan({ facts, files: files(build) }))).toContain('the package git-rev-sync');
  });

  it('is hidden when nothing runs git, git only clones, the image does not take it, or there is none', () => {
    const facts = nodeFacts({ scripts: { build: 'tsc' }, dependencies: ['git-rev-sync'] });
    const cases = [
      plan({ facts: nodeFacts({ scripts: { build: 'tsc' } }), files: files(build) }),
      plan({
        facts: nodeFacts(),
        files: files(lines('FROM node:20', 'COPY . .', 'RUN git clone https://x/y.git')),
      }),
      plan({
        facts: nodeFacts(),
        files: files(lines('FROM node:20', 'RUN apt-get install -y git curl', 'COPY . .', 'RUN npm ci')),
      }),
      plan({ facts, files: files(lines('FROM node:20', 'COPY src ./src', 'RUN npm ci && npm run build')) }),
      plan({ facts, files: { Dockerfile: build, 'package.json': '{}' } }),
    ];
    for (const result of cases) {
      expect(ruleSet(result.text)).toContain('.git');
      expect(gitKept(result)).toBeNull();
    }
  });
});
