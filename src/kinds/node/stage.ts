// Reads a single-stage Node image: what each instruction is for, what it installs and builds, where the app lives.
import type { DockerfileModel, Instruction, Stage } from '../../dockerfile/model';
import { flagValue } from '../../dockerfile/model';
import { preambleArgs } from '../../dockerfile/scope';
import type { NodeFacts, StartScript } from '../../contract/facts';
import { imageFamily, nodeMajor, type ImageFamily } from '../../images/runtime-image';
import { readNodeRun, type InstallStep, type NodeRun } from './commands';
import { isKnownNativeAddon } from './native-addons';
import { installsCompilers } from '../../stage/packages';
import { userSpecFrom, lastUser, rootOnlyPaths, type UserSpec } from '../../stage/users';
import { copyWords } from '../../dockerfile/sources';
import { isInside, unquote, workdirsOf } from '../../dockerfile/workdir';
import { runScript } from '../../dockerfile/hints';
import { outsidePaths, type OutsidePaths } from '../../stage/outside-paths';

const TRAILING = new Set(['ENV', 'ARG', 'WORKDIR', 'USER', 'SHELL']);

const BUILD_OUTPUT_DIRS = ['dist', 'build', 'out', 'lib', '.next', '.output', '.nuxt'];

export interface NodeStageReading {
  stage: Stage;
  args: Map<string, string>;
  /** The FROM image as written. */
  image: string;
  family: ImageFamily;
  /** A buildpack-deps based image (`node:20`), which carries compilers, curl, git. */
  fullImage: boolean;
  nodeMajor: number | null;
  runs: Map<Instruction, NodeRun>;
  installs: { ins: Instruction; install: InstallStep }[];
  hasBuild: boolean;
  /** Why build and runtime must share a libc; empty when nothing native is built. */
  nativeReasons: string[];
  /** System packages installed by apt/apk, in order. */
  systemPackages: string[];
  systemManager: 'apt' | 'apk' | null;
  /** The user the original creates with useradd/adduser, if any. */
  createdUser: UserSpec | null;
  /** The value of the last USER instruction. */
  user: string | null;
  /** ENV/ARG/WORKDIR/USER/SHELL after the last RUN/COPY: they only shape the final image. */
  trailing: Set<Instruction>;
  setsNodeEnv: boolean;
  /** A build output folder copied in from the context (built outside the image). */
  prebuiltOutput: string | null;
  /** Folders the app lives in (installs, builds and context copies happen there). */
  appDirs: string[];
  /** Absolute destinations of context copies outside the app folders. */
  outsideCopies: string[];
  /** The absolute destination of every context COPY/ADD. */
  copyDestinations: Map<Instruction, string>;
  /** Context copies into folders only root can read (/root, /etc/ssl/private): a non-root user could not read them. */
  rootOnlyCopies: string[];
  workdirs: Map<Instruction, string>;
  /** Shells the start command's scripts need (`bash`), from the build context. */
  startShells: readonly string[];
  /** The context's scripts the start command runs (entrypoints), read as start commands too. */
  startScripts: readonly StartScript[];
  /** Whether a lockfile is in the image before the install runs. */
  lockfileCopied: boolean;
  /** What RUN lines leave outside the app folders (moved files, made folders, links). */
  outside: OutsidePaths;
  /** Absolute VOLUME paths: folders the app writes to, which must exist and be writable. */
  volumes: string[];
  /** The folders ENV NODE_PATH lists (Node looks for packages there too). */
  nodePath: string[];
}

