// Which devDependencies a production install would drop, what they provide, and whether the app's own files load one.
import type { DockerfileModel } from '../../dockerfile/model';
import { copySources } from '../../dockerfile/sources';
import { dirOf, globMatches, hasGlob, joinPath } from '../../dockerfile/context-paths';
import type { DevLoad } from '../../contract/facts';
import type { ProjectView } from '../../contract/project-view';
import { runtimeImports } from './runtime-imports';
import { parseJsonc } from './tsconfig';
import { PROGRAM_PACKAGES } from './vocabulary';

type Json = Record<string, unknown>;

const keys = (value: unknown): string[] =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];

/** Packages only devDependencies list, across the manifests one install covers (the package and its workspace root). */
export function devOnlyPackages(manifests: ReadonlyArray<Json | null>): string[] {
  const dev = new Set<string>();
  const kept = new Set<string>();
  for (const pkg of manifests) {
    if (!pkg) continue;
    for (const name of keys(pkg.devDependencies)) dev.add(name);
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'])
      for (const name of keys(pkg[field])) kept.add(name);
  }
  return [...dev].filter((name) => !kept.has(name)).sort();
}

/**
 * Programs the dev-only packages put on the PATH of package scripts: the bins package-lock.json records
 * for them, the known tools above, and an unscoped package's own name.
 */
export function devBins(devOnly: readonly string[], npmLock: Json | null): Record<string, string> {
  const only = new Set(devOnly);
  const bins: Record<string, string> = {};
  // An unscoped package's own name is its usual program (`ts-node`, `nodemon`); `@types/node` provides none.
  for (const name of devOnly) if (!name.startsWith('@')) bins[name] ??= name;
  for (const [bin, pkg] of Object.entries(PROGRAM_PACKAGES)) if (only.has(pkg)) bins[bin] = pkg;
  const packages = npmLock?.packages;
  if (packages && typeof packages === 'object') {
    for (const name of devOnly) {
      const entry = (packages as Json)[`node_modules/${name}`] as Json | undefined;
      const bin = entry?.bin;
      if (typeof bin === 'string') bins[name.split('/').pop()!] = name;
      else for (const b of keys(bin)) bins[b] = name;
    }
  }
  return bins;
}

/**
 * The dev-only packages the files the image copies in load at run time. Only run when there are dev-only
 * packages: with none, nothing a prune removes can be missed.
 */
export function devLoads(
  view: ProjectView,
  model: DockerfileModel,
  devOnly: readonly string[],
  tsconfig: string | null,
): { loads: DevLoad[]; incomplete: string | null } {
  if (devOnly.length === 0) return { loads: [], incomplete: null };
  const scan = runtimeImports(view, copiedRoots(view, model), elidesTypeImports(view, tsconfig));
  const loads: DevLoad[] = [];
  for (const name of devOnly) {
    // `@types/x` is never loaded: TypeScript resolves types from it, at build time only.
    if (name.startsWith('@types/')) continue;
    const imported = scan.packages[name];
    const named = scan.named[name];
    if (imported) loads.push({ name, file: imported, named: false });
    else if (named) loads.push({ name, file: named, named: true });
  }
  return { loads, incomplete: scan.incomplete };
}

/** The context paths the Dockerfile copies in: files, folders, and the entries a glob picks. */
function copiedRoots(view: ProjectView, model: DockerfileModel): string[] {
  const roots: string[] = [];
  for (const source of copySources(model)) {
    if (!hasGlob(source)) {
      if (view.exists(source)) roots.push(source);
      continue;
    }
    const dir = dirOf(source);
    if (hasGlob(dir)) {
      // A glob in a folder part (`apps/*/src`): read the whole context rather than guess.
      roots.push('.');
      continue;
    }
    for (const name of view.list(dir)) {
      const rel = joinPath(dir, name);
      if (globMatches(source, rel)) roots.push(rel);
    }
  }
  return [...new Set(roots)];
}

/**
 * Whether tsc drops imports used as types only. Not with `verbatimModuleSyntax`/`preserveValueImports`/
 * `importsNotUsedAsValues: preserve`, nor with `emitDecoratorMetadata`, which turns annotations of
 * decorated members into values; one level of `extends` is read.
 */
function elidesTypeImports(view: ProjectView, tsconfig: string | null): boolean {
  if (!tsconfig) return true;
  const own = parseJsonc(view.readText(tsconfig));
  const ext = typeof own?.extends === 'string' && own.extends.startsWith('.') ? own.extends : null;
  const extPath = ext ? joinPath(dirOf(tsconfig), ext) : null;
  const base = extPath ? parseJsonc(view.readText(extPath) ?? view.readText(`${extPath}.json`)) : null;
  const options = { ...(base?.compilerOptions as Json), ...(own?.compilerOptions as Json) };
  return !(
    options.verbatimModuleSyntax === true ||
    options.preserveValueImports === true ||
    options.importsNotUsedAsValues === 'preserve' ||
    options.importsNotUsedAsValues === 'error' ||
    options.emitDecoratorMetadata === true
  );
}
