import { lockfileSync, type Manifest } from '../../../src/kinds/node/lockfile-sync';
import { node, project } from '../helpers';

const pkg = {
  name: 'app',
  version: '1.0.0',
  dependencies: { express: '^4.19.2' },
  devDependencies: { jest: '^29.7.0' },
};
const root: Manifest[] = [{ dir: '.', pkg }];

const npmLock = (record: object, version = 3) =>
  JSON.stringify({ name: 'app', lockfileVersion: version, packages: { '': record } });

describe('lockfileSync: npm', () => {
  it('is in sync when the root entry records the same ranges', () => {
    const view = project({ 'package-lock.json': npmLock(pkg) });
    expect(lockfileSync(view, 'package-lock.json', root)).toEqual({ inSync: true, lockfileVersion: 3 });
  });

  it('names the first difference: a range changed, a dependency added or removed', () => {
    const changed = project({
      'package-lock.json': npmLock({
        dependencies: { express: '^4.18.0' },
        devDependencies: pkg.devDependencies,
      }),
    });
    expect(lockfileSync(changed, 'package-lock.json', root)).toEqual({
      inSync: false,
      reason: 'package-lock.json records express@^4.19.2 differently from package.json (dependencies)',
    });
    const added = project({ 'package-lock.json': npmLock({ dependencies: pkg.dependencies }) });
    expect(lockfileSync(added, 'package-lock.json', root)).toMatchObject({ inSync: false });
    const removed = project({
      'package-lock.json': npmLock({ ...pkg, dependencies: { ...pkg.dependencies, cors: '^2.8.5' } }),
    });
    expect(lockfileSync(removed, 'package-lock.json', root)).toMatchObject({
      inSync: false,
      reason: expect.stringContaining('cors (not in package.json)'),
    });
  });

  it('checks a workspace member against its own entry', () => {
    const member: Manifest = { dir: 'apps/api', pkg: { dependencies: { fastify: '^4.0.0' } } };
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: { '': pkg, 'apps/api': { dependencies: { fastify: '^4.0.0' } } },
    });
    expect(
      lockfileSync(project({ 'package-lock.json': lock }), 'package-lock.json', [...root, member]),
    ).toMatchObject({ inSync: true });
    const without = npmLock(pkg);
    expect(
      lockfileSync(project({ 'package-lock.json': without }), 'package-lock.json', [...root, member]),
    ).toEqual({
      inSync: false,
      reason: 'package-lock.json has no entry for apps/api/package.json',
    });
  });

  it('checks a version 1 lockfile by whether what it installed meets each range', () => {
    const v1 = (express: string) =>
      JSON.stringify({
        lockfileVersion: 1,
        dependencies: { express: { version: express }, jest: { version: '29.7.0' } },
      });
    expect(
      lockfileSync(project({ 'package-lock.json': v1('4.19.2') }), 'package-lock.json', root),
    ).toMatchObject({
      inSync: true,
    });
    expect(
      lockfileSync(project({ 'package-lock.json': v1('4.17.1') }), 'package-lock.json', root),
    ).toMatchObject({
      inSync: false,
      reason: 'package-lock.json has express@4.17.1, which is not ^4.19.2',
    });
  });

  it('is not in sync when the file cannot be read as JSON', () => {
    expect(lockfileSync(project({ 'package-lock.json': '{' }), 'package-lock.json', root)).toMatchObject({
      inSync: false,
      reason: expect.stringContaining('could not be read'),
    });
  });
});

