// Text for people: coloured diffs, one status line per file, and the end-of-run summary.
import type { FileReport, Summary } from '../../pipeline/report';
import { printable, printablePath } from '../../pipeline/quote';
import type { Colors } from './colors';
import { formatMB } from '../../pipeline/report';

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
const INDENT = ' '.repeat(STATUS_WIDTH + 1);

/**
 * One line for a file, plus its notes when verbose. Names come from the disk, so control characters in them
 * (a newline, an escape sequence) are shown escaped, never sent raw. The rebuild command is not repeated per
 * file: the summary gives one hint for the batch, and --json has each file's command.
 */
export function fileLines(report: FileReport, c: Colors, verbose: boolean): string[] {
  const paint = { migrated: c.green, unchanged: c.dim, skipped: c.yellow, error: c.red }[report.status];
  const kind = report.kind ? ` (${report.kind})` : '';
  const reason = report.reason ? `: ${printable(report.reason)}` : '';
  const lines = [
    `${paint(report.status.padEnd(STATUS_WIDTH))} ${printablePath(report.path)}${kind}${reason}`,
  ];
  if (verbose)
    for (const note of report.notes) lines.push(`${INDENT}${c.dim('-')} ${printable(note.message)}`);
  return lines;
}

/** Whether a file needs someone to look at it: it was skipped or failed, or, for --check, it would change. */
export const needsAttention = (report: FileReport, mode: 'dry-run' | 'write' | 'check'): boolean =>
  report.status === 'skipped' ||
  report.status === 'error' ||
  (mode === 'check' && report.status === 'migrated');

/** The files the summary lists by status (on a terminal, where nothing was printed as the run went). */
export interface Groups {
  migrated: FileReport[];
  unchanged: FileReport[];
  skipped: FileReport[];
  error: FileReport[];
}

export const emptyGroups = (): Groups => ({ migrated: [], unchanged: [], skipped: [], error: [] });

export interface SummaryInput {
  summary: Summary;
  /** Files to list under their status; null when they were printed as the run went. */
  groups: Groups | null;
  verbose: boolean;
  mode: 'dry-run' | 'write' | 'check';
  /** The migrated files' rebuild commands seen: the one, or how many. */
  rebuild: { first: string | null; count: number };
}

/** The end of a run: the tally, the estimated saving, the files that need attention, and one rebuild hint. */
export function summaryLines(input: SummaryInput, c: Colors): string[] {
  const { summary, mode } = input;
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
  const estimate = estimateLine(summary);
  if (estimate) lines.push(estimate);
  if (input.groups) lines.push(...groupLines(input.groups, input.verbose, mode, c));
  if (mode === 'dry-run' && summary.migrated > 0)
    lines.push(c.dim('Dry run: nothing written. Run again with --write to apply.'));
  if (mode === 'check' && summary.migrated > 0)
    lines.push(c.yellow(`${summary.migrated} Dockerfile(s) would change.`));
  if (mode !== 'check' && input.rebuild.count > 0) lines.push(rebuildHint(input.rebuild, c));
  if (summary.files === 0) lines.push(c.yellow('No Dockerfiles found.'));
  return lines;
}

/** The batch's estimated base-image saving, said to be an estimate of the base images only. */
export function estimateLine(summary: Summary): string | null {
  const { services, unknown, savedCompressedMB, approximate } = summary.estimate;
  if (summary.migrated === 0 || services + unknown === 0) return null;
  const approx = approximate ? ' (approx.)' : '';
  const over = services === 1 ? '1 service' : `${services} services`;
  const rest = unknown > 0 ? `, ${unknown} not estimated (no published size for their base images)` : '';
  const saved =
    services === 0
      ? 'unknown'
      : savedCompressedMB >= 0
        ? `${formatMB(savedCompressedMB)}${approx} less to pull over ${over}`
        : `${formatMB(-savedCompressedMB)}${approx} more to pull over ${over}`;
  return `Estimated base-image saving: ${saved}${rest}; from published sizes of the base images only, not the app (\`verify\` measures)`;
}

function groupLines(groups: Groups, verbose: boolean, mode: SummaryInput['mode'], c: Colors): string[] {
  const lines: string[] = [];
  const list = (title: string, reports: FileReport[], paint: (s: string) => string, notes: boolean) => {
    if (reports.length === 0) return;
    lines.push(paint(`${title} (${reports.length}):`));
    for (const r of reports) {
      const kind = r.kind ? ` (${r.kind})` : '';
      const reason = r.reason ? `: ${printable(r.reason)}` : '';
      lines.push(`  ${printablePath(r.path)}${kind}${reason}`);
      if (notes) for (const note of r.notes) lines.push(`    ${c.dim('-')} ${printable(note.message)}`);
    }
  };
  const migrated = { check: 'Would change', write: 'Migrated', 'dry-run': 'To migrate' }[mode];
  list(migrated, groups.migrated, c.green, verbose);
  if (verbose) list('Unchanged', groups.unchanged, c.dim, true);
  list('Skipped', groups.skipped, c.yellow, verbose);
  list('Errors', groups.error, c.red, verbose);
  return lines;
}

/** One hint for the batch: base images are cached, so a migrated image is best built with a fresh pull. */
function rebuildHint(rebuild: SummaryInput['rebuild'], c: Colors): string {
  const why = 'rebuild fresh (base images are cached):';
  if (rebuild.count === 1 && rebuild.first) return `${c.dim(why)} ${rebuild.first}`;
  return `${c.dim(why)} docker build --pull --no-cache -f <Dockerfile> <context> for each of the ${rebuild.count} migrated; --json gives each file's command`;
}
