// Setup RUN lines (mkdir, touch, chown, ln) the runtime stage repeats: which, and what they make for the app.
import path from 'node:path';
import type { Instruction } from '../../dockerfile/model';
import { runScript } from '../../dockerfile/hints';
import { isInside } from '../../dockerfile/workdir';
import { runEffects } from '../../stage/run-effects';
import type { NodeRun } from './commands';
import type { NodeStageReading } from './stage';

/** A RUN that creates users and sets up folders, nothing else: the runtime stage repeats its setup part. */
export function repeatsSetupOnly(run: NodeRun): boolean {
  return run.userCommands.length > 0 && run.setupCommands.length > 0 && run.otherCommands === 0;
}

/** Whether every path a setup RUN names lies in the app folders the runtime stage copies. */
export function onlyInApp(run: NodeRun, reading: NodeStageReading, ins: Instruction): boolean {
  const workdir = reading.workdirs.get(ins) ?? '/';
  const paths = run.setupCommands.flatMap((c) => {
    const operands = c.words.slice(1).filter((w) => !w.startsWith('-'));
    // chown/chmod take an owner or a mode first.
    return /^(chown|chmod|chgrp)$/.test(c.words[0]) ? operands.slice(1) : operands;
  });
  const inApp = (p: string) => {
    const abs = path.posix.resolve(workdir, p);
    return reading.appDirs.some((dir) => isInside(dir, abs));
  };
  return paths.length > 0 && paths.every((p) => !p.includes('$') && inApp(p));
}

/** Folders and empty files a setup RUN makes (`mkdir -p`, `touch`) that it does not give an owner itself. */
export function madeBy(reading: NodeStageReading, ins: Instruction): string[] {
  const effects = runEffects(runScript(ins), reading.workdirs.get(ins) ?? '/');
  const owned = new Set(effects.owners.map((o) => o.path));
  const made = effects.writes.filter((w) => (w.kind === 'dir' || w.kind === 'empty') && !owned.has(w.path));
  return [...new Set(made.map((w) => w.path))];
}

/** Whether the runtime stage repeats a RUN (all of it, or its setup part). */
export function repeated(reading: NodeStageReading, ins: Instruction): boolean {
  const run = reading.runs.get(ins);
  return !!run && (run.setupOnly || repeatsSetupOnly(run));
}
