// A worker thread of the --jobs pool: builds each distinct settings once, then processes a chunk of files per task.
import { processFile, type FileJob, type FileOutcome, type ProcessSettings } from './process-file';
import { buildSettings, type SettingsSpec } from './settings';

/** Settings by key, built once per thread the first time a file needs them. */
const settings = new Map<string, Promise<ProcessSettings>>();

/**
 * Memory shared with the main thread, two cells per task slot: when the slot's current file started
 * (ms since `origin`, plus one; 0 while no file runs) and that file's index in its chunk. The main
 * thread reads it to stop a file that runs too long, counting from its start, not from the queue.
 */
export interface StartClock {
  buffer: SharedArrayBuffer;
  slot: number;
  origin: number;
}

export interface WorkerTask {
  /** The specs of the task's files, by key (FileJob.settings). */
  specs: Record<string, SettingsSpec>;
  jobs: FileJob[];
  clock?: StartClock;
}

/** Shared memory for `slots` task slots. */
export function startClockBuffer(slots: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * 2 * slots);
}

/** What a slot is doing: the start time (Date.now() time) and index of its running file, or null. */
export function readStartClock(clock: StartClock): { startedAt: number; index: number } | null {
  const cells = new Int32Array(clock.buffer);
  const started = Atomics.load(cells, 2 * clock.slot);
  if (started === 0) return null;
  return { startedAt: clock.origin + started - 1, index: Atomics.load(cells, 2 * clock.slot + 1) };
}

/** Marks the slot's file `index` as started now, or (null) the slot as idle. */
export function markStartClock(clock: StartClock, index: number | null): void {
  const cells = new Int32Array(clock.buffer);
  if (index === null) {
    Atomics.store(cells, 2 * clock.slot, 0);
    return;
  }
  Atomics.store(cells, 2 * clock.slot + 1, index);
  Atomics.store(cells, 2 * clock.slot, Date.now() - clock.origin + 1);
}

/** Piscina calls the default export once per task; a task is several files, to keep messages few. */
export default async function processInWorker(task: WorkerTask): Promise<FileOutcome[]> {
  const ready = new Map<string, ProcessSettings>();
  for (const [key, spec] of Object.entries(task.specs)) {
    if (!settings.has(key)) settings.set(key, buildSettings(spec));
    ready.set(key, await settings.get(key)!);
  }
  const clock = task.clock;
  try {
    return task.jobs.map((job, index) => {
      if (clock) markStartClock(clock, index);
      return processFile(job, ready.get(job.settings ?? '')!);
    });
  } finally {
    if (clock) markStartClock(clock, null);
  }
}
