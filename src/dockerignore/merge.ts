// Merging rules into an existing ignore file: every line kept, missing rules appended under one marked section.
import { cleanPattern, compileRules, ruleLines } from './matcher';
import type { IgnoreEntry } from './entry';
import { MARKER } from './notes';

/**
 * The entries `existing` lacks, in order, as lines to append (each rule followed by its exceptions). A rule
 * is skipped when the file already hides what it names (`**\/node_modules` covers `node_modules`, a deny-all
 * `*` covers every top-level name) or when it would undo one of the file's own `!` exceptions, since those
 * are the owner's decisions and rules appended below them would win.
 */
export function missingEntries(
  existing: string,
  entries: IgnoreEntry[],
): { lines: string[]; added: IgnoreEntry[] } {
  const cleaned = new Set(ruleLines(existing).map(cleanPattern));
  // Generated rules do not cover one another, so only the owner's rules are asked (compiled once).
  const theirs = compileRules(existing);
  const lines: string[] = [];
  const added: IgnoreEntry[] = [];
  for (const e of entries) {
    const pattern = cleanPattern(e.pattern);
    if (cleaned.has(pattern) || theirs.ignores(pattern)) continue;
    const own = compileRules(e.pattern);
    if (theirs.exceptions.some((exception) => own.ignores(exception))) continue;
    const group = [e.pattern, ...e.except.map((x) => `!${x}`)];
    lines.push(...group);
    group.forEach((line) => cleaned.add(cleanPattern(line)));
    added.push(e);
  }
  return { lines, added };
}

/**
 * `existing` with `lines` appended under the marker comment (written once: a file that has it already gets
 * the lines at its end, which is where the section is). Line endings follow the file; its text is untouched.
 */
export function appendSection(existing: string, lines: string[]): string {
  if (lines.length === 0) return existing;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  let text = existing;
  if (text !== '' && !text.endsWith('\n')) text += eol;
  if (!hasMarker(existing)) {
    // A blank line keeps the section apart from the owner's last block.
    if (text.trim() !== '' && !/\n\s*\n$/.test(text)) text += eol;
    text += MARKER + eol;
  }
  return text + lines.map((line) => line + eol).join('');
}

/** Whether the file holds the section marker already. */
export function hasMarker(text: string): boolean {
  return text.split(/\r?\n/).some((line) => line.trim() === MARKER);
}
