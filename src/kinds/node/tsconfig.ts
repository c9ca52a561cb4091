// tsconfig.json reading: JSON with comments and trailing commas, and one level of `extends`.
import { readBuildFile, stripComments } from '../code-text';
import { dirOf, joinPath } from '../../dockerfile/context-paths';
import type { ProjectView } from '../../contract/project-view';

/**
 * Removes `//` and `/* *\/` comments and trailing commas outside strings, so JSON.parse can read
 * tsconfig-style JSON. Strings are copied as they are (`"@/*": ["src/*"]` is not a comment).
 */
export function stripJsonComments(text: string): string {
  return dropTrailingCommas(stripComments(text));
}

/** JSON text without the commas that stand right before a `}` or `]` (outside strings). */
function dropTrailingCommas(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j;
    } else if (c === ',') {
      let j = i + 1;
      while (j < json.length && /\s/.test(json[j])) j++;
      if (json[j] !== '}' && json[j] !== ']') out += c;
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
  const config = parseJsonc(readBuildFile(view, tsconfigPath));
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
    const baseOut = outDirOf(parseJsonc(readBuildFile(view, basePath)));
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
