// Edits on one instruction's text that keep its layout: continuation style, indentation and inner comments.
import { applyEdits, removeRange, type Edit } from '../dockerfile/edits';
import { rawRange, type LogicalText } from '../dockerfile/logical';
import type { Token } from '../dockerfile/shell';
import { InternalError } from '../errors';

/** Marks edited spots while tidying (GONE: a removal): private-use characters, removed before returning. */
const MARK = '\uE000';
const GONE = '\uE001';

/**
 * Removes the tokens `from`..`to` with the blanks after them, or the blanks before them when only the line's end
 * follows or `last` is set (`install -y \` -> `install \`). A line left empty is dropped by `editRun`.
 */
export function removeTokens(
  instruction: string,
  logical: LogicalText,
  from: Token,
  to: Token,
  escape: string,
  last: boolean,
): Edit {
  const { start, end } = rawRange(logical, from.start, to.end);
  let after = end;
  while (instruction[after] === ' ' || instruction[after] === '\t') after++;
  const restOfLine = instruction.slice(after).split('\n')[0].replace(/\r$/, '').trim();
  if (!last && restOfLine !== '' && restOfLine !== escape) return removeRange(start, after);
  let before = start;
  while (before > 0 && (instruction[before - 1] === ' ' || instruction[before - 1] === '\t')) before--;
  return removeRange(before, end);
}

/**
 * Removals that share blanks (`-y --no-install-recommends \`: the first takes the blank after it, the second
 * the one before it) are one removal; other edits are left as they are.
 */
export function joinRemovals(edits: readonly Edit[]): Edit[] {
  const joined: Edit[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const prev = joined[joined.length - 1];
    if (prev && edit.start < prev.end && prev.text === '' && edit.text === '')
      prev.end = Math.max(prev.end, edit.end);
    else joined.push({ ...edit });
  }
  return joined;
}

/**
 * Applies edits to an instruction's text (with `applyEdits`), then tidies the lines they touched: a continuation
 * line left with nothing but blanks (and the escape) goes, and the last line never ends with a continuation.
 * Returns '' when nothing but the keyword is left; null when two edits overlap.
 */
export function editRun(instruction: string, edits: readonly Edit[], escape: string): string | null {
  let out: string;
  try {
    out = applyEdits(
      instruction,
      edits.map((e) => ({ ...e, text: MARK + (e.text || GONE) })),
    );
  } catch (error) {
    if (error instanceof InternalError) return null;
    throw error;
  }

  // A removal between two blanks leaves one: `install -y --no-install-recommends \` -> `add --no-cache \`.
  out = out
    .replace(/(\S[ \t])[ \t]*\uE000\uE001[ \t]+/g, `$1${MARK}`)
    .split(GONE)
    .join('');
  const plain = (line: string) => line.split(MARK).join('').replace(/\r$/, '');
  const blank = (line: string) => {
    const text = plain(line).trim();
    return text === '' || text === escape;
  };
  let lines = out.split('\n').filter((line, i) => i === 0 || !(line.includes(MARK) && blank(line)));
  // Removing the end of an instruction can leave comment lines or a continuation with nothing after it.
  while (lines.length > 1 && (/^\s*#/.test(plain(lines[lines.length - 1])) || blank(lines[lines.length - 1])))
    lines.pop();
  lines = lines.map((line, i) => {
    if (!line.includes(MARK)) return line;
    const cr = line.endsWith('\r') ? '\r' : '';
    let text = plain(line).replace(/[ \t]+$/, '');
    if (i === lines.length - 1 && text.endsWith(escape))
      text = text.slice(0, -escape.length).replace(/[ \t]+$/, '');
    return text + cr;
  });
  const last = plain(lines[lines.length - 1]);
  if (last.trimEnd().endsWith(escape) && lines.length > 0) {
    // The old last line went away: the new one must not continue into the next instruction.
    lines[lines.length - 1] = lines[lines.length - 1].replace(
      new RegExp(`[ \\t]*${escapeRegExp(escape)}[ \\t]*(\\r?)$`),
      '$1',
    );
  }
  const result = lines.join('\n').split(MARK).join('');
  return /^\s*\S+\s*$/.test(result.replace(new RegExp(`${escapeRegExp(escape)}\\s*$`, 'gm'), ''))
    ? ''
    : result;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
