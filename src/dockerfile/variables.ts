// Variable names in Dockerfile text: the ones ARG/ENV lines declare and the ones `$NAME` / `${NAME}` use.

/** Names an ARG or ENV line declares (`ARG A=1 B`, `ENV A=1`); comment lines above it are skipped. */
export function declaredNames(text: string): string[] {
  return text
    .replace(/^(\s*#.*\n)*\s*(arg|env)\s+/i, '')
    .split(/\s+/)
    .map((w) => w.split('=')[0])
    .filter((w) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(w));
}

/** Names used as `$NAME` or `${NAME...}`. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}
