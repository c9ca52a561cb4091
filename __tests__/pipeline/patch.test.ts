import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatPatch } from '../../src/pipeline/patch';

function gitApplies(
  files: Record<string, string>,
  patch: string,
): { ok: boolean; result: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-patch-'));
  for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), text);
  fs.writeFileSync(path.join(dir, 'p.patch'), patch);
  const r = spawnSync('git', ['apply', 'p.patch'], { cwd: dir, encoding: 'utf8' });
  const result: Record<string, string> = {};
  for (const name of fs.readdirSync(dir))
    if (name !== 'p.patch') result[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  return { ok: r.status === 0, result };
}

describe('formatPatch', () => {
  it('is empty when nothing changed', () => {
    expect(formatPatch('Dockerfile', 'FROM x\n', 'FROM x\n')).toBe('');
  });

  it.each([
    ['LF', 'FROM node:20\nRUN a\nCMD b\n', 'FROM node:20 AS build\nRUN a\n\nFROM node:20-alpine\nCMD b\n'],
    [
      'CRLF',
      'FROM node:20\r\nRUN a\r\nCMD b\r\n',
      'FROM node:20 AS build\r\nRUN a\r\n\r\nFROM node:20-alpine\r\nCMD b\r\n',
    ],
    ['no final newline', 'FROM node:20\nCMD b', 'FROM node:20 AS build\nCMD b\n'],
    [
      'many lines apart',
      Array.from({ length: 30 }, (_, i) => `RUN ${i}`).join('\n') + '\n',
      Array.from({ length: 30 }, (_, i) => (i % 10 === 0 ? `RUN changed ${i}` : `RUN ${i}`)).join('\n') +
        '\n',
    ],
  ])('round-trips through git apply (%s)', (_name, before, after) => {
    const patch = formatPatch('Dockerfile', before, after);
    expect(
      patch.startsWith('diff --git a/Dockerfile b/Dockerfile\n--- a/Dockerfile\n+++ b/Dockerfile\n@@ '),
    ).toBe(true);
    const applied = gitApplies({ Dockerfile: before }, patch);
    expect(applied.ok).toBe(true);
    expect(applied.result.Dockerfile).toBe(after);
  });

  it('shows a new file against /dev/null', () => {
    const patch = formatPatch('svc/.dockerignore', null, 'node_modules\n.git\n');
    expect(patch).toBe(
      'diff --git a/svc/.dockerignore b/svc/.dockerignore\nnew file mode 100644\n--- /dev/null\n+++ b/svc/.dockerignore\n@@ -0,0 +1,2 @@\n+node_modules\n+.git\n',
    );
  });
});

