// Docker's variable expansion in instruction arguments: `$NAME` and `${NAME...}` with their defaults.

/** Looks a variable up; undefined when it has no known value. */
export type Lookup = (name: string) => string | undefined;

const SIMPLE = /\$([A-Za-z_][A-Za-z0-9_]*)/y;
const BRACED = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}/y;

/**
 * Reads `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}` or `${NAME+word}` at `start`:
 * its value (null when unknown) and where it ends; null when no variable starts there. `noBraceFrom` is where
 * a search found no `}` left in `text`, so a line of unclosed `${` is read in linear time.
 */
export function readVariable(
  text: string,
  start: number,
  lookup: Lookup,
  noBraceFrom = { at: Infinity },
): { value: string | null; end: number } | null {
  SIMPLE.lastIndex = start;
  const simple = SIMPLE.exec(text);
  if (simple) return { value: lookup(simple[1]) ?? null, end: start + simple[0].length };
  if (start >= noBraceFrom.at || !text.startsWith('${', start)) return null;
  if (text.indexOf('}', start) < 0) {
    noBraceFrom.at = start;
    return null;
  }
  BRACED.lastIndex = start;
  const braced = BRACED.exec(text);
  if (!braced) return null;
  const [whole, name, op, word] = braced;
  const value = lookup(name);
  const set = op?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  const end = start + whole.length;
  if (op?.endsWith('-')) return { value: set ? value! : word, end };
  if (op?.endsWith('+')) return { value: set ? word : '', end };
  return { value: value ?? null, end };
}
