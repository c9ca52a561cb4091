import { devBins, devOnlyPackages } from '../../../src/kinds/node/dev-only';
import { installDevNeeds, runtimeDevNeeds } from '../../../src/kinds/node/dev-needs';
import { readNodeStage } from '../../../src/kinds/node/stage';
import { dockerfile, node } from '../helpers';

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

describe('devOnlyPackages and devBins', () => {
  it('counts a devDependency another dependency list repeats as kept, across the package and its root', () => {
    const member = { devDependencies: { a: '1', b: '1', c: '1' }, dependencies: { b: '1' } };
    const root = { devDependencies: { d: '1' }, peerDependencies: { c: '1' } };
    expect(devOnlyPackages([member, root, null])).toEqual(['a', 'd']);
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
      needs: [{ name: 'prom-client', why: 'src/metrics.js loads it' }],
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
    expect(needs(files, 'CMD ["node", "index.js"]').unknown).toMatch(/broken\.js could not be parsed/);
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
