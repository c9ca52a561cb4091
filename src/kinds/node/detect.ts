// Node project facts, read from the build context: the Dockerfile only says which package.json is built.
import { parse as parseYaml } from 'yaml';
import type { DockerfileModel } from '../../dockerfile/model';
import { copySources } from '../../dockerfile/sources';
import { dirOf, joinPath, upwards } from '../../dockerfile/context-paths';
import {
  countsAsNative,
  isKnownNativeAddon,
  npmLockInstallScripts,
  pnpmLockRequiresBuild,
} from './native-addons';
import { devBins, devLoads, devOnlyPackages } from './dev-only';
import { detectBundler, detectFramework, expandScript } from './frameworks';
import { contextFolders, readNextConfig } from './next-config';
import { lockfileSync } from './lockfile-sync';
import { browserDownloads } from './home-installs';
import { nodePackageDir } from './package-dir';
import { detectPackageManager } from './package-manager';
import type { ProjectView } from '../../contract/project-view';
import { parseJsonc, tsOutDir } from './tsconfig';
import type { NodeFacts } from '../../contract/facts';

type Json = Record<string, unknown>;

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

const keys = (value: unknown): string[] =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Facts about the Node package the Dockerfile builds. */
export function detectNode(view: ProjectView, model: DockerfileModel): NodeFacts {
  const packageDir = nodePackageDir(view, model);
  const manifestPath = joinPath(packageDir, 'package.json');
  const pkg = readJson(view, manifestPath);
  // package.json files from the package folder up to the context root, nearest first.
  const chain = upwards(packageDir)
    .map((dir) => ({ dir, pkg: readJson(view, joinPath(dir, 'package.json')) }))
    .filter((p): p is { dir: string; pkg: Json } => p.pkg !== null);

  const copied = copySources(model);
  const pm = detectPackageManager(
    view,
    packageDir,
    chain.map((p) => str(p.pkg.packageManager)),
    copied,
  );

  const scripts: Record<string, string> = {};
  const rawScripts = pkg?.scripts;
  for (const name of keys(rawScripts)) {
    const body = (rawScripts as Json)[name];
    if (typeof body === 'string') scripts[name] = body;
  }
  const dependencies = keys(pkg?.dependencies);
  const devDependencies = keys(pkg?.devDependencies);
  const deps = new Set([...dependencies, ...devDependencies, ...keys(pkg?.optionalDependencies)]);

  const workspaceRoot = findWorkspaceRoot(view, chain, packageDir);
  const versionFile =
    upwards(packageDir)
      .flatMap((dir) => [joinPath(dir, '.nvmrc'), joinPath(dir, '.node-version')])
      .find((f) => view.exists(f)) ?? null;
  const next = readNextConfig(view, packageDir);
  const framework = detectFramework(view, packageDir, deps);
  const tsconfig = chooseTsconfig(view, packageDir, scripts, framework);
  const buildScript = scripts.build ?? null;
  const devOnly = devOnlyPackages([pkg, workspaceRoot?.pkg ?? null]);
  const scan = devLoads(view, model, devOnly, tsconfig);
  const engines = chain.map((p) => str((p.pkg.engines as Json | undefined)?.node)).find((e) => e) ?? null;

  return {
    packageManager: pm.packageManager,
    packageManagerSource: pm.packageManagerSource,
    packageManagerVersion: pm.packageManagerVersion,
    yarnFlavor: pm.yarnFlavor,
    yarnNodeLinker: pm.yarnNodeLinker,
    yarnPath: pm.yarnPath,
    yarnWorkspaceTools: pm.yarnWorkspaceTools,
    yarnGlobalCache: pm.yarnGlobalCache,
    yarnCacheFolder: pm.yarnCacheFolder,
    lockfile: pm.lockfile,
    packageManagerField: pm.packageManagerField,
    packageDir,
    manifest: pkg ? manifestPath : null,
    name: str(pkg?.name),
    scripts,
    buildScript,
    startScript: startScript(view, packageDir, scripts, pm.packageManager),
    dependencies,
    devDependencies,
    nativeAddons: nativeAddons(view, pkg, workspaceRoot, pm.lockfile, deps),
    nvmrc: versionFile ? firstLine(view.readText(versionFile)) : null,
    nodeVersionFile: versionFile,
    engines: engines?.trim() ?? null,
    framework,
    nextStandalone: framework === 'next' && next.standalone,
    // Listed for a standalone app only: its runtime holds the traced files, not these folders.
    nextContextFolders: framework === 'next' && next.standalone ? contextFolders(view, packageDir) : [],
    nextConfig: next.file,
    nextDistDir: next.distDir,
    nextPublicDir: framework === 'next' && view.isDirectory(joinPath(packageDir, 'public')),
    hasServerJs: view.exists(joinPath(packageDir, 'server.js')),
    typescript: tsconfig !== null || deps.has('typescript'),
    tsconfig,
    tsOutDir: tsconfig ? tsOutDir(view, tsconfig, packageDir) : null,
    bundler: detectBundler(expandScript(scripts, 'build'), deps),
    workspaces: workspaceRoot?.patterns ?? [],
    devOnly,
    devBins: devOnly.length ? devBins(devOnly, npmLockJson(view, pm.lockfile)) : {},
    devLoaded: scan.loads,
    browserDownloads: browserDownloads(pkg),
    sourceScanIncomplete: scan.incomplete,
    lockfileSync: pm.lockfile
      ? lockfileSync(view, pm.lockfile, lockedManifests(view, pm.lockfile, packageDir))
      : null,
  };
}

