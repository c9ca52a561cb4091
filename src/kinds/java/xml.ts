// A tolerant element tree for POM-like XML, built with regexes: enough to tell a project's own elements apart.
import { InputError } from '../../errors';

export interface XmlElement {
  /** Tag name without a namespace prefix. */
  name: string;
  children: XmlElement[];
  /** Text directly inside the element (entities decoded, CDATA kept), trimmed. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Deeper than any real POM (they stay under 20): a limit that keeps hostile nesting cheap to refuse. */
export const MAX_XML_DEPTH = 256;

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * One token per match, each alternative linear: a tag's attributes cannot cross a `<` (XML forbids it in
 * values), and unclosed comments, CDATA, declarations and processing instructions run to the end of the
 * text, so no failed match is retried from later positions.
 */
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<![^>]*(?:>|$)|<\?[\s\S]*?(?:\?>|$)|<(\/?)([\w.:-]+)((?:"[^"<]*"|'[^'<]*'|[^'"<>])*?)(\/?)>|([^<]+)/g;

/**
 * Parses XML into elements, ignoring comments, processing instructions and DOCTYPE; attributes are
 * dropped (POMs keep their data in elements). Tolerant: a stray closing tag is skipped, unclosed
 * elements are closed at the end. Linear in the text; throws InputError for elements nested deeper
 * than MAX_XML_DEPTH. Returns a synthetic root whose children are the top-level elements.
 */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const texts: string[][] = [[]];
  // How many open elements have each name, so a stray closing tag is skipped without a search.
  const open = new Map<string, number>();
  const token = new RegExp(TOKEN.source, 'g');
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const [, cdata, closing, rawName, , selfClosing, chars] = m;
    if (chars !== undefined) {
      texts[texts.length - 1].push(decode(chars));
    } else if (cdata !== undefined) {
      texts[texts.length - 1].push(cdata);
    } else if (rawName) {
      const name = rawName.slice(rawName.indexOf(':') + 1);
      if (closing) {
        if (!open.get(name)) continue;
        // Every element above the match is closed with it: the search costs what the pops cost.
        while (stack[stack.length - 1].name !== name) close();
        close();
      } else {
        const el: XmlElement = { name, children: [], text: '' };
        stack[stack.length - 1].children.push(el);
        if (!selfClosing) {
          if (stack.length > MAX_XML_DEPTH)
            throw new InputError(`elements nested more than ${MAX_XML_DEPTH} deep (a limit of this tool)`);
          stack.push(el);
          texts.push([]);
          open.set(name, (open.get(name) ?? 0) + 1);
        }
      }
    }
  }
  while (stack.length > 1) close();
  return root;

  function close() {
    const el = stack.pop()!;
    el.text = texts.pop()!.join('').trim();
    open.set(el.name, open.get(el.name)! - 1);
  }
}

/** The first direct child with this name, or null. */
export function child(el: XmlElement | null | undefined, name: string): XmlElement | null {
  return el?.children.find((c) => c.name === name) ?? null;
}

/** Every direct child with this name. */
export function children(el: XmlElement | null | undefined, name: string): XmlElement[] {
  return el?.children.filter((c) => c.name === name) ?? [];
}

/** The text of the element at a path of direct children (`build/finalName`), or null when absent or empty. */
export function textAt(el: XmlElement | null | undefined, path: string): string | null {
  let cur: XmlElement | null | undefined = el;
  for (const part of path.split('/')) cur = child(cur, part);
  return cur && cur.text !== '' ? cur.text : null;
}

/** Every element with this name anywhere below `el` (depth first). */
export function descendants(el: XmlElement | null | undefined, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) found.push(c);
      walk(c);
    }
  };
  if (el) walk(el);
  return found;
}
