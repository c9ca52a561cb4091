// The step that removes devDependencies after the build: the command, and the RUN that gives it what the install had.
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { programAt } from '../../dockerfile/shell';
import type { NodeFacts } from '../../contract/facts';
import type { Note } from '../../notes';
import type { InstallStep, PackageManager } from './commands';
import { nodeNote as note } from './notes';
import { lockfileOf } from './package-manager';
import type { NodeStageReading } from './stage';

/** npm 6 (Node 14 and older) knows `--production`, later ones `--omit=dev`. */
export const npmOmitDev = (nodeMajor: number | null) =>
  nodeMajor !== null && nodeMajor < 15 ? '--production' : '--omit=dev';

/** The command that removes devDependencies from an installed tree, or null when there is no safe one. */
export function pruneCommand(facts: NodeFacts, nodeMajor: number | null): string | null {
  switch (facts.packageManager) {
    case 'npm':
      return `npm prune ${npmOmitDev(nodeMajor)}`;
    case 'pnpm': {
      // Not `pnpm prune --prod`: in a workspace it empties the members' node_modules. A production install
      // from the store the build just filled works everywhere; CI=true answers pnpm's question about
      // recreating node_modules (a build has no terminal), and scripts already ran during the full install.
      // CI=true also freezes an existing lockfile. With none in the context, the image holds the one the
      // install wrote from the same package.json, so nothing is resolved again; `--no-frozen-lockfile` keeps
      // pnpm from refusing should they differ all the same. (A lockfile from the context is only pruned
      // with when it is in sync and was there for the install: see `pruneBlocker`.)
      const unfrozen = facts.lockfile === null ? ' --no-frozen-lockfile' : '';
      return `CI=true pnpm install --prod --offline --ignore-scripts${unfrozen}`;
    }
    case 'bun':
      return 'bun install --production --ignore-scripts';
    case 'yarn':
      if (facts.yarnFlavor === 'classic') {
        const frozen = facts.lockfileSync?.inSync ? ' --frozen-lockfile' : '';
        return `yarn install --production${frozen} --ignore-scripts --prefer-offline`;
      }
      // `workspaces focus` is built into Yarn 4; Yarn 2 and 3 have it with the workspace-tools plugin.
      return /^yarn@([4-9]|\d{2,})/.test(facts.packageManagerField ?? '') || facts.yarnWorkspaceTools
        ? 'yarn workspaces focus --all --production'
        : null;
  }
}

/** The last install that leaves devDependencies in the tree: the one a prune cleans up after. */
const lastFullInstall = (reading: NodeStageReading) =>
  reading.installs.filter((i) => !i.install.prodOnly).at(-1);

/**
 * The facts to prune by: the project's, with the manager of the image's install when nothing in the context
 * named one (no lockfile, no `packageManager` field: npm by default) and the image installs with another.
 * A default Yarn is classic: Yarn 2+ leaves a .yarnrc.yml or a lockfile of its own.
 */
export function installerFacts(node: NodeFacts, reading: NodeStageReading): NodeFacts {
  const pm = lastFullInstall(reading)?.install.pm;
  if (!pm || pm === node.packageManager || node.packageManagerSource !== 'default') return node;
  return { ...node, packageManager: pm, yarnFlavor: pm === 'yarn' ? 'classic' : null };
}

/**
 * Why the prune cannot be shown to work, as a note, or null (`node` as `installerFacts` gives it). Another
 * manager than the one that installed would read a tree it did not write. pnpm's prune is an offline
 * production install from the lockfile in the image at that point, which is the context's own once a later
 * `COPY . .` brings it again: when that lockfile is out of date, or the install ran without it, the prune
 * would resolve again or need versions the install never fetched, and offline that fails
 * (ERR_PNPM_OUTDATED_LOCKFILE under CI=true).
 */
export function pruneBlocker(node: NodeFacts, reading: NodeStageReading): Note | null {
  const used = lastFullInstall(reading)?.install.pm;
  if (used && used !== node.packageManager)
    return note('prune-manager-differs', { used, named: node.packageManager, lockfile: lockfileOf(used) });
  if (node.packageManager !== 'pnpm' || node.lockfile === null) return null;
  const sync = node.lockfileSync;
  const reason =
    sync && !sync.inSync
      ? sync.reason
      : !reading.lockfileCopied
        ? `${node.lockfile} is not copied in before the install, which resolves without it`
        : null;
  return reason === null ? null : note('prune-lockfile-differs', { reason, lockfile: node.lockfile });
}

/** Managers whose prune reads packages (from the store or cache the install filled); `npm prune` only deletes. */
const READS_PACKAGES = new Set<PackageManager>(['pnpm', 'yarn', 'bun']);

/** Install options that say where packages are kept or linked: the prune must look in the same places. */
const LOCATION_OPTIONS: Record<PackageManager, string[]> = {
  npm: [],
  pnpm: ['--store-dir', '--cache-dir', '--virtual-store-dir', '--modules-dir'],
  yarn: ['--cache-folder', '--modules-folder'],
  bun: ['--cache-dir'],
};

/**
 * The prune as a RUN body: run where the install ran, with the install's cache mounts (a store kept in a
 * `--mount=type=cache` is absent from the layer, so an offline install without the mount finds nothing), the
 * variables set on the install's command line (`PNPM_HOME=... pnpm install`, but not CI, which the prune
 * sets itself) and its store and cache folder options. The install is the last full one of the stage.
 */
export function pruneRun(model: DockerfileModel, reading: NodeStageReading, command: string): string {
  const last = lastFullInstall(reading);
  if (!last || !READS_PACKAGES.has(last.install.pm)) return command;
  const mounts = cacheMounts(model, last.ins);
  const { env, options } = installSettings(last.install);
  return [...mounts, ...env, command, ...options].join(' ');
}

function cacheMounts(model: DockerfileModel, ins: Instruction): string[] {
  return ins.flags
    .filter((f) => f.name === 'mount' && /(^|,)type=cache(,|$)/.test(f.value ?? ''))
    .map((f) => model.text.slice(f.start, f.end));
}

function installSettings(install: InstallStep): { env: string[]; options: string[] } {
  const tokens = install.command.args;
  const at = programAt(tokens.map((t) => t.value));
  const env = tokens
    .slice(0, at)
    .filter((t) => !/^CI=/.test(t.value))
    .map((t) => t.text);
  const options: string[] = [];
  const names = LOCATION_OPTIONS[install.pm];
  for (let i = at + 1; i < tokens.length; i++) {
    const value = tokens[i].value;
    if (names.some((n) => value.startsWith(`${n}=`))) options.push(tokens[i].text);
    else if (names.includes(value) && tokens[i + 1]) options.push(`${tokens[i].text} ${tokens[++i].text}`);
  }
  return { env, options };
}
