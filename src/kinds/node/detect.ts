// Node project facts, read from the build context: the Dockerfile only says which package.json is built.
import type { DockerfileModel } from '../../dockerfile/model';
import { copySources } from '../../dockerfile/sources';
import { dirOf, joinPath, upwards } from '../../dockerfile/context-paths';
import {
  countsAsNative,
  isKnownNativeAddon,
  npmLockInstallScripts,
  pnpmLockRequiresBuild,
} from './native-addons';
import { devBins, devLoads, devOnlyFor, ownerOf } from './dev-only';
import { detectBundler, detectFramework, expandScript } from './frameworks';
import { contextFolders, readNextConfig } from './next-config';
import { lockfileSync, type LockfileSync, type Manifest } from './lockfile-sync';
import { browserDownloads } from './home-installs';
import { nodePackageDir } from './package-dir';
import { detectPackageManager } from './package-manager';
import type { ProjectView } from '../../contract/project-view';
import { parseJsonc, tsOutDir } from './tsconfig';
import {
  findWorkspaceRoot,
  readJson,
  workspaceMembers,
  type ManifestAt,
  type WorkspaceMembers,
  type WorkspaceRoot,
} from './workspace';
import type { NodeFacts, ScanGap } from '../../contract/facts';

type Json = Record<string, unknown>;

const keys = (value: unknown): string[] =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const NO_MEMBERS: WorkspaceMembers = { members: [], incomplete: null };

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
  const workspace = workspaceRoot ? workspaceMembers(view, workspaceRoot) : NO_MEMBERS;
  const manifests = buildManifests(packageDir, pkg, workspaceRoot, workspace);
  const devOnly = devOnlyFor(manifests, ownerOf(manifests, packageDir));
  const scan = devLoads(view, model, manifests, tsconfig, packageDir);
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
    // A member list cut short may hide a devDependency some file loads: the prune is then not shown safe.
    sourceScanIncomplete: scan.incomplete ?? membersGap(workspace.incomplete),
    lockfileSync: pm.lockfile ? lockSync(view, pm.lockfile, packageDir, workspaceRoot, workspace) : null,
  };
}

/** Why the workspace members could not all be read, as a gap in what the app's files can be shown to load. */
function membersGap(incomplete: string | null): ScanGap | null {
  if (incomplete === null) return null;
  const fix =
    'list the workspace members as folders or simple globs, each with a package.json the tool can read';
  return { reason: incomplete, fix };
}

/** The manifests one install covers: the built package's, its workspace root's and every member's. */
function buildManifests(
  packageDir: string,
  pkg: Json | null,
  root: WorkspaceRoot | null,
  workspace: WorkspaceMembers,
): ManifestAt[] {
  const all: ManifestAt[] = [];
  if (pkg) all.push({ dir: packageDir, pkg });
  if (root?.pkg) all.push({ dir: root.dir, pkg: root.pkg });
  all.push(...workspace.members);
  return all.filter((m, i) => all.findIndex((o) => o.dir === m.dir) === i);
}

/**
 * Whether the lockfile records every manifest the install of `packageDir` reads: its own folder's, the
 * package's, and each workspace member's below it (`npm ci` and a frozen pnpm, yarn or bun install refuse
 * when any one differs, not only the built package). A member list cut short is not shown in sync.
 */
function lockSync(
  view: ProjectView,
  lockfile: string,
  packageDir: string,
  root: WorkspaceRoot | null,
  workspace: WorkspaceMembers,
): LockfileSync {
  const lockDir = dirOf(lockfile);
  const within = (dir: string) => lockDir === '.' || dir === lockDir || dir.startsWith(`${lockDir}/`);
  const covered = root !== null && within(root.dir);
  if (covered && workspace.incomplete !== null)
    return { inSync: false, reason: `the workspace members cannot all be checked: ${workspace.incomplete}` };
  const rel = (dir: string) =>
    dir === lockDir ? '.' : lockDir === '.' ? dir : dir.slice(lockDir.length + 1);
  const manifests: Manifest[] = [];
  for (const dir of [...new Set([lockDir, packageDir])]) {
    const pkg = readJson(view, joinPath(dir, 'package.json'));
    if (pkg) manifests.push({ dir: rel(dir), pkg });
  }
  for (const m of covered ? workspace.members : []) {
    if (within(m.dir) && !manifests.some((o) => o.dir === rel(m.dir)))
      manifests.push({ dir: rel(m.dir), pkg: m.pkg });
  }
  return lockfileSync(view, lockfile, manifests);
}

function npmLockJson(view: ProjectView, lockfile: string | null): Json | null {
  return lockfile && /(package-lock|npm-shrinkwrap)\.json$/.test(lockfile) ? readJson(view, lockfile) : null;
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
