// A RUN instruction's shell text read into commands and words, each word knowing where it sits in the original.

/** The logical text of an instruction body (continuations joined, inner comments dropped) with original offsets. */
export interface LogicalText {
  text: string;
  /** `raw[i]` is the offset in the instruction text of `text[i]`; one extra entry for the end. */
  raw: number[];
}

/** Joins continuation lines from `from` on and drops comment and empty lines inside them, as Docker does. */
export function logicalText(instruction: string, from: number, escape: string): LogicalText {
  let text = '';
  const raw: number[] = [];
  let pos = from;
  let first = true;
  while (pos <= instruction.length) {
    const nl = instruction.indexOf('\n', pos);
    const end = nl < 0 ? instruction.length : nl;
    const line = instruction.slice(pos, end).replace(/\r$/, '');
    const skip = !first && (/^\s*#/.test(line) || line.trim() === '');
    if (!skip) {
      const trimmed = line.replace(/\s+$/, '');
      const continued = nl >= 0 && trimmed.endsWith(escape);
      const keep = continued ? trimmed.length - escape.length : line.length;
      for (let i = 0; i < keep; i++) {
        text += line[i];
        raw.push(pos + i);
      }
      if (!continued) {
        raw.push(pos + keep);
        return { text, raw };
      }
    }
    first = false;
    if (nl < 0) break;
    pos = nl + 1;
  }
  raw.push(instruction.length);
  return { text, raw };
}

export type TokenKind = 'word' | 'op' | 'redirect';

export interface Token {
  kind: TokenKind;
  /** The text as written (quotes included). */
  text: string;
  /** The word with quotes removed; for operators, the operator. */
  value: string;
  /** Offsets in the logical text. */
  start: number;
  end: number;
  /** Whether the shell would expand something in it ($VAR, $(...), `...`, globs) rather than take it literally. */
  expands: boolean;
}

const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '(', ')'];
const REDIRECT = /^(?:\d*(?:>>|>&|<&|<<|>|<)|&>>?)/;

/** Splits shell text into words, operators and redirections; null when a quote is left open. */
export function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    // A word that starts with # starts a comment, which runs to the end of the (joined) line.
    if (text[i] === '#') break;
    const op = text.startsWith('&>', i) ? undefined : OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, value: op, start: i, end: i + op.length, expands: false });
      i += op.length;
      continue;
    }
    const redirect = REDIRECT.exec(text.slice(i));
    const start = i;
    if (redirect) i += redirect[0].length;
    let value = '';
    let expands = false;
    let quote: string | null = null;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quote) {
        if (c === quote) quote = null;
        else if (quote === '"' && c === '\\' && i + 1 < text.length) value += text[++i];
        else {
          if (quote === '"' && (c === '$' || c === '`')) expands = true;
          value += c;
        }
        continue;
      }
      if (quote === null && (text.startsWith('$(', i) || c === '`')) {
        // A command substitution is one piece of the word, operators and blanks inside it included.
        const end = substitutionEnd(text, i);
        if (end < 0) return null;
        value += text.slice(i, end);
        expands = true;
        i = end - 1;
        continue;
      }
      if (
        /\s/.test(c) ||
        OPERATORS.some((o) => text.startsWith(o, i)) ||
        (i > start && REDIRECT.test(text.slice(i)) && /[<>]/.test(c))
      )
        break;
      if (c === '"' || c === "'") quote = c;
      else if (c === '\\' && i + 1 < text.length) value += text[++i];
      else {
        if (/[$`*?[]/.test(c)) expands = true;
        value += c;
      }
    }
    if (quote) return null;
    tokens.push({
      kind: redirect ? 'redirect' : 'word',
      text: text.slice(start, i),
      value,
      start,
      end: i,
      expands,
    });
  }
  return tokens;
}

/** The end of a `$(...)` or `...` substitution starting at `i`; -1 when it is not closed. */
function substitutionEnd(text: string, i: number): number {
  if (text[i] === '`') {
    const close = text.indexOf('`', i + 1);
    return close < 0 ? -1 : close + 1;
  }
  let depth = 0;
  let quote: string | null = null;
  for (let k = i + 1; k < text.length; k++) {
    const c = text[k];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k + 1;
  }
  return -1;
}

/** One simple command: its words (redirections and their targets apart) and the operators around it. */
export interface Command {
  /** Words in order, redirections left out. */
  words: Token[];
  /** Every token of the command, redirections included. */
  tokens: Token[];
  start: number;
  end: number;
  before: Token | null;
  after: Token | null;
}

/** Groups tokens into simple commands split by `&&`, `||`, `;`, `|`, `&`; null when parentheses group them. */
export function commandsOf(tokens: readonly Token[]): Command[] | null {
  const commands: Command[] = [];
  let current: Token[] = [];
  let before: Token | null = null;
  const flush = (after: Token | null) => {
    if (!current.length) return;
    const words: Token[] = [];
    for (let k = 0; k < current.length; k++) {
      const t = current[k];
      if (t.kind === 'redirect') {
        // `> file` takes the next word as its target; `>file` and `2>&1` carry it.
        if (t.text === t.text.match(REDIRECT)?.[0]) k++;
        continue;
      }
      words.push(t);
    }
    commands.push({
      words,
      tokens: current,
      start: current[0].start,
      end: current[current.length - 1].end,
      before,
      after,
    });
    current = [];
  };
  for (const t of tokens) {
    if (t.kind !== 'op') {
      current.push(t);
      continue;
    }
    if (t.value === '(' || t.value === ')' || t.value === ';;') return null;
    flush(t);
    before = t;
  }
  flush(null);
  return commands;
}

/** Shell words that open or close a compound command: the tool does not edit inside those. */
export const CONTROL_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  '{',
  '}',
  '!',
]);
