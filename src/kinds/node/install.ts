// Install commands for Node images: clean installs and production-only installs (the prune step is in prune.ts).
import { replaceRange, type Edit } from '../../dockerfile/edits';
import type { Instruction } from '../../dockerfile/model';
import type { NodeFacts } from '../../contract/facts';
import type { InstallStep, PackageManager } from './commands';
import type { DevNeeds } from './dev-needs';
import { needsText, nodeNote as note, packagesText } from './notes';
import { npmOmitDev } from './prune';
import type { NodeStageReading } from './stage';
import type { Note } from '../../notes';

/** The flag that makes yarn, pnpm or bun install from the lockfile alone (npm has `npm ci` instead). */
export function cleanInstallFlag(
  pm: Exclude<PackageManager, 'npm'>,
  yarnFlavor: NodeFacts['yarnFlavor'],
): string {
  return pm === 'yarn' && yarnFlavor === 'berry' ? '--immutable' : '--frozen-lockfile';
}

const PROD_FLAG: Record<Exclude<PackageManager, 'npm'>, string> = {
  yarn: '--production',
  pnpm: '--prod',
  bun: '--production',
};

/**
 * Why an install in this image cannot be made frozen (`npm ci`, `--frozen-lockfile`, `--immutable`), or null
 * when it can: the lockfile is copied in before the install and records what package.json declares.
 * Null also when no lockfile is copied (nothing to freeze; the caller says so in its own note).
 */
export function frozenInstallBlocker(facts: NodeFacts, nodeMajor: number | null): string | null {
  const sync = facts.lockfileSync;
  if (!sync) return null;
  if (!sync.inSync) return sync.reason;
  // npm 6 (Node 14 and older) cannot read lockfileVersion 3, which has no `dependencies` section.
  if (
    facts.packageManager === 'npm' &&
    (sync.lockfileVersion ?? 1) >= 3 &&
    nodeMajor !== null &&
    nodeMajor < 15
  )
    return `${facts.lockfile} is lockfileVersion 3, which the npm of Node ${nodeMajor} cannot read`;
  return null;
}

export interface InstallRewrite {
  clean: boolean;
  prodOnly: boolean;
}

/**
 * Rewrites an install command in place: `npm install` -> `npm ci`, `--frozen-lockfile`/`--immutable`
 * added, a production-only flag added. Null when the command cannot be found in the original text
 * (it spans a continuation line) or nothing needs to change.
 */
export function rewriteInstall(
  ins: Instruction,
  install: InstallStep,
  facts: NodeFacts,
  nodeMajor: number | null,
  wanted: InstallRewrite,
): { edit: Edit; prodAdded: boolean } | null {
  const original = install.command.text;
  const at = ins.text.indexOf(original);
  if (at < 0) return null;
  let next = original;
  if (wanted.clean && !install.clean && install.bare) {
    if (install.pm === 'npm') next = next.replace(/\bnpm(\s+)(install|i)\b/, 'npm$1ci');
    else next = `${next} ${cleanInstallFlag(install.pm, facts.yarnFlavor)}`;
  }
  // Yarn berry has no production flag for `install`; the caller notes it.
  const berry = install.pm === 'yarn' && facts.yarnFlavor === 'berry';
  const prodAdded = wanted.prodOnly && !install.prodOnly && !berry;
  if (prodAdded) next = `${next} ${install.pm === 'npm' ? npmOmitDev(nodeMajor) : PROD_FLAG[install.pm]}`;
  if (next === original) return null;
  return { edit: replaceRange(ins.start + at, ins.start + at + original.length, next), prodAdded };
}

/** The fix that brings a lockfile back in line with package.json, for the note. */
const LOCK_FIX: Record<PackageManager, string> = {
  npm: 'npm install',
  yarn: 'yarn install',
  pnpm: 'pnpm install',
  bun: 'bun install',
};

/**
 * Every install of the stage rewritten as far as it is safe: frozen when the lockfile is copied in and in
 * sync, production-only when `prodNeeds` is empty (what a production install would still need from
 * devDependencies); each refusal is a note. Installs inside instructions `skip` says are taken are left alone.
 */
export function installRewrites(
  node: NodeFacts,
  reading: NodeStageReading,
  prodOnly: DevNeeds | null,
  skip: (ins: Instruction) => boolean,
): { edits: Edit[]; notes: Note[] } {
  const edits: Edit[] = [];
  const notes: Note[] = [];
  const blocker = reading.lockfileCopied ? frozenInstallBlocker(node, reading.nodeMajor) : null;
  const prodSafe = prodOnly !== null && prodOnly.needs.length === 0 && prodOnly.unknown === null;
  for (const { ins, install } of reading.installs) {
    if (skip(ins)) continue;
    const command = install.command.text;
    if (blocker && !install.clean && install.bare)
      notes.push(note('frozen-install-kept', { command, reason: blocker, fix: LOCK_FIX[install.pm] }));
    if (prodOnly && !prodSafe && !install.prodOnly) {
      notes.push(
        prodOnly.unknown !== null
          ? note('devdeps-unchecked', { ...prodOnly.unknown })
          : note('prod-install-kept', {
              command,
              needs: needsText(prodOnly.needs),
              packages: packagesText(prodOnly.needs, node.manifest),
            }),
      );
    }
    const rewrite = rewriteInstall(ins, install, node, reading.nodeMajor, {
      clean: reading.lockfileCopied && blocker === null,
      prodOnly: prodSafe,
    });
    if (rewrite) {
      edits.push(rewrite.edit);
      const id = rewrite.prodAdded ? 'prod-install' : 'clean-install';
      notes.push(note(id, { from: command, to: rewrite.edit.text }));
    } else if (prodSafe && !install.prodOnly) notes.push(note('install-not-rewritten', { command }));
  }
  return { edits, notes };
}
