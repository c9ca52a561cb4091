// Docker's own .dockerignore matching (via @balena/dockerignore), plus the pattern helpers around it.
import path from 'node:path';
import dockerignore from '@balena/dockerignore';
import { checkWildcards, segmentRegExp } from '../dockerfile/context-paths';

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

/** A literal path written as a pattern that matches only itself. */
export function escapePattern(literal: string): string {
  return literal.replace(/[*?[\\]/g, '\\$&');
}

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
