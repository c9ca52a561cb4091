// `--transform` names and module paths -> Transform objects (built-ins by name, user modules by path).
// A user's module is code from the tree, loaded only in worker threads (probe.ts, worker.ts) where it can be
// stopped: the main thread never runs it, and knows it by the name the check in probe.ts reported.
import path from 'node:path';
import { builtinTransforms } from '../kinds';
import { TransformModuleError, UsageError } from '../errors';
import { probeModules } from './probe';
import type { Transform } from '../contract/transform';
import { loadModule, moduleLabel } from './user-module';

/** What the main thread knows of a transform, to name it in a report. */
export interface TransformInfo {
  name: string;
  /** A user module as reports show it (`./my-transform.js`); null for a built-in. */
  module: string | null;
}

const looksLikePath = (spec: string) =>
  /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(spec) || /\.(c|m)?js$/.test(spec);

/** The `--transform` specs one by one: `a,b` is two. */
const each = (specs: readonly string[] | undefined) =>
  (specs ?? []).flatMap((s) => s.split(',')).filter(Boolean);

/** The absolute paths of the user modules among the specs. */
export function userModuleFiles(specs: readonly string[] | undefined, cwd: string): string[] {
  return each(specs)
    .filter(looksLikePath)
    .map((spec) => path.resolve(cwd, spec));
}

/**
 * What each transform to run is, in run order, without loading a user module: `names` maps a module's
 * absolute path to its meta.name, as the check in a worker found it. Throws UsageError for an unknown name.
 */
export function transformInfos(
  specs: readonly string[] | undefined,
  cwd: string,
  names: ReadonlyMap<string, string>,
): TransformInfo[] {
  const list = each(specs);
  if (list.length === 0) return builtinTransforms.map((t) => ({ name: t.meta.name, module: null }));
  return list.map((spec) => {
    if (!looksLikePath(spec)) return { name: byName(spec).meta.name, module: null };
    const file = path.resolve(cwd, spec);
    return { name: names.get(file) ?? '?', module: moduleLabel(file, cwd) };
  });
}

/**
 * The transforms to run; all built-ins when none are named. Throws UsageError for an unknown one. Loads
 * user modules, so it runs in worker threads (or where no worker is built: this repository's unit tests).
 */
export async function loadTransforms(
  specs: readonly string[] | undefined,
  cwd: string,
): Promise<Transform[]> {
  const list = each(specs);
  if (list.length === 0) return [...builtinTransforms];
  const loaded: Transform[] = [];
  for (const spec of list)
    loaded.push(looksLikePath(spec) ? await loadModule(path.resolve(cwd, spec), cwd) : byName(spec));
  return loaded;
}

function byName(name: string): Transform {
  const found = builtinTransforms.find((t) => t.meta.name === name);
  if (!found) {
    const known = builtinTransforms.map((t) => t.meta.name).join(', ');
    throw new UsageError(`unknown transform "${name}" (built-in: ${known}; or give a path to a module)`);
  }
  return found;
}

/**
 * Why the module at `file` cannot be used as a transform, in words that follow its path as written (a config
 * file names it relative to itself), or null when it can. Checked in a worker thread, as every user module is;
 * the name of one that can be used goes into `known`, so the run's own check does not load it again.
 */
export async function transformModuleProblem(
  file: string,
  known: Map<string, string>,
): Promise<string | null> {
  try {
    for (const [probed, name] of await probeModules([file], path.dirname(file))) known.set(probed, name);
    return null;
  } catch (error) {
    if (!(error instanceof TransformModuleError)) throw error;
    const shape = /^transform .+? must export (.*)$/.exec(error.message);
    if (shape) return `is not a transform: it must export ${shape[1]}`;
    return error.message.replace(/^cannot load transform [^:]*: /, 'cannot be loaded: ');
  }
}
