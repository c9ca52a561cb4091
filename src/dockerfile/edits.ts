// Edits are offset ranges on the original text; applying them leaves every other byte as it was.
import { InternalError } from '../errors';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export const replaceRange = (start: number, end: number, text: string): Edit => ({ start, end, text });
export const insertAt = (offset: number, text: string): Edit => ({ start: offset, end: offset, text });
export const removeRange = (start: number, end: number): Edit => ({ start, end, text: '' });

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
