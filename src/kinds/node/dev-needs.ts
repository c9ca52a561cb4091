// Whether dropping devDependencies is safe: what the running app, its start command (and the start scripts it
// runs) and a production install still need from them.
import { isAssignment, programAt, programName, shellWords, splitCommands } from '../../dockerfile/shell';
import { scriptCommandWords, startCommands } from '../../dockerfile/start-programs';
import type { DevLoad, NodeFacts, ScanGap, StartScript } from '../../contract/facts';
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
  /** Why it could not be checked at all (a file or start script that could not be read), or null. */
  unknown: ScanGap | null;
}

/** What commands are read against: the package, and the context's scripts the start runs. */
interface Reader {
  node: NodeFacts;
  scripts: readonly StartScript[];
}

/**
 * What the running container needs from dev-only packages: imports of the app's files (and the helpers
 * its compiled output imports), start programs and preloads, in the start command and in the scripts
 * it runs (an entrypoint's `npx prisma migrate deploy`).
 */
export function runtimeDevNeeds(node: NodeFacts, reading: NodeStageReading): DevNeeds {
  const needs: DevNeed[] = node.devLoaded.map((load) => ({
    name: load.name,
    why: whyLoaded(load),
    manifest: load.manifest,
  }));
  const env = reading.stage.instructions
    .filter((i) => i.keyword === 'ENV' && /\bNODE_OPTIONS\b/.test(i.body))
    .map((i) => i.body);
  for (const body of env) needs.push(...preloads(node, optionsValue(body), 'NODE_OPTIONS'));
  const reader: Reader = { node, scripts: reading.startScripts };
  for (const words of startCommands(reading.stage))
    needs.push(...commandNeeds(reader, words, 'the start command', 0));
  for (const script of reading.startScripts) {
    if (script.text === null) continue;
    for (const words of scriptCommandWords(script.text))
      needs.push(...commandNeeds(reader, words, `the script ${script.path}`, 1));
  }
  return { needs: unique(needs), unknown: node.sourceScanIncomplete ?? unreadScript(reading.startScripts) };
}

function whyLoaded(load: DevLoad): string {
  if (load.helper) return `${load.file} ${load.helper}, so the compiled code loads it`;
  return load.named ? `${load.file} names it` : `${load.file} loads it`;
}

/** A start script that could not be read: what it runs is unknown. */
function unreadScript(scripts: readonly StartScript[]): ScanGap | null {
  const script = scripts.find((s) => s.unread !== null);
  if (!script) return null;
  return {
    reason: `the script ${script.path}, which the start command runs, ${script.unread}, so what it runs was not read`,
    fix: 'split or shorten the start scripts, or move the devDependencies they run to dependencies',
  };
}

/** Lifecycle scripts a production install still runs (npm, yarn and pnpm run them for the root package). */
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'];

/** What a production-only install needs from dev-only packages: the programs its lifecycle scripts run. */
export function installDevNeeds(node: NodeFacts): DevNeed[] {
  const needs: DevNeed[] = [];
  for (const name of LIFECYCLE) {
    const body = node.scripts[name];
    if (body === undefined) continue;
    const reader: Reader = { node, scripts: [] };
    for (const c of splitCommands(body))
      needs.push(...commandNeeds(reader, c.words, `the ${name} script`, 1));
  }
  return unique(needs);
}

/** Programs that run the command in their arguments: the words they leave of it (their `NAME=value` kept). */
const WRAPPERS: Record<string, (words: string[]) => string[]> = {
  exec: (w) => skipOptions(w, ['-a']),
  // The official node images' entrypoint runs its arguments (or `node` with them, when they start with `-`).
  'docker-entrypoint.sh': (w) => (w[0]?.startsWith('-') ? ['node', ...w] : w),
  env: envCommand,
  // Their `NAME=value` words are read below like a shell's, NODE_OPTIONS included.
  'cross-env': (w) => w,
  'cross-env-shell': (w) => [...w.slice(0, programAt(w)), 'sh', '-c', w.slice(programAt(w)).join(' ')],
  nohup: (w) => w,
  tini: (w) => skipOptions(w, ['-p', '-e']),
  'dumb-init': (w) => skipOptions(w, ['-r', '--rewrite']),
  // dotenv-cli: `-v NAME=value` sets a variable for the command.
  dotenv: (w) => {
    const vars = w.flatMap((x, i) => (w[i - 1] === '-v' && isAssignment(x) ? [x] : []));
    return [...vars, ...skipOptions(w, ['-e', '-v', '-p'])];
  },
  'env-cmd': (w) => skipOptions(w, ['-f', '--file', '-e', '--environments', '-r', '--rc-file']),
  'su-exec': (w) => w.slice(1),
  gosu: (w) => w.slice(1),
};

/** Shell builtins whose `NAME=value` arguments set variables for the commands after them. */
const EXPORTS = new Set(['export', 'declare', 'typeset', 'readonly']);

/** Node options that take the next word as their value. */
const PRELOAD = /^(-r|--require|--import|--loader|--experimental-loader)$/;

