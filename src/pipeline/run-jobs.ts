// Runs file jobs in this thread or in a bounded pool of worker threads, delivering results in job order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError, messageOf } from '../errors';
import { hasUserTransforms } from './load-transforms';
import {
  processFile,
  relativeTo,
  type FileJob,
  type FileOutcome,
  type ProcessSettings,
} from './process-file';
import { errorReport } from './report';
import type { SettingsSpec } from './settings';
import { markStartClock, readStartClock, startClockBuffer, type StartClock, type WorkerTask } from './worker';

/** Below this many files a pool costs more to start than it saves. */
const POOL_THRESHOLD = 24;
/** Files per task: enough to make messaging cheap, few enough to spread the work evenly. */
const MAX_CHUNK = 32;
/** A file still running this long after it started is stopped (its worker replaced) and reported. */
const FILE_TIMEOUT_MS = 60_000;
/** Overrides FILE_TIMEOUT_MS, in seconds (tests, or a user whose transform is slow on purpose). */
export const FILE_TIMEOUT_ENV = 'DOCKERIZE_MS_FILE_TIMEOUT';
/** The heap one worker may use: a file needs a few megabytes; past this, a memory bomb fails that file alone. */
const WORKER_HEAP_MB = 1024;

const WORKER_FILE = path.join(__dirname, 'worker.js');
/** False when running from the TypeScript sources (tests): there is no worker to start, so all runs here. */
const WORKER_BUILT = fs.existsSync(WORKER_FILE);

/** The most threads a run uses: beyond a few per CPU, more threads only add memory. */
export function maxJobs(): number {
  return 4 * os.availableParallelism();
}

export interface RunOptions {
  jobs: number;
  /** The built settings by key (FileJob.settings), and the specs they were built from, for workers. */
  settings: ReadonlyMap<string, ProcessSettings>;
  specs: ReadonlyMap<string, SettingsSpec>;
}

type Pool = import('piscina').Piscina;

/**
 * Processes every job; `deliver` sees the outcomes in the order of `jobs`, whatever order they finish in.
 * User transforms (`--transform ./x.js`) always run in workers, one file per task, so a transform that
 * never returns can be stopped: each file has FILE_TIMEOUT_MS from the moment it starts, whatever --jobs.
 */
export async function runJobs(
  jobs: readonly FileJob[],
  options: RunOptions,
  deliver: (outcome: FileOutcome, index: number) => void,
): Promise<void> {
  const timeoutMs = fileTimeoutMs();
  const isolate = [...options.specs.values()].some((spec) => hasUserTransforms(spec.transforms));
  const threads = Math.max(1, Math.min(options.jobs, maxJobs(), jobs.length));
  if (jobs.length === 0) return;
  const inThread = isolate ? !WORKER_BUILT : threads <= 1 || jobs.length < POOL_THRESHOLD;
  if (inThread) {
    jobs.forEach((job, index) => deliver(processFile(job, options.settings.get(job.settings ?? '')!), index));
    return;
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: WORKER_FILE,
    maxThreads: threads,
    minThreads: threads,
    // A file's work is small and short-lived: a small young generation keeps each thread's memory flat.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  const chunk = isolate ? 1 : Math.max(1, Math.min(MAX_CHUNK, Math.ceil(jobs.length / (threads * 8))));
  const queue: Chunk[] = [];
  for (let start = 0; start < jobs.length; start += chunk)
    queue.push({ start, jobs: jobs.slice(start, start + chunk) });

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
  const limit = threads * 2;
  const buffer = startClockBuffer(limit);
  const origin = Date.now();
  const running = new Map<number, Running>();
  const watchdog = setInterval(
    () => {
      for (const task of running.values()) {
        const now = readStartClock(task.clock);
        if (now && Date.now() - now.startedAt > timeoutMs && task.hung < 0) {
          task.hung = now.index;
          task.controller.abort();
        }
      }
    },
    Math.min(1000, Math.max(20, timeoutMs / 10)),
  );
  watchdog.unref();

  const inFlight = new Set<Promise<void>>();
  const launch = (piece: Chunk, slot: number) => {
    const task: Running = { controller: new AbortController(), hung: -1, clock: { buffer, slot, origin } };
    running.set(slot, task);
    markStartClock(task.clock, null);
    const specs = Object.fromEntries(
      piece.jobs.map((j) => [j.settings ?? '', options.specs.get(j.settings ?? '')!]),
    );
    const message: WorkerTask = { specs, jobs: piece.jobs, clock: task.clock };
    const done = (pool as Pool)
      .run(message, { signal: task.controller.signal })
      .then(
        (outcomes: FileOutcome[]) => settle(piece.start, outcomes),
        (error: unknown) => {
          if (task.hung >= 0) {
            // The files around the one that hung go back to the front of the queue; only it failed.
            const hung = task.hung;
            settle(piece.start + hung, [timedOut(piece.jobs[hung], timeoutMs)]);
            const after = { start: piece.start + hung + 1, jobs: piece.jobs.slice(hung + 1) };
            const before = { start: piece.start, jobs: piece.jobs.slice(0, hung) };
            queue.unshift(...[before, after].filter((c) => c.jobs.length > 0));
          } else if (piece.jobs.length > 1) {
            // A crash (out of memory, say): each file again on its own, to find the culprit.
            queue.unshift(...piece.jobs.map((job, i) => ({ start: piece.start + i, jobs: [job] })));
          } else settle(piece.start, [failed(piece.jobs[0], error)]);
        },
      )
      .finally(() => {
        running.delete(slot);
        free.push(slot);
        inFlight.delete(done);
      });
    inFlight.add(done);
  };
  const free = Array.from({ length: limit }, (_, i) => limit - 1 - i);
  try {
    while (queue.length > 0 || inFlight.size > 0) {
      while (queue.length > 0 && free.length > 0) launch(queue.shift()!, free.pop()!);
      if (inFlight.size > 0) await Promise.race(inFlight);
    }
  } finally {
    clearInterval(watchdog);
    await pool.destroy();
  }
}

interface Chunk {
  /** Index of its first job in the run. */
  start: number;
  jobs: FileJob[];
}

interface Running {
  controller: AbortController;
  /** Index in its chunk of the file that ran out of time; -1 while none has. */
  hung: number;
  clock: StartClock;
}

/** The per-file time limit: FILE_TIMEOUT_MS, or the environment's override in seconds. */
function fileTimeoutMs(): number {
  const raw = process.env[FILE_TIMEOUT_ENV];
  if (raw === undefined || raw === '') return FILE_TIMEOUT_MS;
  const seconds = Number(raw);
  if (!(seconds > 0) || !Number.isFinite(seconds))
    throw new UsageError(`${FILE_TIMEOUT_ENV} must be a number of seconds above 0 (got "${raw}")`);
  return seconds * 1000;
}

function timedOut(job: FileJob, timeoutMs: number): FileOutcome {
  const reason = `stopped: still running ${timeoutMs / 1000} s after it started (a transform that never returns?)`;
  return {
    report: errorReport(relativeTo(job.cwd, job.dockerfile), reason),
    writes: [],
    patch: '',
    contextDir: null,
  };
}

function failed(job: FileJob, error: unknown): FileOutcome {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? `stopped: used more than ${WORKER_HEAP_MB} MB of memory`
      : `internal error: ${messageOf(error)} (please report this)`;
  const report = errorReport(relativeTo(job.cwd, job.dockerfile), reason);
  return { report, writes: [], patch: '', contextDir: null };
}
