// Paths and globs -> the Dockerfiles to migrate, in a stable sorted order.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { COMPOSE_FILE } from './compose';
import { readRegularFile } from '../host-files';
import { isInside } from '../host-paths';

export interface Discovery {
  /** Absolute paths of the Dockerfiles found, sorted, without duplicates (one path per real file). */
  dockerfiles: string[];
  /**
   * Each Dockerfile's root: the real path of the folder named (or of a glob's fixed part, or of a named
   * file's own folder) that it was found in. Its files are read and written only where they lead inside.
   */
  roots: Map<string, string>;
  /** Compose files in the folders searched and above them, which may name build contexts. */
  composeFiles: string[];
  /** Arguments that named nothing on disk. */
  missing: string[];
}

const GLOB_CHARS = /[*?[\]{}!]/;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\..+)?$|.\.(Dockerfile|dockerfile)$/;

/** Whether a file name is one of the Dockerfile names searched for in folders. */
export function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name) && !name.endsWith('.dockerignore') && !name.endsWith('.tmp');
}

interface Found {
  display: string;
  root: string;
  /** Reached through a symlink: another path to the same file is preferred. */
  linked: boolean;
}

/** What a search adds to: Dockerfiles by real path, so a file reached two ways is migrated once. */
class Findings {
  readonly files = new Map<string, Found>();
  readonly compose = new Set<string>();

  add(real: string, found: Found): void {
    const had = this.files.get(real);
    const better =
      !had ||
      (had.linked && !found.linked) ||
      (had.linked === found.linked && compareCodeUnits(found.display, had.display) < 0);
    if (better) this.files.set(real, found);
  }
}

/**
 * Finds Dockerfiles under `paths` (files, folders or globs, relative to `cwd`). A file named on the
 * command line is taken whatever its name, at its real path; folders are searched, skipping
 * `node_modules`, `.git`, what `.gitignore` files ignore and `ignorePatterns`. Globs are matched while
 * walking from their fixed part (`services` in `services/*\/Dockerfile`). Symlinks are followed only
 * where they lead inside the folder named (for a glob, its fixed part): nothing outside is searched.
 */
export function discoverDockerfiles(
  cwd: string,
  paths: readonly string[],
  ignorePatterns: readonly string[] = [],
): Discovery {
  const findings = new Findings();
  const missing: string[] = [];
  // The glob library loads only when globs are used: most runs name plain paths, and start-up counts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = () => require('picomatch') as typeof import('picomatch');
  const userIgnored = ignorePatterns.length ? picomatch()([...ignorePatterns], { dot: true }) : () => false;
  // A folder is searched, a file taken; compose files beside and above either may name contexts.
  const take = (display: string, real: string, isDir: boolean, root: string, linked: boolean) => {
    // A pattern reads from the current folder, as paths on the command line do, or from the folder named.
    const ignored = (full: string, rel: string) => userIgnored(rel) || userIgnored(relativeTo(cwd, full));
    if (isDir) walk(display, real, root, ignored, findings, linked);
    else findings.add(real, { display, root, linked });
    for (const file of composeFilesAbove(isDir ? display : path.dirname(display), cwd))
      findings.compose.add(file);
  };
  for (const arg of paths.length ? paths : ['.']) {
    const target = path.resolve(cwd, arg);
    // A name that exists is taken as it is, even when it holds glob characters (a folder called `[x]`).
    if (GLOB_CHARS.test(arg) && !lexists(target) && picomatch().scan(arg).isGlob) {
      const expanded = expandGlob(arg, cwd, picomatch());
      if (expanded === null || expanded.matches.length === 0) missing.push(arg);
      else for (const m of expanded.matches) take(m.full, m.real, m.isDir, expanded.root, m.linked);
      continue;
    }
    const real = safeRealpath(target);
    const stat = real === null ? null : safeStat(real);
    if (real === null || stat === null) missing.push(arg);
    // A named file is taken at its real path, and its real folder is its root.
    else if (stat.isDirectory()) take(target, real, true, real, false);
    else take(real, real, false, path.dirname(real), false);
  }
  const found = [...findings.files.values()].sort((a, b) => compareCodeUnits(a.display, b.display));
  return {
    dockerfiles: found.map((f) => f.display),
    roots: new Map(found.map((f) => [f.display, f.root])),
    composeFiles: [...findings.compose].sort(compareCodeUnits),
    missing,
  };
}

/** An entry of a folder listing, with symlinks resolved; null for a link leading outside `root`. */
function entryOf(
  dir: string,
  realDir: string,
  entry: fs.Dirent,
  root: string,
): { full: string; real: string; isDir: boolean; isFile: boolean; isLink: boolean } | null {
  const full = path.join(dir, entry.name);
  if (!entry.isSymbolicLink()) {
    const real = path.join(realDir, entry.name);
    return { full, real, isDir: entry.isDirectory(), isFile: entry.isFile(), isLink: false };
  }
  const real = safeRealpath(full);
  const stat = real === null || !isInside(root, real) ? null : safeStat(real);
  if (real === null || stat === null) return null;
  return { full, real, isDir: stat.isDirectory(), isFile: stat.isFile(), isLink: true };
}

interface GlobMatch {
  full: string;
  real: string;
  isDir: boolean;
  /** Reached through a symlink. */
  linked: boolean;
}

/**
 * The files and folders below a glob's fixed part that match it, and the real path of that part (the
 * root); null when the fixed part is not a folder.
 */
