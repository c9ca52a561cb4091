// Reading Gradle build scripts (Groovy or Kotlin DSL) as text: top-level statements, assignments, simple strings.
import { blocks, closingBrace, readBuildFile, stripComments } from '../code-text';
import { joinPath } from '../../dockerfile/context-paths';
import type { ProjectView } from '../../contract/project-view';

/** The text with every brace-delimited body emptied (`{}`), leaving the top-level statements; strings kept. */
export function topLevel(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '{') {
      out += '{}';
      i = closingBrace(text, i) - 1;
    } else out += c;
  }
  return out;
}

/**
 * The expression last assigned to `key` among these statements: `key = x`, `key.set(x)`, `key(x)` or
 * Groovy's `key 'x'`, optionally written `project.key`. Undefined when never assigned.
 */
export function assigned(statements: string, key: string): string | undefined {
  const k = key.replace(/\./g, '\\.');
  const re = new RegExp(
    `(?:^|[\\n{;])[ \\t]*(?:project\\.)?${k}(\\s*=\\s*|\\.set\\(\\s*|\\(\\s*|[ \\t]+(?=["']))([^\\n;]*)`,
    'g',
  );
  let found: string | undefined;
  for (const m of statements.matchAll(re)) {
    // `.set("x")` and `key("x")` leave their closing parenthesis behind.
    found = m[1].includes('(') ? m[2].replace(/\)\s*$/, '').trim() : m[2].trim();
  }
  return found;
}

/**
 * Evaluates a simple Groovy/Kotlin string expression: quoted literals (with `$x` / `${x}` templates in
 * double quotes), known names, and `+` between them. Null when anything in it is not known statically.
 */
export function evalString(expr: string, vars: ReadonlyMap<string, string>): string | null {
  const parts = splitPlus(expr.trim());
  if (parts === null) return null;
  let out = '';
  for (const part of parts) {
    const p = part.trim();
    let value: string | null;
    if (/^'[^']*'$/.test(p)) value = p.slice(1, -1);
    else if (/^"[^"]*"$/.test(p)) value = template(p.slice(1, -1), vars);
    else value = lookup(p.replace(/\.get\(\)$/, ''), vars);
    if (value === null) return null;
    out += value;
  }
  return out;
}

function splitPlus(expr: string): string[] | null {
  const parts: string[] = [];
  let start = 0;
  let quote: string | null = null;
  let braces = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote && braces === 0) quote = null;
      else if (c === '{' && expr[i - 1] === '$') braces++;
      else if (c === '}' && braces > 0) braces--;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '+') {
      parts.push(expr.slice(start, i));
      start = i + 1;
    }
  }
  if (quote) return null;
  parts.push(expr.slice(start));
  return parts.every((p) => p.trim()) ? parts : null;
}

function template(body: string, vars: ReadonlyMap<string, string>): string | null {
  let unknown = false;
  // `${` without its `}` matches to the end (and is unknown), so no later `${` scans the rest again.
  const re = /\$\{([^}]*)(\}|$)|\$([A-Za-z_][\w.]*)/g;
  const out = body.replace(re, (_whole, braced?: string, closed?: string, bare?: string) => {
    if (braced !== undefined) {
      const value = closed ? lookup(braced.trim(), vars) : null;
      if (value === null) unknown = true;
      return value ?? '';
    }
    // `$project.version` (Groovy) or `$version.jar` (Kotlin stops at the dot): the longest known prefix.
    const parts = bare!.split('.');
    for (let n = parts.length; n > 0; n--) {
      const value = lookup(parts.slice(0, n).join('.'), vars);
      if (value !== null)
        return (
          value +
          parts
            .slice(n)
            .map((p) => '.' + p)
            .join('')
        );
    }
    unknown = true;
    return '';
  });
  return unknown ? null : out;
}

