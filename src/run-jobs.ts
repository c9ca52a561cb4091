// Runs file jobs in this thread or in a bounded pool of worker threads, delivering results in job order.
import path from 'node:path';
import { messageOf } from './errors';
import {
  processFile,
  relativeTo,
  type FileJob,
  type FileOutcome,
  type ProcessSettings,
} from './process-file';
import type { SettingsSpec } from './settings';

/** Below this many files a pool costs more to start than it saves. */
const POOL_THRESHOLD = 24;
/** A file taking longer than this in a worker is reported as an error and its worker replaced. */
const FILE_TIMEOUT_MS = 60_000;

export interface RunOptions {
  jobs: number;
  settings: ProcessSettings;
  spec: SettingsSpec;
}

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
    minThreads: Math.min(options.jobs, 2),
    // A small queue keeps memory flat: results wait in order, not the whole batch.
    maxQueue: options.jobs * 8,
  });
  const pending = new Map<number, FileOutcome>();
  let next = 0;
  const flush = () => {
    while (pending.has(next)) {
      deliver(pending.get(next)!, next);
      pending.delete(next);
      next++;
    }
  };
  const window = options.jobs * 4;
  const inFlight = new Set<Promise<void>>();
  try {
    for (let index = 0; index < jobs.length; index++) {
      const job = jobs[index];
      const task = pool
        .run({ spec: options.spec, job }, { signal: AbortSignal.timeout(FILE_TIMEOUT_MS) })
        .then(
          (outcome: FileOutcome) => outcome,
          (error: unknown) => failed(job, error),
        )
        .then((outcome: FileOutcome) => {
          pending.set(index, outcome);
          flush();
        });
      const tracked = task.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      // Bounded: results are delivered in order, so never run too far ahead of the oldest one.
      while (inFlight.size >= options.jobs * 2 || index - next >= window) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.destroy();
  }
}

function failed(job: FileJob, error: unknown): FileOutcome {
  const timedOut = (error as Error)?.name === 'AbortError' || (error as Error)?.name === 'TimeoutError';
  const reason = timedOut
    ? `timed out after ${FILE_TIMEOUT_MS / 1000} s`
    : `internal error: ${messageOf(error)} (please report this)`;
  return {
    report: {
      path: relativeTo(job.cwd, job.dockerfile),
      status: 'error',
      kind: null,
      reason,
      notes: [],
      writes: [],
      context: null,
      rebuild: null,
    },
    writes: [],
    patch: '',
  };
}