/** Applies `patch` with git in a temp folder holding `files` (bytes); the files after, or the error. */
function gitApply(files: Record<string, Buffer>, patch: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-patch-'));
  for (const [rel, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
  }
  fs.writeFileSync(path.join(dir, '..', `${path.basename(dir)}.patch`), patch);
  const r = spawnSync('git', ['apply', '--verbose', path.join(dir, '..', `${path.basename(dir)}.patch`)], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr, read: (rel: string) => fs.readFileSync(path.join(dir, rel)) };
}

describe('formatPatch: names', () => {
  it.each([
    ['a tab', 'svc\tone/Dockerfile', '"a/svc\\tone/Dockerfile"'],
    ['a newline', 'svc\none/Dockerfile', '"a/svc\\none/Dockerfile"'],
    ['a double quote', 'svc"one/Dockerfile', '"a/svc\\"one/Dockerfile"'],
    ['a backslash', 'svc\\one/Dockerfile', '"a/svc\\\\one/Dockerfile"'],
    ['an escape character', 'svc\x1bone/Dockerfile', '"a/svc\\033one/Dockerfile"'],
    ['a non-ASCII letter', 'café/Dockerfile', '"a/caf\\303\\251/Dockerfile"'],
    ['a space', 'my svc/Dockerfile', 'a/my svc/Dockerfile'],
    ['a leading dash', '-dash/Dockerfile', 'a/-dash/Dockerfile'],
  ])('quotes a name with %s as git does, and git apply finds the file', (_what, name, quoted) => {
    const before = 'FROM node:20\nCMD x\n';
    const after = 'FROM node:20 AS build\nCMD x\n';
    const patch = formatPatch(name, before, after);
    expect(patch.split('\n')[0]).toBe(`diff --git ${quoted} ${quoted.replace('a/', 'b/')}`);
    const applied = gitApply({ [name]: Buffer.from(before) }, patch);
    expect(applied.stderr).not.toMatch(/error/);
    expect(applied.status).toBe(0);
    expect(applied.read(name).toString()).toBe(after);
  });
});

describe('formatPatch: bytes', () => {
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('ends a name holding a space with a tab on the ---/+++ lines, as git does', () => {
    const lines = formatPatch('my svc/.dockerignore', 'a\n', 'a\nb\n').split('\n');
    expect(lines.slice(1, 3)).toEqual(['--- a/my svc/.dockerignore\t', '+++ b/my svc/.dockerignore\t']);
  });

  it('shows lines added to a file that is not UTF-8 as text when the lines shown are UTF-8', () => {
    const before = latin1('# caf\xe9 rules\nnode_modules\n.git\ndist\ncoverage\n');
    const after = Buffer.concat([before, Buffer.from('\n# added by dockerize-ms\n.env\n')]);
    const patch = formatPatch('.dockerignore', before, after);
    expect(patch).toBe(
      [
        'diff --git a/.dockerignore b/.dockerignore',
        '--- a/.dockerignore',
        '+++ b/.dockerignore',
        '@@ -3,3 +3,6 @@',
        ' .git',
        ' dist',
        ' coverage',
        '+',
        '+# added by dockerize-ms',
        '+.env',
        '',
      ].join('\n'),
    );
    const applied = gitApply({ '.dockerignore': before }, patch);
    expect(applied.status).toBe(0);
    expect(applied.read('.dockerignore')).toEqual(after);
  });

  it('falls back to a git binary patch when the lines shown are not UTF-8, which git applies byte for byte', () => {
    const before = latin1('node_modules\n# r\xe9gles \xab maison \xbb\n');
    const after = Buffer.concat([before, Buffer.from('.env\n' + 'x'.repeat(200) + '\n')]);
    const patch = formatPatch('svc/.dockerignore', before, after);
    const head = patch.split('\n').slice(0, 4);
    expect(head[0]).toBe('diff --git a/svc/.dockerignore b/svc/.dockerignore');
    expect(head[1]).toMatch(/^index [0-9a-f]{40}\.\.[0-9a-f]{40}$/);
    expect(head.slice(2)).toEqual(['GIT binary patch', `literal ${after.length}`]);
    expect(Buffer.from(patch).every((byte) => byte < 0x80)).toBe(true);
    const applied = gitApply({ 'svc/.dockerignore': before }, patch);
    expect(applied.stderr).not.toMatch(/error/);
    expect(applied.status).toBe(0);
    expect(applied.read('svc/.dockerignore')).toEqual(after);
  });

  it('creates a new file that is not UTF-8 through a binary patch', () => {
    const after = latin1('# \xe9\n*.log\n');
    const patch = formatPatch('.dockerignore', null, after);
    expect(patch).toMatch(
      /^diff --git a\/\.dockerignore b\/\.dockerignore\nnew file mode 100644\nindex 0{40}\.\./,
    );
    const applied = gitApply({}, patch);
    expect(applied.status).toBe(0);
    expect(applied.read('.dockerignore')).toEqual(after);
  });

  it('keeps a BOM and CRLF line endings in UTF-8 text as they are', () => {
    const before = Buffer.from('\ufeffnode_modules\r\n', 'utf8');
    const after = Buffer.concat([before, Buffer.from('.git\r\n')]);
    const applied = gitApply({ '.dockerignore': before }, formatPatch('.dockerignore', before, after));
    expect(applied.status).toBe(0);
    expect(applied.read('.dockerignore')).toEqual(after);
  });
});
