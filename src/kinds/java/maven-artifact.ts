// The file a Maven build leaves in target/: final name, packaging, and what makes it runnable.
import { joinPath } from '../../dockerfile/context-paths';
import { interpolate, type Pom } from './maven';
import type { FatJar } from '../../contract/facts';
import { child, children, descendants, textAt, type XmlElement } from './xml';

export interface MavenArtifact {
  /** `catalog-1.0.0.jar`, or null when it cannot be known. */
  name: string | null;
  packaging: 'jar' | 'war';
  fatJar: FatJar | null;
  /** The folder copy-dependencies fills (`target/lib`), relative to the module, or null. */
  libDir: string | null;
}

/** Packagings whose artifact is a `.jar` file. */
const JAR_PACKAGINGS = new Set(['jar', 'bundle', 'maven-plugin', 'ejb', 'takari-jar']);

/** A plugin declared in `<build><plugins>` of the pom or of a parent in the context (which it inherits). */
function declaredPlugin(pom: Pom, artifactId: string): XmlElement | null {
  for (let p: Pom | null = pom; p; p = p.parentPom) {
    const found = children(child(child(p.project, 'build'), 'plugins'), 'plugin').find(
      (el) => textAt(el, 'artifactId') === artifactId,
    );
    if (found) return found;
  }
  return null;
}

/** A configuration value of a plugin, from its own or an execution's configuration, else pluginManagement. */
function setting(pom: Pom, plugin: XmlElement, key: string): string | null {
  const managed: XmlElement[] = [];
  for (let p: Pom | null = pom; p; p = p.parentPom) {
    const list = child(child(child(p.project, 'build'), 'pluginManagement'), 'plugins');
    const id = textAt(plugin, 'artifactId');
    managed.push(...children(list, 'plugin').filter((el) => textAt(el, 'artifactId') === id));
  }
  for (const el of [plugin, ...managed]) {
    const found = descendants(el, key).find((d) => d.text !== '');
    if (found) return interpolate(pom, found.text);
  }
  return null;
}

/** The build's final name (`<build><finalName>`, inherited), else `artifactId-version`; null when unknown. */
export function mavenFinalName(pom: Pom): string | null {
  for (let p: Pom | null = pom; p; p = p.parentPom) {
    const own = textAt(child(p.project, 'build'), 'finalName');
    // An inherited finalName is still interpolated against the child (Maven's model inheritance).
    if (own !== null) return interpolate(pom, own);
  }
  if (!pom.artifactId || !pom.version) return null;
  return interpolate(pom, `${pom.artifactId}-${pom.version}`);
}

/**
 * The artifact a pom's `package` phase produces. The runnable one wins when a plugin makes one beside the
 * plain jar: Spring Boot's repackage (same name unless it sets a classifier), then shade, then assembly's
 * jar-with-dependencies. Aggregators (`pom`) and exotic packagings give a null name.
 */
export function mavenArtifact(pom: Pom): MavenArtifact {
  const packaging = pom.packaging === 'war' ? 'war' : 'jar';
  const libDir = copyDependenciesDir(pom);
  if (pom.packaging !== 'war' && !JAR_PACKAGINGS.has(pom.packaging)) {
    return { name: null, packaging, fatJar: null, libDir };
  }
  const base = mavenFinalName(pom);
  const ext = '.' + packaging;
  const named = (suffix: string | null) => (base === null ? null : base + (suffix ? '-' + suffix : '') + ext);

  const boot = declaredPlugin(pom, 'spring-boot-maven-plugin');
  if (boot)
    return { name: named(setting(pom, boot, 'classifier')), packaging, fatJar: 'spring-boot', libDir };

  const shade = declaredPlugin(pom, 'maven-shade-plugin');
  if (shade && packaging === 'jar') {
    const finalName = setting(pom, shade, 'finalName');
    const attached = setting(pom, shade, 'shadedArtifactAttached') === 'true';
    const name = finalName
      ? finalName + ext
      : named(attached ? (setting(pom, shade, 'shadedClassifierName') ?? 'shaded') : null);
    return { name, packaging, fatJar: 'shade', libDir };
  }

  const assembly = declaredPlugin(pom, 'maven-assembly-plugin');
  const refs = assembly ? descendants(assembly, 'descriptorRef').map((d) => d.text) : [];
  if (assembly && refs.includes('jar-with-dependencies')) {
    const finalName = setting(pom, assembly, 'finalName');
    const appendId = setting(pom, assembly, 'appendAssemblyId') !== 'false';
    const stem = finalName ?? base;
    const name = stem === null ? null : stem + (appendId ? '-jar-with-dependencies' : '') + '.jar';
    return { name, packaging, fatJar: 'assembly', libDir };
  }

  return { name: named(null), packaging, fatJar: null, libDir };
}

/** The folder maven-dependency-plugin's copy-dependencies writes to, relative to the module. */
function copyDependenciesDir(pom: Pom): string | null {
  const plugin = declaredPlugin(pom, 'maven-dependency-plugin');
  if (!plugin) return null;
  for (const execution of descendants(plugin, 'execution')) {
    const goals = descendants(execution, 'goal').map((g) => g.text);
    if (!goals.includes('copy-dependencies')) continue;
    const out =
      textAt(child(execution, 'configuration'), 'outputDirectory') ?? setting(pom, plugin, 'outputDirectory');
    const dir = interpolate(pom, out ?? '${project.build.directory}/dependency');
    return dir === null ? null : joinPath(dir);
  }
  return null;
}
