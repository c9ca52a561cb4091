// Docker's own .dockerignore matching (via @balena/dockerignore), plus the path and pattern helpers around it.
import path from 'node:path';
import dockerignore from '@balena/dockerignore';
import { InputError } from '../errors';

/** A compiled set of ignore rules, in file order. */
export interface IgnoreRules {
  /** Whether the context path (forward slashes, no leading `./`) is left out of the build context. */
  ignores(rel: string): boolean;
  /** Whether some `!` exception could re-include a path below `dir` (so an ignored folder is not necessarily empty). */
  mayReincludeBelow(dir: string): boolean;
  /** The patterns of the `!` exceptions, cleaned as Docker cleans them (no `!`, no leading `/`). */
  exceptions: string[];
}

/** The rule lines of an ignore file: no comments, no blank lines, trimmed (as Docker reads them). */
export function ruleLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Compiles ignore rules with Docker's semantics: patterns are anchored at the context root, `*` stops at
 * `/`, `**` crosses folders, a folder rule hides everything below it, `!` re-includes, the last match wins.
 * Case matters (`ignorecase: false`), as on Linux daemons.
 */
export function compileRules(text: string): IgnoreRules {
  // Services of one repository tend to share rule sets, and compiling them is the matcher's main cost.
  const cached = compiled.get(text);
  if (cached) return cached;
  const rules = compile(text);
  if (compiled.size >= 256) compiled.delete(compiled.keys().next().value as string);
  compiled.set(text, rules);
  return rules;
}

const compiled = new Map<string, IgnoreRules>();

function compile(text: string): IgnoreRules {
  const lines = ruleLines(text);
  for (const line of lines) checkWildcards(line);
  const matcher = dockerignore({ ignorecase: false }).add(lines);
  const exceptions = lines.filter((l) => l.startsWith('!')).map((l) => cleanPattern(l.slice(1)));
  return {
    // An empty path would read as "ignored" in the library; the context root is never ignored.
    ignores: (rel) => rel !== '' && rel !== '.' && matcher.ignores(rel),
    mayReincludeBelow: (dir) => exceptions.some((e) => patternMayMatchBelow(e, dir)),
    exceptions,
  };
}

/** A pattern as Docker keeps it: trimmed, `filepath.Clean`ed, without a leading `/`. */
export function cleanPattern(pattern: string): string {
  const cleaned = path.posix.normalize(pattern.trim()).replace(/(.)\/$/, '$1');
  return cleaned.length > 1 && cleaned.startsWith('/') ? cleaned.slice(1) : cleaned;
}

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

/** Glob characters of Docker's patterns (Go's `filepath.Match`). */
export const hasGlob = (p: string): boolean => /[*?[\\]/.test(p);

/** A literal path written as a pattern that matches only itself. */
export function escapePattern(literal: string): string {
  return literal.replace(/[*?[\\]/g, '\\$&');
}

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

/**
 * The most `*` one path segment of a pattern may hold. Patterns become backtracking regular expressions
 * (here and in @balena/dockerignore), whose time grows with the path length to the power of the stars:
 * `*a*a*a*a*a*b` against a long name would run for hours. Docker (Go's linear regexps) has no such limit,
 * but no real ignore rule or COPY source needs more.
 */
export const MAX_STARS_PER_SEGMENT = 4;

function checkWildcards(pattern: string): void {
  for (const segment of pattern.split('/')) {
    if (segment === '**') continue;
    const stars = segment.replace(/\\./g, '').match(/\*+/g)?.length ?? 0;
    if (stars > MAX_STARS_PER_SEGMENT)
      throw new InputError(
        `the pattern ${JSON.stringify(pattern)} has ${stars} wildcards in one path segment (at most ${MAX_STARS_PER_SEGMENT}): it cannot be matched in reasonable time`,
      );
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Whether `pattern` could match some path strictly below `dir`: its leading segments match the folder's
 * segments (or a `**` reaches there first). Errs on "yes", since it only decides whether to look closer.
 */
function patternMayMatchBelow(pattern: string, dir: string): boolean {
  const parts = pattern.split('/');
  const dirParts = dir === '.' ? [] : dir.split('/');
  for (let i = 0; i < dirParts.length; i++) {
    if (i >= parts.length) return false;
    if (parts[i].includes('**')) return true;
    if (!segmentRegExp(parts[i]).test(dirParts[i])) return false;
  }
  return parts.length > dirParts.length;
}

/** Whether a Go `filepath.Match` pattern (a COPY source or rule without `**`) matches a path, segment by segment. */
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
