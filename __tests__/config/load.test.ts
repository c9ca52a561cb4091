// Loading one folder's config: the file and line of every problem, and files that are not read at all.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ConfigError,
  UnreadablePackageError,
  configIn,
  lineOfKey,
  MAX_CONFIG_BYTES,
} from '../../src/config/load';

function folder(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dms-load-')));
  for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), text);
  return dir;
}

const load = (dir: string) =>
  configIn(dir, dir, { transformNames: ['node-multistage'] }, (f) => path.relative(dir, f));

describe('configIn', () => {
  it('returns null for a folder without a config', async () => {
    expect(await load(folder({ 'package.json': '{"name":"x"}' }))).toBeNull();
  });

  it.each([
    [
      'a YAML syntax error',
      'dockerize-ms.config.yaml',
      'runtime: slim\noverrides:\n  - files: [a\n',
      /^config file dockerize-ms\.config\.yaml line 4: /,
    ],
    [
      'a JSON syntax error',
      'dockerize-ms.config.json',
      '{\n  "runtime": "slim",\n  "user": 3,\n}\n',
      /^config file dockerize-ms\.config\.json line 4: /,
    ],
    [
      'text that is not JSON at all',
      'dockerize-ms.config.json',
      'runtime: slim\n',
      /^config file dockerize-ms\.config\.json line 1: Unexpected token 'r': not valid JSON$/,
    ],
    [
      'a bad value in an override',
      'dockerize-ms.config.yaml',
      'runtime: slim\noverrides:\n  - files: a\n  - files: b\n    runtime: tiny\n',
      /^config file dockerize-ms\.config\.yaml line 5: overrides\[1\]\.runtime: "tiny" is not one of/,
    ],
    [
      'an unknown key (the line of the key)',
      'dockerize-ms.config.json',
      '{\n  "runtime": "slim",\n  "spring-layers": true\n}\n',
      /^config file dockerize-ms\.config\.json line 3: unknown key "spring-layers" \(did you mean "springLayers"\?\)/,
    ],
    [
      'a bad value under the package.json key',
      'package.json',
      '{\n  "name": "svc",\n  "dockerize-ms": {\n    "user": "root"\n  }\n}\n',
      /^config file package\.json line 4: user: `root` is not a user to add/,
    ],
    [
      'a broken package.json that names the key',
      'package.json',
      '{\n  "name": "svc",\n  "dockerize-ms": { "user": }\n}\n',
      /^config file package\.json line 3: /,
    ],
    [
      'an alias bomb',
      'dockerize-ms.config.yaml',
      'a: &a [x, x, x, x, x, x, x, x, x, x]\n' +
        Array.from(
          { length: 6 },
          (_, i) =>
            `b${i}: &b${i} [${Array(10)
              .fill(i ? `*b${i - 1}` : '*a')
              .join(', ')}]\n`,
        ).join(''),
      /aliases expand more than 100 times/,
    ],
  ])('%s names the file and line', async (_what, name, text, message) => {
    await expect(load(folder({ [name]: text }))).rejects.toThrow(message);
  });

  it('two config files in one folder are an error, not a guess', async () => {
    const dir = folder({
      'dockerize-ms.config.json': '{"runtime":"slim"}',
      'package.json': '{"name":"x","dockerize-ms":{"runtime":"alpine"}}',
    });
    await expect(load(dir)).rejects.toThrow(
      'dockerize-ms.config.json and package.json: two config files in one folder',
    );
  });

  it('a config file over 1 MB is not read', async () => {
    const dir = folder({ 'dockerize-ms.config.yaml': `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n` });
    await expect(load(dir)).rejects.toThrow(/1\.0 MB, more than the 1 MB a config file may have/);
  });

  it('a FIFO or a folder with a config name is refused without waiting for a writer', async () => {
    const dir = folder({});
    execFileSync('mkfifo', [path.join(dir, 'dockerize-ms.config.yaml')]);
    await expect(load(dir)).rejects.toThrow(/is not a regular file/);
    const other = folder({});
    fs.mkdirSync(path.join(other, 'dockerize-ms.config.json'));
    await expect(load(other)).rejects.toThrow(/is not a regular file/);
  });

  it('a broken symlink with a config name is an error', async () => {
    const dir = folder({});
    fs.symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'dockerize-ms.config.yaml'));
    await expect(load(dir)).rejects.toThrow(/is a broken symlink; not followed/);
  });

  it('a package.json that leads out or cannot be read fails only the services below it', async () => {
    const outside = folder({ 'package.json': '{"dockerize-ms":{"runtime":"slim"}}' });
    const dir = folder({});
    fs.symlinkSync(path.join(outside, 'package.json'), path.join(dir, 'package.json'));
    const out = load(dir);
    await expect(out).rejects.toBeInstanceOf(UnreadablePackageError);
    await expect(out).rejects.toThrow(/^package\.json leads to .*package\.json, outside .*; not followed$/);
    // A file named as a config is a config: the run stops, as before.
    const named = folder({});
    fs.symlinkSync(path.join(outside, 'package.json'), path.join(named, 'dockerize-ms.config.json'));
    await expect(load(named)).rejects.not.toBeInstanceOf(UnreadablePackageError);
    await expect(load(named)).rejects.toBeInstanceOf(ConfigError);
  });

  // Root reads a mode-000 file anyway; hostile-view.test.ts runs this case as `nobody`.
  (process.getuid?.() === 0 ? it.skip : it)(
    'a package.json without read permission: an UnreadablePackageError naming it, not an internal error',
    async () => {
      const dir = folder({ 'package.json': '{}' });
      fs.chmodSync(path.join(dir, 'package.json'), 0o000);
      await expect(load(dir)).rejects.toThrow(
        new UnreadablePackageError(
          'cannot read package.json (looking for "dockerize-ms" options): permission denied',
        ),
      );
    },
  );
});

describe('lineOfKey', () => {
  it('follows map keys and list indexes', () => {
    const text =
      'runtime: slim\noverrides:\n  - files: a\n  - files:\n      - b\n      - c\n    user: keep\n';
    expect(lineOfKey(text, ['runtime'], false)).toBe(1);
    expect(lineOfKey(text, ['overrides', 1, 'files', 1], false)).toBe(6);
    expect(lineOfKey(text, ['overrides', 1, 'user'], true)).toBe(7);
  });
});
