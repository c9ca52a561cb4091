// What the RUN lines of a stage leave outside the app folders: files moved or fetched there, folders made, links made.
import path from 'node:path';
import type { Instruction, Stage } from '../dockerfile/model';
import { splitCommands } from '../dockerfile/shell';
import { isInside, workdirsOf } from '../dockerfile/workdir';

export interface OutsidePaths {
  /** Paths whose content a RUN puts there (`mv`, `cp`, `curl -o`, `wget -O`): the runtime stage copies them. */
  content: string[];
  /** Folders and files a RUN makes empty (`mkdir -p /var/lib/app`, `touch /var/log/app.log`), for the app to write. */
  made: MadePath[];
  /** `ln` commands whose link lies outside the app folders, as written: run again once the app is in place. */
  links: string[];
  /** A RUN moves `node_modules` out of an app folder (`mv node_modules /node_modules`). */
  movesNodeModules: boolean;
}

export interface MadePath {
  path: string;
  dir: boolean;
  /** The RUN that makes it. */
  run: Instruction;
  /** The owner a `chown` in the stage gives it (`app:app`), or null. */
  owner: string | null;
}

/** Folders that hold caches, package databases or scratch space: nothing an app needs from the build. */
const SCRATCH = [
  '/tmp',
  '/var/tmp',
  '/root',
  '/var/cache',
  '/var/lib/apt',
  '/var/lib/dpkg',
  '/var/lib/apk',
  '/etc/apt',
  '/usr/share/doc',
  '/usr/share/man',
  '/usr/local/lib/node_modules',
  '/usr/lib/node_modules',
  '/proc',
  '/dev',
  '/sys',
];

/** Folders every image has: moving something into one names the thing, not the folder. */
const SYSTEM_DIRS = new Set([
  '/',
  '/usr',
  '/usr/local',
  '/usr/local/bin',
  '/usr/local/lib',
  '/usr/local/share',
  '/usr/bin',
  '/usr/lib',
  '/usr/share',
  '/bin',
  '/sbin',
  '/lib',
  '/opt',
  '/srv',
  '/var',
  '/var/lib',
  '/var/log',
  '/etc',
  '/home',
  '/mnt',
]);

/** Reads every RUN of `stage`; paths inside `appDirs` (copied whole) and scratch folders are left out. */
export function outsidePaths(stage: Stage, appDirs: readonly string[]): OutsidePaths {
  const result: OutsidePaths = { content: [], made: [], links: [], movesNodeModules: false };
  const workdirs = workdirsOf(stage);
  const outside = (p: string) =>
    p.startsWith('/') && !appDirs.some((dir) => isInside(dir, p)) && !SCRATCH.some((dir) => isInside(dir, p));
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'RUN' || ins.heredoc) continue;
    readRun(ins, workdirs.get(ins) ?? '/', outside, appDirs, result);
  }
  // A folder made and then filled (`mkdir /x && mv a /x/a`): the content copy brings it.
  result.made = result.made.filter(
    (m) => !result.content.some((c) => isInside(m.path, c) || isInside(c, m.path)),
  );
  result.content = topLevel(result.content);
  return result;
}

