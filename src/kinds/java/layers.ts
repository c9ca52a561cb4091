// Spring Boot layered extraction (opt-in): the build stage splits the jar, the runtime stage copies one layer at a time.
import path from 'node:path';
import type { JavaFacts } from '../../contract/facts';
import type { Note } from '../../notes';
import type { BuildCopy } from './artifact';
import { javaNote } from './notes';

/** The build-stage extraction and the runtime copies of a layered Spring Boot jar. */
export interface LayerPlan {
  /** The RUN argument that extracts the layers in the build stage. */
  extract: string;
  /** The layer copies, replacing the jar's copy, in the order that caches best. */
  copies: BuildCopy[];
  /** The start command's `-jar X` becomes this launcher class (layertools); null when the jar still starts it. */
  launcher: string | null;
  notes: Note[];
}

/** Least changing first: each layer is a Docker layer, and a new build of the app only changes the last. */
const LAYERS = ['dependencies', 'spring-boot-loader', 'snapshot-dependencies', 'application'];

/**
 * Layered extraction for the jar the start command runs, or a note saying why not. From Boot 3.3
 * `-Djarmode=tools extract --layers` leaves `<name>.jar` and `lib/` per layer, so the jar copied back to its place
 * still starts with `java -jar`; from 2.4 to 3.2 `-Djarmode=layertools extract` leaves the exploded layout,
 * started by the launcher class (`org.springframework.boot.loader.launch.JarLauncher` from 3.2).
 */
export function planLayers(
  java: JavaFacts,
  jar: BuildCopy | null,
  finalWorkdir: string,
  startText: string,
): LayerPlan | Note {
  const skip = (why: string) => javaNote('spring-layers-skipped', { why });
  if (java.fatJar !== 'spring-boot') return skip('the artifact is not a Spring Boot jar');
  if (java.packaging === 'war') return skip('the artifact is a WAR');
  if (!jar) return skip('the start command does not run one jar whose path is known');
  const version = /^(\d+)\.(\d+)/.exec(java.springBoot ?? '');
  if (!version) return skip('the Spring Boot version is not in the build files');
  const [major, minor] = [Number(version[1]), Number(version[2])];
  const at = (m: number, n: number) => major > m || (major === m && minor >= n);
  if (!at(2, 4)) return skip(`Spring Boot ${java.springBoot} has no layers by default (2.4 or later)`);
  const extracted = path.posix.join(path.posix.dirname(jar.from), 'extracted');
  const boot = java.springBoot!;
  if (at(3, 3)) {
    const dir = path.posix.dirname(jar.to);
    if (path.posix.dirname(jar.from) === '/' || dir === '/')
      return skip('the jar sits in /, where its lib/ folder would mix with the system folders');
    const into = dir === '.' ? './' : `${dir}/`;
    return {
      extract: `java -Djarmode=tools -jar ${jar.from} extract --layers --destination ${extracted}`,
      copies: LAYERS.map((layer) => ({ from: `${extracted}/${layer}/`, to: into })),
      launcher: null,
      notes: [javaNote('spring-layers', { version: boot, mode: '-Djarmode=tools extract --layers' })],
    };
  }
  if (finalWorkdir === '/')
    return skip('the layers would be unpacked into / (no WORKDIR): set a WORKDIR first');
  if (!startText.includes(jar.to)) return skip('the start command names the jar through a variable');
  const launcher = at(3, 2)
    ? 'org.springframework.boot.loader.launch.JarLauncher'
    : 'org.springframework.boot.loader.JarLauncher';
  return {
    extract: `java -Djarmode=layertools -jar ${jar.from} extract --destination ${extracted}`,
    copies: LAYERS.map((layer) => ({ from: `${extracted}/${layer}/`, to: './' })),
    launcher,
    notes: [
      javaNote('spring-layers', { version: boot, mode: '-Djarmode=layertools extract' }),
      javaNote('spring-layers-launcher', { jar: jar.to, launcher, version: boot }),
    ],
  };
}

/** The start instruction's text with `-jar <jar>` replaced by the launcher class; null when it is not found. */
export function withLauncher(text: string, jar: string, launcher: string): string | null {
  const escaped = jar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(["']?)-jar\\1(\\s*,\\s*|\\s+)(["']?)${escaped}\\3(?=$|[\\s,\\]"'])`);
  const m = re.exec(text);
  if (!m) return null;
  return text.slice(0, m.index) + `${m[1]}${launcher}${m[1]}` + text.slice(m.index + m[0].length);
}