describe('lockfileSync: yarn, pnpm, bun', () => {
  const yarnClassic =
    '# yarn lockfile v1\n\n"express@^4.19.2":\n  version "4.19.2"\n\njest@^29.7.0:\n  version "29.7.0"\n';
  it('yarn classic: every declared range has an entry', () => {
    expect(lockfileSync(project({ 'yarn.lock': yarnClassic }), 'yarn.lock', root)).toMatchObject({
      inSync: true,
    });
    const stale = yarnClassic.replace('jest@^29.7.0', 'jest@^28.0.0');
    expect(lockfileSync(project({ 'yarn.lock': stale }), 'yarn.lock', root)).toEqual({
      inSync: false,
      reason: 'yarn.lock has no entry for jest@^29.7.0 from package.json',
    });
  });

  it('yarn berry: ranges with the npm: protocol', () => {
    const berry =
      '__metadata:\n  version: 8\n\n"express@npm:^4.19.2":\n  version: 4.19.2\n\n"jest@npm:^29.7.0, jest@npm:^29.0.0":\n  version: 29.7.0\n';
    expect(lockfileSync(project({ 'yarn.lock': berry }), 'yarn.lock', root)).toMatchObject({ inSync: true });
  });

  it('pnpm: importer specifiers, v9 and v5 layouts, and overrides', () => {
    const v9 =
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      express:\n        specifier: ^4.19.2\n        version: 4.19.2\n    devDependencies:\n      jest:\n        specifier: ^29.7.0\n        version: 29.7.0\npackages:\n  express@4.19.2: {}\n";
    expect(lockfileSync(project({ 'pnpm-lock.yaml': v9 }), 'pnpm-lock.yaml', root)).toEqual({
      inSync: true,
      lockfileVersion: 9,
    });
    const v5 =
      'lockfileVersion: 5.4\nspecifiers:\n  express: ^4.19.2\n  jest: ^29.7.0\ndependencies:\n  express: 4.19.2\ndevDependencies:\n  jest: 29.7.0\n';
    expect(lockfileSync(project({ 'pnpm-lock.yaml': v5 }), 'pnpm-lock.yaml', root)).toMatchObject({
      inSync: true,
    });
    const overridden: Manifest[] = [{ dir: '.', pkg: { ...pkg, pnpm: { overrides: { qs: '6.11.0' } } } }];
    expect(lockfileSync(project({ 'pnpm-lock.yaml': v9 }), 'pnpm-lock.yaml', overridden)).toMatchObject({
      inSync: false,
      reason: expect.stringContaining('override qs@6.11.0'),
    });
  });

  it('bun: the text lockfile is compared, the binary one never counts as in sync', () => {
    const bun =
      '{\n  "lockfileVersion": 1,\n  "workspaces": {\n    "": {\n      "dependencies": { "express": "^4.19.2", },\n      "devDependencies": { "jest": "^29.7.0" },\n    },\n  },\n}\n';
    expect(lockfileSync(project({ 'bun.lock': bun }), 'bun.lock', root)).toMatchObject({ inSync: true });
    expect(lockfileSync(project({ 'bun.lockb': 'binary' }), 'bun.lockb', root)).toMatchObject({
      inSync: false,
    });
  });
});

describe('detection', () => {
  it('records whether the lockfile is in sync, comparing the built package and the lockfile folder', () => {
    const facts = node({ 'package.json': pkg, 'package-lock.json': npmLock(pkg) });
    expect(facts.lockfileSync).toEqual({ inSync: true, lockfileVersion: 3 });
    expect(node({ 'package.json': pkg }).lockfileSync).toBeNull();
  });
});

