// Text helpers for build scripts read without a parser: size-checked reads, comments out, brace-delimited blocks.
import { InputError } from '../errors';
import type { ProjectView } from '../contract/project-view';

/**
 * Build files (pom.xml, build.gradle, tsconfig.json, ...) longer than this are refused: real ones are
 * kilobytes, and reading them as text costs about a second per megabyte.
 */
export const MAX_BUILD_FILE_CHARS = 2 * 1024 * 1024;

/** A build file's text, or null when missing; throws InputError naming the file when it is too large. */
export function readBuildFile(view: ProjectView, rel: string): string | null {
  const text = view.readText(rel);
  if (text !== null && text.length > MAX_BUILD_FILE_CHARS) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    throw new InputError(`${rel}: ${mb} MB, more than the 2 MB this tool reads of a build file`);
  }
  return text;
}

/**
 * Source without `//` and `/* *\/` comments (JavaScript, Groovy, Kotlin); strings, template literals and
 * Groovy's triple-quoted strings are kept, so a `//` inside a URL string survives.
 */
export function stripComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const triple = text.slice(i, i + 3);
    if (triple === '"""' || triple === "'''") {
      const end = text.indexOf(triple, i + 3);
      const stop = end < 0 ? text.length : end + 3;
      out += text.slice(i, stop);
      i = stop - 1;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && (c === '`' || text[j] !== '\n'))
        j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else out += c;
  }
  return out;
}

/** The index just after the `}` that closes the `{` at `open` (strings skipped), or the text's end. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * The bodies (text between the braces) of every outermost block whose header matches `header`, a regex
 * source that must end just before the `{` (`bootJar`, `tasks\\.named\\("bootJar"\\)`). Headers are
 * matched at a statement start: the beginning of a line or after `{` or `;`. A matching block inside
 * another is part of the outer body, not a body of its own: the search goes on after each block, so
 * the text is read once however the blocks nest (30,000 nested `bootJar {` would otherwise cost minutes).
 */
export function blocks(text: string, header: string): string[] {
  const re = new RegExp(`(?:^|[{;\\n])[ \\t]*(?:${header})[ \\t]*\\{`, 'g');
  const bodies: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = closingBrace(text, open);
    bodies.push(text.slice(open + 1, close - 1));
    // Just before the closing brace: the next block may start right after it, on the same line.
    re.lastIndex = Math.max(open + 1, close - 1);
  }
  return bodies;
}
