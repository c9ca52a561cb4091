// Maven: a pom.xml read for its own coordinates, properties, release, artifact name and Spring Boot version.
import { dirOf, joinPath } from '../../dockerfile/context-paths';
import { InputError } from '../../errors';
import { readBuildFile } from '../code-text';
import type { ProjectView } from '../../contract/project-view';
import { child, children, descendants, parseXml, textAt, type XmlElement } from './xml';

/** A pom.xml with what it inherits from a parent pom in the context. */
export interface Pom {
  path: string;
  project: XmlElement;
  artifactId: string | null;
  /** Own version, else the parent's (Maven inherits it). */
  version: string | null;
  packaging: string;
  /** Properties, the parent's first so the child's override them, then `-D` values from `.mvn/maven.config`. */
  properties: Map<string, string>;
  /** `<modules>` as folders relative to the context. */
  modules: string[];
  parent: { groupId: string | null; artifactId: string | null; version: string | null } | null;
  /** The parent pom, when the context holds it. */
  parentPom: Pom | null;
}

/** Reads a pom.xml and, through `<relativePath>` (default `../pom.xml`), the parent chain in the context. */
export function readPom(view: ProjectView, path: string, depth = 0): Pom | null {
  const text = readBuildFile(view, path);
  if (text === null) return null;
  const project = child(parsePom(path, text), 'project');
  if (!project) return null;
  const parentEl = child(project, 'parent');
  const parent = parentEl
    ? {
        groupId: textAt(parentEl, 'groupId'),
        artifactId: textAt(parentEl, 'artifactId'),
        version: textAt(parentEl, 'version'),
      }
    : null;
  let parentPom: Pom | null = null;
  if (parentEl && depth < 5) {
    // An empty <relativePath/> means "from the repository, not from here".
    const rel = child(parentEl, 'relativePath');
    const relPath = rel ? rel.text : '../pom.xml';
    if (relPath) {
      const target = joinPath(dirOf(path), relPath);
      const candidate = readPom(
        view,
        target.endsWith('.xml') ? target : joinPath(target, 'pom.xml'),
        depth + 1,
      );
      // Maven only takes the file when it is the declared parent.
      if (candidate && candidate.artifactId === parent?.artifactId) parentPom = candidate;
    }
  }
  const properties = new Map(parentPom?.properties ?? []);
  for (const block of children(project, 'properties'))
    for (const p of block.children) properties.set(p.name, p.text);
  if (depth === 0) for (const [k, v] of mavenConfig(view, path)) properties.set(k, v);
  return {
    path,
    project,
    artifactId: textAt(project, 'artifactId'),
    version: textAt(project, 'version') ?? parent?.version ?? null,
    packaging: textAt(project, 'packaging') ?? 'jar',
    properties,
    modules: children(child(project, 'modules'), 'module').map((m) => joinPath(dirOf(path), m.text)),
    parent,
    parentPom,
  };
}

