// A tolerant element tree for POM-like XML, built with regexes: enough to tell a project's own elements apart.

export interface XmlElement {
  /** Tag name without a namespace prefix. */
  name: string;
  children: XmlElement[];
  /** Text directly inside the element (entities decoded, CDATA kept), trimmed. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Parses XML into elements, ignoring comments, processing instructions and DOCTYPE; attributes are
 * dropped (POMs keep their data in elements). Never throws: a stray closing tag is skipped, unclosed
 * elements are closed at the end. Returns a synthetic root whose children are the top-level elements.
 */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const texts: string[][] = [[]];
  const token =
    /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<![^>]*>|<\?[\s\S]*?(?:\?>|$)|<(\/?)([\w.:-]+)((?:"[^"]*"|'[^']*'|[^'">])*?)(\/?)>|([^<]+)/g;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const [, cdata, closing, rawName, , selfClosing, chars] = m;
    if (chars !== undefined) {
      texts[texts.length - 1].push(decode(chars));
    } else if (cdata !== undefined) {
      texts[texts.length - 1].push(cdata);
    } else if (rawName) {
      const name = rawName.slice(rawName.indexOf(':') + 1);
      if (closing) {
        const at = stack.map((e) => e.name).lastIndexOf(name);
        if (at <= 0) continue;
        while (stack.length > at) close();
      } else {
        const el: XmlElement = { name, children: [], text: '' };
        stack[stack.length - 1].children.push(el);
        if (!selfClosing) {
          stack.push(el);
          texts.push([]);
        }
      }
    }
  }
  while (stack.length > 1) close();
  return root;

  function close() {
    const el = stack.pop()!;
    el.text = texts.pop()!.join('').trim();
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
