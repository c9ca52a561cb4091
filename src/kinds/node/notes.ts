// The notes the Node transform writes, by stable id, and the one about how the image starts.
import { noteMaker, type Note } from '../../notes';
import type { DevNeed } from './dev-needs';
import { STAGE_MESSAGES } from '../../stage/notes';
import type { NodeStageReading } from './stage';
import { startCommandWords } from './start';

/** Message templates by note id (`{{name}}` placeholders), beside the shared runtime-stage ones. */
export const NODE_MESSAGES = {
  'devdeps-pruned': 'devDependencies removed after the build with `{{command}}`',
  'devdeps-kept': {
    reduced:
      'devDependencies are kept in the runtime: {{needs}}; move {{packages}} to dependencies to get them pruned',
  },
  'devdeps-unchecked': {
    reduced:
      'devDependencies are kept in the runtime: {{reason}}, so it cannot be shown that the app loads none of them; {{fix}}',
  },
  'system-edits-kept': {
    reduced:
      'a RUN writes {{paths}}, configuration of the base image: the change stays in the build stage (repeat that RUN in the runtime stage if the app needs it)',
  },
  'prune-moved-modules': {
    reduced:
      'devDependencies are not pruned: a RUN moves node_modules out of the app folder, where a prune would not find it',
  },
  'prune-lockfile-differs': {
    reduced:
      'devDependencies are not pruned: {{reason}}, so the offline production install pnpm prunes with would not read the lockfile the install resolved (under CI=true an outdated one fails, and unfrozen it may need packages the install never fetched); run `pnpm install`, commit {{lockfile}} and copy it in before the install to get them pruned',
  },
  'prune-manager-differs': {
    reduced:
      'devDependencies are not pruned: the image installs with {{used}}, but the build context says {{named}}; commit the {{lockfile}} of {{used}} (or set `packageManager` in package.json) to get them pruned',
  },
  'home-install-root': {
    reduced:
      'kept running as root: {{what}}, which a non-root user (with a home of its own) would not find in {{path}}; {{fix}} to run as a non-root user',
  },
  'prod-install-kept': {
    reduced:
      'the install `{{command}}` keeps devDependencies: {{needs}}; move {{packages}} to dependencies to install production dependencies only',
  },
  'frozen-install-kept': {
    reduced:
      'the install `{{command}}` is not made frozen: {{reason}}; run `{{fix}}` and commit the lockfile to make installs reproducible',
  },
  'no-prune': {
    reduced:
      'devDependencies are not pruned: Yarn 2 and 3 have no production focus without the workspace-tools plugin (`yarn plugin import workspace-tools`)',
  },
  'clean-install': 'install made reproducible: `{{from}}` -> `{{to}}`',
  'prod-install': 'install limited to production dependencies: `{{from}}` -> `{{to}}`',
  'install-not-rewritten':
    'the install `{{command}}` could not be rewritten in place; make it production-only by hand',
  'no-lockfile': 'no lockfile in the build context: installs are not reproducible (commit {{lockfile}})',
  'node-env': 'NODE_ENV=production set for the runtime',
  'writable-given': 'given to `{{user}}` so the app can write there as the original (root) could: {{paths}}',
  native: 'native code ({{names}}): build and runtime share one libc, both {{family}}',
  'kept-on-debian': 'both stages stay on Debian (slim runtime), not alpine: {{reason}}',
  'build-on-alpine':
    'the build stage moves to {{image}} too, so native addons are compiled for musl; its apt-get lines became apk',
  'pnpm-runtime':
    '{{version}} installed globally: the start command runs pnpm, which corepack would otherwise fetch at start as the runtime user',
  'npm-start':
    '`{{command}}` runs as PID 1 and passes signals on poorly; consider CMD ["node", "<entry file>"] (kept as written)',
  'node-env-before-install':
    'NODE_ENV=production is set before the install, which then skips devDependencies the build may need (kept as written)',
  'outside-copy': '{{path}} copied from the build stage: the original put it outside the app folder',
  'outside-made': '{{path}} copied from the build stage: the original made it outside the app folder',
  'outside-made-owned':
    '{{path}} copied from the build stage and owned by `{{user}}`: the original made it outside the app folder, and ran as root',
  'volume-made':
    'VOLUME {{paths}} made in the runtime stage and owned by `{{user}}`, so the app can write there as the original (root) could',
  'links-repeated': 'links outside the app folder made again in the runtime stage: RUN {{command}}',
  'dev-libraries':
    '{{packages}} bring headers for building; if a native addon links to the library at run time, install its runtime package in the runtime stage (libpq-dev -> libpq5, libvips-dev -> libvips42, ...)',
  'global-tool':
    'global npm packages the start command or its scripts may use are installed in the runtime stage too: {{packages}}',
  corepack:
    'corepack enabled in the runtime stage: the start command uses {{pm}}, which corepack fetches on first use (needs network at start)',
  'next-hostname':
    'HOSTNAME=0.0.0.0 set: the standalone server listens on HOSTNAME, which in a container holds the container id',
  'next-start-replaced':
    'the start `{{from}}` became `{{to}}`: `next start` does not serve a standalone build; its own server.js runs the app',
  'next-standalone':
    'Next.js standalone output: the runtime stage gets .next/standalone, .next/static and public only',
  'next-standalone-left-out':
    'the standalone output holds only the files Next.js traced from imports; these folders of the original image are not copied: {{folders}} (if the app reads one at run time, through fs or process.cwd(), copy it into the runtime stage)',
  'distroless-cmd':
    'start command adapted to the distroless image, whose entrypoint is node: {{from}} -> {{to}}',
} as const;

export const nodeNote = noteMaker({ ...STAGE_MESSAGES, ...NODE_MESSAGES });

/** `a loads x; the start command runs y`: the first few reasons, for a note. */
export function needsText(needs: readonly { name: string; why: string }[]): string {
  const shown = needs
    .slice(0, 3)
    .map((n) => (n.why.endsWith(' it') ? `${n.why.slice(0, -3)} ${n.name}` : n.why));
  return shown.join('; ') + (needs.length > 3 ? `; and ${needs.length - 3} more` : '');
}

/**
 * The packages to move to dependencies, for a note: each with the package.json it belongs in when that is
 * not the context's root one (`pino-pretty in packages/api/package.json`), so a workspace member's is named.
 */
export function packagesText(needs: readonly DevNeed[], builtManifest: string | null): string {
  return needs
    .map((n) => {
      const manifest = n.manifest ?? builtManifest;
      return manifest && manifest !== 'package.json' ? `${n.name} in ${manifest}` : n.name;
    })
    .join(', ');
}

/** A note when `npm start` and friends run as PID 1. */
export function startNotes(reading: NodeStageReading): Note[] {
  const words = startCommandWords(reading);
  const viaManager = /^(npm|yarn|pnpm)$/.test(words[0] ?? '') && /^(start|run)$/.test(words[1] ?? '');
  return viaManager ? [nodeNote('npm-start', { command: words.join(' ') })] : [];
}