function lookup(name: string, vars: ReadonlyMap<string, string>): string | null {
  if (vars.has(name)) return vars.get(name)!;
  // `project.version`, `project.ext.x`, `rootProject.ext.x`, `extra["x"]`, `property("x")`: the plain name.
  const plain = name
    .replace(/^project\.(?:ext\.|extra\.)?|^rootProject\.(?:ext|extra)\./, '')
    .replace(/^(?:ext|extra)\./, '')
    .replace(/^(?:extra|ext|project\.extra)\[\s*["']([\w.-]+)["']\s*\]$/, '$1')
    .replace(
      /^(?:property|findProperty|providers\.gradleProperty)\(\s*["']([\w.-]+)["']\s*\)(?:\.get\(\))?$/,
      '$1',
    );
  return vars.has(plain) ? vars.get(plain)! : null;
}

/** `key=value` lines of a gradle.properties. */
export function readProperties(text: string | null): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of (text ?? '').split(/\r?\n/)) {
    // No lazy group before `\s*$`: that pair is cubic on a long line of blanks.
    const m = /^\s*([\w.-]+)\s*[=:]([\s\S]*)/.exec(line);
    if (m && !line.trimStart().startsWith('#') && !line.trimStart().startsWith('!'))
      values.set(m[1], m[2].trim());
  }
  return values;
}

/**
 * Simple string variables a script defines: `def x = '1'`, `val x = "1"`, `ext.x = '1'`, `ext { x = '1' }`,
 * `extra["x"] = "1"`, `set("x", "1")`. The first definition wins; gradle.properties values (`base`) come first.
 */
export function scriptVariables(text: string, base: ReadonlyMap<string, string>): Map<string, string> {
  const vars = new Map(base);
  const define = (name: string, expr: string) => {
    const value = evalString(expr, vars);
    if (value !== null && !vars.has(name)) vars.set(name, value);
  };
  const literal = `(["'][^"'\\n]*["'])`;
  const declared = new RegExp(
    `(?:^|[\\n;{])[ \\t]*(?:(?:def|val|var|String)\\s+|(?:project\\.|rootProject\\.)?ext(?:ra)?\\.)([A-Za-z_]\\w*)\\s*(?::\\s*String\\s*)?=\\s*${literal}`,
    'g',
  );
  for (const m of text.matchAll(declared)) define(m[1], m[2]);
  for (const m of text.matchAll(
    new RegExp(`\\b(?:extra|ext)\\[\\s*["']([\\w.-]+)["']\\s*\\]\\s*=\\s*${literal}`, 'g'),
  ))
    define(m[1], m[2]);
  for (const m of text.matchAll(new RegExp(`\\bset\\(\\s*["']([\\w.-]+)["']\\s*,\\s*${literal}\\s*\\)`, 'g')))
    define(m[1], m[2]);
  for (const body of blocks(text, 'ext|extra')) {
    for (const m of topLevel(body).matchAll(
      new RegExp(`(?:^|[\\n;])[ \\t]*([A-Za-z_]\\w*)\\s*=\\s*${literal}`, 'g'),
    ))
      define(m[1], m[2]);
  }
  return vars;
}

/** settings.gradle(.kts) facts: the root project's name and the included projects' folders by path. */
export interface GradleSettings {
  rootName: string | null;
  /** Project path (`:services:orders`) -> folder relative to the context (`services/orders`). */
  projects: Map<string, string>;
}

/** Reads settings.gradle or settings.gradle.kts at the context root. */
export function readSettings(view: ProjectView, vars: ReadonlyMap<string, string>): GradleSettings {
  const raw = readBuildFile(view, 'settings.gradle.kts') ?? readBuildFile(view, 'settings.gradle');
  const text = raw === null ? '' : stripComments(raw);
  const nameExpr = assigned(topLevel(text), 'rootProject.name');
  const projects = new Map<string, string>();
  const includes = [
    // One level of parentheses inside (`include(*arrayOf(...))`); an unclosed call stops at the next one.
    ...[...text.matchAll(/\binclude\s*\(((?:[^()]|\([^()]*\))*)\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/\binclude[ \t]+([^\n(][^\n]*)/g)].map((m) => m[1]),
  ];
  for (const args of includes) {
    for (const q of args.matchAll(/["']([^"']+)["']/g)) {
      const path = ':' + q[1].replace(/^:/, '');
      projects.set(path, path.slice(1).replace(/:/g, '/'));
    }
  }
  for (const m of text.matchAll(
    /project\(\s*["'](:?[\w:.-]+)["']\s*\)\.projectDir\s*=\s*(?:file\(|new\s+File\([^,()\n]+,)\s*["']([^"']+)["']/g,
  )) {
    projects.set(':' + m[1].replace(/^:/, ''), joinPath(m[2]));
  }
  return { rootName: nameExpr === undefined ? null : evalString(nameExpr, vars), projects };
}

/** Plugin ids and versions declared in `gradle/libs.versions.toml`, by accessor (`libs.plugins.spring.boot` -> `spring.boot`). */
export function readCatalogPlugins(text: string | null): Map<string, { id: string; version: string | null }> {
  const plugins = new Map<string, { id: string; version: string | null }>();
  if (!text) return plugins;
  const versions = new Map<string, string>();
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([\w-]+)\]/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    const hash = line.indexOf('#');
    const entry = /^\s*([\w.-]+)\s*=([\s\S]*)/.exec(hash < 0 ? line : line.slice(0, hash));
    const value = entry?.[2].trim();
    if (!entry || !value) continue;
    const key = entry[1];
    if (section === 'versions') versions.set(key, value.replace(/^"(.*)"$/, '$1'));
    if (section !== 'plugins') continue;
    const short = /^"([\w.-]+):([^"]+)"$/.exec(value);
    const id = short?.[1] ?? /\bid\s*=\s*"([^"]+)"/.exec(value)?.[1];
    if (!id) continue;
    const ref = /version\.ref\s*=\s*"([^"]+)"/.exec(value)?.[1];
    const literal = short?.[2] ?? /\bversion\s*=\s*"([^"]+)"/.exec(value)?.[1] ?? null;
    plugins.set(key.replace(/[-_]/g, '.'), { id, version: ref ? (versions.get(ref) ?? null) : literal });
  }
  return plugins;
}

