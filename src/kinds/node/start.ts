// What a Node image's start command runs and needs: its words, the script behind `npm start`, the tools it calls.
import { isAssignment } from '../../dockerfile/shell';
import { scriptCommandWords, startRuns } from '../../dockerfile/start-programs';
import type { NodeFacts } from '../../contract/facts';
import type { NodeStageReading } from './stage';
import { BUILD_ONLY_GLOBAL, GLOBAL_DIRS, packageRunnerCommand, scriptRun } from './vocabulary';

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
  for (const start of startRuns(reading.stage)) {
    const why = developmentCommand(node, start);
    if (why) return why;
  }
  return null;
}

function developmentCommand(node: NodeFacts, start: readonly string[]): string | null {
  let words = packageRunnerCommand(start) ?? start;
  const script = scriptRun(words);
  if (script !== null) {
    if (DEV_SCRIPT.test(script)) return `the start command runs the \`${script}\` script`;
    words = (node.scripts[script] ?? '').split(/\s+/).filter((w) => w && !isAssignment(w));
  }
  const [tool, sub] = words;
  if (!tool) return null;
  if (DEV_COMMAND.test(tool) || (tool === 'next' && sub === 'dev') || (tool === 'tsx' && sub === 'watch')) {
    return `the start command runs a development server (${[tool, sub].filter(Boolean).join(' ')})`;
  }
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

/**
 * Global npm packages for the runtime stage: those the start command or a start script of the context
 * names (an entrypoint's `prisma migrate deploy`, even though prisma is usually a build tool), and any
 * other that is not a build tool, since a script the context does not show may call it (pm2 from
 * `yarn global add pm2`, say).
 */
export function runtimeGlobals(reading: NodeStageReading, startWords: readonly string[]): string[] {
  const all = [...reading.runs.values()].flatMap((r) => r.globalPackages);
  // NODE_PATH naming the global folder lets the app require any global package: every one goes along.
  const appLoadsGlobals = reading.nodePath.some((p) => GLOBAL_DIRS.includes(p.replace(/\/+$/, '')));
  const words = [...startWords, ...startScriptWords(reading)];
  return [
    ...new Set(all.filter((p) => appLoadsGlobals || startUses(words, p) || !BUILD_ONLY_GLOBAL.test(p))),
  ];
}

/** Every word of the commands in the start scripts the context holds (see pipeline/start-scripts.ts). */
function startScriptWords(reading: NodeStageReading): string[] {
  return reading.startScripts.flatMap((s) => (s.text === null ? [] : scriptCommandWords(s.text).flat()));
}

function startUses(words: readonly string[], pkg: string): boolean {
  const name = pkg.replace(/@[^/]*$/, '');
  const bin = name.split('/').pop() ?? name;
  return words.some((w) => w === bin || w.startsWith(`${bin}-`) || w === name);
}
