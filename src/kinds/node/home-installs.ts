// What an install leaves in the build user's home that the app reads at run time: a runtime stage holding only the app folder lacks it.
import semver from 'semver';
import { commandWords, runScript } from '../../dockerfile/hints';
import { valuesSetBy } from '../../dockerfile/scope';
import { splitCommands } from '../../dockerfile/shell';
import { isInside } from '../../dockerfile/workdir';
import type { NodeFacts } from '../../contract/facts';
import type { NodeStageReading } from './stage';

type Json = Record<string, unknown>;

export interface HomeInstall {
  /** What puts it there, and where (`puppeteer downloads its browser into ~/.cache/puppeteer`). */
  what: string;
  /** Where in the home folder (`.cache/puppeteer`); null for what lands elsewhere outside the app folder. */
  home: string | null;
  /** What to change so it lands in the app folder instead. */
  fix: string;
}

/**
 * Packages whose own install downloads a browser into the home folder: puppeteer (from 19 on; older ones
 * into node_modules, but the range is not always readable, and any version counts), playwright before 1.38
 * and its single-browser packages. `puppeteer-core` and a later `playwright` download nothing.
 */
export function browserDownloads(pkg: Json | null): string[] {
  const found = new Set<string>();
  for (const field of ['dependencies', 'optionalDependencies', 'devDependencies']) {
    const deps = pkg?.[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, range] of Object.entries(deps as Json)) {
      if (name === 'puppeteer' || /^playwright-(chromium|firefox|webkit)$/.test(name)) found.add(name);
      if (name === 'playwright' && downloadsOnInstall(String(range))) found.add(name);
    }
  }
  return [...found].sort();
}

/** playwright 1.38 stopped downloading browsers on install; a range that may resolve below it still does. */
function downloadsOnInstall(range: string): boolean {
  const valid = semver.validRange(range);
  const min = valid ? semver.minVersion(valid) : null;
  return !min || semver.lt(min, '1.38.0');
}

/**
 * What the installs of this image put in the build user's home (or, for Playwright's system libraries, in
 * the base image) that the app needs at run time, unless a variable the runtime keeps sends it into the app
 * folder. Each is lost to a runtime stage that copies the app folder, and to a new user, whose home differs.
 */
export function homeInstalls(node: NodeFacts, reading: NodeStageReading): HomeInstall[] {
  const env = stageEnv(reading);
  const inApp = (p: string | undefined) =>
    p !== undefined && p.startsWith('/') && reading.appDirs.some((dir) => isInside(dir, p));
  const app = reading.appDirs[0] ?? '/app';
  const found: HomeInstall[] = [];
  const downloads = node.browserDownloads.filter((name) => neededAtRunTime(node, name));
  if (
    downloads.includes('puppeteer') &&
    !isTrue(env.get('PUPPETEER_SKIP_DOWNLOAD') ?? env.get('PUPPETEER_SKIP_CHROMIUM_DOWNLOAD')) &&
    !inApp(env.get('PUPPETEER_CACHE_DIR'))
  ) {
    found.push({
      what: 'puppeteer downloads its browser into ~/.cache/puppeteer at install',
      home: '.cache/puppeteer',
      fix: `set ENV PUPPETEER_CACHE_DIR=${app}/.cache/puppeteer before the install`,
    });
  }
  const runs = [...reading.runs.keys()].flatMap((ins) =>
    splitCommands(runScript(ins)).map((c) => commandWords(c.words)),
  );
  const playwright = runs.map(playwrightInstall);
  const browsersPath = env.get('PLAYWRIGHT_BROWSERS_PATH');
  const pwPackages = downloads.filter((name) => name.startsWith('playwright'));
  const installsBrowsers = playwright.some((p) => p?.browsers);
  const pwDownloads =
    installsBrowsers || (pwPackages.length > 0 && !isTrue(env.get('PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD')));
  if (pwDownloads && browsersPath !== '0' && !inApp(browsersPath)) {
    const by = installsBrowsers ? '`playwright install`' : pwPackages.join(', ');
    found.push({
      what: `${by} downloads browsers into ~/.cache/ms-playwright`,
      home: '.cache/ms-playwright',
      fix: 'set ENV PLAYWRIGHT_BROWSERS_PATH=0 (into node_modules) before the install',
    });
  }
  if (playwright.some((p) => p?.deps)) {
    found.push({
      what: '`playwright install --with-deps` (or `install-deps`) installs the browsers’ system libraries with apt-get',
      home: null,
      fix: 'install those packages with an apt-get line of the Dockerfile, which the runtime stage repeats',
    });
  }
  const yarn = yarnGlobalCache(node, env, inApp);
  if (yarn) found.push(yarn);
  return found;
}

