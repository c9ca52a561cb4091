// The flags `migrate` and `verify` share, and the library options they turn into.
import type { MigrateOptions } from '../../pipeline/migrate';
import { maxJobs } from '../../pipeline/run-jobs';
import type { RuntimeFlavour } from '../../contract/transform';

export interface MigrationFlags {
  paths?: string[];
  /** yargs puts what follows `--` here, after the command name. */
  _?: (string | number)[];
  json: boolean;
  transform?: string[];
  runtime?: RuntimeFlavour;
  mappings?: string;
  builtin?: boolean;
  strict?: boolean;
  springLayers?: boolean;
  dockerignore?: boolean;
  user?: string;
  config?: boolean;
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
  // `migrate -- -dash` names a folder called `-dash`: words after `--` are paths, never flags.
  const afterDashes = (flags._ ?? []).slice(1).map(String);
  const paths = [...(flags.paths ?? []), ...afterDashes];
  return {
    paths: paths.length > 0 ? paths : ['.'],
    transforms: flags.transform,
    runtime: flags.runtime,
    user: flags.user,
    config: flags.config,
    mappings: flags.mappings,
    builtinMappings: flags.builtin,
    strict: flags.strict,
    springLayers: flags.springLayers,
    dockerignore: flags.dockerignore,
    context: flags.context,
    ignorePatterns: flags.ignorePattern,
    jobs: jobsFlag(flags.jobs),
  };
}

let jobsNoted = false;

/**
 * --jobs, capped to what the machine can use (a thread per CPU), with a note on stderr the first
 * time. A value that is not a whole number of at least 1 is passed on for the library to refuse.
 */
function jobsFlag(jobs: number | undefined): number | undefined {
  const cap = maxJobs();
  if (jobs === undefined || !Number.isInteger(jobs) || jobs <= cap) return jobs;
  if (!jobsNoted) {
    process.stderr.write(`dockerize-ms: --jobs ${jobs} is more than this machine can use; using ${cap}\n`);
    jobsNoted = true;
  }
  return cap;
}