/** The manifests a lockfile must record for the install of `packageDir`: its own folder's, and the package's. */
function lockedManifests(view: ProjectView, lockfile: string, packageDir: string) {
  const lockDir = dirOf(lockfile);
  const dirs = [...new Set([lockDir, packageDir])];
  return dirs.flatMap((dir) => {
    const pkg = readJson(view, joinPath(dir, 'package.json'));
    const rel = dir === lockDir ? '.' : lockDir === '.' ? dir : dir.slice(lockDir.length + 1);
    return pkg ? [{ dir: rel, pkg }] : [];
  });
}

function npmLockJson(view: ProjectView, lockfile: string | null): Json | null {
  return lockfile && /(package-lock|npm-shrinkwrap)\.json$/.test(lockfile) ? readJson(view, lockfile) : null;
}

interface WorkspaceRoot {
  dir: string;
  pkg: Json | null;
  patterns: string[];
  /** pnpm-workspace.yaml, parsed (it is small, unlike the lockfile). */
  pnpm: Json | null;
}

/** The nearest folder from packageDir up whose package.json has `workspaces` or that has a pnpm-workspace.yaml. */
function findWorkspaceRoot(
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

/** The tsconfig a build uses: `-p x` of tsc/nest in the build script, nest's build config, else tsconfig.json. */
function chooseTsconfig(
  view: ProjectView,
  packageDir: string,
  scripts: Readonly<Record<string, string>>,
  framework: NodeFacts['framework'],
): string | null {
  const build = expandScript(scripts, 'build') ?? '';
  const flag = /\b(?:tsc|nest\s+build)\b[^&;|]*?\s(?:-p|--project|--path)[\s=]+(["']?)([^\s"';&|]+)\1/.exec(
    build,
  );
  const candidates: string[] = [];
  if (flag) {
    const p = joinPath(packageDir, flag[2]);
    candidates.push(p.endsWith('.json') ? p : joinPath(p, 'tsconfig.json'));
  }
  if (framework === 'nest') {
    const cli = parseJsonc(view.readText(joinPath(packageDir, 'nest-cli.json')));
    const fromCli = str((cli?.compilerOptions as Json | undefined)?.tsConfigPath);
    if (fromCli) candidates.push(joinPath(packageDir, fromCli));
    candidates.push(joinPath(packageDir, 'tsconfig.build.json'));
  }
  candidates.push(joinPath(packageDir, 'tsconfig.json'));
  return candidates.find((c) => view.exists(c)) ?? null;
}

/** What `npm start` runs: the start script, else npm's and pnpm's default `node server.js` when it exists. */
function startScript(
  view: ProjectView,
  packageDir: string,
  scripts: Readonly<Record<string, string>>,
  pm: NodeFacts['packageManager'],
): string | null {
  if (scripts.start !== undefined) return scripts.start;
  if ((pm === 'npm' || pm === 'pnpm') && view.exists(joinPath(packageDir, 'server.js')))
    return 'node server.js';
  return null;
}

function nativeAddons(
  view: ProjectView,
  pkg: Json | null,
  root: WorkspaceRoot | null,
  lockfile: string | null,
  deps: ReadonlySet<string>,
): string[] {
  const found = new Set<string>();
  const direct = new Set(deps);
  // A workspace member also gets the root's own dependencies installed.
  if (root?.pkg && root.pkg !== pkg) {
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      for (const name of keys(root.pkg[field])) direct.add(name);
    }
  }
  for (const name of direct) if (isKnownNativeAddon(name)) found.add(name);

  const allowed = [
    ...strings((pkg?.pnpm as Json | undefined)?.onlyBuiltDependencies),
    ...strings((root?.pkg?.pnpm as Json | undefined)?.onlyBuiltDependencies),
    ...strings(root?.pnpm?.onlyBuiltDependencies),
    ...strings(pkg?.trustedDependencies),
    ...strings(root?.pkg?.trustedDependencies),
  ];
  const text =
    lockfile && /(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml)$/.test(lockfile)
      ? view.readText(lockfile)
      : null;
  const fromLock =
    text === null
      ? []
      : lockfile!.endsWith('.yaml')
        ? pnpmLockRequiresBuild(text)
        : npmLockInstallScripts(text);
  for (const name of [...allowed, ...fromLock]) if (countsAsNative(name)) found.add(name);
  return [...found].sort();
}

function firstLine(text: string | null): string | null {
  const line = text
    ?.split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('#'));
  return line ?? null;
}
