// Text helpers for rewrites: generated lines in the file's own keyword case, moved blocks, clean removals.
import { removeRange, type Edit } from '../dockerfile/edits';
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';

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

const isBlankLineAt = (text: string, offset: number) => {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end < 0 ? text.length : end).trim() === '';
};

/**
 * Removes an instruction with its comment block. Blank lines after it go too when a blank line (or the
 * start of the file) is already before it, so moving instructions out leaves no runs of empty lines.
 */
export function removal(model: DockerfileModel, ins: Instruction): Edit {
  const { text } = model;
  let end = ins.lineEnd;
  const before =
    ins.commentStart === 0 || isBlankLineAt(text, text.lastIndexOf('\n', ins.commentStart - 2) + 1);
  if (before) {
    while (end < text.length && isBlankLineAt(text, end)) {
      const next = text.indexOf('\n', end);
      if (next < 0) {
        end = text.length;
        break;
      }
      end = next + 1;
    }
  }
  return removeRange(ins.commentStart, end);
}

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
 * The blank lines between the last kept instruction and the first moved one, when only moved
 * instructions follow: new text goes at the kept instruction, so they would end up at the file's end.
 */
export function orphanBlankLines(
  model: DockerfileModel,
  stage: Stage,
  moved: ReadonlySet<Instruction>,
): Edit | null {
  const kept = lastKept(stage, moved);
  const firstMoved = stage.instructions.find((i) => moved.has(i) && i.start > kept.start);
  if (!firstMoved || kept.lineEnd >= firstMoved.commentStart) return null;
  return model.text.slice(kept.lineEnd, firstMoved.commentStart).trim() === ''
    ? removeRange(kept.lineEnd, firstMoved.commentStart)
    : null;
}
