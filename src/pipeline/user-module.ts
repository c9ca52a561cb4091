// Loading one user transform module (CommonJS or ES) and checking its shape; runs in worker threads only.
// Kept apart from load-transforms.ts so the thread that checks modules (probe-worker.ts) loads no built-in.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TransformModuleError, messageOf } from '../errors';
import { isTransform, type Transform } from '../contract/transform';

/** A module path as reports show it: relative to the current folder, with `./` so it reads as a path. */
export function moduleLabel(file: string, cwd: string): string {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  return rel.startsWith('../') || path.isAbsolute(rel) ? rel : `./${rel}`;
}

/** The module each loaded user transform came from, as reports show it; built-ins are not here. */
const modules = new WeakMap<Transform, string>();

/** The module a transform was loaded from (`./x.js`), or null for a built-in. */
export function userModuleOf(transform: Transform): string | null {
  return modules.get(transform) ?? null;
}

/** Loads a user's transform module (CommonJS or ES); throws TransformModuleError naming it when it cannot. */
export async function loadModule(file: string, cwd: string): Promise<Transform> {
  const label = moduleLabel(file, cwd);
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
    throw new TransformModuleError(`cannot load transform ${label}: ${messageOf(error).split('\n')[0]}`);
  }
  const mod = loaded as { default?: unknown; transform?: unknown };
  const candidate = isTransform(mod) ? mod : isTransform(mod?.default) ? mod.default : null;
  const kinds: unknown = candidate?.meta.kinds;
  if (
    !candidate ||
    (kinds !== undefined && !(Array.isArray(kinds) && kinds.every((k) => typeof k === 'string')))
  ) {
    throw new TransformModuleError(
      `transform ${label} must export { meta: { name, description, kinds? }, transform(model, facts, options, kit) }`,
    );
  }
  modules.set(candidate, label);
  return candidate;
}
