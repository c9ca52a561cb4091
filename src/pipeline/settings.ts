// The settings a file is processed with: the command line over its config files, one set per distinct option set.
import { loadMappings } from '../images/load-mappings';
import type { Mappings } from '../images/mappings';
import {
  loadTransforms,
  transformInfos,
  transformModuleProblem,
  userModuleFiles,
  type TransformInfo,
} from './load-transforms';
import { probeModules } from './probe';
import type { FileJob, ProcessSettings } from './process-file';
import type { RuntimeFlavour, RuntimeUser } from '../contract/transform';
import {
  ConfigResolver,
  NO_CONFIG,
  UnreadablePackageError,
  type ResolvedConfig,
  type ServiceOptions,
} from '../config';
import { builtinTransforms } from '../kinds';

/** The plain-data form of the settings, which can cross to a worker thread; equal specs share one build. */
export interface SettingsSpec {
  cwd: string;
  transforms: string[] | undefined;
  mappingsFile: string | null;
  builtinMappings: boolean;
  runtime: RuntimeFlavour | null;
  strict: boolean;
  springLayers: boolean;
  user: RuntimeUser;
  patches: boolean;
}

/** What the command line (or a library caller) set; undefined: not given, so a config file or the default decides. */
export type OptionFlags = Omit<ServiceOptions, 'skip'>;

/** Every option as it applies to one Dockerfile. */
export interface EffectiveOptions {
  runtime: RuntimeFlavour | null;
  user: RuntimeUser;
  mappings: string | null;
  builtinMappings: boolean;
  transforms: string[] | null;
  springLayers: boolean;
  strict: boolean;
  dockerignore: boolean;
  skip: string | null;
}

const DEFAULTS: EffectiveOptions = {
  runtime: null,
  user: 'default',
  mappings: null,
  builtinMappings: true,
  transforms: null,
  springLayers: false,
  strict: false,
  dockerignore: true,
  skip: null,
};

/** Where each option came from: `command line`, a config file (and override), or `default`. */
export type OptionSources = Record<keyof EffectiveOptions, string>;

/** The options for one Dockerfile: a flag wins over its config files, which win over the defaults. */
export function effectiveOptions(
  config: ResolvedConfig,
  flags: OptionFlags,
): { options: EffectiveOptions; sources: OptionSources } {
  const options = { ...DEFAULTS };
  const sources = Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, 'default'])) as OptionSources;
  const set = (key: keyof EffectiveOptions, value: unknown, source: string) => {
    if (value === undefined) return;
    (options as Record<string, unknown>)[key] = value;
    sources[key] = source;
  };
  for (const key of Object.keys(DEFAULTS) as (keyof EffectiveOptions)[]) {
    set(key, config.options[key], config.sources[key] ?? 'default');
    if (key !== 'skip') set(key, flags[key], 'command line');
  }
  // `skip: false` in a nearer file undoes a skip from further up.
  if (options.skip === (false as unknown)) options.skip = null;
  return { options, sources };
}

/** The settings spec of a Dockerfile's options. */
export function settingsSpec(cwd: string, options: EffectiveOptions, patches: boolean): SettingsSpec {
  return {
    cwd,
    transforms: options.transforms ?? undefined,
    mappingsFile: options.mappings,
    builtinMappings: options.builtinMappings,
    runtime: options.runtime,
    strict: options.strict,
    springLayers: options.springLayers,
    user: options.user,
    patches,
  };
}

/** The cache key of a spec: files with equal options share one set of loaded transforms and tables. */
export const settingsKey = (spec: SettingsSpec): string => JSON.stringify(spec);

const mappingTables = new Map<string, Mappings>();

/** Loads transforms and mapping tables; throws UsageError for an unknown transform or a broken mapping file. */
export async function buildSettings(spec: SettingsSpec): Promise<ProcessSettings> {
  const transforms = await loadTransforms(spec.transforms, spec.cwd);
  return { transforms, options: transformOptions(spec), patches: spec.patches };
}

