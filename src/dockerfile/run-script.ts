// The shell a RUN runs, as one text for the shell reader: its arguments, an `sh -c` string, or heredoc scripts.
import type { Instruction } from './model';

/**
 * The shell text of a RUN: the shell form's arguments; for the exec form the `sh -c` string, or the words
 * quoted as one command; for a heredoc the lines of its scripts (a line break ends a command there).
 */
export function runScript(ins: Instruction): string {
  if (ins.exec) {
    if (/^(\/bin\/)?(ba)?sh$/.test(ins.exec[0] ?? '') && ins.exec[1] === '-c') return ins.exec[2] ?? '';
    return ins.exec.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  }
  if (!ins.heredoc) return ins.body;
  return ins.heredocs
    .flatMap((doc) => doc.content.split(/\r?\n/))
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .join('\n');
}
