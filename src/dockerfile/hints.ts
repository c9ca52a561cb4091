// What the Dockerfile's RUN lines run: the commands, from the program on, and their option values.
import type { DockerfileModel, Instruction } from './model';
import { splitCommands } from './shell';

/** The commands every RUN executes, as word lists (`&&` chains split; exec form kept whole). */
export function runCommands(model: DockerfileModel): string[][] {
  const commands: string[][] = [];
  for (const ins of model.instructions) {
    if (ins.keyword !== 'RUN' || ins.heredoc) continue;
    if (ins.exec) {
      // `["sh", "-c", "mvn package"]` is a shell line in disguise.
      if (/^(\/bin\/)?(ba)?sh$/.test(ins.exec[0] ?? '') && ins.exec[1] === '-c' && ins.exec[2])
        commands.push(...splitCommands(ins.exec[2]).map((c) => c.words));
      else commands.push(ins.exec);
      continue;
    }
    commands.push(...splitCommands(ins.body).map((c) => c.words));
  }
  return commands.map(commandWords);
}

/** A command's words from the program it runs: after `VAR=x` prefixes, `exec`, and `sh` running a script (`sh ./mvnw`). */
export function commandWords(words: readonly string[]): string[] {
  let i = 0;
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i])) i++;
  let rest = words.slice(i);
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

/** The shell a RUN runs: its arguments, or for a heredoc the script lines joined as one command list. */
export function runScript(ins: Instruction): string {
  if (ins.exec) {
    // `["sh", "-c", "mvn package"]` is a shell line in disguise; other exec forms are one command.
    if (/^(\/bin\/)?(ba)?sh$/.test(ins.exec[0] ?? '') && ins.exec[1] === '-c') return ins.exec[2] ?? '';
    return ins.exec.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  }
  if (!ins.heredoc) return ins.body;
  return ins.text
    .split(/\r?\n/)
    .slice(1, -1)
    .filter((l) => l.trim() && !l.trim().startsWith('#'))
    .join(' ; ');
}
