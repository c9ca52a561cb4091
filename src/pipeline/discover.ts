// Paths and globs -> the Dockerfiles to migrate, in a stable sorted order.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { COMPOSE_FILE } from './compose';

export interface Discovery {
  /** Absolute paths of the Dockerfiles found, sorted, without duplicates. */
  dockerfiles: string[];
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

/**
 * Finds Dockerfiles under `paths` (files, folders or globs, relative to `cwd`). A file named on the
 * command line is taken whatever its name; folders are searched, skipping `node_modules`, `.git`,
 * what `.gitignore` files ignore and `ignorePatterns`; symlinks are not followed out of the folder.
 */
export function discoverDockerfiles(
  cwd: string,
  paths: readonly string[],
  ignorePatterns: readonly string[] = [],
): Discovery {
  const found = new Set<string>();
  const compose = new Set<string>();
  const missing: string[] = [];
  // The glob libraries load only when globs are used: most runs name plain paths, and start-up counts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = () => require('picomatch') as typeof import('picomatch');
  const userIgnored = ignorePatterns.length ? picomatch()([...ignorePatterns], { dot: true }) : () => false;
  for (const arg of paths.length ? paths : ['.']) {
    const targets =
      GLOB_CHARS.test(arg) && picomatch().scan(arg).isGlob
        ? // eslint-disable-next-line @typescript-eslint/no-require-imports
          (require('tinyglobby') as typeof import('tinyglobby')).globSync(arg, {
            cwd,
            absolute: true,
            onlyFiles: false,
            dot: true,
            ignore: ['**/node_modules/**', '**/.git/**'],
          })
        : [path.resolve(cwd, arg)];
    if (targets.length === 0) missing.push(arg);
    for (const target of targets) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(target);
      } catch {
        missing.push(arg);
        continue;
      }
      if (stat.isDirectory()) walk(target, (rel) => userIgnored(rel), found, compose);
      else found.add(target);
      for (const file of composeFilesAbove(stat.isDirectory() ? target : path.dirname(target), cwd))
        compose.add(file);
    }
  }
  return {
    dockerfiles: [...found].sort(compareCodeUnits),
    composeFiles: [...compose].sort(compareCodeUnits),
    missing,
  };
}

function walk(
  root: string,
  userIgnored: (rel: string) => boolean,
  found: Set<string>,
  compose: Set<string>,
): void {
  const realRoot = safeRealpath(root) ?? root;
  const visited = new Set<string>([realRoot]);
  const rules = gitignoreChain(root);
  const visit = (dir: string, ignores: { base: string; ig: Ignore }[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // Read a .gitignore only where the listing shows one: a failed read per folder is costly in big trees.
    const own = entries.some((e) => e.name === '.gitignore') ? readGitignore(dir) : null;
    const chain = own ? [...ignores, { base: dir, ig: own }] : ignores;
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const real = safeRealpath(full);
        if (!real || !isInside(realRoot, real)) continue;
        const stat = fs.statSync(real);
        isDir = stat.isDirectory() && !visited.has(real);
        isFile = stat.isFile();
        if (isDir) visited.add(real);
      }
      if (isDir && SKIPPED_DIRS.has(entry.name)) continue;
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (userIgnored(rel) || isGitIgnored(chain, full, isDir)) continue;
      if (isDir) visit(full, chain);
      else if (isFile && isDockerfileName(entry.name)) found.add(full);
      else if (isFile && COMPOSE_FILE.test(entry.name)) compose.add(full);
    }
  };
  visit(root, rules);
}

/** Compose files in `dir` and the folders above it, up to the repository top or the current folder. */
function composeFilesAbove(dir: string, cwd: string): string[] {
  const files: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      for (const name of fs.readdirSync(d)) if (COMPOSE_FILE.test(name)) files.push(path.join(d, name));
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
    const ig = readGitignore(dir);
    if (ig) chain.unshift({ base: dir, ig });
    if (fs.existsSync(path.join(dir, '.git'))) break;
    child = dir;
    dir = path.dirname(dir);
  }
  return chain;
}

function readGitignore(dir: string): Ignore | null {
  try {
    return ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'));
  } catch {
    return null;
  }
}

function isGitIgnored(chain: readonly { base: string; ig: Ignore }[], full: string, isDir: boolean): boolean {
  return chain.some(({ base, ig }) => {
    const rel = path.relative(base, full).split(path.sep).join('/');
    return rel !== '' && !rel.startsWith('..') && ig.ignores(isDir ? rel + '/' : rel);
  });
}

function safeRealpath(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Sorting by UTF-16 code units, the same on every machine and locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
