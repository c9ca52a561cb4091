import { devBins, devOnlyFor, ownerOf } from '../../../src/kinds/node/dev-only';
import { packagesText } from '../../../src/kinds/node/notes';
import { installDevNeeds, runtimeDevNeeds } from '../../../src/kinds/node/dev-needs';
import { readNodeStage } from '../../../src/kinds/node/stage';
import { readStartScripts } from '../../../src/pipeline/start-scripts';
import { dockerfile, node, project } from '../helpers';

const pkg = (scripts: Record<string, string>, devDependencies: Record<string, string>) => ({
  name: 'app',
  version: '1.0.0',
  scripts,
  dependencies: { express: '^4.19.2' },
  devDependencies,
});

/** The needs of the running container for a project and the last lines of its Dockerfile. */
function needs(files: Record<string, string | object>, ...tail: string[]) {
  const model = dockerfile('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', ...tail);
  const facts = node(files, model);
  return runtimeDevNeeds(facts, readNodeStage(model, facts));
}

/** The same, with the start scripts of the context read as the pipeline reads them. */
function needsWithScripts(files: Record<string, string | object>, ...tail: string[]) {
  const model = dockerfile('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', ...tail);
  const facts = node(files, model);
  return runtimeDevNeeds(facts, readNodeStage(model, facts, [], readStartScripts(project(files), model)));
}

describe('devOnlyPackages and devBins', () => {
  it('counts a devDependency another dependency list repeats as kept, across the package and its root', () => {
    const member = {
      dir: 'apps/api',
      pkg: { devDependencies: { a: '1', b: '1', c: '1' }, dependencies: { b: '1' } },
    };
    const root = { dir: '.', pkg: { devDependencies: { d: '1' }, peerDependencies: { c: '1' } } };
    expect(devOnlyFor([member, root], member)).toEqual(['a', 'd']);
  });

  it('knows programs by package name, by the lockfile and by a table of tools named otherwise', () => {
    const lock = { packages: { 'node_modules/@acme/tool': { bin: { acme: 'bin/acme.js' } } } };
    expect(devBins(['ts-node', 'typescript', '@acme/tool', '@types/node'], lock)).toEqual({
      'ts-node': 'ts-node',
      'ts-node-esm': 'ts-node',
      'ts-node-script': 'ts-node',
      'ts-node-transpile-only': 'ts-node',
      typescript: 'typescript',
      tsc: 'typescript',
      tsserver: 'typescript',
      acme: '@acme/tool',
    });
  });
});

