// What the Dockerfile's RUN lines run: the commands, from the program on, and their option values.
import type { DockerfileModel, Instruction } from './model';
import { programAt, splitCommands } from './shell';

/** The commands every RUN executes, as word lists from the program on (heredoc RUNs left out). */
export function runCommands(model: DockerfileModel): string[][] {
  return model.instructions
    .filter((ins) => ins.keyword === 'RUN' && !ins.heredoc)
    .flatMap((ins) => splitCommands(runScript(ins)).map((c) => commandWords(c.words)));
}

/** A command's words from the program it runs: after `VAR=x` prefixes, `exec`, and `sh` running a script (`sh ./mvnw`). */
export function commandWords(words: readonly string[]): string[] {
  let rest = words.slice(programAt(words));
  if (rest[0] === 'exec') rest = rest.slice(1);
  if (/^(.*\/)?(ba|da)?sh$/.test(rest[0] ?? '') && rest[1] && !rest[1].startsWith('-')) rest = rest.slice(1);
  return rest;
}

/**
 * The value of an option of a command (program first): `-pl x`, `--projects=x`, and with `glued` the short
 * form `-ofile` (for tools that take it: curl, wget, tar; not Maven, whose `-fae` is a flag), or null.
 */
export function optionValue(
  words: readonly string[],
  names: readonly string[],
  glued = false,
): string | null {
  for (let i = 1; i < words.length; i++) {
    for (const name of names) {
      if (words[i] === name && i + 1 < words.length) return words[i + 1];
      if (name.startsWith('--') && words[i].startsWith(name + '=')) return words[i].slice(name.length + 1);
      if (glued && /^-[^-]$/.test(name) && words[i].startsWith(name) && words[i].length > 2)
        return words[i].slice(2);
    }
  }
  return null;
}

/**
 * The shell text of a RUN: the shell form's arguments; for the exec form the `sh -c` string, or the words
 * quoted as one command; for a heredoc the lines of its scripts (a line break ends a command there).
 */
export function runScript(ins: Instruction): string {
  if (ins.exec) {
    // `["sh", "-c", "mvn package"]` is a shell line in disguise; other exec forms are one command.
    if (/^(\/bin\/)?(ba)?sh$/.test(ins.exec[0] ?? '') && ins.exec[1] === '-c') return ins.exec[2] ?? '';
    return ins.exec.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  }
  if (!ins.heredoc) return ins.body;
  return ins.heredocs
    .flatMap((doc) => doc.content.split(/\r?\n/))
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .join('\n');
}
