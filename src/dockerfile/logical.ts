// The logical content of an instruction: what Docker sees once continuations are joined.

/**
 * Joins continuation lines and drops the comment and empty lines inside them, as Docker does.
 * `raw` is the text after the keyword (and flags); the result is trimmed.
 */
export function logicalBody(raw: string, escape: string): string {
  const lines = raw.split(/\r?\n/);
  const parts: string[] = [];
  lines.forEach((line, i) => {
    if (i > 0 && (/^\s*#/.test(line) || line.trim() === '')) return;
    const trimmed = line.trimEnd();
    parts.push(trimmed.endsWith(escape) ? trimmed.slice(0, -1) : line);
  });
  return parts.join('').trim();
}

/** The JSON array form of CMD/ENTRYPOINT/RUN/... arguments, or null for the shell form. */
export function parseExecForm(body: string): string[] | null {
  if (!body.startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(body);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}
