// Text helpers for rewrites: generated lines in the file's own keyword case, moved blocks, clean removals.
import { removeInstruction, removeRange, type Edit } from '../dockerfile/edits';
import type { DockerfileModel, Instruction, Span, Stage } from '../dockerfile/model';

/** A keyword in the casing the file uses. */
export function keyword(model: DockerfileModel, word: string): string {
  return model.keywordCase === 'lower' ? word.toLowerCase() : word.toUpperCase();
}

/** One generated instruction line, ending in a line break. */
export function line(model: DockerfileModel, word: string, rest: string): string {
  return `${keyword(model, word)} ${rest}\n`;
}

/** An instruction with the comments directly above it, exactly as written, ending in a line break. */
export function blockOf(model: DockerfileModel, ins: Instruction): string {
  const block = model.text.slice(ins.commentStart, ins.lineEnd);
  return block.endsWith('\n') ? block : block + '\n';
}

/** Removes an instruction with its comment block (see `removeInstruction`). */
export const removal = removeInstruction;

/** Where new text can go after an instruction; `prefix` supplies the line break a last line may lack. */
export function afterInstruction(
  model: DockerfileModel,
  ins: Instruction,
): { offset: number; prefix: string } {
  const endsWithBreak = model.text.slice(0, ins.lineEnd).endsWith('\n');
  return { offset: ins.lineEnd, prefix: endsWithBreak ? '' : '\n' };
}

/** The last instruction of a stage that is not in `moved`, else the stage's FROM. */
export function lastKept(stage: Stage, moved: ReadonlySet<Instruction>): Instruction {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    if (!moved.has(stage.instructions[i])) return stage.instructions[i];
  }
  return stage.from;
}

/**
 * Edits that move instructions out of a stage: each goes with its comment block. After the last kept
 * instruction everything moved goes, and the blank lines around it too, since new text is inserted at the
 * kept instruction and those lines would otherwise trail after it; other lines there (a loose comment) stay.
 */
export function moveOut(model: DockerfileModel, stage: Stage, moved: ReadonlySet<Instruction>): Edit[] {
  const kept = lastKept(stage, moved);
  const edits: Edit[] = [];
  const tail: Span[] = [];
  for (const ins of moved) {
    if (ins.start < kept.start) edits.push(removal(model, ins));
    else tail.push({ start: ins.commentStart, end: ins.lineEnd });
  }
  const { text } = model;
  let run: Span | null = null;
  for (let at = kept.lineEnd; at < text.length;) {
    const next = text.indexOf('\n', at);
    const end = next < 0 ? text.length : next + 1;
    const block = tail.find((b) => b.start === at);
    const stop = block ? block.end : end;
    const removable = !!block || text.slice(at, end).trim() === '';
    if (removable) run = run ? { start: run.start, end: stop } : { start: at, end: stop };
    else if (run) {
      edits.push(removeRange(run.start, run.end));
      run = null;
    }
    at = stop;
  }
  if (run) edits.push(removeRange(run.start, run.end));
  return edits;
}
