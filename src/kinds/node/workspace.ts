// Workspaces (npm, yarn, pnpm, bun monorepos): the root that declares them and the member package.json files one install covers.
import { parse as parseYaml } from 'yaml';
import { hasGlob, joinPath, segmentRegExp, upwards } from '../../dockerfile/context-paths';
import type { ProjectView } from '../../contract/project-view';
import { UnreadableError } from '../../errors';

type Json = Record<string, unknown>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** A JSON object file, or null when missing or not valid JSON. */
export function readJson(view: ProjectView, rel: string): Json | null {
  const text = view.readText(rel);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

/** A package.json of the build and its folder, relative to the context. */
export interface ManifestAt {
  dir: string;
  pkg: Json;
}

export interface WorkspaceRoot {
  dir: string;
  pkg: Json | null;
  patterns: string[];
  /** pnpm-workspace.yaml, parsed (it is small, unlike the lockfile). */
  pnpm: Json | null;
}

/** The nearest folder from packageDir up whose package.json has `workspaces` or that has a pnpm-workspace.yaml. */
export function findWorkspaceRoot(
  view: ProjectView,
  chain: ReadonlyArray<{ dir: string; pkg: Json }>,
  packageDir: string,
): WorkspaceRoot | null {
  for (const dir of upwards(packageDir)) {
    const pkg = chain.find((p) => p.dir === dir)?.pkg ?? null;
    const ws = pkg?.workspaces;
    const fromPkg = Array.isArray(ws) ? strings(ws) : strings((ws as Json | undefined)?.packages);
    let pnpm: Json | null = null;
    const yamlText = view.readText(joinPath(dir, 'pnpm-workspace.yaml'));
    if (yamlText !== null) {
      try {
        // A workspace list is a few lines: a huge file or an alias bomb is not one worth reading.
        if (yamlText.length > 1024 * 1024) throw new Error('too large');
        const value: unknown = parseYaml(yamlText, { maxAliasCount: 100 });
        pnpm = value && typeof value === 'object' ? (value as Json) : {};
      } catch {
        pnpm = {};
      }
    }
    const patterns = [...fromPkg, ...strings(pnpm?.packages)];
    if (ws !== undefined || pnpm !== null) return { dir, pkg, patterns, pnpm };
  }
  return null;
}

export interface WorkspaceMembers {
  /** The members' manifests (the root itself is none), sorted by folder. */
  members: ManifestAt[];
  /**
   * Why the list may be short, or null: too many members or folders, a pattern this cannot expand, a
   * member package.json that cannot be read. Whoever relies on seeing every member must then refuse.
   */
  incomplete: string | null;
}

/**
 * Bounds on expanding the patterns: a monorepo has hundreds of members at most, and a `**` pattern over a
 * large context must not walk it all. Past them the list is incomplete (the callers fail safe).
 */
export const WORKSPACE_LIMITS = { members: 500, folders: 10000 };

/** Folders no workspace pattern reaches into (npm, yarn and pnpm all skip node_modules). */
const SKIPPED = new Set(['node_modules']);

/**
 * The members the root's patterns name: folders holding a package.json that a pattern matches (`packages/*`,
 * `apps/**`, `tools/cli`) and no `!` pattern excludes. Glob syntax beyond `*`, `?`, `[...]` and `**`
 * (braces, extglobs) is not expanded: the list is then incomplete rather than guessed.
 */
export function workspaceMembers(
  view: ProjectView,
  root: WorkspaceRoot,
  limits = WORKSPACE_LIMITS,
): WorkspaceMembers {
  const include: string[][] = [];
  const exclude: string[][] = [];
  for (const raw of root.patterns) {
    const negated = raw.startsWith('!');
    const segments = patternSegments(negated ? raw.slice(1) : raw);
    if (segments === null)
      return { members: [], incomplete: `the workspace pattern ${JSON.stringify(raw)} cannot be expanded` };
    (negated ? exclude : include).push(segments);
  }
  const found = new Set<string>();
  let folders = 0;
  const visited = new Set<string>();
  const childDirs = (dir: string, dotted: boolean): string[] | null => {
    if (++folders > limits.folders) return null;
    return view
      .list(dir)
      .filter((n) => !SKIPPED.has(n) && (dotted || !n.startsWith('.')))
      .filter((n) => view.isDirectory(joinPath(dir, n)));
  };
  // False when the folder budget ran out.
  const visit = (dir: string, segments: string[], i: number): boolean => {
    const key = `${i}\0${dir}`;
    if (visited.has(key)) return true;
    visited.add(key);
    if (i === segments.length) {
      found.add(dir);
      return true;
    }
    const segment = segments[i];
    if (segment === '**') {
      if (!visit(dir, segments, i + 1)) return false;
      const children = childDirs(dir, false);
      return children !== null && children.every((c) => visit(joinPath(dir, c), segments, i));
    }
    if (!hasGlob(segment)) {
      const child = joinPath(dir, segment);
      return view.isDirectory(child) ? visit(child, segments, i + 1) : true;
    }
    const re = segmentRegExp(segment);
    const children = childDirs(dir, segment.startsWith('.'));
    return (
      children !== null && children.every((c) => !re.test(c) || visit(joinPath(dir, c), segments, i + 1))
    );
  };
  try {
    for (const segments of include) {
      // One pattern never visits a folder twice at the same step (`a/**/**/b`); the next starts afresh.
      visited.clear();
      if (!visit(root.dir, segments, 0))
        return {
          members: [],
          incomplete: `the workspace patterns reach more than ${limits.folders} folders`,
        };
    }
  } catch (error) {
    // A folder that cannot be read fails the service, as a member's manifest would.
    if (error instanceof UnreadableError) throw error;
    // segmentRegExp refuses a segment of too many stars to match in time.
    return { members: [], incomplete: 'a workspace pattern has too many wildcards to expand' };
  }
  const members: ManifestAt[] = [];
  for (const dir of [...found].sort()) {
    if (dir === root.dir || exclude.some((p) => excludes(p, relativeTo(root.dir, dir)))) continue;
    const file = joinPath(dir, 'package.json');
    if (!view.exists(file)) continue;
    if (members.length >= limits.members)
      return { members, incomplete: `the workspace has more than ${limits.members} members` };
    const pkg = readJson(view, file);
    if (!pkg) return { members, incomplete: `${file} could not be read` };
    members.push({ dir, pkg });
  }
  return { members, incomplete: null };
}

/** A pattern as path segments (`./packages/*` -> `packages`, `*`), or null for what this does not expand. */
function patternSegments(pattern: string): string[] | null {
  const clean = pattern
    .trim()
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  if (clean === '' || clean.startsWith('/') || /[{}()!|]/.test(clean)) return null;
  const segments = clean.split('/').filter((s) => s !== '' && s !== '.');
  // A member outside the workspace root (`../shared`) may lie outside the build context too.
  if (segments.includes('..')) return null;
  return segments.length ? segments : null;
}

const relativeTo = (base: string, dir: string) => (base === '.' ? dir : dir.slice(base.length + 1));

/**
 * Whether a `!` pattern excludes a member folder. A trailing `**` needs at least one folder to match:
 * where the tools differ on whether `!x/**` drops `x` itself, keeping `x` costs only a stricter check.
 */
function excludes(pattern: readonly string[], rel: string): boolean {
  const names = rel.split('/');
  const match = (p: number, n: number): boolean => {
    if (p === pattern.length) return n === names.length;
    if (pattern[p] === '**') {
      const last = p === pattern.length - 1;
      for (let k = last ? n + 1 : n; k <= names.length; k++) if (match(p + 1, k)) return true;
      return false;
    }
    return n < names.length && segmentRegExp(pattern[p]).test(names[n]) && match(p + 1, n + 1);
  };
  try {
    return match(0, 0);
  } catch {
    return false;
  }
}
