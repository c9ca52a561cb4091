// Docker's words of COPY/ADD/ARG/ENV with their `$VAR`s expanded: split by the one lexer (shell.ts).
import { MAX_EXPANDED, wordTokens } from './shell';
import { readVariable, type Lookup } from './expansion';

export type { Lookup };

/**
 * Splits `text` into words as Docker does for COPY/ADD, expanding variables with `lookup`. A word that uses
 * a variable with no known value (and no `${X:-default}`) comes back as null: its real value is unknowable.
 */
export function expandWords(text: string, escape: string, lookup: Lookup): (string | null)[] {
  return wordTokens(text, escape, lookup).map((t) => (t.unknown ? null : t.value));
}

/** Expands variables in one word that is not split or unquoted further (a JSON-form argument). */
export function expandWord(text: string, lookup: Lookup): string | null {
  let out = '';
  const noBrace = { at: Infinity };
  for (let i = 0; i < text.length; i++) {
    const variable = text[i] === '$' ? readVariable(text, i, lookup, noBrace) : null;
    if (!variable) {
      out += text[i];
      continue;
    }
    if (variable.value === null || out.length + variable.value.length > MAX_EXPANDED) return null;
    out += variable.value;
    i = variable.end - 1;
  }
  return out;
}
