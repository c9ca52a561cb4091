// What the Dockerfile's RUN lines run: the commands, the programs and their option values.
import path from 'node:path';
import type { DockerfileModel } from './model';
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
  // Leading `cd dir` and env assignments are not the command; keep what follows them.
  return commands.map((words) => {
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i])) i++;
    return words.slice(i);
  });
}

/** The program a command runs, without its folder: `./mvnw` -> `mvnw`. */
export function programOf(words: string[]): string {
  return path.posix.basename(words[0] ?? '');
}

/** The value of an option such as `-pl x`, `--projects=x` or `-px`, or null. */
export function optionValue(words: string[], names: string[]): string | null {
  for (let i = 1; i < words.length; i++) {
    for (const name of names) {
      if (words[i] === name && i + 1 < words.length) return words[i + 1];
      if (name.startsWith('--') && words[i].startsWith(name + '=')) return words[i].slice(name.length + 1);
    }
  }
  return null;
}
