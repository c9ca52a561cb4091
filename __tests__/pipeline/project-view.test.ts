import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UnreadableError } from '../../src/errors';
import { diskView } from '../../src/pipeline/project-view';

const tmp = () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dms-view-')));
const show = (dir: string) => (file: string) => path.relative(dir, file) || '.';
const SECRET = 'outside-secret-bytes';

/** A folder holding `files` (path -> content). */
function folder(files: Record<string, string>): string {
  const dir = tmp();
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** What `fn` throws, checked to be an UnreadableError. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableError);
    return (error as Error).message;
  }
  throw new Error('did not throw');
}

describe('diskView: links', () => {
  const outside = folder({ 'secret.json': `{"name":"${SECRET}"}`, 'lib/x.js': SECRET });

  it('follows a link that stays in the context', () => {
    const dir = folder({ 'real.json': '{"name":"svc"}', 'src/a.js': 'a' });
    fs.symlinkSync('real.json', path.join(dir, 'package.json'));
    fs.symlinkSync('src', path.join(dir, 'code'));
    const view = diskView(dir, { display: show(dir) });
    expect(view.readText('package.json')).toBe('{"name":"svc"}');
    expect(view.isDirectory('code')).toBe(true);
    expect(view.list('code')).toEqual(['a.js']);
    expect(view.readText('code/a.js')).toBe('a');
  });

  it.each(['package.json', 'pom.xml', 'package-lock.json', 'src/server.js'])(
    'refuses %s leading out: it exists, but reading it is an error that never holds its bytes',
    (rel) => {
      const dir = folder({ 'src/keep.js': '' });
      fs.symlinkSync(path.join(outside, 'secret.json'), path.join(dir, rel));
      const view = diskView(dir, { display: show(dir) });
      expect(view.exists(rel)).toBe(true);
      const message = thrown(() => view.readText(rel));
      expect(message).toMatch(
        new RegExp(`^${rel} leads to .*secret\\.json, outside \\. \\(the build context\\); not followed$`),
      );
      expect(message).not.toContain(SECRET);
    },
  );

  it('a folder leading out is not a folder of the context: listing it, or reading through it, is refused', () => {
    const dir = folder({ 'package.json': '{}' });
    fs.symlinkSync(path.join(outside, 'lib'), path.join(dir, 'lib'));
    const view = diskView(dir, { display: show(dir) });
    expect(view.exists('lib')).toBe(true);
    expect(view.isDirectory('lib')).toBe(false);
    expect(thrown(() => view.list('lib'))).toMatch(/^lib leads to .*lib, outside \. \(the build context\)/);
    expect(thrown(() => view.readText('lib/x.js'))).toMatch(/^lib\/x\.js leads .*not followed$/);
    // The walk of the context meets the link as an entry, never as a folder to enter.
    expect(view.list('.')).toEqual(['lib', 'package.json']);
  });

  it('paths above the context are not in it', () => {
    const repo = folder({ 'pom.xml': '<project/>', 'svc/pom.xml': '<project/>' });
    const view = diskView(path.join(repo, 'svc'));
    expect(view.exists('../pom.xml')).toBe(false);
    expect(view.readText('../pom.xml')).toBeNull();
    expect(view.readText('a/../../pom.xml')).toBeNull();
    expect(view.list('..')).toEqual([]);
    expect(view.readText('pom.xml')).toBe('<project/>');
  });
});

describe('diskView: the bound', () => {
  it('a context inside the root whose real path leads out is refused whole', () => {
    const away = folder({ 'package.json': SECRET });
    const root = tmp();
    fs.symlinkSync(away, path.join(root, 'svc'));
    const message = thrown(() =>
      diskView(path.join(root, 'svc'), { root, display: show(root) }).readText('package.json'),
    );
    expect(message).toMatch(/^svc leads to .*, outside \. \(the folder searched\); not followed$/);
  });

  it('a context above the root (a monorepo built from its top) is bounded by its own real path', () => {
    const away = folder({ 'x.json': SECRET });
    const repo = folder({
      'package.json': '{"workspaces":["services/*"]}',
      'services/api/package.json': '{}',
    });
    fs.symlinkSync(path.join(away, 'x.json'), path.join(repo, 'x.json'));
    const view = diskView(repo, { root: path.join(repo, 'services'), display: show(repo) });
    expect(view.readText('package.json')).toContain('workspaces');
    expect(view.readText('services/api/package.json')).toBe('{}');
    expect(thrown(() => view.readText('x.json'))).toMatch(/^x\.json leads to .*(the build context)/);
  });

  it('a context a compose file names must lie inside the repository top', () => {
    const away = folder({ 'package.json': '{}' });
    const top = folder({});
    expect(thrown(() => diskView(away, { top, display: show(top) }))).toMatch(
      /^the build context .* a compose file names is outside \. \(the repository top or current folder\); not followed$/,
    );
    expect(diskView(away, { display: show(top) }).readText('package.json')).toBe('{}');
  });
});

describe('diskView: files that are there but cannot be read', () => {
  it('a FIFO is an error, without waiting for a writer', () => {
    const dir = folder({});
    execFileSync('mkfifo', [path.join(dir, 'package.json')]);
    const view = diskView(dir, { display: show(dir) });
    expect(view.exists('package.json')).toBe(true);
    expect(thrown(() => view.readText('package.json'))).toBe(
      'cannot read package.json: is not a regular file',
    );
  });

  it('a folder where a file is expected is an error, never a missing file', () => {
    const dir = folder({ 'pom.xml/keep': '' });
    expect(thrown(() => diskView(dir, { display: show(dir) }).readText('pom.xml'))).toBe(
      'cannot read pom.xml: is a folder',
    );
  });

  it('a broken link is an error', () => {
    const dir = folder({});
    fs.symlinkSync('nowhere.json', path.join(dir, 'package-lock.json'));
    const view = diskView(dir, { display: show(dir) });
    expect(thrown(() => view.readText('package-lock.json'))).toBe(
      'package-lock.json is a broken symlink; not followed',
    );
  });

  // Root reads a mode-000 file anyway; the CLI tests run this case as `nobody` (hostile-view.test.ts).
  (process.getuid?.() === 0 ? it.skip : it)(
    'a file or a folder on the way without permission is an error, never missing',
    () => {
      const dir = folder({ 'package.json': '{}', 'apps/api/package.json': '{}' });
      fs.chmodSync(path.join(dir, 'package.json'), 0o000);
      fs.chmodSync(path.join(dir, 'apps'), 0o000);
      try {
        const view = diskView(dir, { display: show(dir) });
        expect(thrown(() => view.readText('package.json'))).toBe(
          'cannot read package.json: permission denied',
        );
        expect(thrown(() => view.exists('apps/api/package.json'))).toBe(
          'cannot read apps: permission denied',
        );
      } finally {
        fs.chmodSync(path.join(dir, 'apps'), 0o755);
      }
    },
  );

  it('keeps the size limit: a file over 16 MB is not read', () => {
    const dir = folder({});
    // A sparse file: the size is there without writing the bytes.
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '');
    fs.truncateSync(path.join(dir, 'package-lock.json'), 17 * 1024 * 1024);
    expect(diskView(dir).readText('package-lock.json')).toBeNull();
  });
});
