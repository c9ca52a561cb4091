// Text for people: the before/after table, why each file failed, and the one-line tally (stderr).
import type { Colors } from './output/colors';
import type { ImageResult, VerifiedFile, VerifySummary } from '../verify/types';

const HEADERS = ['file', 'before', 'after', 'ratio', 'build s', 'layers', 'user', 'smoke ok'];

/** The table: one row per file, before/after pairs as `a / b`; files not compared show their status. */
export function formatTable(files: readonly VerifiedFile[], c: Colors): string[] {
  const rows = files.map((f) => tableRow(f));
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i].length)));
  // Pad first, paint after: colour codes would throw the widths off.
  const last = HEADERS.length - 1;
  // Text left, numbers right; the last column is not padded, so lines carry no trailing blanks.
  const pad = (cell: string, i: number) =>
    i === last ? cell : i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]);
  const line = (cells: string[], paint: (s: string, i: number) => string) =>
    cells.map((cell, i) => paint(pad(cell, i), i)).join('  ');
  return [
    line(HEADERS, (s) => c.bold(s)),
    ...rows.map((r) => line(r.cells, (s, i) => (i === last ? r.paint(c)(s) : s))),
  ];
}

function tableRow(f: VerifiedFile): { cells: string[]; paint: (c: Colors) => (s: string) => string } {
  const v = f.verify;
  if (!v) {
    const paint = (c: Colors) => (f.status === 'error' ? c.red : c.dim);
    return { cells: [f.path, '-', '-', '-', '-', '-', '-', f.status], paint };
  }
  const a = v.before;
  const b: Partial<ImageResult> = v.after ?? {};
  const pair = (x: string, y: string) => `${x} / ${y}`;
  return {
    cells: [
      f.path,
      formatBytes(a.bytes),
      formatBytes(b.bytes ?? null),
      v.ratio === null ? '-' : `${v.ratio.toFixed(2)}x`,
      pair(seconds(a.buildMs), seconds(b.buildMs ?? null)),
      pair(String(a.layers ?? '-'), String(b.layers ?? '-')),
      pair(a.user ?? '-', b.user ?? '-'),
      pair(a.smoke === 'ok' ? 'ok' : 'FAIL', b.smoke === 'ok' ? 'ok' : b.smoke ? 'FAIL' : '-'),
    ],
    paint: (c) => (v.ok ? c.green : c.red),
  };
}

/** Why each failed or uncompared file is so, with the failing build step or container log indented. */
export function problemLines(files: readonly VerifiedFile[], c: Colors): string[] {
  const lines: string[] = [];
  for (const f of files) {
    if (!f.verify) {
      if (f.status === 'error') lines.push(`${c.red('error')} ${f.path}: ${f.reason}`);
      else lines.push(c.dim(`${f.status} ${f.path}: nothing to compare${f.reason ? ` (${f.reason})` : ''}`));
      continue;
    }
    if (f.verify.ok) continue;
    lines.push(`${c.red('failed')} ${f.path}: ${f.verify.problem}`);
    for (const [side, result] of [
      ['original', f.verify.before],
      ['migrated', f.verify.after],
    ] as const) {
      if (!result || result.log.length === 0) continue;
      lines.push(c.dim(`  ${side}, last lines:`), ...result.log.map((l) => c.dim(`    ${l}`)));
    }
  }
  return lines;
}

export function summaryLine(summary: VerifySummary, c: Colors): string {
  const files = summary.files === 1 ? '1 Dockerfile' : `${summary.files} Dockerfiles`;
  const other = summary.files - summary.verified - summary.failed;
  const failed = summary.failed > 0 ? c.red(`${summary.failed} failed`) : '0 failed';
  return `${c.bold(files)}: ${summary.verified} verified, ${failed}, ${other} not compared in ${(summary.ms / 1000).toFixed(1)} s`;
}

/** Bytes as `docker images` shows them (MB = 10^6 bytes). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '-';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(1)} kB`;
}

function seconds(ms: number | null): string {
  return ms === null ? '-' : (ms / 1000).toFixed(1);
}
