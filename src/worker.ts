// A worker thread of the --jobs pool: builds the settings once, then processes one file per task.
import { processFile, type FileJob, type FileOutcome, type ProcessSettings } from './process-file';
import { buildSettings, type SettingsSpec } from './settings';

let settings: Promise<ProcessSettings> | null = null;

/** Piscina calls the default export once per task. */
export default async function processInWorker(task: {
  spec: SettingsSpec;
  job: FileJob;
}): Promise<FileOutcome> {
  settings ??= buildSettings(task.spec);
  return processFile(task.job, await settings);
}
