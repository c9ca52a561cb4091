// Which config files apply to a Dockerfile and which setting wins: nearer files, later overrides, root: true.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigResolver } from '../../src/config/resolve';
import { ConfigError } from '../../src/config/load';

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dms-resolve-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const resolverFor = (dir: string) =>
  new ConfigResolver(['node-multistage'], (file) => path.relative(dir, file) || '.');

async function optionsOf(dir: string, dockerfile: string, top = dir) {
  return resolverFor(dir).resolve(path.join(dir, dockerfile), top);
}

describe('ConfigResolver', () => {
  it('applies the files from the top down, so the nearest setting of each option wins', async () => {
    const dir = tree({
      'dockerize-ms.config.yaml': 'runtime: alpine\nuser: keep\nstrict: true\n',
      'services/package.json': JSON.stringify({ name: 's', 'dockerize-ms': { runtime: 'slim' } }),
      'services/pay/dockerize-ms.config.json': JSON.stringify({ user: 'payments' }),
    });
    const resolved = await optionsOf(dir, 'services/pay/api/Dockerfile');
    expect(resolved.options).toEqual({ runtime: 'slim', user: { name: 'payments' }, strict: true });
    expect(resolved.files).toEqual([
      'dockerize-ms.config.yaml',
      'services/package.json',
      'services/pay/dockerize-ms.config.json',
    ]);
    expect(resolved.sources).toEqual({
      runtime: 'services/package.json',
      user: 'services/pay/dockerize-ms.config.json',
      strict: 'dockerize-ms.config.yaml',
    });
  });

  it('matches override globs from the config file’s folder: paths, folders, names anywhere, exclusions', async () => {
    const dir = tree({
      'dockerize-ms.config.yaml': [
        'overrides:',
        '  - files: services/legacy', // a folder covers what is in it
        '    runtime: slim',
        '  - files: Dockerfile.dev', // no slash: a name anywhere
        '    skip: development image',
        '  - files: ["services/*"]',
        '    excludeFiles: services/legacy',
        '    user: svc',
        '  - files: "**/api/Dockerfile"',
        '    user: api', // later overrides win
        '',
      ].join('\n'),
    });
    const of = async (p: string) => (await optionsOf(dir, p)).options;
    expect(await of('services/legacy/Dockerfile')).toEqual({ runtime: 'slim' });
    expect(await of('apps/web/Dockerfile.dev')).toEqual({ skip: 'development image' });
    expect(await of('services/billing/Dockerfile')).toEqual({ user: { name: 'svc' } });
    expect(await of('services/api/Dockerfile')).toEqual({ user: { name: 'api' } });
    expect(await of('tools/Dockerfile')).toEqual({});
  });

  it('a nearer file’s own options win over a farther file’s overrides', async () => {
    const dir = tree({
      'dockerize-ms.config.yaml': 'overrides:\n  - files: services/api\n    runtime: alpine\n',
      'services/api/dockerize-ms.config.yaml': 'runtime: slim\n',
    });
    const resolved = await optionsOf(dir, 'services/api/Dockerfile');
    expect(resolved.options.runtime).toBe('slim');
  });

  it('stops at root: true, and at the top it is given', async () => {
    const dir = tree({
      'dockerize-ms.config.yaml': 'runtime: alpine\nstrict: true\n',
      'java/dockerize-ms.config.json': JSON.stringify({ root: true, user: 'svc' }),
      'apps/dockerize-ms.config.json': JSON.stringify({ user: 'app' }),
    });
    expect((await optionsOf(dir, 'java/orders/Dockerfile')).options).toEqual({ user: { name: 'svc' } });
    const capped = await optionsOf(dir, 'apps/web/Dockerfile', path.join(dir, 'apps'));
    expect(capped.options).toEqual({ user: { name: 'app' } });
    expect(capped.files).toEqual(['apps/dockerize-ms.config.json']);
  });

  it('`skip: false` nearer down undoes a skip from further up (the option is set, to false)', async () => {
    const dir = tree({
      'dockerize-ms.config.yaml': 'overrides:\n  - files: services\n    skip: not yet\n',
      'services/api/dockerize-ms.config.yaml': 'skip: false\n',
    });
    expect((await optionsOf(dir, 'services/api/Dockerfile')).options.skip).toBe(false);
    expect((await optionsOf(dir, 'services/web/Dockerfile')).options.skip).toBe('not yet');
  });

  it('a package.json without the key is not a config', async () => {
    const dir = tree({
      'dockerize-ms.config.yaml': 'runtime: slim\n',
      'services/api/package.json': JSON.stringify({ name: 'api', description: 'mentions dockerize-ms' }),
    });
    const resolved = await optionsOf(dir, 'services/api/Dockerfile');
    expect(resolved.files).toEqual(['dockerize-ms.config.yaml']);
  });

  it('reads each folder once, however many Dockerfiles share it', async () => {
    const dir = tree({ 'dockerize-ms.config.yaml': 'runtime: slim\n' });
    const resolver = resolverFor(dir);
    const read = jest.spyOn(fs, 'realpathSync');
    await resolver.resolve(path.join(dir, 'a/Dockerfile'), dir);
    const first = read.mock.calls.length;
    await resolver.resolve(path.join(dir, 'a/Dockerfile.prod'), dir);
    expect(read.mock.calls.length).toBe(first);
    read.mockRestore();
  });

  it('a config file that leads outside the top is an error, not followed', async () => {
    const outside = tree({ 'dockerize-ms.config.yaml': 'runtime: slim\n' });
    const dir = tree({});
    fs.mkdirSync(path.join(dir, 'svc'));
    fs.symlinkSync(
      path.join(outside, 'dockerize-ms.config.yaml'),
      path.join(dir, 'svc/dockerize-ms.config.yaml'),
    );
    await expect(optionsOf(dir, 'svc/Dockerfile')).rejects.toThrow(ConfigError);
    await expect(optionsOf(dir, 'svc/Dockerfile')).rejects.toThrow(/leads to .*outside .*; not followed/);
  });
});
