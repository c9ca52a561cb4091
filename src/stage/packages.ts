// System packages: which ones only a build needs (for every kind), and the line that installs the rest in a runtime stage.
import { alpinePackageName } from '../alpine/packages';
import type { Mappings } from '../images/mappings';
import type { ImageFamily } from '../images/runtime-image';
import type { Stage } from '../dockerfile/model';

/** A C/C++ toolchain: native addons and extensions get built where one is installed. */
const COMPILERS = [
  'build-essential',
  'build-base',
  'gcc',
  'g++',
  'make',
  'clang',
  'python',
  'python3',
  'node-gyp',
];

/** System packages only a build needs: compilers, headers, build tools, version control. */
const BUILD_ONLY = new Set([
  ...COMPILERS,
  'cmake',
  'python2',
  'python-is-python3',
  'python3-pip',
  'py3-pip',
  'python3-dev',
  'python3-setuptools',
  'py3-setuptools',
  'pkg-config',
  'pkgconfig',
  'pkgconf',
  'autoconf',
  'automake',
  'libtool',
  'git',
  'musl-dev',
  'linux-headers',
  'maven',
  'gradle',
  'ant',
]);

/** A JDK package (a JRE one is not: `openjdk-17-jre-headless`). */
const JDK = /^(openjdk-?\d+(-jdk.*)?|openjdk\d+|default-jdk.*|java-\d+-openjdk-devel)$/;

/** A package name without its version pin (`gcc=4:12.2.0-3` -> `gcc`). */
const bare = (name: string) => name.replace(/[=<>~].*$/, '');

/** apt options that take the next word as their value (`-o Dpkg::Options::=--force-confold`, `-t bookworm`). */
const APT_VALUED = new Set(['-o', '--option', '-t', '--target-release', '-c', '--config-file']);

/**
 * The packages a system package manager command installs (`apt-get -y install curl`, `apk add --no-cache curl`),
 * options before or after the verb; null when it is not apt/apk. Packages under `apk add --virtual NAME` are a
 * group the build removes again (`apk del NAME`), so none are counted.
 */
export function systemInstall(
  words: readonly string[],
): { manager: 'apt' | 'apk'; packages: string[] } | null {
  const manager = words[0] === 'apt-get' || words[0] === 'apt' ? 'apt' : words[0] === 'apk' ? 'apk' : null;
  if (!manager) return null;
  const verb = manager === 'apt' ? 'install' : 'add';
  const operands: string[] = [];
  let virtual = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (manager === 'apt' && APT_VALUED.has(w)) i++;
    else if (manager === 'apk' && (w === '--virtual' || w === '-t')) {
      virtual = true;
      i++;
    } else if (!w.startsWith('-')) operands.push(w);
  }
  if (operands[0] !== verb || virtual) return { manager, packages: [] };
  return { manager, packages: operands.slice(1).filter((w) => !w.startsWith('.')) };
}

/** Compilers, headers, JDKs and build tools: a runtime stage needs none of them. */
export function isBuildOnlyPackage(name: string): boolean {
  const p = bare(name);
  return (
    BUILD_ONLY.has(p) ||
    /-(dev|devel)$/.test(p) ||
    /^(gcc|g\+\+|clang)-\d+$/.test(p) ||
    (JDK.test(p) && !/-jre/.test(p))
  );
}

/** Whether a package list brings a C/C++ toolchain (native addons get built). */
export function installsCompilers(packages: readonly string[]): boolean {
  return packages.some((p) => COMPILERS.includes(bare(p)));
}

/** A RUN argument that installs packages on the given family, cleaning the package cache in the same layer. */
export function installCommand(family: ImageFamily, packages: readonly string[], stage?: Stage): string {
  if (family === 'alpine') return `apk add --no-cache ${packages.join(' ')}${alpineLinks(packages, stage)}`;
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')} && rm -rf /var/lib/apt/lists/*`;
}

/**
 * Alpine puts some tools elsewhere than Debian (`tini` in /sbin): when the start command names the Debian
 * path, a link keeps it working as written.
 */
function alpineLinks(packages: readonly string[], stage: Stage | undefined): string {
  if (!stage || !packages.includes('tini')) return '';
  const start = stage.instructions
    .filter((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD')
    .map((i) => i.body);
  return start.some((t) => /\/usr\/bin\/tini\b/.test(t))
    ? ' && { [ -e /usr/bin/tini ] || ln -s /sbin/tini /usr/bin/tini; }'
    : '';
}

/** Tools a start or health check command calls that a slim image may lack. */
export function toolsCalled(commandText: string): string[] {
  const tools = new Set<string>();
  for (const m of commandText.matchAll(
    /(?:^|[\s"'[,;&|(])(curl|wget|bash|git|jq|tini|dumb-init)(?=$|[\s"',\]])/g,
  ))
    tools.add(m[1]);
  return [...tools];
}

const TOOLS: Record<ImageFamily | 'full', readonly string[]> = {
  // buildpack-deps based images (node:20, maven:...) carry a full toolbox.
  full: ['curl', 'wget', 'git', 'bash'],
  // Temurin's Ubuntu images add curl and wget to the base.
  ubuntu: ['curl', 'wget', 'bash'],
  debian: ['bash'],
  alpine: ['wget'],
  distroless: [],
  unknown: [],
};

/** Whether an image of the family ships a tool without installing it; `full` for buildpack-deps images. */
export function imageHasTool(family: ImageFamily | 'full', tool: string): boolean {
  return TOOLS[family].includes(tool);
}

export type RuntimePackageNames =
  { ok: true; packages: string[]; buildOnly: string[]; unknown: string[] } | { ok: false; reason: string };

/**
 * The packages a runtime stage installs from what the original installed: build-only ones left out,
 * Debian names turned into Alpine ones for an alpine runtime (an unknown name kept as is, or refused
 * with `strict`; an empty Alpine name means nothing is needed). Packages installed with apk have no
 * known Debian names, so an apk image moving off alpine is refused.
 */
export function runtimePackageNames(
  installed: readonly string[],
  manager: string | null,
  family: ImageFamily,
  options: { mappings: Mappings; strict: boolean },
): RuntimePackageNames {
  const wanted = installed.filter((p) => !isBuildOnlyPackage(p));
  if (wanted.length && manager === 'apk' && family !== 'alpine') {
    return {
      ok: false,
      reason: `packages installed with apk (${wanted.join(' ')}) have no known names on ${family}`,
    };
  }
  const packages: string[] = [];
  const unknown: string[] = [];
  for (const name of wanted) {
    if (family !== 'alpine' || manager === 'apk') {
      packages.push(name);
      continue;
    }
    const alpine = alpinePackageName(name, options.mappings);
    if (alpine === null && options.strict)
      return { ok: false, reason: `no known Alpine package for ${name} (--strict)` };
    if (alpine === null) unknown.push(name);
    if (alpine !== '') packages.push(alpine ?? name);
  }
  return { ok: true, packages, buildOnly: installed.filter(isBuildOnlyPackage), unknown };
}
