// Ignore rules for a Node.js build: dependencies, build output the image rebuilds, caches, a token-bearing .npmrc.
import path from 'node:path';
import type { NodeFacts } from '../../contract/facts';
import type { Note } from '../../notes';
import {
  entry,
  outputDirEntry,
  runScripts,
  within,
  type IgnoreEntry,
  type KindRules,
  type RuleContext,
} from '../../dockerignore/entry';
import { contextPath, globMatches, sourceBrings } from '../../dockerfile/context-paths';
import { runScript } from '../../dockerfile/hints';
import { flagValue, type DockerfileModel } from '../../dockerfile/model';
import { copyWords } from '../../dockerfile/sources';
import { escapePattern } from '../../dockerignore/matcher';
import { note } from '../../dockerignore/notes';
import { walkContext, type WalkEntry } from '../../dockerignore/walk';
import { buildTexts, gitReader, installsPackages } from './build-scripts';
import { nodeRunBuilds, readNodeRun } from './commands';
import { lockfileOf } from './package-manager';
import { cleanInstallFlag } from './install';
import { ENV_AT_BUILD } from './vocabulary';

/** A registry credential written out (a `${NPM_TOKEN}` reference is not a secret). */
const NPMRC_TOKEN = /^(?![ \t]*[#;]).*(_authToken|_auth|_password)\s*=\s*(?!["']?\$\{)\S/m;
/** Files a Node build reads; never ignored. */
const KEEP = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'bun.lock',
  'bun.lockb',
  'tsconfig.json',
  '.yarnrc.yml',
  '.yarnrc',
  '.yarn/releases',
  '.yarn/plugins',
  '.yarn/patches',
  '.pnp.cjs',
  '.pnp.loader.mjs',
  '.nvmrc',
  '.node-version',
  'src',
];

/** The Node rule list, in the order it is written. */
export function nodeRules(ctx: RuleContext): KindRules {
  const node = ctx.facts.node;
  const dir = node?.packageDir ?? '.';
  const inPackage = (rel: string) => within(dir, rel) ?? rel;
  const runs = runScripts(ctx.model);
  const rebuilds = node ? runs.some((s) => nodeRunBuilds(s, node.scripts)) : false;
  const texts = buildTexts(runs, node?.scripts ?? {});
  const notes: Note[] = [];
  const modules = modulesRule(ctx, installsPackages(texts));
  if (modules.note) notes.push(modules.note);
  const entries: (IgnoreEntry | null)[] = [modules.entry];
  for (const out of node ? outputDirs(node) : []) {
    const rel = within(dir, out);
    if (rel) entries.push(outputDirEntry(escapePattern(rel), ctx.sources, rebuilds));
  }
  entries.push(entry(inPackage('coverage')), entry(inPackage('.nyc_output')), entry('.npm'));
  if (node?.packageManager === 'pnpm') entries.push(entry('.pnpm-store'));
  for (const npmrc of new Set(['.npmrc', inPackage('.npmrc')])) {
    if (!NPMRC_TOKEN.test(ctx.view.readText(npmrc) ?? '')) continue;
    // The install reads it (copied by name, or swept in by `COPY . .` before the install): hiding it could
    // break the install, so it stays and the note says how to keep it out of the layers.
    if (ctx.sources.some((s) => globMatches(s, npmrc)) || copiedBeforeInstall(ctx.model, npmrc))
      notes.push(note('npmrc-secret-mount'));
    else entries.push(entry(escapePattern(npmrc), [], note('npmrc-excluded')));
  }
  const deps = node ? [...node.dependencies, ...node.devDependencies] : [];
  const tsconfigs = ctx.view.list(dir).filter((name) => /^tsconfig.*\.json$/.test(name));
  return {
    entries: entries.filter((e): e is IgnoreEntry => e !== null),
    notes,
    keep: [...new Set([...KEEP, ...tsconfigs].flatMap((rel) => [rel, inPackage(rel)]))],
    // `COPY . .` puts .git in the original image: a build that runs git there would fail without it.
    keepGit: bringsGit(ctx) ? gitReader(texts, node, ctx.view) : null,
    envAtBuild:
      node?.framework === 'next' || node?.bundler === 'vite' || ENV_AT_BUILD.some((d) => deps.includes(d)),
  };
}

/**
 * The rule for installed packages. The image's own install makes them: ignore every node_modules folder,
 * so a stale local copy neither bloats the context nor lands over the installed tree. With no install in
 * the image, those a COPY/ADD brings (`COPY . .`) are the app's packages, installed before `docker build`:
 * they stay (an exception each, or no rule when that is all of them), and a note says how to install them
 * in the image instead.
 */
function modulesRule(ctx: RuleContext, installs: boolean): { entry: IgnoreEntry | null; note?: Note } {
  const rule = entry('**/node_modules');
  if (installs) return { entry: rule };
  const found: string[] = [];
  const enter = (e: WalkEntry) => e.name !== 'node_modules' && e.name !== '.git';
  for (const e of walkContext(ctx.view, '.', enter))
    if (e.isDir && e.name === 'node_modules') found.push(e.rel);
  const shipped = found.filter((dir) => ctx.sources.some((s) => sourceBrings(s, dir)));
  if (shipped.length === 0) return { entry: rule };
  const kept = note('dockerignore-node-modules-kept', {
    folders: shipped.join(', '),
    lockfile: lockfileOf(ctx.facts.node?.packageManager ?? 'npm'),
    install: cleanInstall(ctx.facts.node),
  });
  if (shipped.length === found.length) return { entry: null, note: kept };
  return { entry: { ...rule, except: shipped.map(escapePattern) }, note: kept };
}

/** The install from the lockfile to suggest: the one `npm ci` is for each package manager. */
function cleanInstall(node: NodeFacts | null): string {
  const pm = node?.packageManager ?? 'npm';
  return pm === 'npm' ? 'npm ci' : `${pm} install ${cleanInstallFlag(pm, node?.yarnFlavor ?? null)}`;
}

/** Whether the original image holds the context's `.git` (a COPY/ADD or bind mount brings it). */
function bringsGit(ctx: RuleContext): boolean {
  return ctx.view.exists('.git') && ctx.sources.some((s) => sourceBrings(s, '.git'));
}

/** Folders the project's build writes to, relative to its package folder (`../dist` may leave it). */
export function outputDirs(node: NodeFacts): string[] {
  const dirs: string[] = [];
  const build = node.buildScript ?? node.scripts.build ?? '';
  const deps = [...node.dependencies, ...node.devDependencies];
  if (node.tsOutDir) dirs.push(node.tsOutDir);
  // Bundlers and the Nest CLI write to `dist` by default; Next.js writes to `.next` (below).
  else if (node.framework !== 'next' && (build !== '' || node.framework === 'nest')) dirs.push('dist');
  // `build` is a source folder in some projects (old Vue CLI keeps webpack configs there): only when known.
  if (deps.includes('react-scripts') || /(--out-?dir|--outDir|-d|-o)[=\s]+(\.\/)?build\b/.test(build)) {
    dirs.push('build');
  }
  if (node.framework === 'next') dirs.push(node.nextDistDir ?? '.next');
  return [...new Set(dirs.map((d) => path.posix.normalize(d).replace(/\/+$/, '')))];
}

/** Whether a COPY/ADD from the context brings `file` (by name, folder or glob) before a RUN that installs packages. */
function copiedBeforeInstall(model: DockerfileModel, file: string): boolean {
  let copied = false;
  for (const ins of model.instructions) {
    if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && !flagValue(ins, 'from')) {
      const sources = copyWords(ins, model.escape).slice(0, -1).map(contextPath);
      copied ||= sources.some((s) => sourceBrings(s, file));
    } else if (copied && ins.keyword === 'RUN' && readNodeRun(runScript(ins)).install) {
      return true;
    }
  }
  return false;
}