describe('runtimeDevNeeds', () => {
  it('needs a devDependency the app imports, and says which file', () => {
    const result = needs(
      { 'package.json': pkg({}, { 'prom-client': '1' }), 'src/metrics.js': "require('prom-client');" },
      'CMD ["node", "src/metrics.js"]',
    );
    expect(result).toEqual({
      needs: [{ name: 'prom-client', why: 'src/metrics.js loads it', manifest: 'package.json' }],
      unknown: null,
    });
  });

  it('needs nothing when the app loads none of them', () => {
    const files = { 'package.json': pkg({}, { jest: '1' }), 'index.js': "require('express');" };
    expect(needs(files, 'CMD ["node", "index.js"]')).toEqual({ needs: [], unknown: null });
  });

  it('needs what the start command preloads, in every form node takes it', () => {
    const files = {
      'package.json': pkg(
        { start: 'node -r dotenv/config index.js' },
        { dotenv: '1', tsx: '1', 'ts-node': '1' },
      ),
      'index.js': '',
    };
    const names = (...tail: string[]) => needs(files, ...tail).needs.map((n) => n.name);
    expect(names('CMD ["npm", "start"]')).toEqual(['dotenv']);
    expect(names('CMD ["node", "--import", "tsx", "src/server.ts"]')).toEqual(['tsx']);
    expect(names('CMD node --loader=ts-node/esm index.js')).toEqual(['ts-node']);
    expect(names('ENV NODE_OPTIONS="--require dotenv/config"', 'CMD ["node", "index.js"]')).toEqual([
      'dotenv',
    ]);
    expect(names('CMD NODE_OPTIONS="-r tsx" node index.js')).toEqual(['tsx']);
  });

  it('needs the package of a program the start runs, through scripts, wrappers and shells', () => {
    const files = {
      'package.json': pkg(
        {
          start: 'cross-env NODE_ENV=production npm run serve',
          serve: 'nest start',
          prestart: 'prisma migrate deploy',
        },
        { '@nestjs/cli': '1', 'cross-env': '1', prisma: '1' },
      ),
    };
    const result = needs(files, 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["sh", "-c", "npm start"]');
    expect(result.needs).toEqual([
      { name: 'prisma', why: 'the prestart script runs prisma' },
      { name: 'cross-env', why: 'the start script runs cross-env' },
      { name: '@nestjs/cli', why: 'the serve script runs nest' },
    ]);
  });

  it('cannot tell when the app files could not all be read', () => {
    const files = { 'package.json': pkg({}, { jest: '1' }), 'broken.js': 'let let <<' };
    expect(needs(files, 'CMD ["node", "index.js"]').unknown).toEqual({
      reason: expect.stringMatching(/broken\.js could not be parsed/),
      fix: expect.stringMatching(/fix its syntax/),
    });
  });
});

describe('runtimeDevNeeds through wrappers that set variables', () => {
  const files = {
    'package.json': pkg({ start: 'cross-env NODE_OPTIONS=-r dotenv/config node server.js' }, { dotenv: '1' }),
    'server.js': '',
  };
  const names = (...tail: string[]) => needs(files, ...tail).needs.map((n) => n.name);

  it('reads NODE_OPTIONS that env and cross-env set, in exec form, shell form and package scripts', () => {
    expect(names('CMD ["env", "NODE_OPTIONS=--require dotenv/config", "node", "server.js"]')).toEqual([
      'dotenv',
    ]);
    expect(names('CMD ["cross-env", "NODE_OPTIONS=-r dotenv/config", "node", "server.js"]')).toEqual([
      'dotenv',
    ]);
    expect(names('CMD env -i PORT=80 NODE_OPTIONS="--import dotenv/config" node server.js')).toEqual([
      'dotenv',
    ]);
    expect(names('CMD ["env", "-u", "X", "NODE_OPTIONS=-r dotenv/config", "node", "server.js"]')).toEqual([
      'dotenv',
    ]);
    expect(names('CMD ["env", "-S", "NODE_OPTIONS=-r\\\\ dotenv/config node server.js"]')).toEqual([
      'dotenv',
    ]);
    expect(names('CMD ["cross-env-shell", "NODE_OPTIONS=\\"-r dotenv/config\\"", "node server.js"]')).toEqual(
      ['dotenv'],
    );
    // The unquoted form in the start script: the preload is the word after the assignment.
    expect(names('CMD ["npm", "start"]')).toEqual(['dotenv']);
  });

  it('reads dotenv-cli variables, export in a shell string, and keeps node flags after a wrapper', () => {
    expect(names('CMD ["dotenv", "-v", "NODE_OPTIONS=-r dotenv/config", "--", "node", "server.js"]')).toEqual(
      ['dotenv'],
    );
    expect(names('CMD export NODE_OPTIONS="-r dotenv/config" && node server.js')).toEqual(['dotenv']);
    expect(names('CMD ["tini", "-s", "node", "-r", "dotenv/config", "server.js"]')).toEqual(['dotenv']);
    expect(names('CMD ["env", "NODE_ENV=production", "node", "-r", "dotenv/config", "server.js"]')).toEqual([
      'dotenv',
    ]);
    expect(names('CMD ["env", "PORT=80", "node", "server.js"]')).toEqual([]);
  });
});

describe('runtimeDevNeeds through the start scripts of the context', () => {
  const base = {
    'package.json': pkg({}, { prisma: '1', dotenv: '1', typescript: '1' }),
    'dist/index.js': '',
  };

  it('needs what an entrypoint script runs: npx, bins, yarn shorthands, preloads, in if blocks', () => {
    const entry = [
      '#!/bin/sh',
      'set -e',
      'if [ "$MIGRATE" = 1 ]; then',
      '  npx prisma migrate deploy',
      'fi',
      'export NODE_OPTIONS="--require dotenv/config"',
      'exec node dist/index.js',
    ].join('\n');
    const result = needsWithScripts(
      { ...base, 'docker-entrypoint.sh': entry },
      'ENTRYPOINT ["./docker-entrypoint.sh"]',
    );
    expect(result).toEqual({
      needs: [
        { name: 'prisma', why: 'the script docker-entrypoint.sh runs prisma' },
        { name: 'dotenv', why: 'the script docker-entrypoint.sh preloads dotenv/config' },
      ],
      unknown: null,
    });
    const yarn = needsWithScripts(
      { ...base, 'start.sh': 'yarn prisma migrate deploy\n' },
      'CMD ["sh", "start.sh"]',
    );
    expect(yarn.needs.map((n) => n.name)).toEqual(['prisma']);
  });

  it('follows the scripts a script runs, and the CMD an entrypoint passes on with "$@"', () => {
    const files = {
      ...base,
      'scripts/entry.sh': '#!/bin/sh\nsh ./scripts/migrate.sh\nexec "$@"\n',
      'scripts/migrate.sh': 'prisma migrate deploy\n',
    };
    const result = needsWithScripts(
      files,
      'ENTRYPOINT ["scripts/entry.sh"]',
      'CMD ["node", "-r", "dotenv/config", "dist/index.js"]',
    );
    expect(result.needs.map((n) => n.name).sort()).toEqual(['dotenv', 'prisma']);
    // An entrypoint that does not run its arguments does not run the CMD's preload.
    const closed = needsWithScripts(
      { ...base, 'entry.sh': 'exec node dist/index.js\n' },
      'ENTRYPOINT ["./entry.sh"]',
      'CMD ["node", "-r", "dotenv/config", "x.js"]',
    );
    expect(closed.needs).toEqual([]);
  });

  it('cannot tell what a start script too large to read runs', () => {
    const big = '#!/bin/sh\n' + 'echo hello\n'.repeat(30000);
    const result = needsWithScripts({ ...base, 'entry.sh': big }, 'ENTRYPOINT ["./entry.sh"]');
    expect(result.unknown).toEqual({
      reason: expect.stringMatching(
        /^the script entry\.sh, which the start command runs, is larger than 256 KB/,
      ),
      fix: expect.stringMatching(/move the devDependencies they run to dependencies/),
    });
  });
});

describe('runtimeDevNeeds in a workspace', () => {
  const workspace = (api: object, lib: object, src: string) => ({
    'package.json': {
      name: 'shop',
      private: true,
      dependencies: { tslib: '1' },
      devDependencies: { typescript: '1' },
    },
    'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
    'packages/api/package.json': { name: '@shop/api', ...api },
    'packages/lib/package.json': { name: '@shop/lib', ...lib },
    'packages/api/src/index.ts': src,
  });
  const run = (files: Record<string, string | object>) => {
    const model = dockerfile(
      'FROM node:20',
      'WORKDIR /repo',
      'COPY . .',
      'RUN pnpm install',
      'CMD ["node", "packages/api/dist/index.js"]',
    );
    const facts = node(files, model);
    return { facts, result: runtimeDevNeeds(facts, readNodeStage(model, facts)) };
  };

  it("needs a member's devDependency its own code loads, naming the member's package.json", () => {
    const { facts, result } = run(
      workspace(
        { devDependencies: { 'pino-pretty': '1', vitest: '1' } },
        {},
        "import pretty from 'pino-pretty'; pretty();",
      ),
    );
    expect(facts.devOnly).toEqual(['pino-pretty', 'typescript', 'vitest']);
    expect(result.needs).toEqual([
      {
        name: 'pino-pretty',
        why: 'packages/api/src/index.ts loads it',
        manifest: 'packages/api/package.json',
      },
    ]);
    expect(packagesText(result.needs, facts.manifest)).toBe('pino-pretty in packages/api/package.json');
  });

  it("is safe when the member or a manifest above it lists the package for production, not a sibling's", () => {
    const src = "require('dayjs'); require('tslib');";
    const devInLib = { devDependencies: { dayjs: '1', tslib: '1' } };
    expect(run(workspace({ dependencies: { dayjs: '1' } }, devInLib, src)).result.needs).toEqual([]);
    // pnpm links a sibling's dependency into the sibling's node_modules only.
    const prodInLib = { dependencies: { dayjs: '1' } };
    expect(run(workspace({ devDependencies: { dayjs: '1' } }, prodInLib, src)).result.needs).toEqual([
      { name: 'dayjs', why: 'packages/api/src/index.ts loads it', manifest: 'packages/api/package.json' },
    ]);
  });

  it('counts a file no manifest holds against devDependencies anywhere', () => {
    const api = { dir: 'apps/api', pkg: { dependencies: { a: '1' }, devDependencies: { b: '1' } } };
    const lib = { dir: 'apps/lib', pkg: { devDependencies: { a: '1' } } };
    expect(devOnlyFor([api, lib], null)).toEqual(['a', 'b']);
    expect(devOnlyFor([api, lib], api)).toEqual(['b']);
    expect(ownerOf([api, lib], 'apps/lib/src')).toBe(lib);
    expect(ownerOf([api, lib], 'shared/util.js')).toBeNull();
  });

  it('names the package.json to move each package into only when it is not the root one', () => {
    const needs = [
      { name: 'a', why: 'x', manifest: 'package.json' },
      { name: 'b', why: 'y', manifest: 'apps/api/package.json' },
      { name: 'c', why: 'z' },
    ];
    expect(packagesText(needs, 'package.json')).toBe('a, b in apps/api/package.json, c');
    expect(packagesText(needs, 'apps/web/package.json')).toBe(
      'a, b in apps/api/package.json, c in apps/web/package.json',
    );
  });
});

describe('installDevNeeds', () => {
  it('needs the programs the lifecycle scripts of a production install run', () => {
    const facts = node({
      'package.json': pkg(
        { prepare: 'husky', postinstall: 'patch-package && node x.js' },
        { husky: '1', 'patch-package': '1' },
      ),
    });
    expect(installDevNeeds(facts).map((n) => n.name)).toEqual(['patch-package', 'husky']);
    expect(installDevNeeds(node({ 'package.json': pkg({ build: 'tsc' }, { typescript: '1' }) }))).toEqual([]);
  });
});
