// `--transform` names and module paths -> Transform objects (built-ins by name, user modules by path).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinTransforms } from '../kinds';
import { UsageError, messageOf } from '../errors';
import { isTransform, type Transform } from '../contract/transform';

const looksLikePath = (spec: string) =>
  /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(spec) || /\.(c|m)?js$/.test(spec);

/** Whether any of the `--transform` specs is a user's module (a path), not a built-in. */
export function hasUserTransforms(specs: readonly string[] | undefined): boolean {
  return (specs ?? []).some((s) => s.split(',').some((part) => part !== '' && looksLikePath(part)));
}

/** The transforms to run; all built-ins when none are named. Throws UsageError for an unknown one. */
export async function loadTransforms(
  specs: readonly string[] | undefined,
  cwd: string,
): Promise<Transform[]> {
  if (!specs || specs.length === 0) return [...builtinTransforms];
  const names = specs.flatMap((s) => s.split(',')).filter(Boolean);
  const loaded: Transform[] = [];
  for (const spec of names) loaded.push(looksLikePath(spec) ? await loadModule(spec, cwd) : byName(spec));
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

async function loadModule(spec: string, cwd: string): Promise<Transform> {
  const found = await importTransform(path.resolve(cwd, spec));
  if (found.transform) return found.transform;
  throw new UsageError(
    found.problem === 'load'
      ? `cannot load transform ${spec}: ${found.message}`
      : `transform ${spec} must export ${TRANSFORM_SHAPE}`,
  );
}

const TRANSFORM_SHAPE = '{ meta: { name, description }, transform(model, facts, options) }';

/**
 * Why the module at `file` is not a transform, in words that follow its path as written (a config file
 * names it relative to itself), or null when it is one.
 */
export async function transformModuleProblem(file: string): Promise<string | null> {
  const found = await importTransform(file);
  if (found.transform) return null;
  return found.problem === 'load'
    ? `cannot be loaded: ${found.message}`
    : `is not a transform: it must export ${TRANSFORM_SHAPE}`;
}

type Imported =
  | { transform: Transform }
  | { transform: null; problem: 'load'; message: string }
  | { transform: null; problem: 'shape' };

async function importTransform(file: string): Promise<Imported> {
  let loaded: unknown;
  try {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(file);
    } catch (error) {
      // An ES module: Node 20 cannot require() it.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
      loaded = await import(pathToFileURL(file).href);
    }
  } catch (error) {
    return { transform: null, problem: 'load', message: messageOf(error).split('\n')[0] };
  }
  const mod = loaded as { default?: unknown; transform?: unknown };
  const candidate = isTransform(mod) ? mod : isTransform(mod?.default) ? mod.default : null;
  return candidate ? { transform: candidate } : { transform: null, problem: 'shape' };
}
