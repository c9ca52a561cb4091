import { helperLoads, importHelpersConfig } from '../../../src/kinds/node/helper-runtimes';
import { dockerfile, node, project } from '../helpers';

const ts = (compilerOptions: object, more: object = {}) => ({ compilerOptions, ...more });

describe('importHelpersConfig', () => {
  it('finds importHelpers set in the tsconfig or a base it extends, the nearest setting winning', () => {
    expect(
      importHelpersConfig(project({ 'tsconfig.json': ts({ importHelpers: true }) }), 'tsconfig.json'),
    ).toBe('tsconfig.json');
    const chain = project({
      'apps/api/tsconfig.json': { extends: '../../tsconfig.base', compilerOptions: { outDir: 'dist' } },
      'tsconfig.base.json': { extends: './configs/strict.json' },
      'configs/strict.json': ts({ importHelpers: true, noEmitHelpers: true }),
    });
    expect(importHelpersConfig(chain, 'apps/api/tsconfig.json')).toBe('configs/strict.json');
    const off = project({
      'tsconfig.json': { extends: './base.json', compilerOptions: { importHelpers: false } },
      'base.json': ts({ importHelpers: true }),
    });
    expect(importHelpersConfig(off, 'tsconfig.json')).toBeNull();
  });

  it('lets the last of several bases win, and follows project references', () => {
    const several = project({
      'tsconfig.json': { extends: ['./a.json', './b.json'] },
      'a.json': ts({ importHelpers: true }),
      'b.json': ts({ importHelpers: false }),
    });
    expect(importHelpersConfig(several, 'tsconfig.json')).toBeNull();
    const refs = project({
      'tsconfig.json': { files: [], references: [{ path: './packages/server' }] },
      'packages/server/tsconfig.json': ts({ importHelpers: true }),
    });
    expect(importHelpersConfig(refs, 'tsconfig.json')).toBe('packages/server/tsconfig.json');
  });

  it('reads nothing outside the context or in a package, and ends on a cycle', () => {
    const outside = project({ 'tsconfig.json': { extends: '../../tsconfig.json' } });
    expect(importHelpersConfig(outside, 'tsconfig.json')).toBeNull();
    const pkg = project({ 'tsconfig.json': { extends: '@tsconfig/node20/tsconfig.json' } });
    expect(importHelpersConfig(pkg, 'tsconfig.json')).toBeNull();
    const cycle = project({ 'a.json': { extends: './b.json' }, 'b.json': { extends: './a.json' } });
    expect(importHelpersConfig(cycle, 'a.json')).toBeNull();
  });
});

describe('helperLoads', () => {
  it('needs tslib only when it is dev-only and the build imports helpers', () => {
    const view = project({
      'tsconfig.json': '// comments are fine\n{ "compilerOptions": { "importHelpers": true, } }',
    });
    expect(helperLoads(view, 'tsconfig.json', '.', ['tslib', 'typescript'])).toEqual([
      { name: 'tslib', file: 'tsconfig.json', named: false, manifest: null, helper: 'sets importHelpers' },
    ]);
    expect(helperLoads(view, 'tsconfig.json', '.', ['typescript'])).toEqual([]);
    expect(helperLoads(view, null, '.', ['tslib'])).toEqual([]);
  });

  it("needs Babel's runtime when a Babel config from the package up uses the runtime transform", () => {
    const js = project({
      'babel.config.js':
        "module.exports = { plugins: [['@babel/plugin-transform-runtime', { corejs: 3 }]] };",
    });
    expect(helperLoads(js, null, 'apps/api', ['@babel/runtime-corejs3', '@babel/core'])).toEqual([
      {
        name: '@babel/runtime-corejs3',
        file: 'babel.config.js',
        named: false,
        manifest: null,
        helper: 'uses @babel/plugin-transform-runtime',
      },
    ]);
    const manifest = project({ 'package.json': { babel: { plugins: ['@babel/transform-runtime'] } } });
    expect(helperLoads(manifest, null, '.', ['@babel/runtime']).map((l) => l.file)).toEqual(['package.json']);
    const none = project({ '.babelrc': '{ "presets": ["@babel/preset-env"] }' });
    expect(helperLoads(none, null, '.', ['@babel/runtime'])).toEqual([]);
  });

  it('needs @swc/helpers when .swcrc sets jsc.externalHelpers', () => {
    const view = project({ '.swcrc': { jsc: { externalHelpers: true } } });
    expect(helperLoads(view, null, '.', ['@swc/helpers']).map((l) => l.helper)).toEqual([
      'sets jsc.externalHelpers',
    ]);
  });
});

describe('detectNode with helper packages', () => {
  it("counts a workspace member's tslib as loaded, to be moved into that member's package.json", () => {
    const files = {
      'package.json': { name: 'acme', private: true, workspaces: ['apps/*'] },
      'apps/api/package.json': { name: 'api', scripts: { build: 'tsc' }, devDependencies: { tslib: '2' } },
      'apps/api/tsconfig.json': ts({ outDir: 'dist', importHelpers: true }),
      'apps/api/src/main.ts': 'export const a = async () => 1;',
    };
    const model = dockerfile(
      'FROM node:20',
      'WORKDIR /app',
      'COPY package*.json ./',
      'COPY apps/api/package.json ./apps/api/',
      'RUN npm ci',
      'COPY . .',
    );
    const facts = node(files, model);
    expect(facts.packageDir).toBe('apps/api');
    expect(facts.devLoaded).toEqual([
      {
        name: 'tslib',
        file: 'apps/api/tsconfig.json',
        named: false,
        manifest: 'apps/api/package.json',
        helper: 'sets importHelpers',
      },
    ]);
  });
});
