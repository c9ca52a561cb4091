// Paths in the forms other programs read back: git's quoted names in diffs, shell words in hints, terminal text.

// git's C escapes (quote.c); other control bytes, DEL and non-ASCII bytes are written in octal.
const C_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

// C0 controls, DEL and C1 controls: what a terminal may act on instead of showing. Matching control
// characters is the point here, hence the lint exceptions.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;
// What git quotes: control characters, `"`, `\` and anything beyond ASCII.
// eslint-disable-next-line no-control-regex
const GIT_QUOTED = /[\x00-\x1f"\\\x7f-\uffff]/;

const octal = (byte: number) => '\\' + byte.toString(8).padStart(3, '0');
const escapeByte = (byte: number) =>
  C_ESCAPES[byte] ?? (byte < 0x20 || byte >= 0x7f ? octal(byte) : String.fromCharCode(byte));

/**
 * A path as git writes it in a diff (core.quotePath, git's default): unchanged unless it holds a control
 * character, `"`, `\` or a non-ASCII character; then in double quotes, with C escapes and octal bytes.
 */
export function quoteGitPath(p: string): string {
  if (!GIT_QUOTED.test(p)) return p;
  let out = '';
  for (const byte of Buffer.from(p, 'utf8')) out += escapeByte(byte);
  return `"${out}"`;
}

/** Text for a terminal: control characters (a newline in a name, an escape sequence) shown as C escapes. */
export function printable(text: string): string {
  return text.replace(CONTROLS, (c) => escapeControl(c.charCodeAt(0)));
}

/** A path for a terminal line: as it is, or in double quotes with C escapes when it holds a control character. */
export function printablePath(p: string): string {
  return CONTROL.test(p)
    ? `"${p.replace(/["\\]/g, '\\$&').replace(CONTROLS, (c) => escapeControl(c.charCodeAt(0)))}"`
    : p;
}

// C1 controls are characters, not bytes: `\u0085`, which bash and zsh read inside $'...' too.
const escapeControl = (code: number) =>
  code >= 0x80 ? `\\u${code.toString(16).padStart(4, '0')}` : escapeByte(code);

/**
 * One POSIX shell word: as it is when it holds only characters no shell treats specially, else in single
 * quotes (which keep everything literal). A control character makes it a `$'...'` word (bash, zsh, ksh and
 * POSIX.1-2024), so a printed command stays on one line and shows no raw escape sequence.
 */
export function shellWord(arg: string): string {
  if (/^[\w./@%+=:,-]+$/.test(arg)) return arg;
  if (CONTROL.test(arg)) {
    return `$'${arg.replace(/[\\']/g, '\\$&').replace(CONTROLS, (c) => escapeControl(c.charCodeAt(0)))}'`;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A relative path as a shell word no program can take for an option: `-dash` is written `./-dash`. */
export function shellPath(p: string): string {
  return shellWord(p.startsWith('-') ? `./${p}` : p);
}
