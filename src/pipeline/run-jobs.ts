// Runs file jobs in this thread or in a bounded pool of worker threads, delivering results in job order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messageOf } from '../errors';
import {
  processFile,
  relativeTo,
  type FileJob,
  type FileOutcome,
  type ProcessSettings,
} from './process-file';
import type { TransformInfo } from './load-transforms';
import { errorReport } from './report';
import { buildSettings, type PlannedSettings } from './settings';
import {
  LOADING,
  WORKER_HEAP_MB,
  fileTimeoutMs,
  loadTimeoutMs,
  markClock,
  SlotWatch,
  readClock,
  threadClockBuffer,
  watchEvery,
  type ClockReading,
  type ThreadClock,
} from './thread-limits';
import type { WorkerTask } from './worker';

/** Below this many files a pool costs more to start than it saves. */
const POOL_THRESHOLD = 24;
/** Files per task: enough to make messaging cheap, few enough to spread the work evenly. */
const MAX_CHUNK = 32;

const WORKER_FILE = path.join(__dirname, 'worker.js');
/** False when running from the TypeScript sources (tests): there is no worker to start, so all runs here. */
const WORKER_BUILT = fs.existsSync(WORKER_FILE);

/**
 * The most threads a run uses: one per CPU. More only add memory, and threads that wait for a CPU would
 * see their files' time run out where CPU time cannot be measured (see thread-limits.ts).
 */
export function maxJobs(): number {
  return os.availableParallelism();
}

export interface RunOptions {
  jobs: number;
  /** The planned settings by key (FileJob.settings). */
  settings: ReadonlyMap<string, PlannedSettings>;
}

type Pool = import('piscina').Piscina;

/**
 * Processes every job; `deliver` sees the outcomes in the order of `jobs`, whatever order they finish in.
 * User transforms (`--transform ./x.js`) always run in workers, one file per task, so a transform that
 * never returns can be stopped: each file has the time limit from the moment it starts, in its thread's
 * own CPU time where the OS tells (thread-limits.ts), so the limit does not depend on --jobs.
 */
