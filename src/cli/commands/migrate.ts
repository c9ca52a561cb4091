// `dockerize-ms migrate`: runs the library and prints diffs or JSON on stdout, progress on stderr.
import { migrate, type PlannedMigration } from '../../pipeline/migrate';
import type { FileReport, Report } from '../../pipeline/report';
import { jsonReportWriter } from '../output/json-report';
import { colors, useColor } from '../output/colors';
import { colorPatch, fileLines, summaryLines } from '../output/terminal';
import { progressBar, type Progress } from '../output/progress';
import { signalExitCode, watchSignals } from '../interrupt';
import { migrationOptions, type MigrationFlags, type SmokeFlags } from './flags';

export type MigrateFlags = MigrationFlags &
  SmokeFlags & {
    write?: boolean;
    check?: boolean;
    verify: boolean;
  };

export async function runMigrate(flags: MigrateFlags): Promise<number> {
  const out = colors(useColor(flags.color, process.stdout));
  const err = colors(useColor(flags.color, process.stderr));
  const mode = flags.check ? 'check' : flags.write ? 'write' : 'dry-run';
  let progress: Progress = progressBar(process.stderr, 0, false);
  // Proof first: nothing is written (or shown) unless every migrated image builds and answers like the
  // original. The images verified are built from the very plan that is then written.
  let verified = 0;
  const approve = flags.verify
    ? async (planned: readonly PlannedMigration[]) => {
        progress.end();
        const { verifyPlanned } = await import('./verify.js');
        verified = await verifyPlanned(planned, { ...flags, json: false }, err);
        return verified === 0;
      }
    : undefined;
  const json = flags.json ? jsonReportWriter((text) => process.stdout.write(text)) : null;
  const errors: FileReport[] = [];
  let total = 0;
  let delivered = 0;
  let written = 0;
  const stop = watchSignals();
  let report: Report;
  try {
    report = await migrate({
      ...migrationOptions(flags),
      write: !!flags.write,
      diff: mode === 'dry-run' && !flags.json,
      // Entries are printed as they come, so a run over thousands of files keeps none of them.
      keepReports: false,
      signal: stop.signal,
      approve,
      onEvent(event) {
        if (verified !== 0) return;
        if (event.type === 'start') {
          total = event.total;
          progress = progressBar(process.stderr, event.total, !flags.quiet);
        }
        if (event.type === 'progress') progress.tick(event.done);
        if (event.type !== 'file') return;
        const { report: file, patch } = event;
        delivered++;
        if (mode === 'write' && file.status === 'migrated') written++;
        if (file.status === 'error') errors.push(file);
        json?.file(file);
        if (mode === 'dry-run' && !json && patch) process.stdout.write(colorPatch(patch, out));
        const show = flags.quiet ? file.status === 'error' : flags.verbose || file.status !== 'unchanged';
        if (show) progress.print(fileLines(file, err, flags.verbose && !flags.quiet).join('\n') + '\n');
        progress.tick(event.index + 1);
      },
    });
  } catch (error) {
    const signal = stop.received();
    if (signal === null) {
      stop.dispose();
      throw error;
    }
    // The handlers stay until the process ends: a second signal meanwhile exits with its own code.
    progress.end();
    const done =
      mode === 'write'
        ? `${written} service(s) written whole, ${total - delivered} Dockerfile(s) not reached and left as they were; run the same command again to finish`
        : 'nothing was written';
    process.stderr.write(err.yellow(`dockerize-ms: interrupted by ${signal}: ${done}.\n`));
    return signalExitCode(signal);
  }
  stop.dispose();
  progress.end();
  if (verified !== 0) {
    process.stderr.write(err.red('Verification failed: nothing written.\n'));
    return verified;
  }
  json?.end(report.summary);
  if (!flags.quiet) process.stderr.write(summaryLines(report.summary, errors, err, mode).join('\n') + '\n');
  if (report.summary.error > 0) return 2;
  if (flags.check && report.summary.migrated > 0) return 1;
  return 0;
}
