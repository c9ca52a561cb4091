// What a Node image's start command runs and needs: its words, the script behind `npm start`, the tools it calls.
import type { NodeFacts } from '../../contract/facts';
import type { NodeStageReading } from './stage';

/** The words of the last ENTRYPOINT or CMD (exec form as is, shell form split on spaces). */
export function startCommandWords(reading: NodeStageReading): string[] {
  const start = [...reading.stage.instructions]
    .reverse()
    .find((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD');
  return start ? (start.exec ?? start.body.split(/\s+/)) : [];
}

const DEV_SCRIPT = /^(dev|develop|watch|debug|serve|start:dev|start:debug|start:watch)$/;
const DEV_COMMAND = /^(nodemon|ts-node-dev|tsnd|node-dev|supervisor|vite|webpack-dev-server|ng)$/;

/**
 * Why the image is a development image (its start runs a watcher or a dev server), or null: a production
 * runtime does not apply. A start that merely runs a devDependency keeps devDependencies instead (dev-needs.ts).
 */
export function developmentStart(node: NodeFacts, reading: NodeStageReading): string | null {
  let words = startCommandWords(reading);
  if (
    words[0] === 'npx' ||
    (words[0] === 'pnpm' && words[1] === 'exec') ||
    (words[0] === 'yarn' && words[1] === 'dlx')
  ) {
    words = words.slice(words[0] === 'npx' ? 1 : 2).filter((w) => !w.startsWith('-'));
  }
  const script = scriptRun(words);
  if (script !== null) {
    if (DEV_SCRIPT.test(script)) return `the start command runs the \`${script}\` script`;
    words = (node.scripts[script] ?? '').split(/\s+/).filter((w) => w && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  }
  const [tool, sub] = words;
  if (!tool) return null;
  if (DEV_COMMAND.test(tool) || (tool === 'next' && sub === 'dev') || (tool === 'tsx' && sub === 'watch')) {
    return `the start command runs a development server (${[tool, sub].filter(Boolean).join(' ')})`;
  }
  return null;
}

/** The package script `npm start` / `yarn run x` / `pnpm x` runs, or null when the command runs none. */
function scriptRun(words: readonly string[]): string | null {
  const [pm, sub, name] = words;
  if (pm !== 'npm' && pm !== 'yarn' && pm !== 'pnpm' && pm !== 'bun') return null;
  if (sub === 'start' || sub === 'test') return sub;
  if (sub === 'run' || sub === 'run-script') return name ?? null;
  if (pm !== 'npm' && sub && !sub.startsWith('-')) return sub;
  return null;
}

/**
 * The pnpm to install globally when the start command runs pnpm: corepack would fetch it on the first
 * start, as the runtime user, maybe with no network. Null when the start does not run pnpm.
 */
export function pnpmForStart(node: NodeFacts, startWords: readonly string[]): string | null {
  if (startWords[0] !== 'pnpm') return null;
  return node.packageManager === 'pnpm' && node.packageManagerVersion
    ? `pnpm@${node.packageManagerVersion}`
    : 'pnpm';
}

/** Global packages that only build (compilers, CLIs of build tools): the runtime does not get them. */
const BUILD_GLOBALS =
  /^(@?[\w.-]+\/)?(typescript|tsc|node-gyp|npm|yarn|pnpm|corepack|@nestjs\/cli|cli|turbo|nx|lerna|rimraf|@angular\/cli|vite|webpack(-cli)?|esbuild|prisma)(@.*)?$/;

/**
 * Global npm packages for the runtime stage: those the start command names, and any other that is not a
 * build tool, since an entrypoint script may call it (pm2 from `yarn global add pm2`, say).
 */
export function runtimeGlobals(reading: NodeStageReading, startWords: readonly string[]): string[] {
  const all = [...reading.runs.values()].flatMap((r) => r.globalPackages);
  // NODE_PATH naming the global folder lets the app require any global package: every one goes along.
  const appLoadsGlobals = reading.nodePath.some((p) => GLOBAL_DIRS.includes(p.replace(/\/+$/, '')));
  return [
    ...new Set(all.filter((p) => appLoadsGlobals || startUses(startWords, p) || !BUILD_GLOBALS.test(p))),
  ];
}

/** Where `npm install -g` puts packages in the official images (and Debian's npm). */
const GLOBAL_DIRS = ['/usr/local/lib/node_modules', '/usr/lib/node_modules'];

function startUses(words: readonly string[], pkg: string): boolean {
  const name = pkg.replace(/@[^/]*$/, '');
  const bin = name.split('/').pop() ?? name;
  return words.some((w) => w === bin || w.startsWith(`${bin}-`) || w === name);
}
