// Runs file jobs in this thread or in a bounded pool of worker threads, delivering results in job order.
import path from 'node:path';
import { messageOf } from '../errors';
import {
  processFile,
  relativeTo,
  type FileJob,
  type FileOutcome,
  type ProcessSettings,
} from './process-file';
import { errorReport } from './report';
import type { SettingsSpec } from './settings';

/** Below this many files a pool costs more to start than it saves. */
const POOL_THRESHOLD = 24;
/** Files per task: enough to make messaging cheap, few enough to spread the work evenly. */
const MAX_CHUNK = 32;
/** A file taking longer than this in a worker is reported as an error and its worker replaced. */
const FILE_TIMEOUT_MS = 60_000;

export interface RunOptions {
  jobs: number;
  settings: ProcessSettings;
  spec: SettingsSpec;
}

type Pool = import('piscina').Piscina;

/** Processes every job; `deliver` sees the outcomes in the order of `jobs`, whatever order they finish in. */
export async function runJobs(
  jobs: readonly FileJob[],
  options: RunOptions,
  deliver: (outcome: FileOutcome, index: number) => void,
): Promise<void> {
  if (options.jobs <= 1 || jobs.length < POOL_THRESHOLD) {
    jobs.forEach((job, index) => deliver(processFile(job, options.settings), index));
    return;
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: path.join(__dirname, 'worker.js'),
    maxThreads: options.jobs,
    minThreads: options.jobs,
    // A file's work is small and short-lived: a small young generation keeps each thread's memory flat.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const chunk = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(jobs.length / (options.jobs * 8))));
  const pending = new Map<number, FileOutcome>();
  let next = 0;
  const settle = (start: number, outcomes: readonly FileOutcome[]) => {
    outcomes.forEach((o, i) => pending.set(start + i, o));
    while (pending.has(next)) {
      deliver(pending.get(next)!, next);
      pending.delete(next);
      next++;
    }
  };
  // Bounded: only a few chunks per thread are in flight, so results wait in order, not the whole batch.
  const limit = options.jobs * 3;
  const inFlight = new Set<Promise<void>>();
  try {
    for (let start = 0; start < jobs.length; start += chunk) {
      const slice = jobs.slice(start, start + chunk);
      const task = runChunk(pool, options.spec, slice).then((outcomes) => settle(start, outcomes));
      const tracked = task.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      while (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.destroy();
  }
}

/** One chunk in a worker; when it fails or hangs, each of its files again on its own, to find the culprit. */
async function runChunk(pool: Pool, spec: SettingsSpec, jobs: FileJob[]): Promise<FileOutcome[]> {
  const run = (slice: FileJob[]) =>
    pool.run(
      { spec, jobs: slice },
      { signal: AbortSignal.timeout(FILE_TIMEOUT_MS * slice.length) },
    ) as Promise<FileOutcome[]>;
  try {
    return await run(jobs);
  } catch (error) {
    if (jobs.length === 1) return [failed(jobs[0], error)];
    return Promise.all(
      jobs.map((job) =>
        run([job]).then(
          (o) => o[0],
          (e: unknown) => failed(job, e),
        ),
      ),
    );
  }
}

function failed(job: FileJob, error: unknown): FileOutcome {
  const name = (error as Error)?.name;
  const reason =
    name === 'AbortError' || name === 'TimeoutError'
      ? `timed out after ${FILE_TIMEOUT_MS / 1000} s`
      : `internal error: ${messageOf(error)} (please report this)`;
  const report = errorReport(relativeTo(job.cwd, job.dockerfile), reason);
  return { report, writes: [], patch: '', contextDir: null };
}
