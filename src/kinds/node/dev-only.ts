// Which devDependencies a production install would drop, what they provide, and whether the app's own files load one.
import type { DockerfileModel } from '../../dockerfile/model';
import { copySources } from '../../dockerfile/sources';
import { dirOf, globMatches, hasGlob, joinPath } from '../../dockerfile/context-paths';
import type { DevLoad, ScanGap } from '../../contract/facts';
import type { ProjectView } from '../../contract/project-view';
import { helperLoads } from './helper-runtimes';
import { runtimeImports, SCAN_LIMITS } from './runtime-imports';
import { parseJsonc } from './tsconfig';
import { PROGRAM_PACKAGES } from './vocabulary';
import type { ManifestAt } from './workspace';

type Json = Record<string, unknown>;

const keys = (value: unknown): string[] =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];

const PROD_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

const prodOf = (pkg: Json): string[] => PROD_FIELDS.flatMap((field) => keys(pkg[field]));

/**
 * The manifest whose node_modules code at `path` (a file or folder) resolves from first: the deepest manifest
 * folder holding it, or null when none does.
 */
export function ownerOf(manifests: readonly ManifestAt[], path: string): ManifestAt | null {
  let owner: ManifestAt | null = null;
  for (const m of manifests) if (holds(m, path) && (!owner || depth(m.dir) > depth(owner.dir))) owner = m;
  return owner;
}

const holds = (m: ManifestAt, path: string) =>
  m.dir === '.' || path === m.dir || path.startsWith(`${m.dir}/`);
const depth = (dir: string) => (dir === '.' ? 0 : dir.split('/').length);

/** A manifest's devDependencies that its own production lists do not repeat. */
function devOf(pkg: Json): string[] {
  const prod = new Set(prodOf(pkg));
  return keys(pkg.devDependencies).filter((name) => !prod.has(name));
}

/**
 * Packages a prune may take from code owned by `owner` (null: code no manifest holds): what any manifest of
 * the build (the package, its workspace root, every member) lists under devDependencies alone, unless the
 * owner or a manifest above it lists it for production (Node resolves upwards, so those stay in reach).
 * A sibling member's production dependency does not count: pnpm links each member's packages into its own
 * node_modules, and npm may nest them there, so after a prune it is not shown to be in reach.
 */
export function devOnlyFor(manifests: readonly ManifestAt[], owner: ManifestAt | null): string[] {
  const dev = new Set(manifests.flatMap((m) => devOf(m.pkg)));
  const visible = new Set<string>();
  if (owner) for (const m of manifests) if (holds(m, owner.dir)) prodOf(m.pkg).forEach((n) => visible.add(n));
  return [...dev].filter((name) => !visible.has(name)).sort();
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
 * The dev-only packages the files the image copies in load at run time. Each file is judged by its own
 * manifest (see devOnlyFor): a member's devDependency its code imports is lost to a prune even when the
 * built package does not list it. Each load names the package.json to move it into: the one owning the
 * file, else the first that lists it under devDependencies. Only run when some manifest has dev-only
 * packages: with none, nothing a prune removes can be missed.
 * The helper packages the compiled output of the built package loads count too (helper-runtimes.ts).
 */
export function devLoads(
  view: ProjectView,
  model: DockerfileModel,
  manifests: readonly ManifestAt[],
  tsconfig: string | null,
  packageDir = '.',
): { loads: DevLoad[]; incomplete: ScanGap | null } {
  // `@types/x` is never loaded: TypeScript resolves types from it, at build time only.
  const candidates = devOnlyFor(manifests, null).filter((name) => !name.startsWith('@types/'));
  if (candidates.length === 0) return { loads: [], incomplete: null };
  // Many files share a folder and many folders an owner: each is worked out once.
  const owners = new Map<string, ManifestAt | null>();
  const devSets = new Map<ManifestAt | null, Set<string>>();
  const judged = (file: string) => {
    const dir = dirOf(file);
    if (!owners.has(dir)) owners.set(dir, ownerOf(manifests, dir));
    const owner = owners.get(dir)!;
    if (!devSets.has(owner)) devSets.set(owner, new Set(devOnlyFor(manifests, owner)));
    return { owner, dev: devSets.get(owner)! };
  };
  const scan = runtimeImports(
    view,
    copiedRoots(view, model),
    elidesTypeImports(view, tsconfig),
    SCAN_LIMITS,
    (name, file) => judged(file).dev.has(name),
  );
  const loads: DevLoad[] = [];
  for (const name of candidates) {
    const file = scan.packages[name] ?? scan.named[name];
    if (file === undefined) continue;
    const owner = judged(file).owner ?? manifests.find((m) => devOf(m.pkg).includes(name));
    const manifest = owner ? joinPath(owner.dir, 'package.json') : null;
    loads.push({ name, file, named: scan.packages[name] === undefined, manifest });
  }
  // The built package's own compiled output: judged by the manifest that owns it, which the note names.
  const builtOwner = ownerOf(manifests, packageDir);
  const builtDev = devOnlyFor(manifests, builtOwner);
  const builtManifest = builtOwner ? joinPath(builtOwner.dir, 'package.json') : null;
  for (const load of helperLoads(view, tsconfig, packageDir, builtDev))
    if (!loads.some((l) => l.name === load.name)) loads.push({ ...load, manifest: builtManifest });
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
    // A glob matches in a folder of the context, never through a link leading out (Docker's does not).
    if (!view.isDirectory(dir)) continue;
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
  // `"extends": "./base"` names base or base.json, as tsc reads it; a folder of that name is neither.
  const file = (rel: string) => (view.isDirectory(rel) ? null : view.readText(rel));
  const base = extPath ? parseJsonc(file(extPath) ?? file(`${extPath}.json`)) : null;
  const options = { ...(base?.compilerOptions as Json), ...(own?.compilerOptions as Json) };
  return !(
    options.verbatimModuleSyntax === true ||
    options.preserveValueImports === true ||
    options.importsNotUsedAsValues === 'preserve' ||
    options.importsNotUsedAsValues === 'error' ||
    options.emitDecoratorMetadata === true
  );
}
