// Read-only access to a build context, so detection reads through one narrow door (disk or memory).
import fs from 'node:fs';
import path from 'node:path';
import type { ProjectView } from '../contract/project-view';
import { UnreadableError } from '../errors';
import { errnoOf, isSymlink, problem, readRegularFile, TooLargeError } from '../host-files';
import { isInside } from '../host-paths';
import type { Display } from './safe-fs';

export type { ProjectView };

const normal = (rel: string) =>
  path.posix.normalize(rel.replace(/\\/g, '/')).replace(/^(\.?\/)+|\/+$/g, '') || '.';

/** Files larger than this are not manifests worth reading: readText gives null, as for no file. */
const MAX_TEXT_BYTES = 16 * 1024 * 1024;

/** `outside`: a symlink whose real path leaves the context, or anything reached through one. */
type EntryKind = 'file' | 'dir' | 'other' | 'outside';

interface Entry {
  kind: EntryKind;
  /** Its real path; null for a broken or unreadable link (reading it again says which). */
  real: string | null;
}

interface Listing {
  /** The folder's real path: entries that are not links are read at `real/name`, without resolving again. */
  real: string;
  entries: Map<string, Entry>;
}

export interface DiskViewOptions {
  /** The real path of the folder the user named (FileJob.root); null: the context alone bounds reads. */
  root?: string | null;
  /**
   * The folder a context named by the tree (a compose file) must resolve inside: the repository top or the
   * current folder (FileJob.top). Unset for a context the user named (--context) or one inferred below it.
   */
  top?: string | null;
  /** How messages show a path. */
  display?: Display;
}

/**
 * A view of a build context on disk. Detection asks many "does X exist" questions about the same few
 * folders, so each folder is listed once (one readdir with types) and every answer comes from that listing.
 *
 * Nothing is read outside the context's real path: a link leading out of it is listed (it exists) but
 * never followed, and reading it, or listing a folder through it, is an UnreadableError; so is using a
 * context that lies inside `root` while its real path does not. Paths above the context (`../pom.xml`) are
 * not in it. A file that exists but cannot be read (no permission, a folder, a FIFO, a broken link) is an
 * UnreadableError, never taken for a missing one, as is a folder on the way to it that cannot be listed.
 */
