// The one reader of shell text and of Docker's argument words: tokens with their offsets, and the commands they make.
import { readVariable, type Lookup } from './expansion';

export type TokenKind = 'word' | 'op' | 'redirect';

export interface Token {
  kind: TokenKind;
  /** The text as written (quotes included). */
  text: string;
  /**
   * A word with quotes and escapes removed (`$VARS` and `$(...)` kept as written); a redirection with its
   * operator (`2>/dev/null`, `>`); an operator itself.
   */
  value: string;
  /** Offsets in the text read. */
  start: number;
  end: number;
  /** Whether the shell would expand something in it ($VAR, $(...), `...`, globs) rather than take it literally. */
  expands: boolean;
  /** Read with a lookup: a variable in it has no known value, so neither has the word. */
  unknown?: boolean;
}

/** One simple command: its words and the operators around it. */
export interface ShellCommand {
  /** Words with quotes removed; a redirection is a word with its operator (`>`, `2>&1`, `>>log`). */
  words: string[];
  /** The command as written, from its first token to its last. */
  text: string;
  /** Every token, redirections included. */
  tokens: Token[];
  /** The word tokens, redirections and their targets left out. */
  args: Token[];
  start: number;
  end: number;
  /** The operators that join it to the commands before and after it; null at either end. */
  before: Token | null;
  after: Token | null;
}

