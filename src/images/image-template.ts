// FROM images written with ARGs (`node:${NODE_VERSION}`): expanding them, and writing a new image that keeps them.

interface Segment {
  /** The text as written: a literal, or one `$NAME` / `${NAME...}` reference. */
  text: string;
  /** Its value once expanded; null when the variable has no value. */
  value: string | null;
  variable: string | null;
}

/** An image reference as written, with its ARG references expanded where they have a value. */
export interface ImageTemplate {
  written: string;
  /** The reference with every variable expanded; null when one has no value. */
  resolved: string | null;
  /** Variables with no default (and no `${X:-word}` fallback). */
  unresolved: string[];
  variables: string[];
  segments: Segment[];
}

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Splits `written` into literals and variable references and expands them as Docker does for FROM. */
export function readTemplate(written: string, args: ReadonlyMap<string, string>): ImageTemplate {
  const segments: Segment[] = [];
  let last = 0;
  for (const m of written.matchAll(VAR)) {
    if (m.index > last) segments.push(literal(written.slice(last, m.index)));
    const name = m[1] ?? m[4];
    const set = args.get(name);
    const op = m[2];
    let value: string | null = set ?? null;
    // ${X:-word} and ${X-word} fall back to word; ${X:+word} gives word only when X is set.
    if (op === ':-' || op === '-') value = set === undefined || (op === ':-' && set === '') ? m[3] : set;
    if (op === ':+' || op === '+') value = set !== undefined && (op === '+' || set !== '') ? m[3] : '';
    segments.push({ text: m[0], value, variable: name });
    last = m.index + m[0].length;
  }
  if (last < written.length) segments.push(literal(written.slice(last)));
  const unresolved = segments.filter((s) => s.value === null).map((s) => s.variable!);
  return {
    written,
    resolved: unresolved.length ? null : segments.map((s) => s.value).join(''),
    unresolved,
    variables: segments.filter((s) => s.variable).map((s) => s.variable!),
    segments,
  };
}

const literal = (text: string): Segment => ({ text, value: text, variable: null });

/** Splits a reference (written or resolved) into name, tag and digest text, ignoring `:` inside `${...}`. */
export function splitReference(ref: string): { name: string; tag: string | null; digest: string | null } {
  let depth = 0;
  let at = -1;
  let colon = -1;
  let slash = -1;
  for (let i = 0; i < ref.length; i++) {
    const c = ref[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === '@' && at < 0) at = i;
    else if (depth === 0 && at < 0 && c === '/') slash = i;
    else if (depth === 0 && at < 0 && c === ':') colon = i;
  }
  const end = at >= 0 ? at : ref.length;
  const digest = at >= 0 ? ref.slice(at + 1) : null;
  if (colon > slash) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1, end), digest };
  return { name: ref.slice(0, end), tag: null, digest };
}

/**
 * Writes `output` (chosen from the resolved image) so that it keeps the template's ARGs, or returns null with
 * the variable that would stop working. Kept: a pure suffix (`node:${V}` -> `node:${V}-alpine`), a variable
 * that still starts the name (a registry) or the tag (`maven:${M}-eclipse-temurin-${J}` -> `...:${J}-jre`).
 */
export function keepVariables(template: ImageTemplate, output: string): { text: string } | { lost: string } {
  if (!template.variables.length) return { text: output };
  const resolved = template.resolved ?? '';
  if (output.startsWith(resolved)) return { text: template.written + output.slice(resolved.length) };
  const written = splitReference(template.written);
  const parts = splitReference(output);
  const name = keepInName(readTemplateParts(template, written.name), parts.name);
  if ('lost' in name) return name;
  let tag = parts.tag;
  if (tag !== null && written.tag !== null) {
    const kept = keepInTag(readTemplateParts(template, written.tag), tag);
    if ('lost' in kept) return kept;
    tag = kept.text;
  }
  return { text: name.text + (tag !== null ? ':' + tag : '') };
}

/** The segments of one part of the written reference (it is cut at segment boundaries, never inside a `${}`). */
function readTemplateParts(template: ImageTemplate, part: string): Segment[] {
  const vars = new Map<string, string>();
  for (const s of template.segments) if (s.variable && s.value !== null) vars.set(s.variable, s.value);
  return readTemplate(part, vars).segments;
}

function keepInName(segments: Segment[], output: string): { text: string } | { lost: string } {
  // The longest run of whole segments, ending at a path boundary, that the output still starts with.
  let written = '';
  let value = '';
  let best = { written: '', value: '' };
  for (const s of segments) {
    written += s.text;
    value += s.value ?? '';
    const boundary = output.length === value.length || output[value.length] === '/' || value.endsWith('/');
    if (output.startsWith(value) && boundary) best = { written, value };
  }
  const dropped = segments.filter((s) => s.variable).find((s) => !best.written.includes(s.text));
  if (dropped) return { lost: dropped.variable! };
  return { text: best.written + output.slice(best.value.length) };
}

function keepInTag(segments: Segment[], output: string): { text: string } | { lost: string } {
  const vars = segments.filter((s) => s.variable);
  if (!vars.length) return { text: output };
  // A variable whose value still starts the tag carries the version: keep it; the others named what changed.
  const carrier = vars.find(
    (s) => s.value && output.startsWith(s.value) && /^(?:$|[-._])/.test(output.slice(s.value.length)),
  );
  if (!carrier) return { lost: vars[0].variable! };
  return { text: carrier.text + output.slice(carrier.value!.length) };
}
