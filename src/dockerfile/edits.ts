// Edits are offset ranges on the original text; applying them leaves every other byte as it was.
import { InternalError } from '../errors';
import type { DockerfileModel, Instruction } from './model';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export const replaceRange = (start: number, end: number, text: string): Edit => ({ start, end, text });
export const insertAt = (offset: number, text: string): Edit => ({ start: offset, end: offset, text });
export const removeRange = (start: number, end: number): Edit => ({ start, end, text: '' });

const isBlankLineAt = (text: string, offset: number) => {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end < 0 ? text.length : end).trim() === '';
};

/**
 * Removes an instruction with its comment block. Blank lines after it go too when a blank line (or the
 * start of the file) is already before it, so moving instructions out leaves no runs of empty lines.
 */
export function removeInstruction(model: DockerfileModel, ins: Instruction): Edit {
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

/**
 * Applies edits to `text`. Edits are sorted by position (insertions at one offset keep their given order);
 * two edits that overlap are a bug in the transform that made them, so they are reported, not merged.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order)
    .map((e) => e.edit);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new InternalError(`overlapping or out-of-range edits at offset ${edit.start}`);
    }
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}
