// A worker thread of the --jobs pool: builds the settings once, then processes a chunk of files per task.
import { processFile, type FileJob, type FileOutcome, type ProcessSettings } from './process-file';
import { buildSettings, type SettingsSpec } from './settings';

let settings: Promise<ProcessSettings> | null = null;

/** Piscina calls the default export once per task; a task is several files, to keep messages few. */
export default async function processInWorker(task: {
  spec: SettingsSpec;
  jobs: FileJob[];
}): Promise<FileOutcome[]> {
  settings ??= buildSettings(task.spec);
  const ready = await settings;
  return task.jobs.map((job) => processFile(job, ready));
}
