// What a stage's start command runs: the programs of its ENTRYPOINT and CMD, wrappers looked through.
import type { Stage } from './model';
import { programAt, splitCommands } from './shell';

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

/** Wrappers whose arguments are the real command. */
const WRAPPERS = new Set([
  'exec',
  'tini',
  '/sbin/tini',
  '/usr/bin/tini',
  'dumb-init',
  '/usr/bin/dumb-init',
  'env',
  'nohup',
  'su-exec',
  'gosu',
]);

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

function unwrap(words: readonly string[]): string[] {
  let rest = [...words];
  while (rest.length && WRAPPERS.has(rest[0]))
    rest = rest.slice(1).filter((w, i) => !(i === 0 && w === '--'));
  return rest;
}
