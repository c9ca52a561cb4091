// The per-run settings every file is processed with, built the same way in the main thread and in workers.
import { loadMappings } from '../images/load-mappings';
import { loadTransforms } from './load-transforms';
import type { ProcessSettings } from './process-file';
import type { RuntimeFlavour } from '../contract/transform';

/** The plain-data form of the settings, which can cross to a worker thread. */
export interface SettingsSpec {
  cwd: string;
  transforms: string[] | undefined;
  mappingsFile: string | null;
  builtinMappings: boolean;
  runtime: RuntimeFlavour | null;
  strict: boolean;
  springLayers: boolean;
  patches: boolean;
}

/** Loads transforms and mapping tables; throws UsageError for an unknown transform or a broken mapping file. */
export async function buildSettings(spec: SettingsSpec): Promise<ProcessSettings> {
  const transforms = await loadTransforms(spec.transforms, spec.cwd);
  const mappings = loadMappings(spec.mappingsFile, spec.builtinMappings);
  return {
    transforms,
    options: { runtime: spec.runtime, strict: spec.strict, springLayers: spec.springLayers, mappings },
    patches: spec.patches,
  };
}
