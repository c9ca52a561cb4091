// Which Node package manager a project uses: the `packageManager` field, then the lockfile, then yarn's config.
import { dirOf, globMatches, hasGlob, joinPath, upwards } from '../../dockerfile/context-paths';
import type { ProjectView } from '../../contract/project-view';
import type { NodePackageManager } from '../../contract/facts';

export interface PackageManagerFacts {
  packageManager: NodePackageManager;
  packageManagerSource: 'packageManager' | 'lockfile' | 'yarnrc' | 'default';
  packageManagerField: string | null;
  packageManagerVersion: string | null;
  lockfile: string | null;
  yarnFlavor: 'classic' | 'berry' | null;
  yarnNodeLinker: 'pnp' | 'node-modules' | 'pnpm' | null;
  yarnPath: string | null;
  yarnWorkspaceTools: boolean;
  yarnGlobalCache: boolean | null;
  yarnCacheFolder: string | null;
}

const LOCKFILES: Array<[string, NodePackageManager]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The lockfile a package manager writes by default (`package-lock.json` for npm), for notes that name it. */
export function lockfileOf(pm: NodePackageManager): string {
  return LOCKFILES.find(([, owner]) => owner === pm)![0];
}

/** The nearest file named `name` from `dir` up to the context root, or null. */
export function findUp(view: ProjectView, dir: string, name: string): string | null {
  for (const d of upwards(dir)) {
    const rel = joinPath(d, name);
    if (view.exists(rel) && !view.isDirectory(rel)) return rel;
  }
  return null;
}

/** `pnpm@9.1.0+sha512.abc` -> ['pnpm', '9.1.0']; null for anything else. */
export function parsePackageManagerField(field: string): [NodePackageManager, string | null] | null {
  const m = /^(npm|yarn|pnpm|bun)(?:@([^+\s]+))?/.exec(field.trim());
  return m ? [m[1] as NodePackageManager, m[2] ?? null] : null;
}

/**
 * The lockfile for a package: the nearest folder (package folder, then up to the root) that holds one.
 * When a folder holds several (a stale `package-lock.json` beside `yarn.lock`, say), the one the
 * `packageManager` field names wins, then the one the Dockerfile copies by name, then the only one a
 * COPY glob picks up, then pnpm > yarn > bun > npm (a stray package-lock.json is the usual accident).
 */
export function findLockfile(
  view: ProjectView,
  packageDir: string,
  copied: readonly string[],
  preferred: NodePackageManager | null,
): string | null {
  for (const dir of upwards(packageDir)) {
    const found = LOCKFILES.map(([name]) => joinPath(dir, name)).filter((rel) => view.exists(rel));
    if (found.length <= 1) {
      if (found.length === 1) return found[0];
      continue;
    }
    const wanted = found.filter((rel) => pmOfLockfile(rel) === preferred);
    const named = found.filter((rel) => copied.includes(rel));
    const globbed = found.filter((rel) => copied.some((src) => hasGlob(src) && globMatches(src, rel)));
    for (const choice of [wanted, named, globbed]) if (choice.length === 1) return choice[0];
    return found[0];
  }
  return null;
}

function pmOfLockfile(rel: string): NodePackageManager {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  return LOCKFILES.find(([name]) => name === base)?.[1] ?? 'npm';
}