function transformOptions(spec: SettingsSpec): ProcessSettings['options'] {
  // Specs that differ only in, say, the runtime share the tables: they are read once per thread.
  const tableKey = `${spec.builtinMappings}:${spec.mappingsFile ?? ''}`;
  let mappings = mappingTables.get(tableKey);
  if (!mappings) {
    mappings = loadMappings(spec.mappingsFile, spec.builtinMappings);
    mappingTables.set(tableKey, mappings);
  }
  return {
    runtime: spec.runtime,
    strict: spec.strict,
    springLayers: spec.springLayers,
    mappings,
    user: spec.user,
  };
}

/** One distinct set of settings as the main thread holds it. */
export interface PlannedSettings {
  /** Plain data, for the worker threads that build their own. */
  spec: SettingsSpec;
  /** What each transform is, in run order, to name one in a report. */
  transforms: TransformInfo[];
  /** Built, to run in this thread; null when a user module is among the transforms: it runs in workers only. */
  ready: ProcessSettings | null;
}

/** How a run plans its settings: the flags, and whether config files are read. */
export interface SettingsPlan {
  cwd: string;
  flags: OptionFlags;
  useConfig: boolean;
  patches: boolean;
  display: (file: string) => string;
  /** Stops the check of the transform modules at once. */
  signal?: AbortSignal;
}

/**
 * Resolves each job's options (its config files, then the flags), gives the job the key of its settings, its
 * ignore-file choice and any skip, and plans every distinct settings once. Before any file is read, throws
 * ConfigError for a broken config file, UsageError for an unknown transform or a broken mapping file, and
 * TransformModuleError for a transform module that cannot be used (checked in a worker thread: probe.ts). A
 * package.json on a job's way up that cannot be read fails that job alone (`failure`).
 */
export async function planSettings(
  jobs: FileJob[],
  plan: SettingsPlan,
): Promise<Map<string, PlannedSettings>> {
  // Modules a config file names are checked as it is read; their names are kept for the check below.
  const checked = new Map<string, string>();
  const resolver = plan.useConfig
    ? new ConfigResolver(
        builtinTransforms.map((t) => t.meta.name),
        plan.display,
        // A module a config file names that does not load is that file's error, at its line.
        (file) => transformModuleProblem(file, checked),
      )
    : null;
  const specs = new Map<string, SettingsSpec>();
  for (const job of jobs) {
    let config = NO_CONFIG;
    try {
      if (resolver) config = await resolver.resolve(job.dockerfile, job.top);
    } catch (error) {
      if (!(error instanceof UnreadablePackageError)) throw error;
      job.failure = error.message;
    }
    const { options, sources } = effectiveOptions(config, plan.flags);
    const spec = settingsSpec(plan.cwd, options, plan.patches);
    const key = settingsKey(spec);
    specs.set(key, spec);
    job.settings = key;
    job.dockerignore = options.dockerignore;
    job.skip = options.skip === null ? null : { reason: options.skip, source: sources.skip };
  }
  // A run without files still checks its flags: `--transform nope` is an error however many files there are.
  if (specs.size === 0) {
    const spec = settingsSpec(plan.cwd, effectiveOptions(NO_CONFIG, plan.flags).options, plan.patches);
    specs.set(settingsKey(spec), spec);
  }
  const all = [...specs.values()];
  // Unknown built-in names first: a typo is reported without starting a thread.
  for (const spec of all) transformInfos(spec.transforms, spec.cwd, new Map());
  const unchecked = all
    .flatMap((spec) => userModuleFiles(spec.transforms, spec.cwd))
    .filter((f) => !checked.has(f));
  const names = new Map([...checked, ...(await probeModules(unchecked, plan.cwd, plan.signal))]);
  const planned = new Map<string, PlannedSettings>();
  for (const [key, spec] of specs) {
    const transforms = transformInfos(spec.transforms, spec.cwd, names);
    const options = transformOptions(spec);
    const ready = transforms.some((t) => t.module !== null)
      ? null
      : { transforms: await loadTransforms(spec.transforms, spec.cwd), options, patches: spec.patches };
    planned.set(key, { spec, transforms, ready });
  }
  return planned;
}
