// Git-style unified diffs that `git apply` accepts: names quoted as git quotes them, content byte for byte.
import { isUtf8 } from 'node:buffer';
import { structuredPatch } from 'diff';
import { binaryPatchLines } from './binary-patch';
import { quoteGitPath } from './quote';

type Content = string | Uint8Array;

/**
 * A unified diff of one file; `before` null means the file is new. Empty when nothing changed. Content that
 * is not UTF-8 (an ignore file with Latin-1 comments) is compared byte for byte; its hunks are printed as text
 * when their own lines are UTF-8, else as a git binary patch, so the diff never stands for other bytes.
 */
export function formatPatch(name: string, before: Content | null, after: Content): string {
  const old = before === null ? null : bytesOf(before);
  const now = bytesOf(after);
  if (old !== null && old.equals(now)) return '';
  // `name` is a report path, with `/` already: a backslash in it is part of a name (Linux allows it).
  const [a, b] = [quoteGitPath(`a/${name}`), quoteGitPath(`b/${name}`)];
  const head = [`diff --git ${a} ${b}`, ...(old === null ? ['new file mode 100644'] : [])];
  const text = (old === null || isUtf8(old)) && isUtf8(now);
  // latin1 maps each byte to one character, so the diff of those strings is the diff of the bytes.
  const encoding = text ? 'utf8' : 'latin1';
  const patch = structuredPatch(name, name, old?.toString(encoding) ?? '', now.toString(encoding), '', '', {
    context: 3,
  });
  let body = patch.hunks.flatMap((h) => [
    `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`,
    ...h.lines,
  ]);
  if (!text) {
    const bytes = Buffer.from(body.join('\n'), 'latin1');
    if (!isUtf8(bytes)) return [...head, ...binaryPatchLines(old, now)].join('\n') + '\n';
    body = bytes.toString('utf8').split('\n');
  }
  // git ends an unquoted name holding a space with a tab on these lines, so a reader can tell where it ends.
  const tab = (quoted: string) => (!quoted.startsWith('"') && quoted.includes(' ') ? '\t' : '');
  const files = [old === null ? '--- /dev/null' : `--- ${a}${tab(a)}`, `+++ ${b}${tab(b)}`];
  return [...head, ...files, ...body].join('\n') + '\n';
}

const bytesOf = (content: Content) =>
  typeof content === 'string'
    ? Buffer.from(content, 'utf8')
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);

// A side with no lines is written as the line before it (`-0,0` for a new file), as git does.
const range = (start: number, lines: number) =>
  lines === 1 ? `${start}` : `${lines === 0 ? start - 1 : start},${lines}`;
