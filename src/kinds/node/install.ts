// Install commands for Node images: clean installs, production-only installs and the prune step.
import { replaceRange, type Edit } from '../../dockerfile/edits';
import type { Instruction } from '../../dockerfile/model';
import type { NodeFacts } from '../../pipeline/facts';
import type { InstallStep, PackageManager } from './commands';

/** npm 6 (Node 14 and older) knows `--production`, later ones `--omit=dev`. */
const npmOmitDev = (nodeMajor: number | null) =>
  nodeMajor !== null && nodeMajor < 15 ? '--production' : '--omit=dev';

/** The command that removes devDependencies from an installed tree, or null when there is no safe one. */
export function pruneCommand(facts: NodeFacts, nodeMajor: number | null): string | null {
  switch (facts.packageManager) {
    case 'npm':
      return `npm prune ${npmOmitDev(nodeMajor)}`;
    case 'pnpm':
      return 'pnpm prune --prod';
    case 'bun':
      return 'bun install --production';
    case 'yarn':
      if (facts.yarnFlavor === 'classic') {
        return `yarn install --production${facts.lockfile ? ' --frozen-lockfile' : ''} --ignore-scripts --prefer-offline`;
      }
      // `workspaces focus` is built into Yarn 4; older berry needs a plugin the image may not have.
      return /^yarn@[4-9]/.test(facts.packageManagerField ?? '')
        ? 'yarn workspaces focus --all --production'
        : null;
  }
}

const CLEAN_FLAG: Record<Exclude<PackageManager, 'npm'>, string> = {
  yarn: '--frozen-lockfile',
  pnpm: '--frozen-lockfile',
  bun: '--frozen-lockfile',
};

const PROD_FLAG: Record<Exclude<PackageManager, 'npm'>, string> = {
  yarn: '--production',
  pnpm: '--prod',
  bun: '--production',
};

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
): Edit | null {
  const original = install.command.text;
  const at = ins.text.indexOf(original);
  if (at < 0) return null;
  let next = original;
  if (wanted.clean && !install.clean && install.bare) {
    if (install.pm === 'npm') next = next.replace(/\bnpm(\s+)(install|i)\b/, 'npm$1ci');
    else {
      const flag =
        install.pm === 'yarn' && facts.yarnFlavor === 'berry' ? '--immutable' : CLEAN_FLAG[install.pm];
      next = `${next} ${flag}`;
    }
  }
  // Yarn berry has no production flag for `install`; the caller notes it.
  const berry = install.pm === 'yarn' && facts.yarnFlavor === 'berry';
  if (wanted.prodOnly && !install.prodOnly && !berry) {
    next = `${next} ${install.pm === 'npm' ? npmOmitDev(nodeMajor) : PROD_FLAG[install.pm]}`;
  }
  if (next === original) return null;
  return replaceRange(ins.start + at, ins.start + at + original.length, next);
}