// A line break ends a command as `;` does (heredoc scripts, `sh -c` strings); `;;` and parentheses group.
const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '(', ')', '\n'];
const OPERATOR_CHARS = '&|;()\n';
const REDIRECT = /\d*(?:>>|>&|<&|<<|>|<)|&>>?/y;
const GROUPING = new Set(['(', ')', ';;']);
const PLAIN = /[^\s"'\\$`&|;()<>*?[]+/y;

interface LexOptions {
  /**
   * As the shell reads a command line: control operators, redirections, `#` comments and command
   * substitutions. Else as Docker reads the words of an ENV, COPY or VOLUME line: only blanks part words.
   */
  shell: boolean;
  /** Null for a quote or a command substitution left open; else it runs to the end of the text. */
  strict: boolean;
  /** The escape character: the Dockerfile's for its own words, the backslash for the shell. */
  escape: string;
  /** Docker's words only: `$NAME` and `${NAME...}` are expanded with it (see variables.ts). */
  lookup?: Lookup;
}

/** Reads text into tokens (see LexOptions); null only when `strict` finds something left open. */
function lex(text: string, options: LexOptions): Token[] | null {
  const { shell } = options;
  const tokens: Token[] = [];
  const noBrace = { at: Infinity };
  let i = 0;
  while (i < text.length) {
    const op = text.startsWith('&>', i) ? undefined : operatorAt(text, i, shell);
    if (op) {
      tokens.push({ kind: 'op', text: op, value: op, start: i, end: i + op.length, expands: false });
      i += op.length;
      continue;
    }
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    if (shell && text[i] === '#') {
      // A word that starts with # starts a comment, which runs to the end of the line.
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    const word = readWord(text, i, options, noBrace);
    if (!word) return null;
    tokens.push(word);
    i = word.end;
  }
  return tokens;
}

const operatorAt = (text: string, i: number, shell: boolean) =>
  shell && OPERATOR_CHARS.includes(text[i]) ? OPERATORS.find((o) => text.startsWith(o, i)) : undefined;

/** One word or redirection from `start` on; null when `strict` finds a quote or substitution left open. */
function readWord(text: string, start: number, options: LexOptions, noBrace: { at: number }): Token | null {
  const { shell, strict, escape, lookup } = options;
  let i = start;
  let redirect = '';
  if (shell) {
    REDIRECT.lastIndex = i;
    redirect = REDIRECT.exec(text)?.[0] ?? '';
    i += redirect.length;
  }
  let value = redirect;
  let expands = false;
  let unknown = false;
  let quote: string | null = null;
  /** A variable Docker expands at `i`: true when read (its value added to the word). */
  const variable = () => {
    const found = lookup && text[i] === '$' ? readVariable(text, i, lookup, noBrace) : null;
    if (!found) return false;
    // A value past Docker's own line limit is no path or name the tool reads: it is taken as unknown rather
    // than built (`ARG A2=${A1}${A1}` doubling 30 times would fill the heap).
    if (found.value === null || value.length + found.value.length > MAX_EXPANDED) unknown = true;
    else value += found.value;
    i = found.end - 1;
    return true;
  };
  for (; i < text.length; i++) {
    if (!quote) {
      // Characters with no meaning to the shell are taken in one piece.
      PLAIN.lastIndex = i;
      const plain = PLAIN.exec(text)?.[0];
      if (plain) {
        value += plain;
        i += plain.length - 1;
        continue;
      }
    }
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (quote === '"' && c === escape && i + 1 < text.length) {
        // Inside double quotes Docker escapes only `"`, `$` and the escape itself; this reading of the
        // shell, any character.
        const next = text[i + 1];
        if (shell || next === '"' || next === '$' || next === escape) value += text[++i];
        else value += c;
      } else if (quote === "'" || !variable()) {
        if (quote === '"' && (c === '$' || c === '`')) expands = true;
        value += c;
      }
      continue;
    }
    if (shell && (text.startsWith('$(', i) || c === '`')) {
      // A command substitution is one piece of the word, operators and blanks inside it included.
      // One left open runs to the end, so a line of them is still read in linear time.
      const end = substitutionEnd(text, i);
      if (end < 0 && strict) return null;
      value += text.slice(i, end < 0 ? text.length : end);
      expands = true;
      i = (end < 0 ? text.length : end) - 1;
      continue;
    }
    if (/\s/.test(c) || operatorAt(text, i, shell) || (shell && i > start && (c === '<' || c === '>'))) break;
    if (c === '"' || c === "'") quote = c;
    else if (c === escape && i + 1 < text.length) value += text[++i];
    else if (!variable()) {
      if (/[$`*?[]/.test(c)) expands = true;
      value += c;
    }
  }
  if (quote && strict) return null;
  const kind = redirect ? 'redirect' : 'word';
  return { kind, text: text.slice(start, i), value, start, end: i, expands, ...(unknown ? { unknown } : {}) };
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

/** Splits shell text into words, operators and redirections; null when a quote is left open. */
export function tokenize(text: string): Token[] | null {
  return lex(text, { shell: true, strict: true, escape: '\\' });
}

/**
 * Groups tokens into simple commands split by `&&`, `||`, `;`, `|`, `&` and line breaks; null when
 * parentheses or `;;` group them, unless `grouped` lets those part commands too.
 */
export function commandsOf(tokens: readonly Token[], text: string, grouped = false): ShellCommand[] | null {
  const commands: ShellCommand[] = [];
  let current: Token[] = [];
  let before: Token | null = null;
  const flush = (after: Token | null) => {
    if (!current.length) return;
    const args: Token[] = [];
    for (let k = 0; k < current.length; k++) {
      const t = current[k];
      if (t.kind !== 'redirect') args.push(t);
      // `> file` takes the next word as its target; `>file` and `2>&1` carry it.
      else if (t.text.length === redirectLength(t.text)) k++;
    }
    const start = current[0].start;
    const end = current[current.length - 1].end;
    commands.push({
      words: current.map((t) => t.value),
      text: text.slice(start, end),
      tokens: current,
      args,
      start,
      end,
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
    if (GROUPING.has(t.value) && !grouped) return null;
    flush(t);
    before = t;
  }
  flush(null);
  return commands;
}

function redirectLength(text: string): number {
  REDIRECT.lastIndex = 0;
  return REDIRECT.exec(text)?.[0].length ?? 0;
}

/**
 * Splits a shell command line into its simple commands, quotes respected, no expansion; a quote left open
 * runs to the end, and parentheses only part commands.
 */
export function splitCommands(line: string): ShellCommand[] {
  return commandsOf(lex(line, { shell: true, strict: false, escape: '\\' })!, line, true)!;
}

/** The longest word an expansion builds (Docker's 64 KB line limit): longer ones are unknown. */
export const MAX_EXPANDED = 64 * 1024;

/**
 * The words of an instruction's arguments as Docker splits them (ENV, COPY, VOLUME): only blanks part words,
 * quotes and escapes are read; `$VARS` stay as written unless `lookup` expands them (a word with an unknown
 * one is marked `unknown`). `text` is each word as written, `value` without quotes and escapes.
 */
export function wordTokens(text: string, escape = '\\', lookup?: Lookup): Token[] {
  return lex(text, { shell: false, strict: false, escape, lookup })!;
}

/** The words of `text` with quotes and escapes removed (see `wordTokens`). */
export function shellWords(text: string, escape = '\\'): string[] {
  return wordTokens(text, escape).map((t) => t.value);
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Whether a word only sets a variable for the command after it (`NODE_ENV=production npm ci`). */
export const isAssignment = (word: string): boolean => ASSIGNMENT.test(word);

/** Where a command's program is: after its leading `NAME=value` words, and `sudo`/`env` too with `wrappers`. */
export function programAt(words: readonly string[], wrappers = false): number {
  let i = 0;
  while (i < words.length && (isAssignment(words[i]) || (wrappers && /^(?:sudo|env)$/.test(words[i])))) i++;
  return i;
}

/** A program's name without its folder: /usr/bin/apt-get -> apt-get. */
export const programName = (word: string): string => word.replace(/^.*\//, '');

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
