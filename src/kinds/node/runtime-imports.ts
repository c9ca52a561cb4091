// What the app's own source files load at run time: every JS/TS file the image copies in, tests and build configs left out.
import { UnreadableError } from '../../errors';
import { fileImports, packageOf } from './module-imports';
import type { ProjectView } from '../../contract/project-view';
import type { ScanGap } from '../../contract/facts';

export interface RuntimeImports {
  /** Packages loaded as values, each with the first file that loads it (context-relative). */
  packages: Record<string, string>;
  /** Strings that look like package names (`'pino-pretty'`), each with the first file naming it. */
  named: Record<string, string>;
  /** Source files read. */
  files: number;
  /**
   * Why the scan cannot show what the files load (a file that could not be read or parsed, too many
   * files, a module name computed at run time), with what to change; null when it can.
   */
  incomplete: ScanGap | null;
}

const FEWER = 'copy only the folders the app runs from (COPY src ./src rather than COPY . .)';
const LEAVE_OUT = 'or leave it out of the image (.dockerignore) if the app does not run it';

/** Limits that keep a hostile or huge context from costing minutes: beyond them the scan says it is incomplete. */
export const SCAN_LIMITS = { files: 5000, bytes: 64 * 1024 * 1024, fileBytes: 2 * 1024 * 1024, depth: 40 };

const SOURCE = /\.(c|m)?(j|t)sx?$/;
/** Folders that hold no code the server runs: dependencies, VCS, tests, browser assets, tool caches. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '__tests__',
  '__mocks__',
  '__snapshots__',
  'test',
  'tests',
  'spec',
  'e2e',
  'cypress',
  'coverage',
  'stories',
  'public',
  'static',
  'assets',
  'bower_components',
  'jspm_packages',
]);
/** Test files, declaration files, stories and minified browser bundles. */
const SKIPPED_FILE = /(\.(test|spec|stories|story|e2e|cy)\.(c|m)?(j|t)sx?|\.d\.(c|m)?ts|\.min\.js)$/;
/** Configs of build, test and lint tools: read while building or testing, never by the running app. */
const TOOL_CONFIG =
  /^(([\w-]+[.-])?(jest|vitest|vite|webpack|rollup|babel|eslint|prettier|tailwind|postcss|tsup|karma|playwright|cypress|commitlint|lint-staged|stylelint|jsdoc|typedoc|svgo|nodemon)\.(config|setup|workspace)(\.[\w-]+)*|webpack\.[\w-]+|\.(eslintrc|prettierrc|babelrc|mocharc|lintstagedrc|commitlintrc|stylelintrc)|gulpfile|gruntfile|setupTests|jest\.[\w-]+|vitest\.[\w-]+)\.(c|m)?(j|t)s$/i;

/**
 * Scans the files under `roots` (context-relative files or folders the image copies in). Hidden folders
 * (`.git`, `.next`, `.cache`) are left out; `elideTypeOnly` follows the tsconfig (see fileImports).
 * `counts` says whether a file's load of a package is recorded: in a workspace a package may be safe to
 * load from one member's files and not from another's, so the first file recorded is the first that matters.
 */
export function runtimeImports(
  view: ProjectView,
  roots: readonly string[],
  elideTypeOnly: boolean,
  limits = SCAN_LIMITS,
  counts: (name: string, file: string) => boolean = () => true,
): RuntimeImports {
  const result: RuntimeImports = { packages: {}, named: {}, files: 0, incomplete: null };
  const seen = new Set<string>();
  let bytes = 0;
  const files: string[] = [];
  const walk = (rel: string, depth: number): boolean => {
    if (seen.has(rel)) return true;
    seen.add(rel);
    if (!view.isDirectory(rel)) {
      if (isSource(rel)) files.push(rel);
      return files.length <= limits.files;
    }
    if (depth > limits.depth) {
      result.incomplete = {
        reason: `folders nested deeper than ${limits.depth} levels under ${rel}`,
        fix: FEWER,
      };
      return false;
    }
    let names: string[];
    try {
      names = view.list(rel);
    } catch (error) {
      if (!(error instanceof UnreadableError)) throw error;
      // A folder that cannot be listed hides what it loads: the scan says so, and nothing relies on it.
      result.incomplete = {
        reason: `${rel} could not be read`,
        fix: 'make the folder readable, or leave it out of the image (.dockerignore) if the app does not run it',
      };
      return false;
    }
    for (const name of names) {
      const child = rel === '.' ? name : `${rel}/${name}`;
      if (view.isDirectory(child) && (name.startsWith('.') || SKIPPED_DIRS.has(name))) continue;
      if (!walk(child, depth + 1)) return false;
    }
    return true;
  };
  for (const root of roots) {
    if (!walk(root, 0)) {
      result.incomplete ??= { reason: `more than ${limits.files} source files`, fix: FEWER };
      return result;
    }
  }
  for (const file of files.sort()) {
    const text = view.readText(file);
    if (text === null) {
      result.incomplete = { reason: `${file} could not be read`, fix: `make it readable, ${LEAVE_OUT}` };
      return result;
    }
    bytes += text.length;
    if (text.length > limits.fileBytes || bytes > limits.bytes) {
      result.incomplete = { reason: `${file} is too large to check`, fix: `${FEWER}, ${LEAVE_OUT}` };
      return result;
    }
    let found;
    try {
      found = fileImports(file, text, { elideTypeOnly });
    } catch (error) {
      const reason = `${file} could not be parsed (${firstLine(error)})`;
      result.incomplete = { reason, fix: `fix its syntax, ${LEAVE_OUT}` };
      return result;
    }
    const computed = found.computed[0];
    if (computed) {
      result.incomplete = {
        reason: `${file} line ${computed.line} loads a module by a name only known at run time (\`${computed.code}\`)`,
        fix: 'write the name as a string literal (or a path starting with ./ or ../), or move the devDependencies it may load to dependencies',
      };
      return result;
    }
    result.files++;
    for (const spec of found.specifiers) {
      const name = packageOf(spec);
      if (name && !(name in result.packages) && counts(name, file)) result.packages[name] = file;
    }
    for (const s of found.strings) {
      const name = /^(@[\w.-]+\/)?[\w.-]+(\/[\w./-]*)?$/.test(s) ? packageOf(s) : null;
      if (name && !(name in result.named) && counts(name, file)) result.named[name] = file;
    }
  }
  return result;
}

function isSource(rel: string): boolean {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return SOURCE.test(name) && !SKIPPED_FILE.test(name) && !TOOL_CONFIG.test(name);
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];
