// What a Node image's start command runs: the words of its CMD/ENTRYPOINT and the script behind `npm start`.
import type { NodeFacts } from '../detect/types';
import type { NodeStageReading } from './node-stage';

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
 * Why the image is a development image (its start runs a dev server or a devDependency), or null.
 * A slim production runtime would break such an image: devDependencies are pruned there.
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
  if (node.devDependencies.includes(tool) && !node.dependencies.includes(tool)) {
    return `the start command runs ${tool}, a devDependency`;
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