describe('detection: every workspace member is checked', () => {
  const rootPkg = {
    name: 'shop',
    private: true,
    workspaces: ['packages/*'],
    devDependencies: { typescript: '^5.4.0' },
  };
  const api = { name: 'api', version: '1.0.0', dependencies: { express: '^4.19.2', lib: '*' } };
  const lib = { name: 'lib', version: '1.0.0', dependencies: { lodash: '^4.17.21' } };
  const members = {
    'package.json': rootPkg,
    'packages/api/package.json': api,
    'packages/lib/package.json': lib,
  };
  const npmWorkspaceLock = (libRecord: object) =>
    JSON.stringify({
      lockfileVersion: 3,
      packages: { '': rootPkg, 'packages/api': api, 'packages/lib': libRecord },
    });

  it('npm: a member the built package does not touch still has to match its entry', () => {
    const stale = node({ ...members, 'package-lock.json': npmWorkspaceLock({ version: '1.0.0' }) });
    expect(stale.lockfileSync).toEqual({
      inSync: false,
      reason:
        'package-lock.json records lodash@^4.17.21 differently from packages/lib/package.json (dependencies)',
    });
    const fresh = node({ ...members, 'package-lock.json': npmWorkspaceLock(lib) });
    expect(fresh.lockfileSync).toEqual({ inSync: true, lockfileVersion: 3 });
    const missing = JSON.stringify({ lockfileVersion: 3, packages: { '': rootPkg, 'packages/api': api } });
    expect(node({ ...members, 'package-lock.json': missing }).lockfileSync).toEqual({
      inSync: false,
      reason: 'package-lock.json has no entry for packages/lib/package.json',
    });
  });

  it('npm: a version 1 lockfile records no workspaces, so a workspace is never in sync with one', () => {
    const v1 = JSON.stringify({ lockfileVersion: 1, dependencies: { typescript: { version: '5.4.5' } } });
    expect(node({ ...members, 'package-lock.json': v1 }).lockfileSync).toMatchObject({
      inSync: false,
      reason: expect.stringContaining('does not record workspaces'),
    });
  });

  it('pnpm: each member is compared with its importer', () => {
    const files = {
      'package.json': { name: 'shop', private: true },
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
      'packages/api/package.json': { name: '@shop/api', dependencies: { '@shop/lib': 'workspace:*' } },
      'packages/lib/package.json': { name: '@shop/lib', dependencies: { lodash: '^4.17.21' } },
    };
    const lock = (libImporter: string) =>
      `lockfileVersion: '9.0'\nimporters:\n  .: {}\n  packages/api:\n    dependencies:\n      '@shop/lib':\n        specifier: workspace:*\n        version: link:../lib\n${libImporter}packages: {}\n`;
    expect(node({ ...files, 'pnpm-lock.yaml': lock('  packages/lib: {}\n') }).lockfileSync).toEqual({
      inSync: false,
      reason: 'pnpm-lock.yaml records lodash@^4.17.21 differently from packages/lib/package.json',
    });
    const fresh = lock(
      '  packages/lib:\n    dependencies:\n      lodash:\n        specifier: ^4.17.21\n        version: 4.17.21\n',
    );
    expect(node({ ...files, 'pnpm-lock.yaml': fresh }).lockfileSync).toEqual({
      inSync: true,
      lockfileVersion: 9,
    });
  });

  it('yarn classic: each member range needs an entry, except a sibling member it links', () => {
    const lock = (lodash: string) =>
      `# yarn lockfile v1\n\n"express@^4.19.2":\n  version "4.19.2"\n\n${lodash}typescript@^5.4.0:\n  version "5.4.5"\n`;
    const files = { ...members, 'yarn.lock': lock('lodash@^4.17.21:\n  version "4.17.21"\n\n') };
    expect(node(files).lockfileSync).toEqual({ inSync: true, lockfileVersion: null });
    expect(node({ ...files, 'yarn.lock': lock('') }).lockfileSync).toEqual({
      inSync: false,
      reason: 'yarn.lock has no entry for lodash@^4.17.21 from packages/lib/package.json',
    });
  });

  it('yarn berry and bun: a member missing from the lockfile is not in sync', () => {
    const yarnFiles = { ...members, 'package.json': { ...rootPkg, packageManager: 'yarn@4.1.0' } };
    const berry =
      '__metadata:\n  version: 8\n\n"express@npm:^4.19.2":\n  version: 4.19.2\n\n"lib@npm:*":\n  version: 0.0.0\n\n"typescript@npm:^5.4.0":\n  version: 5.4.5\n';
    expect(node({ ...yarnFiles, 'yarn.lock': berry }).lockfileSync).toEqual({
      inSync: false,
      reason: 'yarn.lock has no entry for lodash@^4.17.21 from packages/lib/package.json',
    });
    const bun = JSON.stringify({
      lockfileVersion: 1,
      workspaces: { '': { devDependencies: rootPkg.devDependencies }, 'packages/api': api },
    });
    expect(node({ ...members, 'bun.lock': bun }).lockfileSync).toEqual({
      inSync: false,
      reason: 'bun.lock has no workspace for packages/lib/package.json',
    });
  });

  it('fails safe when the members cannot all be listed', () => {
    const braces = { ...rootPkg, workspaces: ['packages/{api,lib}'] };
    const facts = node({ ...members, 'package.json': braces, 'package-lock.json': npmWorkspaceLock(lib) });
    expect(facts.lockfileSync).toEqual({
      inSync: false,
      reason:
        'the workspace members cannot all be checked: the workspace pattern "packages/{api,lib}" cannot be expanded',
    });
  });
});
