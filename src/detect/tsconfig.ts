// tsconfig.json reading: JSON with comments and trailing commas, and one level of `extends`.
import { dirOf, joinPath } from './dockerfile-hints';
import type { ProjectView } from './project-view';

/**
 * Removes `//` and `/* *\/` comments and trailing commas outside strings, so JSON.parse can read
 * tsconfig-style JSON. Strings are copied as they are (`"@/*": ["src/*"]` is not a comment).
 */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else if (c === ',') {
      // A comma followed only by blanks (comments already gone from `out`, not from `text`) and a closer.
      let j = i + 1;
      for (;;) {
        while (j < text.length && /\s/.test(text[j])) j++;
        if (text.startsWith('//', j)) j = text.indexOf('\n', j) < 0 ? text.length : text.indexOf('\n', j);
        else if (text.startsWith('/*', j))
          j = text.indexOf('*/', j) < 0 ? text.length : text.indexOf('*/', j) + 2;
        else break;
      }
      if (text[j] !== '}' && text[j] !== ']') out += c;
    } else out += c;
  }
  return out;
}

/** Parses JSON-with-comments; null when it is not an object even then. */
export function parseJsonc(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, '')));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The `compilerOptions.outDir` a tsconfig compiles to, relative to `packageDir` (`dist`), or null.
 * An outDir set in an extended config (one level, relative paths only: a package's config is not in
 * the context) is relative to that config's folder, as tsc reads it.
 */
export function tsOutDir(view: ProjectView, tsconfigPath: string, packageDir: string): string | null {
  const config = parseJsonc(view.readText(tsconfigPath));
  if (!config) return null;
  const own = outDirOf(config);
  if (own !== null) return relativeTo(joinPath(dirOf(tsconfigPath), own), packageDir);
  const ext =
    typeof config.extends === 'string'
      ? [config.extends]
      : Array.isArray(config.extends)
        ? config.extends
        : [];
  // With several bases (TS 5), the last one that sets a value wins.
  for (const base of [...ext].reverse()) {
    if (typeof base !== 'string' || !base.startsWith('.')) continue;
    const basePath = joinPath(dirOf(tsconfigPath), base.endsWith('.json') ? base : base + '.json');
    const baseOut = outDirOf(parseJsonc(view.readText(basePath)));
    if (baseOut !== null) return relativeTo(joinPath(dirOf(basePath), baseOut), packageDir);
  }
  return null;
}

function outDirOf(config: Record<string, unknown> | null): string | null {
  const options = config?.compilerOptions as Record<string, unknown> | undefined;
  return typeof options?.outDir === 'string' && options.outDir.trim() ? options.outDir.trim() : null;
}

function relativeTo(p: string, dir: string): string {
  if (dir === '.') return p;
  if (p === dir) return '.';
  if (p.startsWith(dir + '/')) return p.slice(dir.length + 1);
  // Outside the package folder (`../../dist/apps/api`): keep it relative with `..` parts.
  const up = dir.split('/').map(() => '..');
  return joinPath(up.join('/'), p);
}