/** The element tree of a pom; a limit hit names the file. */
function parsePom(path: string, text: string): XmlElement {
  try {
    return parseXml(text);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

/** `-Dname=value` pairs of the nearest `.mvn/maven.config` (CI-friendly `${revision}` lives there). */
function mavenConfig(view: ProjectView, pomPath: string): Map<string, string> {
  const values = new Map<string, string>();
  for (let dir = dirOf(pomPath); ; dir = dirOf(dir)) {
    const text = readBuildFile(view, joinPath(dir, '.mvn/maven.config'));
    if (text !== null) {
      for (const m of text.matchAll(/(?:^|\s)-D([\w.-]+)=("[^"]*"|'[^']*'|\S+)/g))
        values.set(m[1], m[2].replace(/^(["'])(.*)\1$/, '$2'));
      return values;
    }
    if (dir === '.') return values;
  }
}

/**
 * More than any version, name or path a pom computes. Properties that expand each other tenfold reach
 * gigabytes in ten steps; counting what replacements add stops them here.
 */
export const MAX_EXPANSION_CHARS = 10_000;

/**
 * Replaces `${...}` from the pom's model and properties; null when any reference stays unknown.
 * Throws InputError when the replacements add more than MAX_EXPANSION_CHARS.
 */
export function interpolate(pom: Pom, value: string | null, depth = 0, added = 0): string | null {
  if (value === null) return null;
  if (depth > 10) return null;
  let unknown = false;
  const out = value.replace(/\$\{([^{}]+)\}/g, (whole, key: string) => {
    const found = lookup(pom, key);
    if (found === null) unknown = true;
    added += found?.length ?? 0;
    if (added > MAX_EXPANSION_CHARS) {
      throw new InputError(
        `${pom.path}: \${${key}} expands to more than ${MAX_EXPANSION_CHARS} characters (a limit of this tool)`,
      );
    }
    return found ?? whole;
  });
  if (unknown) return null;
  return out.includes('${') ? interpolate(pom, out, depth + 1, added) : out;
}

function lookup(pom: Pom, key: string): string | null {
  if (pom.properties.has(key)) return pom.properties.get(key)!;
  const k = key.replace(/^(project|pom)\./, '');
  switch (k) {
    case 'artifactId':
      return pom.artifactId;
    case 'version':
      return pom.version;
    case 'groupId':
      return textAt(pom.project, 'groupId') ?? pom.parent?.groupId ?? null;
    case 'name':
      return textAt(pom.project, 'name') ?? pom.artifactId;
    case 'packaging':
      return pom.packaging;
    case 'parent.version':
      return pom.parent?.version ?? null;
    case 'parent.artifactId':
      return pom.parent?.artifactId ?? null;
    case 'build.directory':
      return 'target';
    case 'basedir':
      return '.';
    default:
      return null;
  }
}

/** Plugins of `<build><plugins>` and `<build><pluginManagement><plugins>`, by artifactId. */
export function plugins(pom: Pom): Map<string, XmlElement> {
  const found = new Map<string, XmlElement>();
  const build = child(pom.project, 'build');
  const lists = [child(build, 'plugins'), child(child(build, 'pluginManagement'), 'plugins')];
  for (const list of lists) {
    for (const p of children(list, 'plugin')) {
      const id = textAt(p, 'artifactId');
      if (id && !found.has(id)) found.set(id, p);
    }
  }
  return found;
}

/** `1.8` -> 8, `17` -> 17; null for anything else. */
export function javaMajor(value: string | null): number | null {
  const m = /^\s*(?:1\.)?(\d+)(?:\.\d+)*\s*$/.exec(value ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * The Java release a pom compiles for: the compiler plugin's `<release>`, then `maven.compiler.release`,
 * the plugin's `<target>`, `maven.compiler.target`, `java.version` (Spring Boot's knob), then the source level.
 */
export function mavenRelease(pom: Pom): number | null {
  const compilerConfig = (p: Pom | null): XmlElement | null =>
    p ? child(plugins(p).get('maven-compiler-plugin'), 'configuration') : null;
  const config = compilerConfig(pom) ?? compilerConfig(pom.parentPom);
  const prop = (k: string) => pom.properties.get(k) ?? null;
  const candidates = [
    textAt(config, 'release'),
    prop('maven.compiler.release'),
    textAt(config, 'target'),
    prop('maven.compiler.target'),
    prop('java.version'),
    textAt(config, 'source'),
    prop('maven.compiler.source'),
  ];
  for (const c of candidates) {
    const major = javaMajor(interpolate(pom, c));
    if (major !== null) return major;
  }
  return null;
}

/** Spring Boot version: starter parent, the spring-boot-dependencies BOM, or the Maven plugin's version. */
export function mavenSpringBoot(pom: Pom): string | null {
  for (let p: Pom | null = pom; p; p = p.parentPom) {
    if (
      p.parent?.groupId === 'org.springframework.boot' &&
      /^spring-boot-(starter-)?parent$/.test(p.parent.artifactId ?? '')
    )
      return interpolate(p, p.parent.version);
    for (const dep of descendants(child(p.project, 'dependencyManagement'), 'dependency')) {
      if (textAt(dep, 'artifactId') === 'spring-boot-dependencies')
        return interpolate(p, textAt(dep, 'version'));
    }
    const plugin = plugins(p).get('spring-boot-maven-plugin');
    const version = plugin ? interpolate(p, textAt(plugin, 'version')) : null;
    if (version) return version;
  }
  return null;
}
