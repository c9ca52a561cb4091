// What a stage's start command runs: the programs of its ENTRYPOINT and CMD, wrappers looked through, and the scripts they run.
import type { Stage } from './model';
import { CONTROL_WORDS, programAt, programName, splitCommands } from './shell';

/** Shells and builtins every image with a shell has; a start command may call them without installing them. */
export const SHELL_PROGRAMS: readonly string[] = [
  'sh',
  'bash',
  'cd',
  'echo',
  'set',
  'test',
  '[',
  'true',
  'sleep',
  'exec',
  'wait',
  'trap',
];

/** Wrappers whose arguments are the real command (by program name: `/sbin/tini` too). */
const WRAPPERS = new Set(['exec', 'tini', 'dumb-init', 'env', 'nohup', 'su-exec', 'gosu']);
/** Wrapper options that take the next word as their value (`env -u NAME`, `tini -p SIGTERM`, `exec -a name`). */
const VALUE_OPTIONS = new Set(['-u', '-C', '-S', '-p', '-e', '-a', '--rewrite']);
/** Wrappers whose first argument is the user to run as, before the command. */
const USER_FIRST = new Set(['su-exec', 'gosu']);
/** Shells that run a script file given as their first argument (`sh start.sh`). */
const SCRIPT_SHELL = /^(sh|bash|dash|ash|zsh|ksh)$/;

/** The programs the last ENTRYPOINT and CMD run (every command of a shell form), wrappers looked through. */
export function startPrograms(stage: Stage): string[] {
  const last = (keyword: string) =>
    [...stage.instructions].reverse().find((i) => i.keyword === keyword) ?? null;
  const entry = last('ENTRYPOINT');
  const cmd = last('CMD');
  const programs: string[] = [];
  for (const ins of [entry, cmd]) {
    if (!ins) continue;
    if (ins.exec) {
      const words = unwrap(ins.exec);
      const shell = /^(\/bin\/|\/usr\/bin\/)?(ba)?sh$/.test(words[0] ?? '') && words[1] === '-c';
      if (shell) programs.push(...programsOf(words.slice(2).join(' ')));
      else if (words[0]) programs.push(words[0]);
    } else programs.push(...programsOf(ins.body));
    // An ENTRYPOINT in exec form takes the CMD as arguments: only its own program runs.
    if (ins === entry && entry.exec) break;
  }
  return [...new Set(programs)];
}

/**
 * The commands the stage's start runs, as word lists with nothing unwrapped: an exec-form ENTRYPOINT gets
 * the CMD as arguments (a shell-form CMD as `/bin/sh -c <cmd>`); a shell form is split on `&&`, `;`, `|`.
 */
export function startCommands(stage: Stage): string[][] {
  const last = (keyword: string) =>
    [...stage.instructions].reverse().find((i) => i.keyword === keyword) ?? null;
  const entry = last('ENTRYPOINT');
  const cmd = last('CMD');
  const shellCommands = (body: string) => splitCommands(body).map((c) => c.words);
  if (entry && !entry.exec) return shellCommands(entry.body);
  if (entry?.exec) return [[...entry.exec, ...(cmd ? (cmd.exec ?? ['/bin/sh', '-c', cmd.body]) : [])]];
  if (!cmd) return [];
  return cmd.exec ? [cmd.exec] : shellCommands(cmd.body);
}

/**
 * The commands the start runs, each from its program on: wrappers (tini, env, exec, ...) and `VAR=x` words
 * looked through, and `sh -c '<script>'` read as the commands of its script. `CMD npm run dev` and
 * `CMD ["sh", "-c", "npm run dev"]` give the same `[["npm", "run", "dev"]]`.
 */
export function startRuns(stage: Stage): string[][] {
  const looked = (words: readonly string[], depth: number): string[][] => {
    const rest = unwrap(words.slice(programAt(words)));
    const inner =
      /^(\/bin\/|\/usr\/bin\/)?(ba)?sh$/.test(rest[0] ?? '') && rest[1] === '-c' ? rest[2] : undefined;
    if (inner === undefined || depth > 3) return rest.length ? [rest] : [];
    return splitCommands(inner).flatMap((c) => looked(c.words, depth + 1));
  };
  return startCommands(stage).flatMap((words) => looked(words, 0));
}