const TASK_TYPES: Record<string, string> = {
  bootJar: 'BootJar',
  bootWar: 'BootWar',
  shadowJar: 'ShadowJar',
  war: 'War',
  jar: 'Jar',
};

/** Header regexes of a task's configuration blocks: `bootJar {`, `tasks.named<BootJar>("bootJar") {`, ... */
export function taskHeader(task: string): string {
  const type = `[\\w.]*\\b${TASK_TYPES[task] ?? task}`;
  return (
    `(?:tasks\\s*\\.\\s*)?${task}(?:\\s*\\.configure)?` +
    `|tasks\\s*\\.\\s*(?:named|getByName)\\s*(?:<[\\w.]+>\\s*)?\\(\\s*["']${task}["']\\s*(?:,\\s*[\\w.:]+\\s*)?\\)(?:\\s*\\.configure)?` +
    (task === 'jar'
      ? ''
      : `|tasks\\s*\\.\\s*withType\\s*(?:<${type}>|\\(\\s*${type}(?:::class(?:\\.java)?)?\\s*\\))(?:\\s*\\.configureEach)?`)
  );
}

/** Header regex of `tasks.withType(Jar)` blocks, which configure every jar task. */
export const JAR_TYPES = `tasks\\s*\\.\\s*withType\\s*(?:<(?:Jar|org\\.gradle\\.jvm\\.tasks\\.Jar)>|\\(\\s*(?:Jar|org\\.gradle\\.jvm\\.tasks\\.Jar)(?:::class(?:\\.java)?)?\\s*\\))(?:\\s*\\.configureEach)?`;
