// The verify library entry: plan the migration, then build, start and compare both images per Dockerfile.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { summarize } from '../pipeline/report';
import { Resources, withSignalCleanup } from './cleanup';
import { verifyTarget, type CompareSettings } from './compare';
import { openEngine, type Engine } from './engine';
import { socketProber, type Prober } from './net';
import { planTargets, type PlanOptions } from './plan';
import { realClock, type Clock } from './smoke';
import type {
  EngineOptions,
  VerifiedFile,
  VerifyEvent,
  VerifyReport,
  VerifyResult,
  VerifySummary,
  VerifyTarget,
} from './types';

export type * from './types';
export { DockerUnavailableError, type DockerProblem, type DockerRunner } from './docker';
export { targetFromWrites, effectiveIgnore, type WrittenMigration } from './target';
export type { PlanOptions } from './plan';

export interface VerifyOptions extends PlanOptions, EngineOptions {}

/** Test seams: a fake engine, host probes and clock. */
export interface VerifyInternals {
  engine?: Engine;
  prober?: Prober;
  clock?: Clock;
}

/**
 * Migrates every Dockerfile under `options.paths` as a dry run (nothing is written), then builds the
 * original and the migrated version of each migrated one from the same context, starts both and compares
 * them. Throws DockerUnavailableError when there is no usable engine and UsageError for bad options;
 * a file that fails is reported in its entry (`verify.ok` false, `verify.problem`).
 */
export async function verify(
  options: VerifyOptions = {},
  internals: VerifyInternals = {},
): Promise<VerifyReport> {
  const started = performance.now();
  // The engine first: without one the whole run is moot, and that must be the message.
  const engine = internals.engine ?? (await openEngine({ docker: options.docker, network: options.network }));
  const planned = await planTargets(options);
  const emit = options.onEvent ?? (() => undefined);
  const files: VerifiedFile[] = [];
  await runTargets(
    engine,
    planned.map((p) => p.target),
    options,
    internals,
    (index, result) => {
      const file: VerifiedFile = { ...planned[index].report, verify: result };
      files.push(file);
      emit({ type: 'file', file, index, total: planned.length });
    },
  );
  return { files, summary: summarizeVerified(files, performance.now() - started) };
}

/**
 * Verifies pairs the caller already has (`migrate --verify` from its planned writes, see
 * `targetFromWrites`); returns one result per target, in order, null where the target is null.
 */
export async function verifyTargets(
  targets: readonly (VerifyTarget | null)[],
  options: EngineOptions = {},
  internals: VerifyInternals = {},
): Promise<(VerifyResult | null)[]> {
  const engine = internals.engine ?? (await openEngine({ docker: options.docker, network: options.network }));
  const results: (VerifyResult | null)[] = [];
  await runTargets(engine, targets, options, internals, (_index, result) => results.push(result));
  return results;
}

/** The migrate summary plus how many files verified and failed. */
export function summarizeVerified(files: readonly VerifiedFile[], ms: number): VerifySummary {
  return {
    ...summarize(files, true, ms),
    verified: files.filter((f) => f.verify?.ok).length,
    failed: files.filter((f) => f.verify && !f.verify.ok).length,
  };
}

async function runTargets(
  engine: Engine,
  targets: readonly (VerifyTarget | null)[],
  options: EngineOptions,
  internals: VerifyInternals,
  onResult: (index: number, result: VerifyResult | null) => void,
): Promise<void> {
  const emit: (event: VerifyEvent) => void = options.onEvent ?? (() => undefined);
  const resources = new Resources(engine.cleanupDocker);
  const settings: CompareSettings = {
    network: engine.network,
    runId: `${process.pid.toString(36)}-${randomBytes(3).toString('hex')}`,
    port: options.port ?? null,
    probe: options.probe ? (options.probe.startsWith('/') ? options.probe : `/${options.probe}`) : null,
    timeoutMs: (options.timeout ?? 60) * 1000,
    stayUpMs: (options.stayUp ?? 5) * 1000,
    buildTimeoutMs: (options.buildTimeout ?? 900) * 1000,
    noCache: options.noCache ?? false,
    keepImages: options.keepImages ?? false,
  };
  const deps = {
    docker: engine.docker,
    prober: internals.prober ?? socketProber,
    clock: internals.clock ?? realClock,
    resources,
  };
  emit({
    type: 'start',
    total: targets.length,
    toCompare: targets.filter(Boolean).length,
    docker: engine.binary,
    network: engine.network,
  });
  const work = async () => {
    try {
      for (const [index, target] of targets.entries()) {
        if (!target) {
          onResult(index, null);
          continue;
        }
        const result = await verifyTarget(deps, target, settings, index, (side, step) =>
          emit({ type: 'step', path: target.path, side, step }),
        );
        onResult(index, result);
      }
    } finally {
      // Anything a failure in the middle left behind (a throw skips the per-file removal).
      await resources.release();
    }
  };
  if (options.trapSignals === false) await work();
  else await withSignalCleanup(resources, engine.abort, work);
}
