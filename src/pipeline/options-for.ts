// `migrate --print-config` as a library call: the options one Dockerfile gets, and where each comes from.
import fs from 'node:fs';
import path from 'node:path';
import { PathError } from '../errors';
import { ConfigResolver, NO_CONFIG } from '../config';
import { builtinTransforms } from '../kinds';
import { searchTop } from './context';
import { dockerfilesIn, optionFlags, type MigrateOptions } from './migrate';
import { relativeTo } from './process-file';
import { printable } from './quote';
import { effectiveOptions, type EffectiveOptions, type OptionSources } from './settings';

/** The options one Dockerfile gets, and where each comes from (`migrate --print-config`). */
export interface OptionsReport {
  dockerfile: string;
  /** The config files that apply, farthest first; the search went from the Dockerfile's folder up to `searchedUpTo`. */
  configFiles: string[];
  searchedUpTo: string;
  options: EffectiveOptions;
  from: OptionSources;
}

/**
 * The options in effect for `file` (a Dockerfile, or a folder that holds exactly one) under `options`: its
 * config files, then the options given here. Throws PathError when `file` names no Dockerfile, and
 * ConfigError for a broken config file.
 */
export async function optionsFor(file: string, options: MigrateOptions = {}): Promise<OptionsReport> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const dockerfile = dockerfileNamed(file, cwd);
  const flags = optionFlags(options, cwd);
  const display = (p: string) => relativeTo(cwd, p);
  const top = searchTop(dockerfile, cwd);
  const names = builtinTransforms.map((t) => t.meta.name);
  const config =
    options.config === false ? NO_CONFIG : await new ConfigResolver(names, display).resolve(dockerfile, top);
  const { options: effective, sources } = effectiveOptions(config, flags);
  return {
    dockerfile: display(dockerfile),
    configFiles: config.files,
    searchedUpTo: display(top),
    options: effective,
    from: sources,
  };
}

/**
 * The Dockerfile `file` names: the file itself (whatever its name, as on the command line), or the one
 * Dockerfile a folder holds. A folder with none or several is an error that lists them: options can differ
 * per file (an override may name `Dockerfile.dev`), so picking one would answer for the wrong file.
 */
function dockerfileNamed(file: string, cwd: string): string {
  const full = path.resolve(cwd, file);
  const fail = (why: string) => new PathError(`${printable(file)}: ${why}`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw fail('no such file or folder');
  }
  if (stat.isFile()) return full;
  if (!stat.isDirectory()) throw fail('not a file or a folder');
  const names = dockerfilesIn(full, new Map()).filter((name) => isFile(path.join(full, name)));
  if (names.length === 1) return path.join(full, names[0]);
  if (names.length === 0) throw fail('a folder with no Dockerfile in it; name the Dockerfile');
  const listed = names.sort().map(printable).join(', ');
  throw fail(`a folder with ${names.length} Dockerfiles (${listed}); name the one to show`);
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
