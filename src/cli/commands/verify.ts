// `dockerize-ms verify`: flags in, the verify library, then the table on stderr and --json on stdout.
import { performance } from 'node:perf_hooks';
import { UsageError } from '../../errors';
import { colors, useColor, type Colors } from '../output/colors';
import { migrationOptions, type MigrationFlags, type SmokeFlags } from './flags';
import type { PlannedMigration } from '../../pipeline/migrate';
import {
  DockerUnavailableError,
  summarizeVerified,
  targetFromWrites,
  verify,
  type PlanOptions,
  verifyTargets as verifyEach,
} from '../../verify';
import { formatTable, problemLines, summaryLine } from '../verify-table';
import type {
  EngineOptions,
  VerifiedFile,
  VerifyEvent,
  VerifyReport,
  VerifyResult,
} from '../../verify/types';

export type VerifyFlags = MigrationFlags & SmokeFlags;

/** Runs `verify` and returns the exit code: 0 when every migrated file verified, 2 on any failure. */
export async function runVerify(flags: VerifyFlags): Promise<number> {
  const err = colors(useColor(flags.color, process.stderr));
  let report: VerifyReport;
  try {
    const plan: PlanOptions = migrationOptions(flags);
    report = await verify({ ...plan, ...engineOptions(flags, err) });
  } catch (error) {
    return engineMissing(error);
  }
  if (flags.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return printVerified(report, flags, err);
}

/**
 * `migrate --verify`: verifies the migration already planned (the one that will be written), prints the
 * table, and returns the exit code as `verify` does. `started` is when the run began (`performance.now()`).
 */
export async function verifyPlanned(
  planned: readonly PlannedMigration[],
  flags: VerifyFlags,
  err: Colors,
  started: number,
): Promise<number> {
  const targets = planned.map((p) =>
    p.report.status === 'migrated' && p.context !== null
      ? targetFromWrites({
          path: p.report.path,
          dockerfile: p.dockerfile,
          context: p.context,
          writes: p.writes,
        })
      : null,
  );
  let results: (VerifyResult | null)[];
  try {
    results = await verifyEach(targets, engineOptions(flags, err));
  } catch (error) {
    return engineMissing(error);
  }
  const files: VerifiedFile[] = planned.map((p, i) => ({ ...p.report, verify: results[i] ?? null }));
  // The whole run, planning included, as `verify` counts it.
  const summary = summarizeVerified(files, performance.now() - started);
  return printVerified({ files, summary }, flags, err);
}

function engineOptions(flags: VerifyFlags, err: Colors): EngineOptions {
  if (!(flags.timeout > 0)) throw new UsageError('--timeout must be a number of seconds above 0');
  if (flags.port !== undefined && !(Number.isInteger(flags.port) && flags.port > 0 && flags.port < 65536))
    throw new UsageError('--port must be a port number (1-65535)');
  return {
    timeout: flags.timeout,
    probe: flags.probe,
    network: flags.network,
    port: flags.port,
    onEvent: flags.quiet ? undefined : (event) => progress(event, err),
  };
}

/** A missing engine is the user's situation, not a crash: one line and exit 2. */
function engineMissing(error: unknown): number {
  if (!(error instanceof DockerUnavailableError)) throw error;
  const what = error.problem === 'no-buildkit' ? 'cannot build with BuildKit' : 'no Docker engine';
  process.stderr.write(`dockerize-ms verify: ${what}: ${error.message}\n`);
  return 2;
}

function printVerified(report: VerifyReport, flags: VerifyFlags, err: Colors): number {
  const failed = report.summary.failed > 0 || report.summary.error > 0;
  if (!flags.quiet || failed) {
    const lines = flags.quiet ? [] : formatTable(report.files, err);
    lines.push(...problemLines(report.files, err), summaryLine(report.summary, err));
    process.stderr.write(lines.join('\n') + '\n');
  }
  return failed ? 2 : 0;
}

function progress(event: VerifyEvent, c: Colors): void {
  if (event.type === 'start')
    process.stderr.write(
      c.dim(
        `verify: ${event.toCompare} of ${event.total} Dockerfile(s) to compare (docker ${event.docker}, network ${event.network.run})\n`,
      ),
    );
  if (event.type === 'step') {
    const what = event.step === 'build' ? 'building' : 'starting';
    const side = event.side === 'before' ? 'the original' : 'the migrated';
    process.stderr.write(c.dim(`verify: ${event.path}: ${what} ${side} image\n`));
  }
}
