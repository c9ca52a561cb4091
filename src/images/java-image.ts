// The Java runtime image for a source image: the JRE of the same release, alpine only where it exists.
import type { Note } from '../notes';
import type { RuntimeFlavour } from '../contract/transform';
import type { ImageFamily, ImageName } from './image-facts';
import { imageNote } from './image-notes';
import type { Target } from './image-rules';
import { containerJreTag, defaultVendor, isWindowsTag, vendorOf, type Vendor } from './java-tags';
import type { ImageFacts } from './mappings';
import { fail, keep, type Decision } from './node-image';

/** The Java facts runtimeImage has gathered about the source. */
export interface JavaSource {
  src: ImageName;
  target: Target;
  /** The release the tag says, else the project's (pom/gradle); null when neither tells. */
  release: number | null;
  sourceFamily: ImageFamily;
  platform: string | null;
  label: string;
}

/** JDK images whose name the tool knows but which need a rule to say what their JRE is. */
const NEEDS_RULE = /^(?:openjdk|java|adoptopenjdk|openjdk\d+.*|maven|gradle|amazoncorretto)$/;

/** The release from which eclipse-temurin publishes an alpine JRE for arm64 as well as amd64. */
const ALPINE_ALL_ARCHES = 21;

/** Chooses the Java runtime image. */
export function javaRuntime(java: JavaSource, flavour: RuntimeFlavour | null, facts: ImageFacts): Decision {
  const { src, target, release, label } = java;
  if (/^java\d+/.test(src.base) && src.repository.includes('distroless'))
    return keep('already distroless', 'distroless');
  const tag = src.tag ?? 'latest';
  if (isWindowsTag(tag)) return keep('a Windows image, which the tool leaves as it is', 'unknown');
  const vendor = vendorOf(target.base);
  const container = target.base === 'tomcat' || target.base === 'jetty';
  if (!vendor && !container && !target.rule) {
    if (NEEDS_RULE.test(target.base))
      return fail(`no images: rule names the runtime image for ${label}; add one to the mapping file`);
    return keep(`${label} is not an image the tool knows, so it is left as it is`, 'unknown');
  }
  if (release === null)
    return fail(
      `the Java release of ${label} is unknown (the tag does not say and the build files do not either)`,
    );

  if (flavour === 'distroless') {
    if (container) return fail(`a servlet container (${target.base}) has no distroless image`);
    const image = facts.distroless.java[String(release)];
    if (!image) {
      const known = Object.keys(facts.distroless.java).join(', ') || 'none known';
      return fail(`there is no distroless image for Java ${release} (there are: ${known})`);
    }
    const why = '--runtime distroless: no shell; the image runs `java -jar` on the CMD (exec form)';
    return { ok: true, kept: false, image, why, family: 'distroless', notes: [] };
  }
  if (container) return containerRuntime(java, release, flavour);

  const notes: Note[] = [];
  const scheme = vendor ?? defaultVendor;
  if (!vendor)
    notes.push(
      imageNote('tag-scheme-guessed', {
        image: label,
        name: target.name,
        scheme: "eclipse-temurin's (17-jre)",
      }),
    );
  const alreadyJre = /(?:^|-)jre(?:$|-)/.test(tag) || target.base.includes('openjre');
  if (flavour === null && alreadyJre && !target.rule && target.base === src.base)
    return keep('already a JRE', java.sourceFamily);

  const choice = alpineChoice(java, release, flavour, scheme === defaultVendor, scheme);
  if ('reason' in choice) return fail(choice.reason);
  const jre = scheme.jre(
    { release, sourceTag: tag, sameVendor: vendorOf(src.base) === scheme, alpine: choice.alpine },
    target.base,
  );
  const name = jre.base ? target.name.replace(/[^/]+$/, jre.base) : target.name;
  const image = `${name}:${jre.tag}`;
  if (jre.droppedVersion)
    notes.push(
      imageNote('version-not-kept', {
        to: image,
        release,
        version: jre.droppedVersion,
        from: label,
        vendor: scheme.label,
      }),
    );
  if (choice.why) notes.push(imageNote('runtime-variant', { image, why: choice.why }));
  const why = `the JRE of Java ${release}: the runtime needs no compiler or build tool`;
  return { ok: true, kept: false, image, why, family: jre.family, notes };
}