/** The skip reason for a split: what is outside the app folder, and how to bring it in. */
export function homeInstallsReason(found: readonly HomeInstall[], app: string): string {
  const what = found.map((f) => f.what).join('; ');
  const fix = found.map((f) => f.fix).join('; ');
  return `${what}: a runtime stage holding the app folder ${app} would not have it; ${fix} to migrate it`;
}

/** A dependency, or a devDependency the app's own files load (a pruned one is gone and needs nothing). */
function neededAtRunTime(node: NodeFacts, name: string): boolean {
  return !node.devOnly.includes(name) || node.devLoaded.some((d) => d.name === name);
}

/** What a `playwright install [--with-deps]` or `playwright install-deps` command installs; null for others. */
function playwrightInstall(words: string[]): { browsers: boolean; deps: boolean } | null {
  const at = words.findIndex((w) => /(^|\/)(@playwright\/test|playwright(-core)?)(@[^/]*)?$/.test(w));
  const verb = at >= 0 ? words[at + 1] : undefined;
  if (verb === 'install-deps') return { browsers: false, deps: true };
  if (verb !== 'install') return null;
  return { browsers: true, deps: words.slice(at + 2).includes('--with-deps') };
}

/**
 * Yarn Plug'n'Play loads packages from the archives in Yarn's cache, where they stay (nothing is unpacked
 * into the project): with the global cache (`~/.yarn/berry/cache`), or a cacheFolder outside the project,
 * the app folder alone cannot start. `YARN_*` variables of the image override .yarnrc.yml.
 */
function yarnGlobalCache(
  node: NodeFacts,
  env: Map<string, string>,
  inApp: (p: string | undefined) => boolean,
): HomeInstall | null {
  if (node.yarnFlavor !== 'berry') return null;
  const linker = env.get('YARN_NODE_LINKER') ?? node.yarnNodeLinker;
  if (linker === 'node-modules' || linker === 'pnpm') return null;
  const setting = env.get('YARN_ENABLE_GLOBAL_CACHE');
  const global = setting === undefined ? node.yarnGlobalCache !== false : isTrue(setting);
  const folder = env.get('YARN_CACHE_FOLDER') ?? node.yarnCacheFolder ?? './.yarn/cache';
  // A relative cacheFolder lies beside .yarnrc.yml, in the project the image copies into its app folder.
  const inProject = folder.startsWith('/') ? inApp(folder) : !/^~|(^|\/)\.\.(\/|$)/.test(folder);
  if (!global && inProject) return null;
  return {
    what: global
      ? "Yarn Plug'n'Play loads the packages from Yarn's global cache (~/.yarn/berry/cache)"
      : `Yarn Plug'n'Play loads the packages from its cacheFolder ${folder}, outside the app folder`,
    home: global ? '.yarn/berry' : null,
    fix: 'set `nodeLinker: node-modules`, or `enableGlobalCache: false` with a cacheFolder in the project, in .yarnrc.yml',
  };
}

/** The ENV values of the stage, the last one of each name winning; values built from variables are left out. */
function stageEnv(reading: NodeStageReading): Map<string, string> {
  const env = new Map<string, string>();
  for (const ins of reading.stage.instructions)
    if (ins.keyword === 'ENV') for (const [name, value] of valuesSetBy(ins)) env.set(name, value);
  return env;
}

const isTrue = (value: string | undefined) => value !== undefined && /^(1|true|yes)$/i.test(value);
