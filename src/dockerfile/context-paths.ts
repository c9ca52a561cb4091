// Paths inside a build context as Docker reads them: cleaned, joined, and matched against COPY and ignore globs.
import path from 'node:path';
import { InputError } from '../errors';

/**
 * A COPY source as a context-relative path: forward slashes, no `./`, no leading or trailing `/`, `.` for
 * the root. `..` cannot climb out of the context (BuildKit resolves `/..` to `/`), so it is clamped too.
 */
export function contextPath(p: string): string {
  const cleaned = path.posix
    .normalize('/' + p)
    .slice(1)
    .replace(/\/+$/, '');
  return cleaned === '' ? '.' : cleaned;
}

/**
 * A relative path cleaned the same way but keeping its `..` parts: a path relative to a package or module
 * folder (`../../build`, a tsconfig `extends`) may lead out of it, and only a COPY source is clamped.
 */
function relativePath(p: string): string {
  const clean = path.posix.normalize(p).replace(/^\/+/, '').replace(/\/+$/, '');
  return clean === '' ? '.' : clean;
}

/** The folder part of a context path ('.' for a top-level file). */
export function dirOf(p: string): string {
  return relativePath(path.posix.dirname(relativePath(p)));
}

/** Joins relative paths and cleans the result (`.` is the root; `..` parts are kept). One part: cleans it. */
export function joinPath(...parts: string[]): string {
  return relativePath(path.posix.join(...parts));
}

/** `dir` and every folder above it up to the context root, nearest first. */
export function upwards(dir: string): string[] {
  const dirs = [dir];
  while (dirs[dirs.length - 1] !== '.') dirs.push(dirOf(dirs[dirs.length - 1]));
  return dirs;
}

/** Glob characters of Docker's patterns (Go's `filepath.Match`, where `\` escapes). */
export const hasGlob = (p: string): boolean => /[*?[\\]/.test(p);

/**
 * The most `*` one path segment of a pattern may hold. Patterns become backtracking regular expressions
 * (here and in @balena/dockerignore), whose time grows with the path length to the power of the stars:
 * `*a*a*a*a*a*b` against a long name would run for hours. Docker (Go's linear regexps) has no such limit,
 * but no real ignore rule or COPY source needs more.
 */
export const MAX_STARS_PER_SEGMENT = 4;

/** The most `**` segments one pattern may hold: each multiplies the backtracking by the path's depth. */
export const MAX_GLOBSTARS = 4;

/** Throws an InputError for a pattern with more wildcards than can be matched in time. */
export function checkWildcards(pattern: string): void {
  const globstars = pattern.split('/').filter((segment) => segment === '**').length;
  if (globstars > MAX_GLOBSTARS)
    throw new InputError(
      `the pattern ${shown(pattern)} has ${globstars} \`**\` segments (at most ${MAX_GLOBSTARS}): it cannot be matched in reasonable time`,
    );
  for (const segment of pattern.split('/')) {
    if (segment === '**') continue;
    const stars = segment.replace(/\\./g, '').match(/\*+/g)?.length ?? 0;
    if (stars > MAX_STARS_PER_SEGMENT)
      throw new InputError(
        `the pattern ${shown(pattern)} has ${stars} wildcards in one path segment (at most ${MAX_STARS_PER_SEGMENT}): it cannot be matched in reasonable time`,
      );
  }
}

const shown = (pattern: string) =>
  JSON.stringify(pattern.length > 80 ? pattern.slice(0, 77) + '...' : pattern);

/** A regular expression for one path segment of a Go `filepath.Match` pattern (`*`, `?`, `[...]`, `\` escapes). */
export function segmentRegExp(segment: string): RegExp {
  checkWildcards(segment);
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < segment.length) re += escapeRegExp(segment[++i]);
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\]\\^]/g, '\\$&')}]`;
      i = close;
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Whether a Go `filepath.Match` pattern (a COPY source, a rule without `**`, an image path with a glob)
 * matches a path, segment by segment: `*` and `?` never cross a `/`.
 */
export function globMatches(pattern: string, rel: string): boolean {
  const parts = pattern.split('/');
  const names = rel.split('/');
  return parts.length === names.length && parts.every((part, i) => segmentRegExp(part).test(names[i]));
}

/** Whether `rel` lies strictly below the folder pattern `dir` (`target/app.jar` below `target` or `*`). */
export function isBelow(rel: string, dir: string): boolean {
  const depth = dir.split('/').length;
  const names = rel.split('/');
  return names.length > depth && globMatches(dir, names.slice(0, depth).join('/'));
}

/** Whether a COPY/ADD source (a context path, maybe a glob) brings `rel`: the file itself, a folder around it, or `.`. */
export function sourceBrings(source: string, rel: string): boolean {
  return source === '.' || source === rel || isBelow(rel, source) || globMatches(source, rel);
}
