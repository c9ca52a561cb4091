// `dockerize-ms migrate`: runs the library and prints diffs or JSON on stdout, progress on stderr.
import { performance } from 'node:perf_hooks';
import { migrate, type PlannedMigration } from '../../pipeline/migrate';
import { Tally, type FileReport, type Report } from '../../pipeline/report';
import { jsonReportWriter } from '../output/json-report';
import { colors, useColor } from '../output/colors';
import { colorPatch, emptyGroups, fileLines, needsAttention, summaryLines } from '../output/terminal';
import { markdownReport } from '../output/markdown-report';
import { checkReportFile, reportTarget, writeReport } from '../output/report-file';
import { progressBar, type Progress } from '../output/progress';
import { signalExitCode, watchSignals } from '../interrupt';
import { migrationOptions, type MigrationFlags, type SmokeFlags } from './flags';

export type MigrateFlags = MigrationFlags &
  SmokeFlags & {
    write?: boolean;
    check?: boolean;
    verify: boolean;
    /** `--report markdown FILE`: the format and the file. */
    report?: string[];
    printConfig?: string;
  };

export async function runMigrate(flags: MigrateFlags): Promise<number> {
  if (flags.printConfig !== undefined)
    return (await import('./print-config.js')).runPrintConfig(flags.printConfig, flags);
  const reportTo = flags.report ? reportTarget(flags.report) : null;
  if (reportTo !== null) checkReportFile(reportTo);
  const out = colors(useColor(flags.color, process.stdout));
  const err = colors(useColor(flags.color, process.stderr));
  const mode: 'check' | 'write' | 'dry-run' = flags.check ? 'check' : flags.write ? 'write' : 'dry-run';
  let progress: Progress = progressBar(process.stderr, 0, false);
  const started = performance.now();
  // Proof first: nothing is written (or shown) unless every migrated image builds and answers like the
  // original. The images verified are built from the very plan that is then written.
  let verified = 0;
  const approve = flags.verify
    ? async (planned: readonly PlannedMigration[]) => {
        progress.end();
        const { verifyPlanned } = await import('./verify.js');
        verified = await verifyPlanned(planned, { ...flags, json: false }, err, started);
        return verified === 0;
      }
    : undefined;
  const json = flags.json ? jsonReportWriter((text) => process.stdout.write(text)) : null;
  // On a terminal the bar runs and the files that need attention are listed at the end, grouped; without one
  // (CI logs), each such file is one line as it comes. Migrated files are listed only with --verbose.
  const groups = process.stderr.isTTY && !flags.quiet ? emptyGroups() : null;
  const reviewed: FileReport[] | null = reportTo ? [] : null;
  const rebuild = { first: null as string | null, count: 0 };
  let total = 0;
  let delivered = 0;
  let written = 0;
  const stop = watchSignals();
  // Counted here too, so an interrupted --json report still ends as valid JSON with what was reached.
  const tally = new Tally();
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
        tally.add(file);
        if (mode === 'write' && file.status === 'migrated') written++;
        if (file.rebuild) {
          rebuild.count++;
          rebuild.first ??= file.rebuild;
        }
        reviewed?.push(file);
        json?.file(file);
        if (mode === 'dry-run' && !json && patch) process.stdout.write(colorPatch(patch, out));
        if (groups) {
          if (flags.verbose || needsAttention(file, mode)) groups[file.status].push(file);
        } else {
          const show = flags.quiet ? file.status === 'error' : flags.verbose || needsAttention(file, mode);
          if (show) progress.print(fileLines(file, err, flags.verbose && !flags.quiet).join('\n') + '\n');
        }
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
    json?.end({ ...tally.summary(performance.now() - started, written === 0), interrupted: signal });
    return signalExitCode(signal);
  }
  stop.dispose();
  progress.end();
  if (verified !== 0) {
    process.stderr.write(err.red('Verification failed: nothing written.\n'));
    return verified;
  }
  json?.end(report.summary);
  const reportFailed =
    reportTo && reviewed
      ? writeReport(reportTo, markdownReport(reviewed, report.summary, mode), written)
      : null;
  if (!flags.quiet) {
    const input = { summary: report.summary, groups, verbose: flags.verbose, mode, rebuild };
    process.stderr.write(summaryLines(input, err).join('\n') + '\n');
  }
  // Last, so it is what a reader sees: the run did its work, only the report is missing.
  if (reportFailed) process.stderr.write(err.red(reportFailed) + '\n');
  if (report.summary.error > 0 || reportFailed) return 2;
  if (flags.check && report.summary.migrated > 0) return 1;
  return 0;
}
