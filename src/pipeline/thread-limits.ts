// The limits on worker threads: what a thread is doing (shared memory), how much CPU it has used on it, and
// whether that is too long; and the heap each may use. Used by the --jobs pool (run-jobs.ts) and by the check
// of the transform modules (probe.ts).
import fs from 'node:fs';
import { UsageError } from '../errors';

/** A file still running after this much CPU time (wall-clock time where the OS cannot tell) is stopped. */
const FILE_TIMEOUT_MS = 60_000;
/** Overrides FILE_TIMEOUT_MS, in seconds (tests, or a user whose transform is slow on purpose). */
export const FILE_TIMEOUT_ENV = 'DOCKERIZE_MS_FILE_TIMEOUT';
/** Loading the transform modules gets this long; a module does its work in transform(), not at load. */
const LOAD_TIMEOUT_MS = 30_000;
export const LOAD_TIMEOUT_ENV = 'DOCKERIZE_MS_LOAD_TIMEOUT';
/**
 * Where CPU time is measured, work whose thread used less than this share of a CPU over a whole limit's
 * worth of wall time is waiting (blocked in a system call, on a lock that never opens), not slowed by other
 * threads, and is stopped: a thread that gets any fair share of a CPU uses far more.
 */
const MIN_SHARE = 0.02;
/** The heap one worker may use: a file needs a few megabytes; past this, a memory bomb fails that file alone. */
export const WORKER_HEAP_MB = 1024;
/** /proc's utime and stime are in USER_HZ ticks, 100 a second on every architecture Node runs on. */
const TICK_MS = 10;

/** The per-file time limit in ms. */
export const fileTimeoutMs = (): number => limitFromEnv(FILE_TIMEOUT_ENV, FILE_TIMEOUT_MS);
/** The time limit on loading a run's transform modules, in ms. */
export const loadTimeoutMs = (): number => limitFromEnv(LOAD_TIMEOUT_ENV, LOAD_TIMEOUT_MS);

/** How often the main thread looks at its workers' clocks. */
export const watchEvery = (limitMs: number): number => Math.min(1000, Math.max(20, limitMs / 10));

function limitFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const seconds = Number(raw);
  if (!(seconds > 0) || !Number.isFinite(seconds))
    throw new UsageError(`${name} must be a number of seconds above 0 (got "${raw}")`);
  return seconds * 1000;
}

/** This thread's id under /proc/self/task (Linux), or 0 where there is none: then only wall time counts. */
export function ownThreadId(): number {
  try {
    return Number(fs.readlinkSync('/proc/thread-self').split('/').pop()) || 0;
  } catch {
    return 0;
  }
}

/**
 * The CPU time (user + system, ms) thread `tid` of this process has used, or null when it cannot be read.
 * Per thread, unlike process.cpuUsage(), which in a worker counts every thread of the process.
 */
export function threadCpuMs(tid: number): number | null {
  if (tid <= 0) return null;
  try {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
    // The fields after the thread's name, which is in parentheses and may hold spaces or parentheses itself;
    // utime and stime are fields 14 and 15 of the line, 11 and 12 after the name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * TICK_MS : null;
  } catch {
    return null;
  }
}

/**
 * Memory shared between a worker and the main thread, CELLS cells per task slot. The worker writes what
 * it is doing when it starts on it; the main thread reads it to stop work that runs too long, counting
 * from its start (not from when it was queued) and, where the OS tells, in the worker's own CPU time.
 */
export interface ThreadClock {
  buffer: SharedArrayBuffer;
  slot: number;
  /** Date.now() when the buffer was made: start times are kept as ms since then, to fit 32 bits. */
  origin: number;
}

/** `what` while the worker loads the transform modules, before any file. */
export const LOADING = -1;
/** `transform` while no transform runs. */
const NO_TRANSFORM = -1;

