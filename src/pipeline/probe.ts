// Checks a run's transform modules before any file is read: each is loaded in a short-lived worker thread
// under a time limit, and the main thread keeps only their names. A module that hangs at load, ends its
// thread or exports no transform is an error naming it, and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { TransformModuleError, messageOf } from '../errors';
import { loadModule, moduleLabel } from './user-module';
import {
  WORKER_HEAP_MB,
  loadTimeoutMs,
  SlotWatch,
  readClock,
  threadClockBuffer,
  watchEvery,
  type ThreadClock,
} from './thread-limits';

const PROBE_FILE = path.join(__dirname, 'probe-worker.js');

/** What the probe worker is given: the modules' absolute paths, the folder reports are relative to, its clock. */
export interface ProbeTask {
  files: string[];
  cwd: string;
  clock: ThreadClock;
}

/** What it answers, per module, in order: its name, or why it cannot be used (and then it stops). */
export type ProbeMessage =
  { type: 'loaded'; index: number; name: string } | { type: 'failed'; index: number; message: string };

/**
 * Each module's meta.name by absolute path; throws TransformModuleError naming the first module that cannot
 * be used, or the signal's reason as soon as it fires (the main thread is free to see it: a hang is not here).
 */
export async function probeModules(
  files: readonly string[],
  cwd: string,
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(files)];
  if (unique.length === 0) return names;
  signal?.throwIfAborted();
  if (!fs.existsSync(PROBE_FILE)) {
    // Running from the TypeScript sources (this repository's unit tests): there is no worker to start.
    for (const file of unique) names.set(file, (await loadModule(file, cwd)).meta.name);
    return names;
  }
  const limit = loadTimeoutMs();
  const clock: ThreadClock = { buffer: threadClockBuffer(1), slot: 0, origin: Date.now() };
  const task: ProbeTask = { files: unique, cwd, clock };
  const worker = new Worker(PROBE_FILE, {
    workerData: task,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    // What a module prints while loading is dropped here: the pool's threads load it again and show it.
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();

  return new Promise((resolve, reject) => {
    let settled = false;
    // The module being loaded: the clock says which; the count of answers is the fallback.
    const current = () => moduleLabel(unique[readClock(clock)?.what ?? names.size] ?? unique[0], cwd);
    const fail = (why: string) =>
      finish(new TransformModuleError(`cannot load transform ${current()}: ${why}`));
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      signal?.removeEventListener('abort', stop);
      // Whatever the modules left running (timers, a loop) goes with the thread.
      void worker.terminate();
      if (error) reject(error);
      else resolve(names);
    };
    worker.on('message', (message: ProbeMessage) => {
      if (message.type === 'failed') return finish(new TransformModuleError(message.message));
      names.set(unique[message.index], message.name);
      if (names.size === unique.length) finish();
    });
    worker.on('error', (error: Error & { code?: string }) =>
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `used more than ${WORKER_HEAP_MB} MB of memory while loading`
          : messageOf(error).split('\n')[0],
      ),
    );
    // In a worker, process.exit() ends only that thread: here, before the module answered.
    worker.on('exit', (code) => fail(`it ended the thread loading it (exit code ${code})`));
    const stop = () => finish(signal!.reason as Error);
    signal?.addEventListener('abort', stop, { once: true });
    const slot = new SlotWatch();
    const watch = setInterval(() => {
      const reading = readClock(clock);
      const why = reading && slot.check(reading, limit);
      if (why) fail(`${why} (a loop at its top level?)`);
    }, watchEvery(limit));
  });
}
