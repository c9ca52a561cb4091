// Text for people: coloured diffs, one status line per file, and the end-of-run summary.
import type { FileReport, Summary } from '../../pipeline/report';
import { printable, printablePath } from '../../pipeline/quote';
import type { Colors } from './colors';

export function colorPatch(patch: string, c: Colors): string {
  return patch.replace(/^.*$/gm, (line) => {
    if (/^(diff --git|new file mode|--- |\+\+\+ )/.test(line)) return c.bold(line);
    if (line.startsWith('@@')) return c.cyan(line);
    if (line.startsWith('+')) return c.green(line);
    if (line.startsWith('-')) return c.red(line);
    return line;
  });
}

const STATUS_WIDTH = 'unchanged'.length;

/**
 * One line for a file, plus its notes when verbose and the rebuild hint when migrated. Names come from the
 * disk, so control characters in them (a newline, an escape sequence) are shown escaped, never sent raw.
 */
export function fileLines(report: FileReport, c: Colors, verbose: boolean): string[] {
  const paint = { migrated: c.green, unchanged: c.dim, skipped: c.yellow, error: c.red }[report.status];
  const kind = report.kind ? ` (${report.kind})` : '';
  const reason = report.reason ? `: ${printable(report.reason)}` : '';
  const lines = [
    `${paint(report.status.padEnd(STATUS_WIDTH))} ${printablePath(report.path)}${kind}${reason}`,
  ];
  if (verbose) {
    for (const note of report.notes)
      lines.push(`${' '.repeat(STATUS_WIDTH + 1)}${c.dim('-')} ${printable(note.message)}`);
  }
  if (report.rebuild)
    lines.push(`${' '.repeat(STATUS_WIDTH + 1)}${c.dim('rebuild fresh:')} ${report.rebuild}`);
  return lines;
}

export function summaryLines(
  summary: Summary,
  errors: readonly FileReport[],
  c: Colors,
  mode: 'dry-run' | 'write' | 'check',
): string[] {
  const count = (n: number, word: string) => `${n} ${word}`;
  const parts = [
    count(summary.migrated, mode === 'write' ? 'migrated' : 'to migrate') +
      (summary.reduced > 0 ? ` (${summary.reduced} with reduced savings: see the notes)` : ''),
    count(summary.unchanged, 'unchanged'),
    count(summary.skipped, 'skipped'),
    summary.error === 1 ? '1 error' : `${summary.error} errors`,
  ];
  const kinds = `node ${summary.byKind.node}, java ${summary.byKind.java}, other ${summary.byKind.other}`;
  const files = summary.files === 1 ? '1 Dockerfile' : `${summary.files} Dockerfiles`;
  const lines = [`${c.bold(files)}: ${parts.join(', ')} (${kinds}) in ${(summary.ms / 1000).toFixed(2)} s`];
  if (errors.length > 0 && summary.files > 1) {
    lines.push(c.red('Errors:'));
    for (const e of errors) lines.push(`  ${printablePath(e.path)}: ${printable(e.reason ?? '')}`);
  }
  if (mode === 'dry-run' && summary.migrated > 0)
    lines.push(c.dim('Dry run: nothing written. Run again with --write to apply.'));
  if (mode === 'check' && summary.migrated > 0)
    lines.push(c.yellow(`${summary.migrated} Dockerfile(s) would change.`));
  if (summary.files === 0) lines.push(c.yellow('No Dockerfiles found.'));
  return lines;
}