function expandGlob(
  arg: string,
  cwd: string,
  picomatch: typeof import('picomatch'),
): { root: string; matches: GlobMatch[] } | null {
  const { base, glob } = picomatch.scan(arg);
  const start = path.resolve(cwd, base || '.');
  const root = safeRealpath(start);
  if (root === null || !safeStat(root)?.isDirectory()) return null;
  const isMatch = picomatch(glob, { dot: true });
  // Without `**` or braces a pattern of N parts cannot match deeper than N folders down.
  const maxDepth = /\*\*|[{}]/.test(glob) ? Infinity : glob.split('/').length;
  // A symlink back to a folder on the way down is a loop. With `**`, any folder entered once is enough; a
  // pattern of fixed depth may match a folder again at another depth, which is bounded by that depth.
  const entered = new Set<string>([root]);
  const matches: GlobMatch[] = [];
  const visit = (dir: string, realDir: string, depth: number, linked: boolean, above: string[]) => {
    for (const entry of listing(dir)) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      const e = entryOf(dir, realDir, entry, root);
      if (e === null) continue;
      const seen = maxDepth === Infinity ? entered.has(e.real) : above.includes(e.real);
      if (e.isLink && e.isDir && seen) continue;
      const via = linked || e.isLink;
      if (isMatch(path.relative(start, e.full).split(path.sep).join('/'))) {
        // A matching folder is searched as a whole (by the caller), so the glob does not go below it.
        if (e.isDir) entered.add(e.real);
        if (e.isDir || e.isFile) matches.push({ full: e.full, real: e.real, isDir: e.isDir, linked: via });
      } else if (e.isDir && depth < maxDepth) {
        entered.add(e.real);
        visit(e.full, e.real, depth + 1, via, [...above, e.real]);
      }
    }
  };
  visit(start, root, 1, false, [root]);
  return { root, matches };
}

function walk(
  start: string,
  realStart: string,
  root: string,
  userIgnored: (full: string, rel: string) => boolean,
  findings: Findings,
  linked: boolean,
): void {
  const visited = new Set<string>([realStart]);
  const above = gitignoreChain(start);
  const visit = (dir: string, realDir: string, ignores: { base: string; ig: Ignore }[], via: boolean) => {
    const entries = listing(dir);
    // Read a .gitignore only where the listing shows one: a failed read per folder is costly in big trees.
    // It is read as the search reads the rest: a link leading out of the root is not followed.
    const found = entries.find((e) => e.name === '.gitignore');
    const rules = found ? entryOf(dir, realDir, found, root) : null;
    const own = rules?.isFile ? readGitignore(rules.real) : null;
    const chain = own ? [...ignores, { base: dir, ig: own }] : ignores;
    for (const entry of entries) {
      const e = entryOf(dir, realDir, entry, root);
      if (e === null) continue;
      if (e.isDir && (SKIPPED_DIRS.has(entry.name) || (e.isLink && visited.has(e.real)))) continue;
      const rel = path.relative(start, e.full).split(path.sep).join('/');
      if (userIgnored(e.full, rel) || isGitIgnored(chain, e.full, e.isDir)) continue;
      if (e.isDir) {
        visited.add(e.real);
        visit(e.full, e.real, chain, via || e.isLink);
      } else if (e.isFile && isDockerfileName(entry.name)) {
        findings.add(e.real, { display: e.full, root, linked: via || e.isLink });
      } else if (e.isFile && COMPOSE_FILE.test(entry.name)) {
        findings.compose.add(e.full);
      }
    }
  };
  visit(start, realStart, above, linked);
}

function listing(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Compose files in `dir` and the folders above it, up to the repository top or the current folder. */
function composeFilesAbove(dir: string, cwd: string): string[] {
  const files: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      // Files themselves only: a link here could lead anywhere (the walk takes those that stay in the root).
      for (const e of fs.readdirSync(d, { withFileTypes: true }))
        if (e.isFile() && COMPOSE_FILE.test(e.name)) files.push(path.join(d, e.name));
    } catch {
      // unreadable folder: nothing to learn there
    }
    if (d === cwd || fs.existsSync(path.join(d, '.git')) || path.dirname(d) === d) return files;
  }
}

/** .gitignore files of the folders above `root`, up to the repository top, so they apply inside too. */
function gitignoreChain(root: string): { base: string; ig: Ignore }[] {
  const chain: { base: string; ig: Ignore }[] = [];
  let dir = path.dirname(root);
  let child = root;
  while (dir !== child && !fs.existsSync(path.join(child, '.git'))) {
    // Above the root a link is not followed: the file is opened as it is (O_NOFOLLOW refuses a link).
    const ig = readGitignore(path.join(dir, '.gitignore'));
    if (ig) chain.unshift({ base: dir, ig });
    if (fs.existsSync(path.join(dir, '.git'))) break;
    child = dir;
    dir = path.dirname(dir);
  }
  return chain;
}

/** The rules of a .gitignore; null when there is none or it cannot be read (a FIFO is not waited on). */
function readGitignore(file: string): Ignore | null {
  try {
    const bytes = readRegularFile(file);
    return bytes === null ? null : ignore().add(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

function isGitIgnored(chain: readonly { base: string; ig: Ignore }[], full: string, isDir: boolean): boolean {
  return chain.some(({ base, ig }) => {
    const rel = path.relative(base, full).split(path.sep).join('/');
    return rel !== '' && isInside(base, full) && ig.ignores(isDir ? rel + '/' : rel);
  });
}

function safeRealpath(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

function safeStat(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

function lexists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Sorting by UTF-16 code units, the same on every machine and locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function relativeTo(cwd: string, full: string): string {
  return path.relative(cwd, full).split(path.sep).join('/');
}