export function readNodeStage(
  model: DockerfileModel,
  node: NodeFacts,
  startShells: readonly string[] = [],
  startScripts: readonly StartScript[] = [],
): NodeStageReading {
  const stage = model.stages[model.stages.length - 1];
  const args = preambleArgs(model);
  const image = stage.image?.value ?? '';
  const runs = new Map<Instruction, NodeRun>();
  // An exec-form RUN is read as written: its install, if any, is not one this kind rewrites.
  for (const ins of stage.instructions) if (ins.keyword === 'RUN') runs.set(ins, readNodeRun(runScript(ins)));
  const installs = [...runs].flatMap(([ins, run]) => (run.install ? [{ ins, install: run.install }] : []));
  const systemPackages = [...runs.values()].flatMap((r) => r.systemPackages?.packages ?? []);
  const systemManager = [...runs.values()].find((r) => r.systemPackages)?.systemPackages?.manager ?? null;
  // A global package with native code (prisma's engines) runs, or builds what runs, on the libc it was installed for.
  const nativeGlobals = [...runs.values()]
    .flatMap((r) => r.globalPackages)
    .map((p) => p.replace(/(.)@[^@/]*$/, '$1'))
    .filter(isKnownNativeAddon);
  const nativeReasons = [
    ...node.nativeAddons,
    ...nativeGlobals.map((name) => `global ${name}`),
    ...(installsCompilers(systemPackages) ? ['compilers installed in the image'] : []),
  ];
  const workdirs = workdirsOf(stage);
  const copies = stage.instructions.filter(
    (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !flagValue(i, 'from'),
  );
  const copyDests = copies.map((i) => destinationOf(i, workdirs.get(i) ?? '/'));
  const workAt = [
    ...copies,
    ...installs.map((i) => i.ins),
    ...[...runs].filter(([, r]) => r.build).map(([i]) => i),
  ].map((i) => workdirs.get(i) ?? '/');
  const finalDir = stage.instructions.length
    ? (workdirs.get(stage.instructions[stage.instructions.length - 1]) ?? '/')
    : '/';
  const appDirs = topLevel([...workAt.filter((d) => d !== '/'), ...(finalDir !== '/' ? [finalDir] : [])]);
  const outsideCopies = copyDests.filter((d) => d !== '/' && !appDirs.some((a) => isInside(a, d)));
  const lastWriteIndex = stage.instructions.findLastIndex((i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword));
  const trailing = new Set(
    stage.instructions.filter((i, n) => TRAILING.has(i.keyword) && n > lastWriteIndex),
  );
  return {
    stage,
    args,
    image,
    family: imageFamily(image, args),
    fullImage: isFullNodeImage(image),
    nodeMajor: nodeMajor(image, args),
    runs,
    installs,
    hasBuild: [...runs.values()].some((r) => r.build),
    nativeReasons,
    systemPackages,
    systemManager,
    createdUser: userSpecFrom([...runs.values()].flatMap((r) => r.userCommands)),
    user: lastUser(stage),
    trailing,
    setsNodeEnv: stage.instructions.some((i) => i.keyword === 'ENV' && /(^|\s)NODE_ENV[=\s]/.test(i.body)),
    prebuiltOutput: prebuiltOutput(copies, node),
    appDirs,
    outsideCopies,
    copyDestinations: new Map(copies.map((i, n) => [i, copyDests[n]])),
    rootOnlyCopies: rootOnlyPaths(copyDests),
    workdirs,
    startShells,
    startScripts,
    lockfileCopied: lockfileCopiedBeforeInstall(stage, installs[0]?.ins, node),
    outside: outsidePaths(stage, appDirs),
    volumes: volumesOf(stage),
    nodePath: stage.instructions
      .filter((i) => i.keyword === 'ENV')
      .flatMap((i) => /(?:^|\s)NODE_PATH[=\s]+["']?([^"'\s]+)/.exec(i.body)?.[1].split(':') ?? []),
  };
}

/** `node:20`, `node:20-bookworm`: images built on buildpack-deps, unlike `-slim` and `-alpine`. */
function isFullNodeImage(image: string): boolean {
  const tag = image.split('/').pop()?.split(':')[1] ?? '';
  return !/(slim|alpine|distroless)/.test(image) && !/-(slim|alpine)/.test(tag);
}

/** The absolute destination of a COPY/ADD, resolved against the WORKDIR in effect. */
function destinationOf(ins: Instruction, workdir: string): string {
  const parts = copyWords(ins);
  const dest = parts[parts.length - 1] ?? '.';
  return dest.startsWith('/') ? dest.replace(/\/+$/, '') || '/' : joinPath(workdir, dest);
}

function joinPath(dir: string, rel: string): string {
  const joined = `${dir}/${rel}`.split('/').reduce<string[]>((acc, part) => {
    if (part === '' || part === '.') return acc;
    if (part === '..') acc.pop();
    else acc.push(part);
    return acc;
  }, []);
  // A WORKDIR given as a variable stays a variable-rooted path, as written.
  return dir.startsWith('$') ? joined.join('/') : '/' + joined.join('/');
}

/** Folders not inside another of the list. */
function topLevel(dirs: string[]): string[] {
  const unique = [...new Set(dirs)].sort((a, b) => a.length - b.length);
  return unique.filter((d, i) => !unique.slice(0, i).some((o) => isInside(o, d)));
}

function prebuiltOutput(copies: Instruction[], node: NodeFacts): string | null {
  const outputs = new Set([
    ...BUILD_OUTPUT_DIRS,
    ...(node.tsOutDir ? [node.tsOutDir.replace(/^\.\//, '').replace(/\/$/, '')] : []),
  ]);
  for (const ins of copies) {
    for (const source of copyWords(ins).slice(0, -1)) {
      const first = source.replace(/^\.\//, '').split('/')[0];
      if (outputs.has(first)) return first;
    }
  }
  return null;
}

function lockfileCopiedBeforeInstall(
  stage: Stage,
  install: Instruction | undefined,
  node: NodeFacts,
): boolean {
  if (!install || !node.lockfile) return false;
  const lockName = node.lockfile.split('/').pop() ?? node.lockfile;
  for (const ins of stage.instructions) {
    if (ins === install) return false;
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || flagValue(ins, 'from')) continue;
    const sources = copyWords(ins).slice(0, -1);
    const matches = sources.some((s) => {
      const base = s.replace(/\/$/, '');
      if (base === '.' || base === '' || base === node.packageDir) return true;
      const name = base.split('/').pop() ?? base;
      return (
        name === lockName ||
        (name.includes('*') &&
          new RegExp('^' + name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$').test(
            lockName,
          ))
      );
    });
    if (matches) return true;
  }
  return false;
}

/** The folders VOLUME lines name (JSON or space-separated), absolute; variables are left out. */
function volumesOf(stage: Stage): string[] {
  const paths = stage.instructions
    .filter((i) => i.keyword === 'VOLUME')
    .flatMap((i) => (i.exec ?? i.body.split(/\s+/)).map(unquote).filter((p) => p && !p.includes('$')))
    .map((p) => (p.startsWith('/') ? p.replace(/\/+$/, '') || '/' : joinPath('/', p)));
  return [...new Set(paths)];
}
