// A worker thread of the --jobs pool: builds each distinct settings once (loading any user transform module
// here, never in the main thread), then processes a chunk of files per task, saying on its clock what runs.
import { processFile, type FileJob, type FileOutcome, type ProcessSettings } from './process-file';
import { buildSettings, type SettingsSpec } from './settings';
import { LOADING, markClock, markTransform, ownThreadId, type ThreadClock } from './thread-limits';

/** Settings by key, built once per thread the first time a file needs them. */
const settings = new Map<string, Promise<ProcessSettings>>();
/** This thread's id for the main thread's CPU-time reading (0: not readable here). */
const tid = ownThreadId();

export interface WorkerTask {
  /** The specs of the task's files, by key (FileJob.settings). */
  specs: Record<string, SettingsSpec>;
  jobs: FileJob[];
  /** The task's slot in the memory shared with the main thread, which stops work that runs too long. */
  clock?: ThreadClock;
}

/** Piscina calls the default export once per task; a task is several files, to keep messages few. */
export default async function processInWorker(task: WorkerTask): Promise<FileOutcome[]> {
  const clock = task.clock;
  // Which transform runs, so one that is stopped or ends the thread can be named.
  const running = clock && ((index: number) => markTransform(clock, index));
  try {
    const ready = new Map<string, ProcessSettings>();
    for (const [key, spec] of Object.entries(task.specs)) {
      // Loading runs a user module's top level: it is timed too, against the load limit.
      if (!settings.has(key)) {
        if (clock) markClock(clock, LOADING, tid);
        settings.set(key, buildSettings(spec));
      }
      const built = await settings.get(key)!;
      ready.set(key, running ? { ...built, running } : built);
    }
    return task.jobs.map((job, index) => {
      if (clock) markClock(clock, index, tid);
      return processFile(job, ready.get(job.settings ?? '')!);
    });
  } finally {
    if (clock) markClock(clock, null, tid);
  }
}