export async function runJobs(
  jobs: readonly FileJob[],
  options: RunOptions,
  deliver: (outcome: FileOutcome, index: number) => void,
): Promise<void> {
  const limits = { file: fileTimeoutMs(), load: loadTimeoutMs() };
  const isolate = [...options.settings.values()].some((planned) => planned.ready === null);
  const threads = Math.max(1, Math.min(options.jobs, maxJobs(), jobs.length));
  if (jobs.length === 0) return;
  const inThread = isolate ? !WORKER_BUILT : threads <= 1 || jobs.length < POOL_THRESHOLD;
  if (inThread) {
    // User modules load here only when no worker is built: running from the sources, in this repository's tests.
    const built = new Map<string, ProcessSettings>();
    for (const [key, planned] of options.settings)
      built.set(key, planned.ready ?? (await buildSettings(planned.spec)));
    jobs.forEach((job, index) => deliver(processFile(job, built.get(job.settings ?? '')!), index));
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
  const buffer = threadClockBuffer(limit);
  const origin = Date.now();
  const running = new Map<number, Running>();
  const watchdog = setInterval(
    () => {
      for (const task of running.values()) {
        const now = readClock(task.clock);
        const why =
          now && !task.stopped && task.watch.check(now, now.what === LOADING ? limits.load : limits.file);
        if (!now || !why) continue;
        task.stopped = { why, at: now };
        task.controller.abort();
      }
    },
    watchEvery(Math.min(limits.file, limits.load)),
  );
  watchdog.unref();

  const inFlight = new Set<Promise<void>>();
  const launch = (piece: Chunk, slot: number) => {
    const task: Running = {
      controller: new AbortController(),
      stopped: null,
      clock: { buffer, slot, origin },
      watch: new SlotWatch(),
    };
    running.set(slot, task);
    markClock(task.clock, null, 0);
    const specs = Object.fromEntries(
      piece.jobs.map((j) => [j.settings ?? '', options.settings.get(j.settings ?? '')!.spec]),
    );
    const message: WorkerTask = { specs, jobs: piece.jobs, clock: task.clock };
    const named = (job: FileJob) => options.settings.get(job.settings ?? '')!.transforms;
    const done = (pool as Pool)
      .run(message, { signal: task.controller.signal })
      .then(
        (outcomes: FileOutcome[]) => settle(piece.start, outcomes),
        (error: unknown) => {
          if (task.stopped) {
            // The files around the one that ran too long go back to the front of the queue; only it failed.
            const { why, at } = task.stopped;
            const hung = Math.max(0, at.what);
            settle(piece.start + hung, [stopped(piece.jobs[hung], why, at, named(piece.jobs[hung]))]);
            const after = { start: piece.start + hung + 1, jobs: piece.jobs.slice(hung + 1) };
            const before = { start: piece.start, jobs: piece.jobs.slice(0, hung) };
            queue.unshift(...[before, after].filter((c) => c.jobs.length > 0));
          } else if (piece.jobs.length > 1) {
            // A crash (out of memory, say): each file again on its own, to find the culprit.
            queue.unshift(...piece.jobs.map((job, i) => ({ start: piece.start + i, jobs: [job] })));
          } else {
            // The thread's last word on what it was doing: the clock is left as the thread left it.
            const at = readClock(task.clock);
            settle(piece.start, [failed(piece.jobs[0], error, at, isolate ? named(piece.jobs[0]) : null)]);
          }
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
    // Ends every thread, with whatever a user module left running in it (a timer, say), so the process exits.
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
  /** Why it was stopped for running too long, and what it was doing then; null while it has not been. */
  stopped: { why: string; at: ClockReading } | null;
  clock: ThreadClock;
  watch: SlotWatch;
}

const errorOutcome = (job: FileJob, reason: string): FileOutcome => ({
  report: errorReport(relativeTo(job.cwd, job.dockerfile), reason),
  writes: [],
  patch: '',
  contextDir: null,
});

/** The transform that was running as `at` says, as a report names it ("hang (./hang.js)"), or null. */
function runningTransform(
  at: ClockReading | null,
  transforms: readonly TransformInfo[] | null,
): string | null {
  const info = at && at.what !== LOADING ? transforms?.[at.transform] : undefined;
  if (!info) return null;
  return info.module === null ? info.name : `${info.name} (${info.module})`;
}

function stopped(
  job: FileJob,
  why: string,
  at: ClockReading,
  transforms: readonly TransformInfo[],
): FileOutcome {
  if (at.what === LOADING) return errorOutcome(job, `stopped: loading the transform modules, ${why}`);
  const transform = runningTransform(at, transforms);
  return errorOutcome(job, `stopped: ${why}${transform ? `, in transform ${transform}` : ''}`);
}

/**
 * A task that failed without being stopped: its thread ran out of memory or ended. With user modules in
 * the run that is theirs to answer for (process.exit in a worker ends only that thread), named where the
 * clock says which transform was running; without, it is a bug in this tool.
 */
function failed(
  job: FileJob,
  error: unknown,
  at: ClockReading | null,
  transforms: readonly TransformInfo[] | null,
): FileOutcome {
  const message = messageOf(error).split('\n')[0];
  const transform = runningTransform(at, transforms);
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    const where = transform ? `, in transform ${transform}` : '';
    return errorOutcome(job, `stopped: used more than ${WORKER_HEAP_MB} MB of memory${where}`);
  }
  if (transforms === null) return errorOutcome(job, `internal error: ${message} (please report this)`);
  // Piscina's words for a thread that ended mid-task; an uncaught error arrives as itself instead.
  const exit = /^worker exited with code: (-?\d+)/.exec(message);
  const what = exit ? `it called process.exit(${exit[1]})` : message;
  if (transform) return errorOutcome(job, `transform ${transform} failed: ${what}`);
  const doing = at?.what === LOADING ? 'loading the transform modules' : 'its worker thread failed';
  return errorOutcome(job, `stopped: ${doing}: ${what}`);
}
