// A user transform's answer, checked and copied to plain data before the pipeline uses it: what is wrong
// with it is said in the transform's name, never taken for a bug in this tool (see migrate-dockerfile.ts).
import type { Edit } from '../dockerfile/edits';
import type { Note } from '../notes';

export type CheckedResult =
  | { applicable: false; reason: string }
  | { edits: Edit[]; notes: Note[] }
  | { content: string; notes: Note[] };

/** The result as plain data, or what is wrong with it ("edit 2 ends past the end of the file"). */
export function checkResult(result: unknown, text: string): CheckedResult | string {
  if (typeof result !== 'object' || result === null || Array.isArray(result))
    return `not a result object (got ${kindOf(result)})`;
  const r = result as Record<string, unknown>;
  if (typeof r.then === 'function') return 'a promise: transform() must return its result, not a promise';
  if (r.applicable === false) {
    return typeof r.reason === 'string'
      ? { applicable: false, reason: r.reason }
      : 'applicable: false without a reason';
  }
  const notes = checkNotes(r.notes);
  if (typeof notes === 'string') return notes;
  if ('content' in r) {
    return typeof r.content === 'string'
      ? { content: r.content, notes }
      : `content that is not a string (got ${kindOf(r.content)})`;
  }
  if (!Array.isArray(r.edits)) return 'neither edits (a list) nor content (a string)';
  const edits: Edit[] = [];
  for (const [i, edit] of (r.edits as unknown[]).entries()) {
    const e = (typeof edit === 'object' && edit !== null ? edit : {}) as Record<string, unknown>;
    const { start, end } = e;
    if (!Number.isInteger(start) || !Number.isInteger(end))
      return `edit ${i}: start and end must be whole numbers (got ${kindOf(start)}, ${kindOf(end)})`;
    if ((start as number) < 0 || (start as number) > (end as number) || (end as number) > text.length)
      return `edit ${i}: ${String(start)}..${String(end)} is not a range of the ${text.length}-character file`;
    if (typeof e.text !== 'string') return `edit ${i}: text that is not a string (got ${kindOf(e.text)})`;
    edits.push({ start: start as number, end: end as number, text: e.text });
  }
  // In the order applyEdits applies them: two that overlap cannot both be applied.
  const sorted = [...edits.entries()].sort(([a, x], [b, y]) => x.start - y.start || x.end - y.end || a - b);
  for (let k = 1; k < sorted.length; k++) {
    const [before, previous] = sorted[k - 1];
    const [index, edit] = sorted[k];
    if (edit.start < previous.end) return `edits ${before} and ${index} overlap`;
  }
  return { edits, notes };
}

function checkNotes(value: unknown): Note[] | string {
  // The contract asks for notes; a result without any is taken as having none.
  if (value === undefined) return [];
  if (!Array.isArray(value)) return `notes that are not a list (got ${kindOf(value)})`;
  const notes: Note[] = [];
  for (const [i, note] of (value as unknown[]).entries()) {
    const n = (typeof note === 'object' && note !== null ? note : {}) as Record<string, unknown>;
    if (typeof n.id !== 'string' || typeof n.message !== 'string')
      return `note ${i}: needs an id and a message, both strings`;
    notes.push(
      n.reduced === true ? { id: n.id, message: n.message, reduced: true } : { id: n.id, message: n.message },
    );
  }
  return notes;
}

/** "undefined", "null", "a list", "a number", ... */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
