// Read-only access to a build context, so detection reads through one narrow door (disk or memory).
import fs from 'node:fs';
import path from 'node:path';

export interface ProjectView {
  /** Text of a file relative to the context root, or null when it is missing or unreadable. */
  readText(rel: string): string | null;
  exists(rel: string): boolean;
  isDirectory(rel: string): boolean;
  /** Entry names of a folder (sorted), or [] when it is missing. */
  list(rel: string): string[];
}

const normal = (rel: string) =>
  path.posix.normalize(rel.replace(/\\/g, '/')).replace(/^(\.\/)+|\/+$/g, '') || '.';

/** A view of a folder on disk; answers are cached, since detection asks the same questions often. */
export function diskView(root: string): ProjectView {
  const texts = new Map<string, string | null>();
  const stats = new Map<string, fs.Stats | null>();
  const stat = (rel: string) => {
    const key = normal(rel);
    if (!stats.has(key)) {
      let s: fs.Stats | null = null;
      try {
        s = fs.statSync(path.join(root, key));
      } catch {
        s = null;
      }
      stats.set(key, s);
    }
    return stats.get(key) ?? null;
  };
  return {
    readText(rel) {
      const key = normal(rel);
      if (!texts.has(key)) {
        let text: string | null = null;
        try {
          const s = stat(key);
          // Manifests are small; a huge file is not one worth reading.
          if (s?.isFile() && s.size < 8 * 1024 * 1024) text = fs.readFileSync(path.join(root, key), 'utf8');
        } catch {
          text = null;
        }
        texts.set(key, text);
      }
      return texts.get(key) ?? null;
    },
    exists: (rel) => stat(rel) !== null,
    isDirectory: (rel) => stat(rel)?.isDirectory() ?? false,
    list(rel) {
      try {
        return fs.readdirSync(path.join(root, normal(rel))).sort();
      } catch {
        return [];
      }
    },
  };
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
