// The front gate: reads a Dockerfile the way BuildKit's parser does and rejects what it rejects, in one pass.
import { InputError } from '../errors';
import { instructionProblem, shellSplit } from './gate-rules';
import { wordTokens } from './shell';

/**
 * The longest line Docker reads, in bytes without the line break. BuildKit's parser reads lines with a
 * bufio.Scanner at its default MaxScanTokenSize (64 KiB, line break included) and fails longer ones with
 * "dockerfile line greater than max allowed size of 65535" (moby/buildkit frontend/dockerfile/parser/parser.go,
 * handleScannerError).
 */
export const MAX_LINE_BYTES = 65_535;

/** What the gate learnt on the way, for the lossless parse to be checked against. */
export interface GateResult {
  escape: string;
  /** 0-based line of each instruction's keyword, in order. */
  starts: number[];
  /**
   * A continuation still open at the end of the file (Docker ends the instruction there): the offsets
   * of its escape character and the blanks around it, or null.
   */
  openContinuation: { start: number; end: number } | null;
}

interface Line {
  /** Offsets of the line, without its line break. */
  start: number;
  end: number;
}

// Anchored at the start and free of lazy groups before `$`: linear on a 64 KB line.
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*)/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_KEYWORDS = new Set(['run', 'copy', 'add']);

/** Checks `text` as Docker would parse it; throws InputError("<why> (line N)") where Docker would fail. */
export function frontGate(text: string): GateResult {
  const lines = physicalLines(text);
  const at = (i: number) => trimEnd(text.slice(lines[i].start, lines[i].end), '\r');
  let escape = '\\';
  let directives = true;
  const seen = new Set<string>();
  const starts: number[] = [];
  let open: GateResult['openContinuation'] = null;

  for (let i = 0; i < lines.length;) {
    const first = at(i).replace(/^\s+/, '');
    if (directives) {
      const m = DIRECTIVE.exec(first);
      const name = m?.[1].toLowerCase();
      const value = m ? trimEnd(m[2], ' \t') : '';
      if (m && name && value && KNOWN_DIRECTIVES.has(name)) {
        if (seen.has(name)) throw lineError(`only one ${name} parser directive can be used`, i);
        seen.add(name);
        if (name === 'escape') {
          if (value !== '\\' && value !== '`') throw lineError(`invalid escape character '${value}'`, i);
          escape = value;
        }
      } else directives = false;
    }
    const startLine = i++;
    let cont = continuation(first.startsWith('#') ? '' : first, escape);
    if (cont.ends && cont.text === '') continue;
    let logical = cont.text;
    let lastEscape = cont.ends ? -1 : startLine;
    while (!cont.ends && i < lines.length) {
      const raw = at(i++);
      directives = false;
      // Comment lines and blank lines inside a continuation are dropped.
      if (/^\s*(#|$)/.test(raw)) continue;
      cont = continuation(raw, escape);
      if (!cont.ends) lastEscape = i - 1;
      logical += cont.text;
    }
    if (!cont.ends && lastEscape >= 0) {
      // The escape, the blanks after it and those before it: the end of an instruction is trimmed anyway.
      const line = at(lastEscape);
      const cut = trimEnd(trimEnd(line, ' \t').slice(0, -1), ' \t').length;
      open = { start: lines[lastEscape].start + cut, end: lines[lastEscape].start + line.length };
    } else open = null;
    directives = false;
    starts.push(startLine);
    const { keyword, rest } = splitCommand(logical);
    const problem = instructionProblem(keyword, rest, escape);
    if (problem) throw lineError(problem, startLine);
    const sub = keyword.toLowerCase() === 'onbuild' ? splitCommand(rest).keyword : keyword;
    if (HEREDOC_KEYWORDS.has(sub.toLowerCase()) && logical.includes('<<')) {
      for (const doc of heredocsIn(logical)) {
        while (i < lines.length && terminatorOf(at(i), doc.chomp) !== doc.name) i++;
        if (i >= lines.length) throw lineError(`unterminated heredoc <<${doc.name}`, startLine);
        i++;
      }
    }
  }
  return { escape, starts, openContinuation: open };
}

/** The text with a continuation left open at the end removed: Docker reads both the same way. */
export function closeOpenContinuation(text: string): string {
  let open: GateResult['openContinuation'];
  try {
    open = frontGate(text).openContinuation;
  } catch {
    // The parse reports it, with its line.
    return text;
  }
  return open ? text.slice(0, open.start) + text.slice(open.end) : text;
}

function lineError(why: string, line: number): InputError {
  return new InputError(`${why} (line ${line + 1})`);
}

/** Every line's offsets; a line over Docker's limit fails here, before anything slower reads it. */
function physicalLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // UTF-8 needs at most 3 bytes per UTF-16 unit: only long lines need counting.
    if (end - start > MAX_LINE_BYTES / 3 && Buffer.byteLength(text.slice(start, end)) > MAX_LINE_BYTES) {
      const bytes = Buffer.byteLength(text.slice(start, end));
      throw lineError(
        `line of ${bytes} bytes: Docker reads lines of at most ${MAX_LINE_BYTES} bytes`,
        lines.length,
      );
    }
    if (end === text.length && start === end) break;
    lines.push({ start, end });
    start = end + 1;
  }
  return lines;
}

/** BuildKit's line continuation: the escape character last on the line, not itself escaped. */
function continuation(line: string, escape: string): { text: string; ends: boolean } {
  let last = line.length - 1;
  while (last >= 0 && (line[last] === ' ' || line[last] === '\t')) last--;
  if (last >= 0 && line[last] === escape && (last === 0 || line[last - 1] !== escape)) {
    return { text: line.slice(0, last), ends: false };
  }
  return { text: line, ends: true };
}

/** The keyword and the arguments after the builder flags (`--from=x`), as BuildKit splits them. */
function splitCommand(line: string): { keyword: string; rest: string } {
  const trimmed = line.trim();
  const keyword = /^\S*/.exec(trimmed)![0];
  const words = wordTokens(trimmed.slice(keyword.length));
  // Flags are the leading words that start with `--` (quotes may hide blanks inside them); `--` ends them.
  let k = 0;
  while (k < words.length && words[k].text.startsWith('--')) if (words[k++].text === '--') break;
  return { keyword, rest: k < words.length ? trimmed.slice(keyword.length + words[k].start) : '' };
}

/** The text without these characters at its end (a loop: `/x*$/` would be quadratic on long lines). */
function trimEnd(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** The line as a heredoc terminator is compared: without its line break (and leading tabs for `<<-`). */
function terminatorOf(line: string, chomp: boolean): string {
  return chomp ? line.replace(/^\t+/, '') : line;
}

/** The heredocs a RUN, COPY or ADD line opens: words like `<<EOF`, `<<-"EOF"`, `3<<EOF`. */
function heredocsIn(line: string): { name: string; chomp: boolean }[] {
  const docs: { name: string; chomp: boolean }[] = [];
  for (const word of shellSplit(line, true)) {
    const m = /^\d*<<(-?)/.exec(word);
    const tail = m ? word.slice(m[0].length).replace(/^\s+/, '') : '';
    if (!m || tail === '' || tail.includes('<')) continue;
    const name = shellSplit(tail, false);
    if (name.length === 1) docs.push({ name: name[0], chomp: m[1] === '-' });
  }
  return docs;
}
