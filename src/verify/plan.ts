// What to compare: run `migrate()` as a dry run and pair each migrated file with the writes it would make.
import { messageOf } from '../errors';
import { migrate, type MigrateOptions } from '../pipeline/migrate';
import type { FileReport } from '../pipeline/report';
import { targetFromWrites } from './target';
import type { VerifyTarget } from './types';

/** The migrate options that shape the migration; verify never writes. */
export type PlanOptions = Omit<MigrateOptions, 'write' | 'onEvent'>;

export interface PlannedFile {
  report: FileReport;
  /** Null when there is nothing to compare (skipped, unchanged, or the migration failed). */
  target: VerifyTarget | null;
}

/**
 * Migrates as `migrate` does, without writing (so discovery, context inference and compose files work
 * the same), and pairs each migrated Dockerfile's text on disk with its migrated text.
 */
export async function planTargets(options: PlanOptions): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  await migrate({
    ...options,
    write: false,
    onEvent(event) {
      if (event.type !== 'file') return;
      const { report, writes } = event;
      if (report.status !== 'migrated' || event.context === null)
        return planned.push({ report, target: null });
      try {
        // The event's absolute paths, not the report's display paths: those are for people to read.
        const target = targetFromWrites({
          path: report.path,
          dockerfile: event.dockerfile,
          context: event.context,
          writes: [...writes],
        });
        planned.push({ report, target });
      } catch (error) {
        planned.push({ report: { ...report, status: 'error', reason: messageOf(error) }, target: null });
      }
    },
  });
  return planned;
}
