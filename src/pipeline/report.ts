// The report: one entry per Dockerfile and a tally; the same shape the --json output prints.
import type { Kind } from '../contract/facts';
import { isApproximate, type Estimate } from '../images/sizes';
import type { Note } from '../notes';

export type { Estimate };
export { formatMB, isApproximate } from '../images/sizes';

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
  /**
   * For a migrated Dockerfile: its base image before and after, with their published sizes and the difference.
   * An estimate of the base image only (the app's layers are not in it), never a measurement.
   */
  estimate: Estimate | null;
}

/** The batch's estimated base-image saving: the sum over the migrated files whose figures are known. */
export interface EstimateTotal {
  of: 'base image';
  /** Migrated files with a known compressed saving, summed below. */
  services: number;
  /** Migrated files whose base sizes are not in the table. */
  unknown: number;
  savedCompressedMB: number;
  /** Null unless every counted file has an uncompressed figure. */
  savedUncompressedMB: number | null;
  /** True when a counted file's figure is borrowed from a close tag (`approximate` in its own estimate). */
  approximate: boolean;
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
  estimate: EstimateTotal;
  /** True when nothing was written (dry run or --check). */
  dryRun: boolean;
  ms: number;
  /** The signal that stopped the run before every file was reached (the counts cover those that were). */
  interrupted?: string;
}

export interface Report {
  files: FileReport[];
  summary: Summary;
}

/** The report of a file that could not be migrated at all. */
export function errorReport(path: string, reason: string): FileReport {
  return {
    path,
    status: 'error',
    kind: null,
    reason,
    notes: [],
    writes: [],
    context: null,
    rebuild: null,
    estimate: null,
  };
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
      estimate: {
        of: 'base image',
        services: 0,
        unknown: 0,
        savedCompressedMB: 0,
        savedUncompressedMB: 0,
        approximate: false,
      },
    };
  }

  add(file: Pick<FileReport, 'status' | 'kind' | 'notes' | 'estimate'>): void {
    this.counts.files++;
    this.counts[file.status]++;
    if (file.status === 'migrated' && file.notes.some((n) => n.reduced)) this.counts.reduced++;
    this.counts.byKind[file.kind ?? 'other']++;
    if (file.status !== 'migrated' || !file.estimate) return;
    const total = this.counts.estimate;
    const { savedCompressedMB, savedUncompressedMB } = file.estimate;
    if (savedCompressedMB === null) {
      total.unknown++;
      return;
    }
    total.services++;
    total.approximate ||= isApproximate(file.estimate);
    total.savedCompressedMB = Math.round((total.savedCompressedMB + savedCompressedMB) * 10) / 10;
    total.savedUncompressedMB =
      total.savedUncompressedMB === null || savedUncompressedMB === null
        ? null
        : Math.round((total.savedUncompressedMB + savedUncompressedMB) * 10) / 10;
  }

  /** `dryRun`: nothing was written (a dry run, --check, or a plan that was not approved). */
  summary(ms: number, dryRun: boolean): Summary {
    const estimate = { ...this.counts.estimate };
    if (estimate.services === 0) estimate.savedUncompressedMB = null;
    return { ...this.counts, byKind: { ...this.counts.byKind }, estimate, dryRun, ms: Math.round(ms) };
  }
}

export function summarize(files: readonly FileReport[], dryRun: boolean, ms: number): Summary {
  const tally = new Tally();
  files.forEach((f) => tally.add(f));
  return tally.summary(ms, dryRun);
}