/** Reads one `key: value` line of a YAML file without a YAML parser (`.yarnrc.yml` is flat for this). */
function yamlScalar(text: string, key: string): string | null {
  const m = new RegExp(`^${key}\\s*:\\s*(.+?)\\s*$`, 'm').exec(text);
  return m ? m[1].replace(/^(["'])(.*)\1$/, '$2') : null;
}

/**
 * Package manager facts for the package in `packageDir`. `fields` are the `packageManager` values
 * of its package.json and of the root one (the nearest wins); `copied` are the Dockerfile's COPY sources.
 */
export function detectPackageManager(
  view: ProjectView,
  packageDir: string,
  fields: ReadonlyArray<string | null>,
  copied: readonly string[],
): PackageManagerFacts {
  const field = fields.find((f): f is string => typeof f === 'string') ?? null;
  const parsed = field ? parsePackageManagerField(field) : null;
  const found = findLockfile(view, packageDir, copied, parsed?.[0] ?? null);
  const yarnrcPath = findUp(view, packageDir, '.yarnrc.yml');
  const yarnrc = yarnrcPath ? view.readText(yarnrcPath) : null;

  let packageManager: NodePackageManager = 'npm';
  let source: PackageManagerFacts['packageManagerSource'] = 'default';
  let lockfile = found;
  if (parsed) {
    packageManager = parsed[0];
    source = 'packageManager';
    // Another manager's lockfile cannot drive a frozen install of this one.
    if (lockfile && pmOfLockfile(lockfile) !== packageManager) lockfile = null;
  } else if (lockfile) {
    packageManager = pmOfLockfile(lockfile);
    source = 'lockfile';
  } else if (yarnrcPath) {
    // A `.yarnrc.yml` with no lockfile yet: a berry project before its first install.
    packageManager = 'yarn';
    source = 'yarnrc';
  }

  let yarnFlavor: PackageManagerFacts['yarnFlavor'] = null;
  if (packageManager === 'yarn') {
    const major = parsed?.[0] === 'yarn' && parsed[1] ? Number.parseInt(parsed[1], 10) : NaN;
    if (!Number.isNaN(major)) yarnFlavor = major >= 2 ? 'berry' : 'classic';
    else if (lockfile?.endsWith('yarn.lock') && isBerryLock(view.readText(lockfile))) yarnFlavor = 'berry';
    else if (yarnrcPath || findUp(view, packageDir, '.yarn/releases')) yarnFlavor = 'berry';
    else yarnFlavor = 'classic';
  }

  let yarnNodeLinker: PackageManagerFacts['yarnNodeLinker'] = null;
  let yarnPath: string | null = null;
  // Yarn 2 and 3 have `workspaces focus` only with this plugin (listed under `plugins:` in .yarnrc.yml).
  let yarnWorkspaceTools = false;
  let yarnGlobalCache: boolean | null = null;
  let yarnCacheFolder: string | null = null;
  if (yarnFlavor === 'berry') {
    const linker = yarnrc ? yamlScalar(yarnrc, 'nodeLinker') : null;
    yarnNodeLinker = linker === 'node-modules' || linker === 'pnpm' ? linker : 'pnp';
    const p = yarnrc ? yamlScalar(yarnrc, 'yarnPath') : null;
    // yarnPath is relative to the folder of the .yarnrc.yml that sets it.
    yarnPath = p && yarnrcPath ? joinPath(dirOf(yarnrcPath), p) : null;
    yarnWorkspaceTools = /plugin-workspace-tools/.test(yarnrc ?? '');
    const cache = berryCache(yarnrc, parsed?.[0] === 'yarn' ? parsed[1] : null, yarnPath);
    yarnGlobalCache = cache.global;
    yarnCacheFolder = cache.folder;
  }

  return {
    packageManager,
    packageManagerSource: source,
    packageManagerField: field,
    packageManagerVersion: parsed?.[1] ?? null,
    lockfile,
    yarnFlavor,
    yarnNodeLinker,
    yarnPath,
    yarnWorkspaceTools,
    yarnGlobalCache,
    yarnCacheFolder,
  };
}

/**
 * Where Yarn berry keeps package archives: the global cache (`~/.yarn/berry/cache`, the default from Yarn 4
 * on, or with `enableGlobalCache: true`), else `cacheFolder` (default `./.yarn/cache`, beside .yarnrc.yml).
 * An unknown version counts as Yarn 4: the global cache is the case a copy of the project folder misses.
 */
function berryCache(
  yarnrc: string | null,
  version: string | null,
  yarnPath: string | null,
): { global: boolean; folder: string } {
  const setting = yarnrc ? yamlScalar(yarnrc, 'enableGlobalCache') : null;
  const release = version ?? /yarn-(\d+)[^/]*$/.exec(yarnPath ?? '')?.[1] ?? null;
  const major = release === null ? NaN : Number.parseInt(release, 10);
  const global = setting === 'true' || (setting !== 'false' && !(major < 4));
  return { global, folder: (yarnrc ? yamlScalar(yarnrc, 'cacheFolder') : null) ?? './.yarn/cache' };
}

/** A berry lockfile starts with a `__metadata:` block; a classic one with `# yarn lockfile v1`. */
export function isBerryLock(text: string | null): boolean {
  if (!text) return false;
  const head = text.slice(0, 2000);
  return /^__metadata:/m.test(head) && !/^# yarn lockfile v1/m.test(head);
}
