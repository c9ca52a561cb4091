// Git-style unified diffs that `git apply` accepts, new files shown against /dev/null.
import { structuredPatch } from 'diff';

/** A unified diff of one file; `before` null means the file is new. Empty when nothing changed. */
export function formatPatch(displayPath: string, before: string | null, after: string): string {
  if (before === after) return '';
  const path = displayPath.replace(/\\/g, '/');
  const patch = structuredPatch(path, path, before ?? '', after, '', '', { context: 3 });
  const head =
    before === null
      ? [`diff --git a/${path} b/${path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${path}`]
      : [`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`];
  const body = patch.hunks.flatMap((h) => [
    `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`,
    ...h.lines,
  ]);
  return [...head, ...body].join('\n') + '\n';
}

// A side with no lines is written as the line before it (`-0,0` for a new file), as git does.
const range = (start: number, lines: number) =>
  lines === 1 ? `${start}` : `${lines === 0 ? start - 1 : start},${lines}`;
