// Packages the compiled output loads though no source file imports them: the helper libraries compilers are
// told to import instead of inlining (tslib under importHelpers, @babel/runtime under transform-runtime).
import { dirOf, joinPath, upwards } from '../../dockerfile/context-paths';
import type { DevLoad } from '../../contract/facts';
import type { ProjectView } from '../../contract/project-view';
import { readBuildFile } from '../code-text';
import { parseJsonc } from './tsconfig';

type Json = Record<string, unknown>;

/** At most this many tsconfig files are read through `extends` and `references` (a cycle or a hostile chain ends there). */
export const TSCONFIG_READS = 32;

/** Babel's config files, looked for from the package folder up to the context root. */
const BABEL_CONFIGS = [
  'babel.config.json',
  'babel.config.js',
  'babel.config.cjs',
  'babel.config.mjs',
  'babel.config.cts',
  'babel.config.ts',
  '.babelrc',
  '.babelrc.json',
  '.babelrc.js',
  '.babelrc.cjs',
  '.babelrc.mjs',
  '.babelrc.cts',
];
/** What Babel's runtime transform makes the output import, by Babel 7 (and 6) package. */
const BABEL_RUNTIMES = [
  '@babel/runtime',
  '@babel/runtime-corejs2',
  '@babel/runtime-corejs3',
  'babel-runtime',
];

/**
 * The helper packages among `devOnly` that the compiled output loads, each with the config that makes it:
 * tslib when a tsconfig the build uses turns `importHelpers` on (noEmitHelpers does not change that: the
 * output then expects the helpers from somewhere), Babel's runtime when a Babel config uses the runtime
 * transform (read as text: a JS config is not run), @swc/helpers when `.swcrc` sets `jsc.externalHelpers`.
 */
export function helperLoads(
  view: ProjectView,
  tsconfig: string | null,
  packageDir: string,
  devOnly: readonly string[],
): DevLoad[] {
  const loads: DevLoad[] = [];
  const only = new Set(devOnly);
  if (only.has('tslib') && tsconfig) {
    const file = importHelpersConfig(view, tsconfig);
    if (file) loads.push({ name: 'tslib', file, named: false, manifest: null, helper: 'sets importHelpers' });
  }
  const runtimes = BABEL_RUNTIMES.filter((name) => only.has(name));
  const babel = runtimes.length ? babelRuntimeConfig(view, packageDir) : null;
  if (babel)
    for (const name of runtimes)
      loads.push({ name, file: babel.file, named: false, manifest: null, helper: `uses ${babel.plugin}` });
  if (only.has('@swc/helpers')) {
    const swcrc = upwards(packageDir)
      .map((dir) => joinPath(dir, '.swcrc'))
      .find(
        (file) => ((parseJsonc(readBuildFile(view, file))?.jsc as Json)?.externalHelpers ?? false) === true,
      );
    if (swcrc)
      loads.push({
        name: '@swc/helpers',
        file: swcrc,
        named: false,
        manifest: null,
        helper: 'sets jsc.externalHelpers',
      });
  }
  return loads;
}

/**
 * The tsconfig that turns importHelpers on for the build, or null: the one the build compiles with and
 * the projects it references, each with the value it gets through `extends` (its own setting wins, then
 * its bases, the last of several first). Only bases inside the context are read: a package's config
 * (`@tsconfig/node20`) is not there before the install.
 */
export function importHelpersConfig(view: ProjectView, tsconfig: string): string | null {
  const read = new Set<string>();
  const projects = [tsconfig];
  for (let i = 0; i < projects.length && read.size < TSCONFIG_READS; i++) {
    const found = effectiveImportHelpers(view, projects[i], read);
    if (found?.value) return found.file;
    const config = parseJsonc(readBuildFile(view, projects[i]));
    const references = Array.isArray(config?.references) ? (config.references as unknown[]) : [];
    for (const ref of references) {
      const p = (ref as Json | null)?.path;
      if (typeof p !== 'string') continue;
      const target = inContext(joinPath(dirOf(projects[i]), p));
      const file = target && (target.endsWith('.json') ? target : joinPath(target, 'tsconfig.json'));
      if (file && !projects.includes(file)) projects.push(file);
    }
  }
  return null;
}

/** importHelpers as one tsconfig gets it, and the file that sets it; null when none in its chain does. */
function effectiveImportHelpers(
  view: ProjectView,
  file: string,
  read: Set<string>,
): { value: boolean; file: string } | null {
  if (read.has(file) || read.size >= TSCONFIG_READS) return null;
  read.add(file);
  const config = parseJsonc(readBuildFile(view, file));
  if (!config) return null;
  const own = (config.compilerOptions as Json | undefined)?.importHelpers;
  if (typeof own === 'boolean') return { value: own, file };
  const bases =
    typeof config.extends === 'string'
      ? [config.extends]
      : Array.isArray(config.extends)
        ? config.extends
        : [];
  // With several bases (TS 5), a later one overrides an earlier one.
  for (const base of [...bases].reverse()) {
    if (typeof base !== 'string' || !base.startsWith('.')) continue;
    const path = inContext(joinPath(dirOf(file), base.endsWith('.json') ? base : `${base}.json`));
    const found = path ? effectiveImportHelpers(view, path, read) : null;
    if (found) return found;
  }
  return null;
}

/** A path relative to the context, or null when it leads out of it. */
const inContext = (p: string) => (p === '..' || p.startsWith('../') ? null : p);

/** The Babel config (from the package folder up) that uses the runtime transform, and how it names it. */
function babelRuntimeConfig(view: ProjectView, packageDir: string): { file: string; plugin: string } | null {
  for (const dir of upwards(packageDir)) {
    for (const name of BABEL_CONFIGS) {
      const file = joinPath(dir, name);
      const plugin = runtimePlugin(readBuildFile(view, file));
      if (plugin) return { file, plugin };
    }
    const manifest = joinPath(dir, 'package.json');
    const babel = parseJsonc(readBuildFile(view, manifest))?.babel;
    const plugin = babel ? runtimePlugin(JSON.stringify(babel)) : null;
    if (plugin) return { file: manifest, plugin };
  }
  return null;
}

/** `@babel/plugin-transform-runtime`, `@babel/transform-runtime`, Babel 6's `transform-runtime`, as written. */
function runtimePlugin(text: string | null): string | null {
  return text ? (/(?:@babel\/(?:plugin-)?|babel-plugin-)?transform-runtime\b/.exec(text)?.[0] ?? null) : null;
}
