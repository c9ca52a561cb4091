// What an image name and tag say: Docker Hub or not, libc family, Node major, Java release.
import { readTemplate } from './image-template';
import { parseImageRef } from './reference';

/** Where the runtime stage's libc and package manager come from. */
export type ImageFamily = 'alpine' | 'debian' | 'ubuntu' | 'distroless' | 'unknown';

/** A resolved image reference read into the parts the runtime choice works with. */
export interface ImageName {
  /** The registry as written (`registry.example.com:5000`), null for Docker Hub. */
  registry: string | null;
  /** Repository path in Docker Hub short form (`node`, `bellsoft/liberica-openjdk-alpine`, `mirror/node`). */
  repository: string;
  /** The repository's last path part, lower-cased. */
  base: string;
  tag: string | null;
  digest: string | null;
}

const HUB = /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)$/i;

/** Reads a resolved reference; Docker Hub's own host names and `library/` are dropped. */
export function readImageName(resolved: string): ImageName {
  const ref = parseImageRef(resolved);
  const hub = ref.registry === null || HUB.test(ref.registry);
  const repository = hub ? ref.repository.replace(/^library\//, '') : ref.repository;
  const parts = repository.split('/');
  return {
    registry: hub ? null : ref.registry,
    repository,
    base: parts[parts.length - 1].toLowerCase(),
    tag: ref.tag,
    digest: ref.digest,
  };
}

/** The image text with ARG defaults filled in, or null when a variable has no value. */
export function resolveImage(image: string, args: ReadonlyMap<string, string>): string | null {
  return readTemplate(image, args).resolved;
}

/**
 * The image, ARGs filled in, when it is an ONBUILD variant (`node:onbuild`, `node:8-onbuild`,
 * `maven:3-onbuild-alpine`): its hidden triggers copy and build, so it is never a runtime base. Else null.
 */
export function onbuildImage(image: string, args: ReadonlyMap<string, string>): string | null {
  const resolved = resolveImage(image, args) ?? image;
  const tag = /:([^/@]+)(@.*)?$/.exec(resolved)?.[1] ?? '';
  return /(^|-)onbuild(-|$)/.test(tag) ? resolved : null;
}

const DEBIAN = /(?:^|[-_.])(?:jessie|stretch|buster|bullseye|bookworm|trixie|forky|sid|debian\d*)(?:$|[-_.])/;
const UBUNTU = /(?:^|[-_.])(?:xenial|bionic|focal|jammy|noble|oracular|plucky|questing|ubuntu)(?:$|[-_.])/;
const OTHER_OS =
  /(?:^|[-_.])(?:oraclelinux\d*|oracle|ubi\d*(?:-minimal)?|al2|al2023|amazonlinux|(?:amazon)?corretto|centos\d*|windowsservercore.*|nanoserver.*)(?:$|[-_.])/;
const ALPINE = /(?:^|[-_.])alpine/;

/** The family an image's repository has when its tag names no OS. */
const FAMILY_BY_NAME: Record<string, ImageFamily> = {
  node: 'debian',
  debian: 'debian',
  'buildpack-deps': 'debian',
  java: 'debian',
  ubuntu: 'ubuntu',
  'eclipse-temurin': 'ubuntu',
  'ibm-semeru-runtimes': 'ubuntu',
  sapmachine: 'ubuntu',
  adoptopenjdk: 'ubuntu',
  ibmjava: 'ubuntu',
  gradle: 'ubuntu',
  tomcat: 'ubuntu',
  jetty: 'ubuntu',
  'zulu-openjdk': 'ubuntu',
  'zulu-openjdk-debian': 'debian',
  'liberica-openjdk-debian': 'debian',
  'liberica-openjre-debian': 'debian',
};

/**
 * The libc/package family of an image: node:20 -> debian, node:20-alpine -> alpine, eclipse-temurin:17-jre ->
 * ubuntu, gcr.io/distroless/... -> distroless; unknown for other distributions, scratch and unresolved ARGs.
 */
export function imageFamily(image: string, args: ReadonlyMap<string, string>): ImageFamily {
  const resolved = resolveImage(image, args);
  // An unresolved ARG can still sit in front of a literal variant: node:${V}-alpine.
  const text = resolved ?? image;
  const name = readImageName(text);
  const tag = (name.tag ?? '').toLowerCase();
  if (name.repository === 'scratch') return 'unknown';
  if (/(?:^|\/)distroless\//.test(`${name.registry ?? ''}/${name.repository}`)) return 'distroless';
  if (ALPINE.test(tag) || ALPINE.test(name.base)) return 'alpine';
  if (resolved === null) return 'unknown';
  if (OTHER_OS.test(tag)) return 'unknown';
  if (UBUNTU.test(tag)) return 'ubuntu';
  if (DEBIAN.test(tag) || /(?:^|-)slim(?:$|-)/.test(tag)) return 'debian';
  if (name.base === 'openjdk') return (javaReleaseOf(text, args) ?? 99) <= 11 ? 'debian' : 'unknown';
  if (name.base === 'maven') return mavenFamily(tag);
  // tomcat:8.5-jdk8-openjdk and friends sit on the Debian openjdk images.
  if ((name.base === 'tomcat' || name.base === 'jetty') && /(?:^|-)openjdk/.test(tag)) return 'debian';
  return FAMILY_BY_NAME[name.base] ?? 'unknown';
}

/** Maven's tags name the JDK image they build on. */
function mavenFamily(tag: string): ImageFamily {
  if (/eclipse-temurin|sapmachine|ibm-semeru/.test(tag)) return 'ubuntu';
  // maven:3-jdk-8 and maven:3.8-openjdk-11 sit on the Debian openjdk images up to Java 11, Oracle Linux after.
  const jdk = /(?:^|-)(?:jdk|openjdk)-(\d+)/.exec(tag);
  if (jdk) return Number(jdk[1]) <= 11 ? 'debian' : 'unknown';
  return 'unknown';
}

/** A Node tag split into version and variant: `18.19.0-bullseye-slim` -> 18.19.0, bullseye-slim. */
export interface NodeTag {
  /** `20`, `18.19.0`, `lts`, `iron`; '' for a tag that is only a variant (`alpine`) or no tag. */
  version: string;
  major: number | null;
  /** '' (the full Debian image), `alpine3.19`, `bookworm`, `bookworm-slim`, `slim`, ... */
  variant: string;
}

const NODE_VARIANT =
  /^(?:alpine(?:\d+(?:\.\d+)*)?|slim|(?:jessie|stretch|buster|bullseye|bookworm|trixie)(?:-slim)?)$/;

/** Reads a Node image tag; null for variants the tool does not know (Windows, onbuild, ...). */
export function readNodeTag(tag: string | null, codenames: Record<string, number>): NodeTag | null {
  if (tag === null || tag === 'latest') return { version: '', major: null, variant: '' };
  if (NODE_VARIANT.test(tag)) return { version: '', major: null, variant: tag };
  const m = /^(\d+(?:\.\d+){0,2}|lts|current|latest|[a-z]+)(?:-(.+))?$/.exec(tag);
  if (!m) return null;
  const [, version, variant = ''] = m;
  if (variant && !NODE_VARIANT.test(variant)) return null;
  if (/^\d/.test(version)) return { version, major: parseInt(version, 10), variant };
  if (['lts', 'current', 'latest'].includes(version)) return { version, major: null, variant };
  const major = codenames[version];
  return major === undefined ? null : { version, major, variant };
}

/** The Node major an image runs (node:18.19.0-bullseye -> 18, node:iron -> 20, distroless nodejs20 -> 20). */
export function readNodeMajor(
  image: string,
  args: ReadonlyMap<string, string>,
  codenames: Record<string, number>,
): number | null {
  const resolved = resolveImage(image, args);
  if (resolved === null) return null;
  const name = readImageName(resolved);
  const distroless = /^nodejs(\d+)/.exec(name.base);
  if (distroless && name.repository.includes('distroless')) return Number(distroless[1]);
  if (name.base !== 'node') return null;
  return readNodeTag(name.tag, codenames)?.major ?? null;
}

const JDK_IN_TAG =
  /(?:^|-)(?:jdk|openjdk|eclipse-temurin|temurin|amazoncorretto|corretto|sapmachine|ibm-semeru|semeru|adoptopenjdk|ibmjava|graalvm-ce|graalvm-community|liberica|zulu|openj9)-(\d+)/;

/** The Java release an image runs: maven:3.8-openjdk-17 -> 17, gradle:8-jdk17 -> 17, openjdk:8-jdk-alpine -> 8. */
export function javaReleaseOf(image: string, args: ReadonlyMap<string, string>): number | null {
  const resolved = resolveImage(image, args);
  if (resolved === null) return null;
  const name = readImageName(resolved);
  const tag = (name.tag ?? '').toLowerCase();
  const num = (m: RegExpExecArray | null) => (m ? Number(m[1]) : null);
  const base = name.base;
  if (base === 'maven') return num(JDK_IN_TAG.exec(tag));
  if (base === 'gradle') return num(/(?:^|-)jdk(\d+)/.exec(tag));
  if (base === 'tomcat' || base === 'jetty') return num(/(?:^|-)j(?:dk|re)(\d+)/.exec(tag));
  if (base === 'ibm-semeru-runtimes') return num(/^(?:open|certified)-(\d+)/.exec(tag));
  if (base === 'java') return num(/^(?:openjdk-)?(\d+)/.exec(tag));
  // adoptopenjdk/openjdk11, ubi9/openjdk-17, gcr.io/distroless/java17-debian12 carry the release in the name.
  const inName = /^(?:java|openjdk)-?(\d+)(?:$|-)/.exec(base);
  if (inName) return Number(inName[1]);
  if (LEADING_RELEASE.test(base)) return num(/^(\d+)/.exec(tag));
  return null;
}

/** Repositories whose tags start with the release: openjdk:11-jdk, amazoncorretto:17, zulu-openjdk:17-jre. */
const LEADING_RELEASE =
  /^(?:openjdk|eclipse-temurin|amazoncorretto|sapmachine|ibmjava|adoptopenjdk|zulu-openjdk.*|liberica-open.*)$/;