function readRun(
  ins: Instruction,
  workdir: string,
  outside: (p: string) => boolean,
  appDirs: readonly string[],
  result: OutsidePaths,
): void {
  let cwd = workdir;
  const body = ins.exec ? (isShellExec(ins.exec) ? ins.exec[2] : '') : ins.body;
  for (const command of splitCommands(body)) {
    const words = command.words.filter((w, i) => i > 0 || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    const [tool, ...args] = words;
    const abs = (p: string) => (p.includes('$') ? p : path.posix.resolve(cwd, p));
    const operands = args.filter((a) => !a.startsWith('-'));
    switch (tool) {
      case 'cd':
        if (operands[0] && !operands[0].includes('$')) cwd = abs(operands[0]);
        break;
      case 'mkdir':
        for (const p of valuesAfter(args, ['-m', '--mode']).map(abs))
          if (outside(p)) addMade(result, p, true, ins);
        break;
      case 'touch':
        for (const p of operands.map(abs)) if (outside(p)) addMade(result, p, false, ins);
        break;
      case 'chown': {
        const [owner, ...paths] = valuesAfter(args, ['--from', '--reference']);
        for (const p of paths.map(abs)) {
          const made = result.made.find((m) => m.path === p);
          if (made && owner) made.owner = owner;
        }
        break;
      }
      case 'mv':
      case 'cp': {
        const paths = valuesAfter(args, ['-t', '--target-directory', '-S', '--suffix']);
        if (paths.length < 2) break;
        const sources = paths.slice(0, -1).map(abs);
        const dest = abs(paths[paths.length - 1]);
        const targets = intoFolder(sources, dest, paths[paths.length - 1]);
        for (const target of targets)
          if (outside(target) && !target.includes('$')) add(result.content, target);
        if (
          tool === 'mv' &&
          sources.some(
            (s) => path.posix.basename(s) === 'node_modules' && appDirs.some((d) => isInside(d, s)),
          ) &&
          targets.some((t) => !appDirs.some((d) => isInside(d, t)))
        )
          result.movesNodeModules = true;
        break;
      }
      case 'curl':
      case 'wget': {
        const file = optionValue(args, tool === 'curl' ? ['-o', '--output'] : ['-O', '--output-document']);
        if (file && file !== '-' && outside(abs(file))) add(result.content, abs(file));
        break;
      }
      case 'ln': {
        const names = valuesAfter(args, ['-t', '--target-directory', '-S', '--suffix']);
        const link = names.length >= 2 ? abs(names[names.length - 1]) : null;
        if (link && outside(link)) add(result.links, command.text);
        break;
      }
    }
  }
}

/** Where `mv`/`cp` put each source: into `dest` when it is a folder (a trailing `/`, several sources, a system folder). */
function intoFolder(sources: string[], dest: string, written: string): string[] {
  const folder =
    written.endsWith('/') ||
    written === '.' ||
    written === '..' ||
    sources.length > 1 ||
    SYSTEM_DIRS.has(dest);
  return folder ? sources.map((s) => path.posix.join(dest, path.posix.basename(s))) : [dest];
}

function isShellExec(exec: readonly string[]): boolean {
  return /^(\/bin\/)?(ba)?sh$/.test(exec[0] ?? '') && exec[1] === '-c' && exec[2] !== undefined;
}

/** Non-option words, skipping the value of each option in `withValue`. */
function valuesAfter(args: readonly string[], withValue: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (withValue.includes(args[i])) i++;
    else if (!args[i].startsWith('-')) values.push(args[i]);
  }
  return values;
}

function optionValue(args: readonly string[], names: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    if (names.includes(args[i])) return args[i + 1] ?? null;
    const eq = names.find((n) => n.startsWith('--') && args[i].startsWith(`${n}=`));
    if (eq) return args[i].slice(eq.length + 1);
  }
  return null;
}

function add(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function addMade(result: OutsidePaths, p: string, dir: boolean, run: Instruction): void {
  if (!p.includes('$') && !result.made.some((m) => m.path === p))
    result.made.push({ path: p, dir, run, owner: null });
}

/** Paths not inside another of the list. */
function topLevel(paths: string[]): string[] {
  return paths.filter((p) => !paths.some((o) => o !== p && isInside(o, p)));
}

/** The runtime stage lines that bring back what the build stage holds outside the app folders. */
export interface OutsideLines {
  /** `COPY --from=<build> p p` for content and made paths (given to the runtime user, who may write there). */
  copies: string[];
  /** RUN lines for after the app copy: VOLUME folders made and given to the user, links made again. */
  setup: string[];
  /** The paths copied, and the folders made for volumes, for the notes. */
  copied: string[];
  volumesMade: string[];
}

/**
 * `owner` is the user a migration introduces (`node:node`), or null when the original names its user: then
 * paths keep the owner the original's `chown` gave them. Volume folders are made only for an owner: without one, Docker makes the mount
 * point itself, as for the original.
 */
export function outsideLines(
  outside: OutsidePaths,
  volumes: readonly string[],
  buildName: string,
  owner: string | null,
  line: (keyword: string, args: string) => string,
): OutsideLines {
  // A copy makes the folder itself root's unless told otherwise: give it the owner the original gave it.
  const copy = (p: string, who: string | null) =>
    line('COPY', `--from=${buildName}${who ? ` --chown=${who}` : ''} ${p} ${p}`);
  const copies = [
    ...outside.content.map((p) => copy(p, owner)),
    ...outside.made.map((m) => copy(m.path, owner ?? m.owner)),
  ];
  const copied = [...outside.content, ...outside.made.map((m) => m.path)];
  const volumesMade = owner ? volumes.filter((v) => !copied.some((c) => isInside(c, v))) : [];
  const setup: string[] = [];
  if (volumesMade.length) {
    const list = volumesMade.join(' ');
    setup.push(line('RUN', `mkdir -p ${list} && chown ${owner} ${list}`));
  }
  if (outside.links.length) setup.push(line('RUN', outside.links.join(' && ')));
  return { copies, setup, copied, volumesMade };
}
