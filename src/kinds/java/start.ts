// Reads the start command of a Java image: what runs (java -jar, a class path, a script, a server) and which files.
import path from 'node:path';
import type { Instruction, Stage } from '../../dockerfile/model';
import { isAssignment, splitCommands } from '../../dockerfile/shell';
import { commandWords } from '../../dockerfile/hints';
import { buildToolOf, JDK_TOOLS } from './vocabulary';

/** What the start command runs. */
export type StartKind =
  'jar' | 'classpath' | 'build-tool' | 'source-file' | 'jdk-tool' | 'script' | 'server' | 'none' | 'other';

/** The start command, read for what it runs and the files it names. */
export interface JavaStart {
  kind: StartKind;
  /** The command as written (ENTRYPOINT and CMD joined), for notes and reasons. */
  text: string;
  /** The words of the command that runs, once `sh -c`, `exec`, tini and the like are looked through. */
  words: string[];
  /** A shell runs it: globs and variables in its words are expanded. */
  shell: boolean;
  /** `java`, `./entrypoint.sh`, `./mvnw`, ... as written. */
  program: string;
  /** The `-jar` argument as written. */
  jar: string | null;
  /** `-cp` entries as written, wildcards kept (`target/lib/*`). */
  classpath: string[];
  /** `-javaagent:` jar paths. */
  agents: string[];
}

const SHELLS = /^(\/bin\/|\/usr\/bin\/)?(ba|a|da)?sh$/;
const INITS = /^(tini|tini-static|dumb-init|catatonit)$/;
const SERVERS = /^(catalina\.sh|catalina|startup\.sh|jetty\.sh|standalone\.sh)$/;
/** Java launcher options that take the next word as their value. */
const VALUE_OPTIONS = new Set([
  '-p',
  '--module-path',
  '--upgrade-module-path',
  '--add-modules',
  '--add-opens',
  '--add-exports',
  '--add-reads',
  '--patch-module',
  '--limit-modules',
  '--enable-native-access',
  '--source',
]);

/** The start command of a stage: its last ENTRYPOINT and CMD, as Docker combines them. */
export function readJavaStart(stage: Stage, server: boolean): JavaStart {
  const last = (keyword: string) =>
    [...stage.instructions].reverse().find((i) => i.keyword === keyword) ?? null;
  const entrypoint = last('ENTRYPOINT');
  const cmd = last('CMD');
  const start: JavaStart = {
    kind: 'none',
    text: [entrypoint, cmd]
      .filter((i): i is Instruction => !!i)
      .map((i) => i.body)
      .join(' '),
    words: [],
    shell: false,
    program: '',
    jar: null,
    classpath: [],
    agents: [],
  };
  const asShell = (i: Instruction) => i.exec ?? ['/bin/sh', '-c', i.body];
  let words: string[] = [];
  if (entrypoint)
    words = entrypoint.exec ? [...entrypoint.exec, ...(cmd ? asShell(cmd) : [])] : asShell(entrypoint);
  else if (cmd) words = asShell(cmd);
  else {
    start.kind = server ? 'server' : 'none';
    return start;
  }
  ({ words, shell: start.shell } = unwrap(words));
  start.words = words;
  start.program = words[0] ?? '';
  const program = path.posix.basename(start.program);
  if (program === 'java') readJava(start, words.slice(1));
  else if (buildToolOf(program)) start.kind = 'build-tool';
  else if (JDK_TOOLS.has(program)) start.kind = 'jdk-tool';
  else if (SERVERS.test(program)) start.kind = 'server';
  else if (/\.sh$/.test(program) || start.program.includes('/')) start.kind = 'script';
  else start.kind = 'other';
  return start;
}

/** Looks through `sh -c "..."`, `exec`, env assignments and init wrappers to the command that runs. */
function unwrap(initial: string[]): { words: string[]; shell: boolean } {
  let words = initial;
  let shell = false;
  for (let guard = 0; guard < 5; guard++) {
    const program = path.posix.basename(words[0] ?? '');
    if (SHELLS.test(words[0] ?? '') && words[1] === '-c' && words[2] !== undefined) {
      shell = true;
      const commands = splitCommands(words[2]).map((c) => commandWords(c.words));
      words =
        commands.find((c) => path.posix.basename(c[0] ?? '') === 'java') ??
        commands[commands.length - 1] ??
        [];
    } else if (INITS.test(program)) {
      let i = 1;
      while (i < words.length && words[i].startsWith('-')) i++;
      words = words.slice(i);
    } else if (program === 'su-exec' || program === 'gosu') words = words.slice(2);
    else if (program === 'env') {
      let i = 1;
      while (i < words.length && (isAssignment(words[i]) || words[i].startsWith('-'))) i++;
      words = words.slice(i);
    } else {
      const next = commandWords(words);
      if (next.length === words.length) break;
      words = next;
    }
  }
  return { words, shell };
}

/** Reads the java launcher's arguments: `-jar X`, `-cp X Main`, a source file, agents. */
function readJava(start: JavaStart, args: readonly string[]): void {
  start.kind = 'other';
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === '-jar') {
      start.jar = args[i + 1] ?? null;
      start.kind = start.jar ? 'jar' : 'other';
      return;
    }
    if (w === '-cp' || w === '-classpath' || w === '--class-path' || w.startsWith('--class-path=')) {
      const value = w.includes('=') ? w.slice(w.indexOf('=') + 1) : args[++i];
      start.classpath.push(...(value ?? '').split(':').filter(Boolean));
      continue;
    }
    if (w.startsWith('-javaagent:')) {
      start.agents.push(w.slice('-javaagent:'.length).replace(/=.*$/, ''));
      continue;
    }
    if (VALUE_OPTIONS.has(w)) {
      i++;
      continue;
    }
    if (w === '-m' || w === '--module' || w.startsWith('@')) return;
    if (w.startsWith('-') || w.startsWith('$')) continue;
    // The first plain word is the main class, or a source file the launcher compiles (a JDK feature).
    if (/\.java$/.test(w)) start.kind = 'source-file';
    else if (start.classpath.length) start.kind = 'classpath';
    return;
  }
}
