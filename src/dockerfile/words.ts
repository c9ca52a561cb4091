// Docker's own word rules for COPY/ADD/ARG/ENV, not the shell's: quotes, the file's escape character, `$VAR` expansion.

/** Looks a variable up; undefined when it has no known value. */
export type Lookup = (name: string) => string | undefined;

/**
 * Splits `text` into words as Docker does for COPY/ADD, expanding variables with `lookup`. A word that uses
 * a variable with no known value (and no `${X:-default}`) comes back as null: its real value is unknowable.
 */
export function expandWords(text: string, escape: string, lookup: Lookup): (string | null)[] {
  const words: (string | null)[] = [];
  let word = '';
  let inWord = false;
  let unknown = false;
  let quote: '"' | "'" | null = null;
  const end = () => {
    if (inWord) words.push(unknown ? null : word);
    word = '';
    inWord = false;
    unknown = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      continue;
    }
    if (c === escape && i + 1 < text.length) {
      const next = text[i + 1];
      // Inside double quotes only `"`, `$` and the escape itself are escaped; elsewhere any character is.
      if (quote === '"' && next !== '"' && next !== '$' && next !== escape) word += c;
      else i++;
      word += next;
      inWord = true;
      continue;
    }
    if (c === '"' || (c === "'" && !quote)) {
      quote = quote === c ? null : c;
      inWord = true;
      continue;
    }
    if (c === '$') {
      const variable = readVariable(text, i, lookup);
      if (variable) {
        if (variable.value === null) unknown = true;
        else word += variable.value;
        i = variable.end - 1;
        inWord = true;
        continue;
      }
    }
    if (!quote && /\s/.test(c)) {
      end();
      continue;
    }
    word += c;
    inWord = true;
  }
  end();
  return words;
}

/** Expands variables in one word that is not split or unquoted further (a JSON-form argument). */
export function expandWord(text: string, lookup: Lookup): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const variable = text[i] === '$' ? readVariable(text, i, lookup) : null;
    if (!variable) {
      out += text[i];
      continue;
    }
    if (variable.value === null) return null;
    out += variable.value;
    i = variable.end - 1;
  }
  return out;
}

/** `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}` at `start`. */
function readVariable(
  text: string,
  start: number,
  lookup: Lookup,
): { value: string | null; end: number } | null {
  const simple = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(start));
  if (simple) return { value: lookup(simple[1]) ?? null, end: start + simple[0].length };
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}/.exec(text.slice(start));
  if (!braced) return null;
  const [whole, name, op, word] = braced;
  const value = lookup(name);
  const set = op?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  const end = start + whole.length;
  if (op?.endsWith('-')) return { value: set ? value! : word, end };
  if (op?.endsWith('+')) return { value: set ? word : '', end };
  return { value: value ?? null, end };
}
