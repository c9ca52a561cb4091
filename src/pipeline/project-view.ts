// Read-only access to a build context, so detection reads through one narrow door (disk or memory).
import fs from 'node:fs';
import path from 'node:path';
import type { ProjectView } from '../contract/project-view';

export type { ProjectView };

const normal = (rel: string) =>
  path.posix.normalize(rel.replace(/\\/g, '/')).replace(/^(\.\/)+|\/+$/g, '') || '.';

/** Files larger than this are not manifests worth reading. */
const MAX_TEXT_BYTES = 16 * 1024 * 1024;

type EntryKind = 'file' | 'dir' | 'other';

/**
 * A view of a folder on disk. Detection asks many "does X exist" questions about the same few folders,
 * so each folder is listed once (one readdir with types) and every answer comes from that listing.
 */
export function diskView(root: string): ProjectView {
  const listings = new Map<string, Map<string, EntryKind> | null>();
  const texts = new Map<string, string | null>();

  const listing = (dir: string): Map<string, EntryKind> | null => {
    let entries = listings.get(dir);
    if (entries === undefined) {
      try {
        entries = new Map();
        for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
          entries.set(
            e.name,
            e.isDirectory()
              ? 'dir'
              : e.isFile()
                ? 'file'
                : e.isSymbolicLink()
                  ? followLink(path.join(root, dir, e.name))
                  : 'other',
          );
        }
      } catch {
        entries = null;
      }
      listings.set(dir, entries);
    }
    return entries;
  };
  const kindOf = (rel: string): EntryKind | null => {
    const key = normal(rel);
    if (key === '.') return 'dir';
    if (key.startsWith('../') || key === '..') return statKind(path.join(root, key));
    const slash = key.lastIndexOf('/');
    const entries = listing(slash < 0 ? '.' : key.slice(0, slash));
    return entries?.get(slash < 0 ? key : key.slice(slash + 1)) ?? null;
  };
  return {
    readText(rel) {
      const key = normal(rel);
      if (!texts.has(key)) {
        let text: string | null = null;
        if (kindOf(key) === 'file') {
          try {
            const file = path.join(root, key);
            if (fs.statSync(file).size < MAX_TEXT_BYTES) text = fs.readFileSync(file, 'utf8');
          } catch {
            text = null;
          }
        }
        texts.set(key, text);
      }
      return texts.get(key) ?? null;
    },
    exists: (rel) => kindOf(rel) !== null,
    isDirectory: (rel) => kindOf(rel) === 'dir',
    list(rel) {
      const entries = kindOf(rel) === 'dir' ? listing(normal(rel)) : null;
      return entries ? [...entries.keys()].sort() : [];
    },
  };
}

function followLink(file: string): EntryKind {
  return statKind(file) ?? 'other';
}

function statKind(file: string): EntryKind | null {
  try {
    const s = fs.statSync(file);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch {
    return null;
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