/**
 * Whether the JRE is alpine, and why. Temurin's alpine JRE is amd64-only before Java 21, so the default is alpine
 * from 21 on; other vendors keep the build image's family. An alpine build image keeps an alpine runtime (one libc,
 * and its apk lines keep working): it is amd64-only itself, so nothing is lost.
 */
function alpineChoice(
  java: JavaSource,
  release: number,
  flavour: RuntimeFlavour | null,
  temurin: boolean,
  vendor: Vendor,
): { alpine: boolean; why: string | null } | { reason: string } {
  const amd64Only = temurin && release < ALPINE_ALL_ARCHES;
  if (flavour === 'jre' || flavour === 'slim') return { alpine: false, why: null };
  if (flavour === 'alpine') {
    if (!vendor.alpine) return { reason: `${vendor.label} publishes no alpine JRE image` };
    const arch = /^linux\/([a-z0-9]+)/.exec(java.platform ?? '')?.[1];
    if (amd64Only && arch && arch !== 'amd64')
      return {
        reason: `the alpine JRE for Java ${release} exists for amd64 only, and the stage asks for ${arch}`,
      };
    return {
      alpine: true,
      why: amd64Only ? '--runtime alpine: before Java 21 this JRE exists for amd64 only' : null,
    };
  }
  if (java.sourceFamily === 'alpine') {
    if (!vendor.alpine) return { alpine: false, why: `${vendor.label} publishes no alpine JRE image` };
    const arch = amd64Only
      ? '; before Java 21 the alpine JRE exists for amd64 only, as the build image does'
      : '';
    return { alpine: true, why: `alpine: the build image is alpine, so the runtime stays on musl${arch}` };
  }
  if (!temurin) return { alpine: false, why: null };
  if (/(?:^|-)ubi\d/.test(java.src.tag ?? '')) return { alpine: false, why: null };
  if (amd64Only)
    return {
      alpine: false,
      why: 'not -alpine: before Java 21 the alpine JRE exists for amd64 only (--runtime alpine forces it)',
    };
  return {
    alpine: true,
    why: 'alpine: from Java 21 the alpine JRE exists for amd64 and arm64 (--runtime jre for Ubuntu)',
  };
}

/** A WAR's servlet container keeps its major and vendor line, with the JRE of the same release. */
function containerRuntime(java: JavaSource, release: number, flavour: RuntimeFlavour | null): Decision {
  const base = java.target.base as 'tomcat' | 'jetty';
  if (flavour === 'alpine') return fail(`there is no alpine ${base} image`);
  const tag = java.src.tag ?? '';
  if (flavour === null && /(?:^|-)jre\d+/.test(tag) && !java.target.rule)
    return keep('already a JRE', java.sourceFamily);
  // A bare `tomcat:9` names no JDK; the project's release picks the JRE.
  const jre = containerJreTag(base, tag || null, release);
  if (!jre) return fail(`cannot tell the ${base} version from ${java.label}`);
  const image = `${java.target.name}:${jre.tag}`;
  const notes: Note[] = [];
  if (jre.droppedVendor)
    notes.push(
      imageNote('runtime-variant', {
        image,
        why: `Tomcat publishes JRE images on Temurin only, not ${jre.droppedVendor}`,
      }),
    );
  const why = `the ${base} JRE of Java ${release}, same ${base} version: the WAR needs the container, not a compiler`;
  return { ok: true, kept: false, image, why, family: /alpine/.test(jre.tag) ? 'alpine' : 'ubuntu', notes };
}
