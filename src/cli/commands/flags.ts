// The flags `migrate` and `verify` share, and the library options they turn into.
import type { MigrateOptions } from '../../pipeline/migrate';
import type { RuntimeFlavour } from '../../pipeline/transform';

export interface MigrationFlags {
  paths: string[];
  json: boolean;
  transform?: string[];
  runtime?: RuntimeFlavour;
  mappings?: string;
  builtin: boolean;
  strict: boolean;
  springLayers: boolean;
  dockerignore: boolean;
  context?: string;
  ignorePattern?: string[];
  jobs?: number;
  quiet: boolean;
  verbose: boolean;
  color?: boolean;
}

export interface SmokeFlags {
  timeout: number;
  probe?: string;
  network?: string;
  port?: number;
}

/** The options that decide what a migration writes, from the shared flags. */
export function migrationOptions(flags: MigrationFlags): MigrateOptions {
  return {
    paths: flags.paths,
    transforms: flags.transform,
    runtime: flags.runtime,
    mappings: flags.mappings,
    builtinMappings: flags.builtin,
    strict: flags.strict,
    springLayers: flags.springLayers,
    dockerignore: flags.dockerignore,
    context: flags.context,
    ignorePatterns: flags.ignorePattern,
    jobs: flags.jobs,
  };
}
