// The working directory in effect at each instruction, for resolving relative COPY destinations.
import path from 'node:path';
import type { Instruction, Stage } from './model';

/** The absolute WORKDIR in effect when each instruction of `stage` runs (`/` before any WORKDIR). */
export function workdirsOf(stage: Stage, inherited = '/'): Map<Instruction, string> {
  const result = new Map<Instruction, string>();
  let current = inherited;
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') {
      const dir = unquote(ins.body);
      // A variable (`${APP_HOME}`) is taken as an absolute path, as written: it is re-declared where used.
      current = dir.startsWith('$') ? dir : path.posix.resolve(current, dir);
    }
    result.set(ins, current);
  }
  return result;
}

/** The WORKDIR in effect at the end of the stage. */
export function finalWorkdir(stage: Stage): string {
  const dirs = workdirsOf(stage);
  const last = stage.instructions[stage.instructions.length - 1];
  return last ? (dirs.get(last) ?? '/') : '/';
}

/** Whether `p` is `dir` or inside it. */
export function isInside(dir: string, p: string): boolean {
  const rel = path.posix.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('../') && !path.posix.isAbsolute(rel));
}

export function unquote(value: string): string {
  return value.trim().replace(/^(["'])(.*)\1$/, '$2');
}