/** The dev-only packages one command needs: the program itself, Node's preloads, and scripts it runs by name. */
function commandNeeds(reader: Reader, words: string[], where: string, depth: number): DevNeed[] {
  const { node } = reader;
  const needs: DevNeed[] = [];
  let rest = [...words];
  for (;;) {
    // `NODE_OPTIONS='-r x' node app.js`, `PORT=80 node ...`, and what env and cross-env set.
    while (rest.length && isAssignment(rest[0])) {
      const [name, ...value] = rest[0].split('=');
      // cross-env takes quotes off a value itself (`NODE_OPTIONS="-r x"` in an exec form).
      let options = value.join('=').replace(/^(["'])(.*)\1$/, '$2');
      rest = rest.slice(1);
      // Unquoted, `NODE_OPTIONS=-r dotenv/config node x` leaves the preload as the next word: read it as meant.
      const last = options.trim().split(/\s+/).pop() ?? '';
      if (name === 'NODE_OPTIONS' && PRELOAD.test(last) && rest[0] !== undefined && !isAssignment(rest[0])) {
        options += ` ${rest[0]}`;
        rest = rest.slice(1);
      }
      if (name === 'NODE_OPTIONS') needs.push(...preloads(node, options, where));
    }
    const program = rest[0];
    if (!program) return needs;
    const base = programName(program);
    if (EXPORTS.has(base)) {
      // `export NODE_OPTIONS="--require dotenv/config"` in an entrypoint: the commands after it get it.
      for (const word of rest.slice(1).filter(isAssignment))
        needs.push(...commandNeeds(reader, [word], where, depth));
      return needs;
    }
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
    if (/^((ba|da|z|k)?sh|ash)$/.test(base)) {
      const shell = shellArgs(rest.slice(1));
      if (shell.command !== null) {
        for (const c of splitCommands(shell.command))
          needs.push(...commandNeeds(reader, c.words, where, depth + 1));
        return needs;
      }
      // `sh ./entrypoint.sh node app.js`: an entrypoint that runs "$@" runs its arguments too.
      if (shell.script === null || !passesArgsOn(reader, shell.script)) return needs;
      rest = shell.args;
      continue;
    }
    if (base === 'node' || base === 'nodejs') {
      needs.push(...nodeFlags(node, rest.slice(1), where));
      return needs;
    }
    const script = scriptRun(rest);
    if (script !== null && depth < 5) {
      // yarn, pnpm and bun run a program of that name when no script has it (`yarn prisma migrate deploy`).
      const bin = node.scripts[script] === undefined && rest[0] !== 'npm' ? node.devBins[script] : undefined;
      if (bin) needs.push({ name: bin, why: `${where} runs ${script}` });
      // npm runs `pre<name>` and `post<name>` around a script it runs by name.
      for (const name of [`pre${script}`, script, `post${script}`]) {
        const body = node.scripts[name];
        if (body === undefined) continue;
        for (const c of splitCommands(body))
          needs.push(...commandNeeds(reader, c.words, `the ${name} script`, depth + 1));
      }
      return needs;
    }
    // `./docker-entrypoint.sh node app.js`: a start script that runs "$@" runs its arguments too.
    if (script === null && passesArgsOn(reader, program)) {
      rest = rest.slice(1);
      continue;
    }
    return needs;
  }
}

/** Whether the start script a word names (by file name) runs its arguments (`exec "$@"`). */
function passesArgsOn(reader: Reader, word: string): boolean {
  const name = programName(word);
  return reader.scripts.some((s) => programName(s.path) === name && /\$\{?[@*]/.test(s.text ?? ''));
}

/** A shell's arguments: the string of `-c` (`-ec`), or the script it runs and the arguments after it. */
function shellArgs(args: string[]): { command: string | null; script: string | null; args: string[] } {
  for (let i = 0; i < args.length; i++) {
    if (/^[-+]o$/.test(args[i])) i++;
    else if (/^-[a-z]*c[a-z]*$/i.test(args[i])) {
      const command = args.slice(i + 1).find((w) => !/^[-+]/.test(w));
      return { command: command ?? null, script: null, args: [] };
    } else if (!/^[-+]/.test(args[i])) return { command: null, script: args[i], args: args.slice(i + 1) };
  }
  return { command: null, script: null, args: [] };
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

/** `env [options] [NAME=value]... command`: the assignments and the command; `-S` splits its string into words. */
function envCommand(words: string[]): string[] {
  let i = 0;
  while (i < words.length && words[i].startsWith('-')) {
    const option = words[i];
    if (option === '--') return words.slice(i + 1);
    if (option === '-S' || option === '--split-string')
      return [...shellWords(words[i + 1] ?? ''), ...words.slice(i + 2)];
    if (option.startsWith('--split-string='))
      return [...shellWords(option.slice('--split-string='.length)), ...words.slice(i + 1)];
    i += ['-u', '--unset', '-C', '--chdir'].includes(option) ? 2 : 1;
  }
  return words.slice(i);
}

/** Drops leading options (a `--` ends them), and the value after each option in `withValue`. */
function skipOptions(words: string[], withValue: readonly string[]): string[] {
  let i = 0;
  while (i < words.length && words[i].startsWith('-')) {
    if (words[i] === '--') return words.slice(i + 1);
    i += withValue.includes(words[i]) ? 2 : 1;
  }
  return words.slice(i);
}

function unique(needs: DevNeed[]): DevNeed[] {
  const seen = new Set<string>();
  return needs.filter((n) => !seen.has(n.name) && seen.add(n.name));
}
