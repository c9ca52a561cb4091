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
