// The report: one entry per Dockerfile and a tally; the same shape the --json output prints.
import type { Kind } from '../contract/facts';
import type { Note } from '../notes';

export type FileStatus = 'migrated' | 'unchanged' | 'skipped' | 'error';

export interface FileReport {
  /** The Dockerfile, relative to the current folder. */
  path: string;
  status: FileStatus;
  kind: Kind | null;
  /** Why a file was skipped, failed or left unchanged; null when migrated. */
  reason: string | null;
  notes: Note[];
  /** Files this migration changes (written with --write), relative to the current folder. */
  writes: string[];
  /** The build context the file was migrated against, relative to the current folder. */
  context: string | null;
  /** The command that builds the migrated image fresh (base images freeze at build time). */
  rebuild: string | null;
}

export interface Summary {
  files: number;
  migrated: number;
  /** Migrated files with a rewrite left out for safety (a note with `reduced: true` says what and why). */
  reduced: number;
  unchanged: number;
  skipped: number;
  error: number;
  byKind: { node: number; java: number; other: number };
  /** True when nothing was written (dry run or --check). */
  dryRun: boolean;
  ms: number;
}

export interface Report {
  files: FileReport[];
  summary: Summary;
}

/** The report of a file that could not be migrated at all. */
export function errorReport(path: string, reason: string): FileReport {
  return { path, status: 'error', kind: null, reason, notes: [], writes: [], context: null, rebuild: null };
}

/** Counts per status and kind, kept as reports arrive so they need not be kept themselves. */
export class Tally {
  private readonly counts: Omit<Summary, 'ms' | 'dryRun'>;

  constructor() {
    this.counts = {
      files: 0,
      migrated: 0,
      reduced: 0,
      unchanged: 0,
      skipped: 0,
      error: 0,
      byKind: { node: 0, java: 0, other: 0 },
    };
  }

  add(file: Pick<FileReport, 'status' | 'kind' | 'notes'>): void {
    this.counts.files++;
    this.counts[file.status]++;
    if (file.status === 'migrated' && file.notes.some((n) => n.reduced)) this.counts.reduced++;
    this.counts.byKind[file.kind ?? 'other']++;
  }

  /** `dryRun`: nothing was written (a dry run, --check, or a plan that was not approved). */
  summary(ms: number, dryRun: boolean): Summary {
    return { ...this.counts, byKind: { ...this.counts.byKind }, dryRun, ms: Math.round(ms) };
  }
}

export function summarize(files: readonly FileReport[], dryRun: boolean, ms: number): Summary {
  const tally = new Tally();
  files.forEach((f) => tally.add(f));
  return tally.summary(ms, dryRun);
}
