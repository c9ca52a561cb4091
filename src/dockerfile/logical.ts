// The logical content of an instruction: what Docker sees once continuations are joined, mapped to the original.

/** An instruction's text with continuations joined and inner comments dropped, and where each piece came from. */
export interface LogicalText {
  text: string;
  /** The original ranges `text` is made of, in order; `at` is where each starts in `text`. */
  parts: { at: number; start: number; end: number }[];
  /** The original offset just after the last character read. */
  end: number;
}

/**
 * Joins continuation lines from `from` on and drops the comment and empty lines inside them, as Docker does;
 * it stops at the first line that does not continue. An escape left open on the last line is dropped too.
 */
export function logicalText(source: string, from: number, escape: string): LogicalText {
  let text = '';
  const parts: LogicalText['parts'] = [];
  const keep = (start: number, end: number) => {
    if (end <= start) return;
    parts.push({ at: text.length, start, end });
    text += source.slice(start, end);
  };
  let pos = from;
  let end = from;
  for (let first = true; pos <= source.length; first = false) {
    const nl = source.indexOf('\n', pos);
    const lineEnd = nl < 0 ? source.length : nl;
    const line = source.slice(pos, lineEnd).replace(/\r$/, '');
    if (first || !(/^\s*#/.test(line) || line.trim() === '')) {
      const trimmed = line.trimEnd();
      const continued = trimmed.endsWith(escape);
      end = pos + (continued ? trimmed.length - escape.length : line.length);
      keep(pos, end);
      if (!continued || nl < 0) return { text, parts, end };
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return { text, parts, end };
}

/** The original offset of the logical offset `i` (`text.length` maps to just after the last character read). */
export function originalOffset(logical: LogicalText, i: number): number {
  const { parts } = logical;
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (parts[mid].at <= i) lo = mid;
    else hi = mid - 1;
  }
  const part = parts[lo];
  return part && i - part.at < part.end - part.start ? part.start + (i - part.at) : logical.end;
}

/** The original range of the logical range `start`..`end`. */
export function rawRange(logical: LogicalText, start: number, end: number): { start: number; end: number } {
  const from = originalOffset(logical, start);
  return { start: from, end: end > start ? originalOffset(logical, end - 1) + 1 : from };
}

/** The arguments of an instruction as Docker reads them (`raw`: the text after the keyword and flags), trimmed. */
export function logicalBody(raw: string, escape: string): string {
  return logicalText(raw, 0, escape).text.trim();
}

/**
 * The JSON array form of arguments as Docker reads it: the strings; false for an array of other values (an
 * error to Docker); null for the shell form. (dockerfile-ast's getJSONStrings drops blanks inside strings and
 * takes `["a",]` and `["a"] b` for JSON, which Docker runs as shell form.)
 */
export function jsonForm(body: string): string[] | false | null {
  if (!body.startsWith('[')) return null;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  return value.every((v) => typeof v === 'string') ? (value as string[]) : false;
}

/** The JSON array form of CMD/ENTRYPOINT/RUN/... arguments, or null for the shell form. */
export function parseExecForm(body: string): string[] | null {
  return jsonForm(body) || null;
}