function programsOf(shell: string): string[] {
  return splitCommands(shell)
    .map((c) => unwrap(c.words.slice(programAt(c.words)))[0])
    .filter((p): p is string => !!p && !p.startsWith('$'));
}

/** The command a wrapper runs: leading `NAME=value` words, wrapper options and the user of gosu/su-exec left out. */
function unwrap(words: readonly string[]): string[] {
  let rest = words.slice(programAt(words));
  while (rest.length && WRAPPERS.has(programName(rest[0]))) {
    const wrapper = programName(rest[0]);
    rest = rest.slice(1);
    while (rest[0]?.startsWith('-')) {
      const option = rest.shift()!;
      if (option === '--') break;
      if (VALUE_OPTIONS.has(option)) rest.shift();
    }
    if (USER_FIRST.has(wrapper)) rest = rest.slice(1);
    rest = rest.slice(programAt(rest));
  }
  return rest;
}

/** A file a command may run as a script, as the command names it. */
export interface ScriptRun {
  word: string;
  /** Run as a program, so its `#!` line picks the interpreter (not `sh x.sh`, not `. x.sh`). */
  direct: boolean;
}

/**
 * The files a command may run as scripts: its program (wrappers looked through), the file a shell is
 * given (`sh start.sh`, `bash -e start.sh`) or sources (`. ./env.sh`), the scripts of a `sh -c` string,
 * and later words naming a `.sh` file (an entrypoint that runs `"$@"` runs them). Programs that are
 * plain names are included: the caller looks for them in the build context.
 */
export function scriptsRun(words: readonly string[], depth = 0): ScriptRun[] {
  const rest = unwrap(words);
  const program = rest[0];
  if (!program || program.startsWith('$')) return [];
  const base = programName(program);
  const shellScript = (w: string) => /\.(ba)?sh$/.test(w) && !w.startsWith('$');
  if (base === '.' || base === 'source')
    return rest[1] && !rest[1].startsWith('$') ? [{ word: rest[1], direct: false }] : [];
  if (!SCRIPT_SHELL.test(base)) {
    const after = rest.slice(1).filter(shellScript);
    return [{ word: program, direct: true }, ...after.map((word) => ({ word, direct: true }))];
  }
  for (let i = 1; i < rest.length; i++) {
    const arg = rest[i];
    if (/^[-+]o$/.test(arg)) {
      i++;
      continue;
    }
    if (/^-[a-z]*c[a-z]*$/i.test(arg)) {
      // `sh -c '...'`, `sh -ec '...'`: the first word that is not an option is the command string.
      const string = rest.slice(i + 1).find((w) => !/^[-+]/.test(w));
      if (string === undefined || depth > 3) return [];
      return splitCommands(string).flatMap((c) => scriptsRun(c.words, depth + 1));
    }
    if (/^[-+]/.test(arg)) continue;
    const after = rest.slice(i + 1).filter(shellScript);
    return [{ word: arg, direct: false }, ...after.map((word) => ({ word, direct: true }))];
  }
  return [];
}

/** The files the stage's start command may run as scripts (see scriptsRun). */
export function startScriptsRun(stage: Stage): ScriptRun[] {
  return [
    ...startPrograms(stage).map((word) => ({ word, direct: true })),
    ...startCommands(stage).flatMap((words) => scriptsRun(words)),
  ];
}

const NOT_COMMANDS = new Set(['for', 'case', 'select']);

/**
 * The simple commands of a shell script, as word lists: comments out, and the words that open or close a
 * compound command (`if`, `then`, `do`, `{`, `!`) taken off the front, so `then npx prisma migrate deploy`
 * reads as `npx prisma migrate deploy`; the head of a `for` or `case` is left out.
 */
export function scriptCommandWords(text: string): string[][] {
  return splitCommands(text)
    .map((c) => {
      let at = 0;
      while (at < c.words.length && CONTROL_WORDS.has(c.words[at])) {
        // `for x in a b`, `case $x in`: a loop's or a case's words, not a command.
        if (NOT_COMMANDS.has(c.words[at])) return [];
        at++;
      }
      return c.words.slice(at);
    })
    .filter((words) => words.length > 0);
}
