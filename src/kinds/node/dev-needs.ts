// Whether dropping devDependencies is safe: what the running app, its start command and a production install still need from them.
import { isAssignment, programAt, programName, splitCommands } from '../../dockerfile/shell';
import { startCommands } from '../../dockerfile/start-programs';
import type { NodeFacts } from '../../contract/facts';
import { packageOf } from './module-imports';
import type { NodeStageReading } from './stage';
import { packageRunnerCommand, scriptRun } from './vocabulary';

/** A dev-only package something still needs, and why (for the note). */
export interface DevNeed {
  name: string;
  why: string;
  /** The package.json to move it into when it is not the built package's (a workspace member's), for the note. */
  manifest?: string | null;
}

export interface DevNeeds {
  needs: DevNeed[];
  /** Why it could not be checked at all (the app's files could not all be read), or null. */
  unknown: string | null;
}

/** What the running container needs from dev-only packages: imports of the app's files, start programs and preloads. */
export function runtimeDevNeeds(node: NodeFacts, reading: NodeStageReading): DevNeeds {
  const needs: DevNeed[] = node.devLoaded.map((load) => ({
    name: load.name,
    why: load.named ? `${load.file} names it` : `${load.file} loads it`,
    manifest: load.manifest,
  }));
  const env = reading.stage.instructions
    .filter((i) => i.keyword === 'ENV' && /\bNODE_OPTIONS\b/.test(i.body))
    .map((i) => i.body);
  for (const body of env) needs.push(...preloads(node, optionsValue(body), 'NODE_OPTIONS'));
  for (const words of startCommands(reading.stage))
    needs.push(...commandNeeds(node, words, 'the start command', 0));
  return { needs: unique(needs), unknown: node.sourceScanIncomplete };
}

/** Lifecycle scripts a production install still runs (npm, yarn and pnpm run them for the root package). */
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'];

/** What a production-only install needs from dev-only packages: the programs its lifecycle scripts run. */
export function installDevNeeds(node: NodeFacts): DevNeed[] {
  const needs: DevNeed[] = [];
  for (const name of LIFECYCLE) {
    const body = node.scripts[name];
    if (body === undefined) continue;
    for (const c of splitCommands(body)) needs.push(...commandNeeds(node, c.words, `the ${name} script`, 1));
  }
  return unique(needs);
}

/** Programs that run the command in their arguments, and how many option words they take before it. */
const WRAPPERS: Record<string, (words: string[]) => string[]> = {
  exec: (w) => w,
  // The official node images' entrypoint runs its arguments (or `node` with them, when they start with `-`).
  'docker-entrypoint.sh': (w) => (w[0]?.startsWith('-') ? ['node', ...w] : w),
  env: (w) => dropAssignments(w.filter((x) => !x.startsWith('-'))),
  'cross-env': (w) => dropAssignments(w),
  'cross-env-shell': (w) => dropAssignments(w),
  nohup: (w) => w,
  tini: (w) => afterDashes(w),
  'dumb-init': (w) => afterDashes(w),
  dotenv: (w) => afterDashes(w),
  'env-cmd': (w) => skipOptions(w, ['-f', '--file', '-e', '--environments', '-r', '--rc-file']),
};

/** The dev-only packages one command needs: the program itself, Node's preloads, and scripts it runs by name. */
function commandNeeds(node: NodeFacts, words: string[], where: string, depth: number): DevNeed[] {
  const needs: DevNeed[] = [];
  let rest = [...words];
  for (;;) {
    // `NODE_OPTIONS='-r x' node app.js`, `PORT=80 node ...`
    while (rest.length && isAssignment(rest[0])) {
      const [name, ...value] = rest[0].split('=');
      if (name === 'NODE_OPTIONS') needs.push(...preloads(node, value.join('='), where));
      rest = rest.slice(1);
    }
    const program = rest[0];
    if (!program) return needs;
    const base = programName(program);
    const provider = node.devBins[base];
    if (provider) needs.push({ name: provider, why: `${where} runs ${base}` });
    const unwrap = WRAPPERS[base];
    if (unwrap) {
      rest = unwrap(rest.slice(1));
      continue;
    }
    const run = packageRunnerCommand(rest);
    if (run) {
      rest = run;
      continue;
    }
    if (/^(ba|da)?sh$/.test(base) && rest[1] === '-c' && rest[2] !== undefined) {
      for (const c of splitCommands(rest[2])) needs.push(...commandNeeds(node, c.words, where, depth + 1));
      return needs;
    }
    if (base === 'node' || base === 'nodejs') {
      needs.push(...nodeFlags(node, rest.slice(1), where));
      return needs;
    }
    const script = scriptRun(rest);
    if (script !== null && depth < 5) {
      // npm runs `pre<name>` and `post<name>` around a script it runs by name.
      for (const name of [`pre${script}`, script, `post${script}`]) {
        const body = node.scripts[name];
        if (body === undefined) continue;
        for (const c of splitCommands(body))
          needs.push(...commandNeeds(node, c.words, `the ${name} script`, depth + 1));
      }
    }
    return needs;
  }
}

/** `node -r x`, `--require=x`, `--import x`, `--loader x`, `--experimental-loader x`. */
function nodeFlags(node: NodeFacts, args: string[], where: string): DevNeed[] {
  const needs: DevNeed[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) break;
    const m = /^(-r|--require|--import|--loader|--experimental-loader)(?:=(.*))?$/.exec(arg);
    if (!m) continue;
    const value = m[2] ?? args[++i];
    const name = value ? packageOf(value) : null;
    if (name && node.devOnly.includes(name)) needs.push({ name, why: `${where} preloads ${value}` });
  }
  return needs;
}

function preloads(node: NodeFacts, options: string, where: string): DevNeed[] {
  return nodeFlags(node, options.trim().split(/\s+/).filter(Boolean), where);
}

/** The value of NODE_OPTIONS in an ENV line (`NODE_OPTIONS=-r x`, `NODE_OPTIONS="--import y"`, legacy `ENV NODE_OPTIONS -r x`). */
function optionsValue(body: string): string {
  const m = /\bNODE_OPTIONS(?:=|\s+)("([^"]*)"|'([^']*)'|(\S+(?:\s+(?!\w+=)\S+)*))/.exec(body);
  return m ? (m[2] ?? m[3] ?? m[4] ?? '') : '';
}

const dropAssignments = (w: string[]) => w.slice(programAt(w));

function afterDashes(words: string[]): string[] {
  const at = words.indexOf('--');
  return at >= 0 ? words.slice(at + 1) : words.filter((w) => !w.startsWith('-'));
}

/** Drops leading options, and the value after each option in `withValue`. */
function skipOptions(words: string[], withValue: readonly string[]): string[] {
  let i = 0;
  while (i < words.length && words[i].startsWith('-')) i += withValue.includes(words[i]) ? 2 : 1;
  return words.slice(i);
}

function unique(needs: DevNeed[]): DevNeed[] {
  const seen = new Set<string>();
  return needs.filter((n) => !seen.has(n.name) && seen.add(n.name));
}