export function diskView(context: string, options: DiskViewOptions = {}): ProjectView {
  const display = options.display ?? ((file: string) => file);
  const base = contextBase(context, options, display);
  const listings = new Map<string, Listing | UnreadableError>();
  const texts = new Map<string, string | null>();
  const show = (key: string) => display(key === '.' ? context : path.join(context, key));
  const cannotRead = (key: string, why: string) => new UnreadableError(`cannot read ${show(key)}: ${why}`);

  const listing = (dir: string, real: string): Listing => {
    let found = listings.get(dir);
    if (found === undefined) {
      try {
        const entries = new Map<string, Entry>();
        for (const e of fs.readdirSync(real, { withFileTypes: true })) {
          const at = path.join(real, e.name);
          entries.set(
            e.name,
            e.isSymbolicLink()
              ? followLink(at, base!)
              : { kind: e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other', real: at },
          );
        }
        found = { real, entries };
      } catch (error) {
        const code = errnoOf(error);
        // Gone since its parent was listed: an empty folder. Anything else must not pass for one.
        found =
          code === 'ENOENT' || code === 'ENOTDIR'
            ? { real, entries: new Map() }
            : cannotRead(dir, problem(error));
      }
      listings.set(dir, found);
    }
    if (found instanceof UnreadableError) throw found;
    return found;
  };
  // null: nothing there. Each folder on the way is listed, so a link is judged where it is met.
  const entryOf = (key: string): Entry | null => {
    if (base === null || key === '..' || key.startsWith('../')) return null;
    if (key === '.') return { kind: 'dir', real: base };
    const slash = key.lastIndexOf('/');
    const dir = slash < 0 ? '.' : key.slice(0, slash);
    const parent = entryOf(dir);
    // Below a link that leads out, nothing is looked at: whatever is there is outside too.
    if (parent?.kind === 'outside') return { kind: 'outside', real: null };
    if (parent?.kind !== 'dir') return null;
    return listing(dir, parent.real!).entries.get(key.slice(slash + 1)) ?? null;
  };
  const leadsOut = (key: string) => {
    let real: string | null = null;
    try {
      real = fs.realpathSync(path.join(base!, key));
    } catch {
      // What it leads to is not said, only that it is not followed.
    }
    const to = real === null ? '' : ` to ${display(real)}`;
    return new UnreadableError(
      `${show(key)} leads${to}, outside ${show('.')} (the build context); not followed`,
    );
  };
  const read = (key: string, entry: Entry): string | null => {
    if (entry.kind === 'outside') throw leadsOut(key);
    if (entry.kind === 'dir') throw cannotRead(key, 'is a folder');
    if (entry.real === null) {
      // A link that could not be resolved when listed: resolving it again gives the reason.
      const file = path.join(base!, key);
      try {
        fs.realpathSync(file);
      } catch (error) {
        const code = errnoOf(error);
        if ((code === 'ENOENT' || code === 'ENOTDIR') && isSymlink(file))
          throw new UnreadableError(`${show(key)} is a broken symlink; not followed`);
        throw cannotRead(key, problem(error));
      }
      throw cannotRead(key, 'changed while it was read');
    }
    // A FIFO or device is not even opened: opening one can have effects of its own.
    if (entry.kind === 'other') throw cannotRead(key, 'is not a regular file');
    try {
      return readRegularFile(entry.real, MAX_TEXT_BYTES)?.toString('utf8') ?? null;
    } catch (error) {
      if (error instanceof TooLargeError) return null;
      throw cannotRead(key, (error as Error).message);
    }
  };
  return {
    readText(rel) {
      const key = normal(rel);
      if (!texts.has(key)) {
        const entry = entryOf(key);
        texts.set(key, entry === null ? null : read(key, entry));
      }
      return texts.get(key) ?? null;
    },
    exists: (rel) => entryOf(normal(rel)) !== null,
    isDirectory: (rel) => entryOf(normal(rel))?.kind === 'dir',
    list(rel) {
      const key = normal(rel);
      const entry = entryOf(key);
      if (entry?.kind === 'outside') throw leadsOut(key);
      return entry?.kind === 'dir' ? [...listing(key, entry.real!).entries.keys()].sort() : [];
    },
  };
}

/**
 * The real path of the context, which bounds every read; null when it does not exist. Throws UnreadableError when
 * it lies inside the root the user named but resolves outside it, or when a compose file named a context
 * that resolves outside the repository top.
 */
function contextBase(context: string, options: DiskViewOptions, display: Display): string | null {
  let real: string;
  try {
    real = fs.realpathSync(context);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new UnreadableError(`cannot read ${display(context)}: ${problem(error)}`);
  }
  const { root, top } = options;
  if (root && !isInside(root, real) && namedInside(context, root))
    throw new UnreadableError(
      `${display(context)} leads to ${display(real)}, outside ${display(root)} (the folder searched); not followed`,
    );
  const realTop = top ? realOrNull(top) : null;
  if (realTop && !isInside(realTop, real)) {
    const where = real === path.resolve(context) ? 'is' : `leads to ${display(real)},`;
    throw new UnreadableError(
      `the build context ${display(context)} a compose file names ${where} outside ${display(top!)} (the repository top or current folder); not followed`,
    );
  }
  return real;
}

/**
 * Whether `dir`, as named, lies inside `root` (a real path): it, or a folder above it, resolves inside. A
 * context below the root whose own link leads out is then refused; one above the root (a monorepo built from
 * its top) is not inside it, and is bounded by its own real path alone.
 */
function namedInside(dir: string, root: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    // A folder above that cannot be resolved says nothing either way.
    const real = realOrNull(d);
    if (real !== null && isInside(root, real)) return true;
    if (path.dirname(d) === d) return false;
  }
}

function realOrNull(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

function followLink(file: string, base: string): Entry {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return { kind: 'other', real: null };
  }
  if (!isInside(base, real)) return { kind: 'outside', real };
  try {
    const s = fs.statSync(real);
    return { kind: s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other', real };
  } catch {
    return { kind: 'other', real: null };
  }
}

/** A view over path -> content pairs, for tests; folders are implied by the paths. */
export function memoryView(files: Record<string, string>): ProjectView {
  const entries = new Map(Object.entries(files).map(([k, v]) => [normal(k), v]));
  const dirs = new Set<string>(['.']);
  for (const key of entries.keys()) {
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return {
    readText: (rel) => entries.get(normal(rel)) ?? null,
    exists: (rel) => entries.has(normal(rel)) || dirs.has(normal(rel)),
    isDirectory: (rel) => dirs.has(normal(rel)),
    list(rel) {
      const dir = normal(rel);
      const prefix = dir === '.' ? '' : dir + '/';
      const names = new Set<string>();
      for (const key of [...entries.keys(), ...dirs]) {
        if (key !== dir && key.startsWith(prefix)) names.add(key.slice(prefix.length).split('/')[0]);
      }
      return [...names].filter(Boolean).sort();
    },
  };
}
