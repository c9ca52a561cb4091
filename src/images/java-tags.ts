// JRE tags by vendor: each vendor names its JRE images its own way; the release never changes.
import type { ImageFamily } from './image-facts';

/** What a JRE tag is made from. `sameVendor`: the source is this vendor's image, so its version facts carry over. */
export interface JreRequest {
  release: number;
  sourceTag: string;
  sameVendor: boolean;
  alpine: boolean;
}

/** A JRE image for a vendor: the repository's last path part may change (zulu-openjdk -> zulu-openjdk-alpine). */
export interface JreTag {
  tag: string;
  base?: string;
  family: ImageFamily;
  /** The source's update version, when the vendor changed and it could not be kept. */
  droppedVersion?: string;
}

export interface Vendor {
  /** The vendor's name, for messages. */
  label: string;
  /** Whether the vendor publishes an alpine JRE. */
  alpine: boolean;
  jre(req: JreRequest, base: string): JreTag;
}

const WINDOWS = /windowsservercore|nanoserver/;

/** The update version the source tag carries beyond the release (`11.0.16`, `8u392-b08`), if any. */
function updateVersion(tag: string, release: number): string | undefined {
  const m = /^(?:open-|certified-)?(\d+(?:u\d+(?:-b\d+)?)?(?:[._]\d+)*)/.exec(tag);
  // Only a JDK image's own version counts: maven:3.9-... starts with Maven's.
  const ofRelease = m && new RegExp(`^${release}(?:[._u]|$)`).test(m[1]);
  return ofRelease && m[1] !== String(release) ? m[1] : undefined;
}

const temurin: Vendor = {
  label: 'Eclipse Temurin',
  alpine: true,
  jre({ release, sourceTag, sameVendor, alpine }) {
    const m = /^(\d+(?:u\d+-b\d+)?(?:[._]\d+)*)(?:-(?:jdk|jre))?(?:-(.+))?$/.exec(sourceTag);
    const version = sameVendor && m ? m[1] : String(release);
    let os = sameVendor && m ? (m[2] ?? null) : null;
    // The OS part stays when the vendor does (an Ubuntu codename, ubi9-minimal, alpine-3.21), unless the family changes.
    if (alpine) os = os?.startsWith('alpine') ? os : 'alpine';
    else if (os?.startsWith('alpine')) os = null;
    const family: ImageFamily = alpine
      ? 'alpine'
      : os && /ubi|windows|nanoserver/.test(os)
        ? 'unknown'
        : 'ubuntu';
    const droppedVersion = sameVendor ? undefined : updateVersion(sourceTag, release);
    return { tag: `${version}-jre${os ? `-${os}` : ''}`, family, droppedVersion };
  },
};

const semeru: Vendor = {
  label: 'IBM Semeru',
  alpine: false,
  jre({ release, sourceTag, sameVendor }) {
    const m = /^(open|certified)-(.+?)-(?:jdk|jre)(?:-(.+))?$/.exec(sourceTag);
    if (sameVendor && m) return { tag: `${m[1]}-${m[2]}-jre${m[3] ? `-${m[3]}` : ''}`, family: 'ubuntu' };
    return {
      tag: `open-${release}-jre`,
      family: 'ubuntu',
      droppedVersion: updateVersion(sourceTag, release),
    };
  },
};

const sapmachine: Vendor = {
  label: 'SapMachine',
  alpine: false,
  jre({ release, sourceTag, sameVendor }) {
    const m = /^(\d+(?:[._]\d+)*)(?:-(?:jdk|jre))?(-headless)?(?:-(ubuntu.*))?$/.exec(sourceTag);
    if (sameVendor && m)
      return { tag: `${m[1]}-jre${m[2] ?? ''}${m[3] ? `-${m[3]}` : ''}`, family: 'ubuntu' };
    return { tag: `${release}-jre`, family: 'ubuntu', droppedVersion: updateVersion(sourceTag, release) };
  },
};

const zulu: Vendor = {
  label: 'Azul Zulu',
  alpine: true,
  jre({ release, sourceTag, sameVendor, alpine }, base) {
    const m = /^(\d+(?:[._u]\d+)*)(?:-(?:jdk|jre))?(-headless)?(-latest)?$/.exec(sourceTag);
    const tag = sameVendor && m ? `${m[1]}-jre${m[2] ?? ''}${m[3] ?? ''}` : `${release}-jre`;
    // Zulu puts the OS in the repository name: zulu-openjdk (Ubuntu), zulu-openjdk-alpine, zulu-openjdk-debian.
    if (alpine) return { tag, base: 'zulu-openjdk-alpine', family: 'alpine' };
    if (base === 'zulu-openjdk-debian') return { tag, family: 'debian' };
    return { tag, base: 'zulu-openjdk', family: 'ubuntu' };
  },
};

const liberica: Vendor = {
  label: 'BellSoft Liberica',
  alpine: true,
  jre({ release, sourceTag, sameVendor, alpine }, base) {
    // The JRE repositories use the JDK repositories' tags; the OS is in the name.
    const tag = sameVendor ? sourceTag : String(release);
    const musl = base.endsWith('-musl') ? '-musl' : '';
    if (alpine) return { tag, base: `liberica-openjre-alpine${musl}`, family: 'alpine' };
    return { tag, base: 'liberica-openjre-debian', family: 'debian' };
  },
};

const ibmjava: Vendor = {
  label: 'IBM Java',
  alpine: false,
  jre({ release, sourceTag, sameVendor }) {
    const m = /^(\d+(?:\.\d+)*)/.exec(sourceTag);
    return { tag: `${sameVendor && m ? m[1] : release}-jre`, family: 'ubuntu' };
  },
};

/** The vendors whose JRE tags the tool can write, by the repository's last path part. */
export function vendorOf(base: string): Vendor | null {
  if (base === 'eclipse-temurin') return temurin;
  if (base === 'ibm-semeru-runtimes') return semeru;
  if (base === 'sapmachine') return sapmachine;
  if (/^zulu-openjdk(?:-alpine|-debian)?$/.test(base)) return zulu;
  if (/^liberica-open(?:jre|jdk)-(?:alpine|alpine-musl|debian)$/.test(base)) return liberica;
  if (base === 'ibmjava') return ibmjava;
  return null;
}

/** The scheme a user's own repository name (one the tool does not know) follows. */
export const defaultVendor = temurin;

/** Whether a tag names a Windows image, which the tool leaves alone. */
export const isWindowsTag = (tag: string): boolean => WINDOWS.test(tag);

/** Servlet containers keep their own major and swap the JDK for the JRE of the same release: 9-jdk11 -> 9-jre11. */
export function containerJreTag(
  base: 'tomcat' | 'jetty',
  sourceTag: string | null,
  release: number,
): { tag: string; droppedVendor: string | null } | null {
  const m = /^(?:(\d+(?:\.\d+)*)-?)?(?:(?:jdk|jre)(\d+))?(?:-(.+))?$/.exec(sourceTag ?? '');
  if (!m || (!m[1] && !m[2])) return null;
  const version = m[1] ? `${m[1]}-` : '';
  let rest: string | null = m[3] ?? null;
  let droppedVendor: string | null = null;
  // Tomcat publishes its JRE images on Temurin only: an openjdk or corretto JDK variant has no JRE twin.
  if (base === 'tomcat' && rest && !rest.startsWith('temurin')) {
    droppedVendor = rest;
    rest = null;
  }
  return { tag: `${version}jre${release}${rest ? `-${rest}` : ''}`, droppedVendor };
}