const CELLS = 5;
const STARTED = 0; // ms since origin, plus one; 0 while the slot is idle
const WHAT = 1; // the file's index in its task, or LOADING
const CPU = 2; // the thread's CPU ms when it started, or -1 when unknown
const TID = 3; // the thread's id under /proc/self/task, or 0
const TRANSFORM = 4; // index in the settings' transforms of the one running, or NO_TRANSFORM

export interface ClockReading {
  startedAt: number;
  what: number;
  cpuAtStart: number | null;
  tid: number;
  transform: number;
}

/** Shared memory for `slots` task slots. */
export function threadClockBuffer(slots: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * CELLS * slots);
}

/** What the slot's worker is doing since when, or null while it is idle. */
export function readClock(clock: ThreadClock): ClockReading | null {
  const cells = new Int32Array(clock.buffer, Int32Array.BYTES_PER_ELEMENT * CELLS * clock.slot, CELLS);
  const started = Atomics.load(cells, STARTED);
  if (started === 0) return null;
  const cpu = Atomics.load(cells, CPU);
  return {
    startedAt: clock.origin + started - 1,
    what: Atomics.load(cells, WHAT),
    cpuAtStart: cpu < 0 ? null : cpu,
    tid: Atomics.load(cells, TID),
    transform: Atomics.load(cells, TRANSFORM),
  };
}

/** Worker side: marks the slot as starting on `what` now (a file's index, or LOADING), or (null) idle. */
export function markClock(clock: ThreadClock, what: number | null, tid: number): void {
  const cells = new Int32Array(clock.buffer, Int32Array.BYTES_PER_ELEMENT * CELLS * clock.slot, CELLS);
  if (what === null) {
    Atomics.store(cells, STARTED, 0);
    return;
  }
  // Written before STARTED, which is what tells the main thread that the rest belongs to this start.
  Atomics.store(cells, WHAT, what);
  Atomics.store(cells, CPU, threadCpuMs(tid) ?? -1);
  Atomics.store(cells, TID, tid);
  Atomics.store(cells, TRANSFORM, NO_TRANSFORM);
  Atomics.store(cells, STARTED, Date.now() - clock.origin + 1);
}

/** Worker side: which of the settings' transforms is running (NO_TRANSFORM: none), to name it if it is stopped. */
export function markTransform(clock: ThreadClock, index: number): void {
  const cells = new Int32Array(clock.buffer, Int32Array.BYTES_PER_ELEMENT * CELLS * clock.slot, CELLS);
  Atomics.store(cells, TRANSFORM, index);
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Watches one task slot, asked every tick whether the work there is over its limit: why, for a report
 * ("still running after 2 s of CPU time"), or null. CPU time is the thread's own, so threads that share
 * CPUs (a large --jobs, a busy machine) do not use up each other's time. Where it cannot be read, the wall
 * clock counts, and the pool has no more threads than CPUs (run-jobs.ts), so its own threads do not slow
 * each other down.
 */
export class SlotWatch {
  /** The start of the work being watched, and the thread's CPU time at the start of the current window. */
  private started = -1;
  private window = { at: 0, cpu: 0 };

  check(reading: ClockReading, limitMs: number, now = Date.now()): string | null {
    const cpuNow = reading.cpuAtStart === null ? null : threadCpuMs(reading.tid);
    if (cpuNow === null || reading.cpuAtStart === null)
      return now - reading.startedAt > limitMs ? `still running ${seconds(limitMs)} after it started` : null;
    if (cpuNow - reading.cpuAtStart > limitMs) return `still running after ${seconds(limitMs)} of CPU time`;
    if (reading.startedAt !== this.started) {
      this.started = reading.startedAt;
      this.window = { at: reading.startedAt, cpu: reading.cpuAtStart };
    }
    if (now - this.window.at < limitMs) return null;
    if (cpuNow - this.window.cpu < limitMs * MIN_SHARE)
      return `still running, using almost no CPU for ${seconds(limitMs)} (waiting on something?)`;
    this.window = { at: now, cpu: cpuNow };
    return null;
  }
}
