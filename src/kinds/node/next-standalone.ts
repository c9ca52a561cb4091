// Next.js `output: 'standalone'`: the runtime gets the traced server and static files only, and starts that server.
import { contextPath, isBelow, sourceBrings } from '../../dockerfile/context-paths';
import { copyWords } from '../../dockerfile/sources';
import { startCommands } from '../../dockerfile/start-programs';
import { isInside } from '../../dockerfile/workdir';
import type { NodeFacts } from '../../contract/facts';
import type { NodeStageReading } from './stage';

export interface StandalonePlan {
  /** Where the standalone folder goes: the app folder itself, or `.next/standalone` in it (as the start names it). */
  target: string;
  /**
   * The original starts `next start`, which needs the whole app: the runtime runs the standalone
   * `server.js` instead, on the port `-p` named (null: PORT or 3000, as before).
   */
  replacesNextStart: { port: string | null } | null;
}

/** Wrappers that run their arguments as the command. */
const PASS_THROUGH = new Set(['docker-entrypoint.sh', 'tini', '/sbin/tini', 'dumb-init', 'exec', '--']);

/**
 * The standalone plan, or null when the output shape is not known to run as the original did: no
 * standalone config, a package below the context root, several app folders, a custom `server.js`,
 * or a start command other than `node server.js` / `next start` (through a package script or not).
 */
export function nextStandalone(node: NodeFacts, reading: NodeStageReading): StandalonePlan | null {
  if (!node.nextStandalone || node.packageDir !== '.' || reading.appDirs.length !== 1) return null;
  const commands = startCommands(reading.stage);
  if (commands.length !== 1) return null;
  const words = commands[0].filter(
    (w, i) => !(PASS_THROUGH.has(w) && commands[0].slice(0, i).every((x) => PASS_THROUGH.has(x))),
  );
  const app = reading.appDirs[0];
  const dist = node.nextDistDir ?? '.next';
  if (words[0] === 'node' && words.length === 2) {
    const script = words[1].replace(/^\.\//, '');
    if (script === 'server.js') return node.hasServerJs ? null : { target: app, replacesNextStart: null };
    if (script === `${dist}/standalone/server.js`)
      return { target: `${app}/${dist}/standalone`, replacesNextStart: null };
    return null;
  }
  const next = nextStartArgs(node, words);
  if (next === null || !startedByCmd(reading)) return null;
  const port = portOf(next);
  if (port === undefined) return null;
  // `next start -p 3000` with `ENV PORT=8080`: the standalone server would listen on 8080.
  if (port !== null && !/^\$\{?PORT\}?$/.test(port) && setsPort(reading)) return null;
  return { target: app, replacesNextStart: { port: port !== null && /^\d+$/.test(port) ? port : null } };
}

/** The arguments after `next start`, when the command runs it (directly, through npx, or through a package script). */
function nextStartArgs(node: NodeFacts, words: string[]): string[] | null {
  const [pm, sub, name] = words;
  if (words[0] === 'npx' && words[1] === 'next' && words[2] === 'start') return words.slice(3);
  if (words[0] === 'next' && words[1] === 'start') return words.slice(2);
  const script =
    (pm === 'npm' || pm === 'yarn' || pm === 'pnpm') && words.length <= 3
      ? sub === 'start'
        ? 'start'
        : sub === 'run' && name
          ? name
          : pm !== 'npm' && sub && words.length === 2
            ? sub
            : null
      : null;
  const body = script ? node.scripts[script] : undefined;
  if (body === undefined || /[;&|]/.test(body)) return null;
  const inner = body.trim().split(/\s+/);
  return inner[0] === 'next' && inner[1] === 'start' ? inner.slice(2) : null;
}

/** The `-p`/`--port` value; null when none is given; undefined for any flag this does not know. */
function portOf(args: string[]): string | null | undefined {
  let port: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const m = /^(-p|--port)(?:=(.+))?$/.exec(args[i]);
    if (!m) return undefined;
    port = m[2] ?? args[++i] ?? null;
  }
  return port;
}

/** The start is the last CMD, with no ENTRYPOINT of the file's own in front of it. */
function startedByCmd(reading: NodeStageReading): boolean {
  const ins = reading.stage.instructions;
  return ins.some((i) => i.keyword === 'CMD') && !ins.some((i) => i.keyword === 'ENTRYPOINT');
}

function setsPort(reading: NodeStageReading): boolean {
  return reading.stage.instructions.some(
    (i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && /(^|\s)PORT[=\s]/.test(i.body),
  );
}

/** Sets HOSTNAME: in a container it holds the container id, and the standalone server binds to it. */
export function setsHostname(reading: NodeStageReading): boolean {
  return reading.stage.instructions.some((i) => i.keyword === 'ENV' && /(^|\s)HOSTNAME[=\s]/.test(i.body));
}

/** The folders the runtime gets: the standalone server, and the static files and `public/` it does not include. */
export function standaloneCopies(node: NodeFacts, app: string, target: string): [string, string][] {
  const dist = node.nextDistDir ?? '.next';
  return [
    [`${app}/${dist}/standalone`, target],
    [`${app}/${dist}/static`, `${target}/${dist}/static`],
    ...(node.nextPublicDir ? ([[`${app}/public`, `${target}/public`]] as [string, string][]) : []),
  ];
}

/** Folders a Next.js build reads (sources, assets, tests) or that the runtime gets another way (`public/`). */
const BUILD_INPUTS = new Set([
  'src',
  'app',
  'pages',
  'components',
  'lib',
  'hooks',
  'utils',
  'styles',
  'types',
  'public',
  'node_modules',
  'test',
  'tests',
  '__tests__',
  'e2e',
  'cypress',
]);

/**
 * Context folders the original image held in its app folder that the standalone runtime will not: the
 * standalone output holds only the files Next.js traced from imports, so a folder the app reads by path at
 * run time (`fs.readFile(path.join(process.cwd(), 'content', ...))`) would be missing. Dot folders (.git,
 * .github, .vscode) are tool settings; they are left out of the list, with the build inputs above.
 */
export function standaloneLeftOut(node: NodeFacts, reading: NodeStageReading): string[] {
  const app = reading.appDirs[0];
  const sources = [...reading.copyDestinations]
    .filter(([, dest]) => isInside(app, dest))
    .flatMap(([ins]) => copyWords(ins).slice(0, -1).map(contextPath));
  const dist = (node.nextDistDir ?? '.next').replace(/^\.\//, '').split('/')[0];
  return node.nextContextFolders.filter((folder) => {
    const name = folder.slice(folder.lastIndexOf('/') + 1);
    if (name.startsWith('.') || BUILD_INPUTS.has(name) || name === dist) return false;
    return sources.some((source) => sourceBrings(source, folder) || isBelow(source, folder));
  });
}
