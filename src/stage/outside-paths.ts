// What the RUN lines of a stage leave outside the app folders (read by run-effects.ts): content, folders made, links.
import path from 'node:path';
import type { Instruction, Stage } from '../dockerfile/model';
import { globMatches } from '../dockerfile/context-paths';
import { runScript } from '../dockerfile/hints';
import { isInside, workdirsOf } from '../dockerfile/workdir';
import { runEffects, SYSTEM_DIRS, type RunWrite } from './run-effects';

export interface OutsidePaths {
  /** Paths whose content a RUN puts there (`mv`, `cp`, downloads, archives, redirects): the runtime stage copies them. */
  content: string[];
  /** Folders and files a RUN makes empty (`mkdir -p /var/lib/app`, `touch /var/log/app.log`), for the app to write. */
  made: MadePath[];
  /** `ln` commands whose link lies outside the app folders, as written: run again once the app is in place. */
  links: string[];
  /** A RUN moves `node_modules` out of an app folder (`mv node_modules /node_modules`). */
  movesNodeModules: boolean;
  /**
   * Files of the base image's /etc a RUN writes or edits (`echo ... > /etc/timezone`, `sed -i ... /etc/passwd`):
   * another base has its own, and copying the build stage's over them could break the image, so they stay.
   */
  systemEdits: string[];
  /**
   * Why what RUN lines leave outside the app folders cannot all be carried over, or null: a command the
   * reader cannot follow names such a place (`sh fetch.sh --out /opt/models`), or one writes into a system
   * folder itself (`tar -C /usr/local`), whose new files cannot be told from the image's own.
   */
  unknown: string | null;
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

/**
 * Reads every RUN of `stage` with the one RUN reader (run-effects.ts); paths inside `appDirs` (copied whole),
 * scratch folders are left out, and so is what a later RUN removes. A write into a system folder itself, or a
 * command the reader cannot follow that names a place outside the app folders, is `unknown`.
 */
export function outsidePaths(stage: Stage, appDirs: readonly string[]): OutsidePaths {
  const result: OutsidePaths = {
    content: [],
    made: [],
    links: [],
    movesNodeModules: false,
    systemEdits: [],
    unknown: null,
  };
  const workdirs = workdirsOf(stage);
  const inApp = (p: string) => appDirs.some((dir) => isInside(dir, p));
  const elsewhere = (p: string) => p.startsWith('/') && !inApp(p) && !SCRATCH.some((dir) => isInside(dir, p));
  const outside = (p: string) => elsewhere(p) && !SYSTEM_DIRS.test(p);
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const known = result.made.filter((m) => m.dir).map((m) => m.path);
    const fx = runEffects(runScript(ins), workdirs.get(ins) ?? '/', { known });
    const gone = (p: string) => fx.removes.some((r) => isInside(r, p) || globMatches(r, p));
    const said = shorten(runScript(ins));
    const system = fx.writes.find((w) => elsewhere(w.path) && SYSTEM_DIRS.test(w.path));
    if (system && !result.unknown)
      result.unknown = `\`RUN ${said}\` writes into ${system.path}, a folder of the base image: what it adds there cannot be told from the image's own files. Put it in a folder of its own (/opt/<name>), then migrate`;
    // A place the stage already carries over whole (a folder made or filled) comes along whatever it holds.
    const places = [...result.content, ...result.made.map((m) => m.path), ...fx.writes.map((w) => w.path)];
    const carried = (p: string) => places.some((c) => outside(c) && isInside(c, p));
    const risky = (p: string) => elsewhere(p) && !carried(p);
    const unread = fx.unread.find((u) => u.paths.some(risky));
    if (unread && !result.unknown)
      result.unknown = `\`RUN ${said}\` may write ${unread.paths.find(risky)} in a way the tool cannot follow (\`${shorten(unread.text)}\`): the runtime stage could miss it. Do it with COPY or plain file commands (cp, mv, curl -o), then migrate`;
    result.content = result.content.filter((p) => !gone(p));
    result.made = result.made.filter((m) => !gone(m.path));
    const links = new Set(fx.links.map((l) => l.path));
    for (const w of fx.writes) {
      if (!outside(w.path)) continue;
      if (w.kind !== 'content') addMade(result, w.path, w.kind === 'dir', ins);
      else if (baseSystemFile(w, result.made)) add(result.systemEdits, w.path);
      else if (!links.has(w.path)) add(result.content, w.path);
    }
    for (const l of fx.links) if (outside(l.path)) add(result.links, l.command);
    for (const { path: p, owner } of fx.owners) {
      const made = result.made.find((m) => m.path === p);
      if (made) made.owner = owner;
    }
    if (fx.moves.some((m) => path.posix.basename(m.from) === 'node_modules' && inApp(m.from) && !inApp(m.to)))
      result.movesNodeModules = true;
  }
  // A folder made and then filled (`mkdir /x && mv a /x/a`): the content copy brings it.
  result.made = result.made.filter(
    (m) => !result.content.some((c) => isInside(m.path, c) || isInside(c, m.path)),
  );
  result.content = topLevel(result.content);
  return result;
}

/** Files every Linux base has its own of; the engine also writes some of them at start. */
const BASE_FILES = new Set(
  ['passwd', 'group', 'shadow', 'gshadow', 'hosts', 'hostname', 'resolv.conf', 'timezone', 'localtime']
    .concat(['os-release', 'nsswitch.conf', 'profile', 'environment', 'sudoers', 'ld.so.conf'])
    .map((name) => `/etc/${name}`),
);

/**
 * Configuration of the base image under /etc: a file `>>` or `sed -i` changes in place, or one of the files
 * every base has, unless it lies in a folder a RUN of the stage made (`mkdir /etc/myapp`).
 */
function baseSystemFile(w: RunWrite, made: readonly MadePath[]): boolean {
  if (!isInside('/etc', w.path)) return false;
  if (made.some((m) => m.dir && m.path !== '/etc' && isInside(m.path, w.path))) return false;
  return w.edit === true || BASE_FILES.has(w.path) || isInside('/etc/ssl', w.path);
}

const shorten = (s: string) => (s.length > 70 ? s.slice(0, 67) + '...' : s);

function add(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function addMade(result: OutsidePaths, p: string, dir: boolean, run: Instruction): void {
  if (!result.made.some((m) => m.path === p)) result.made.push({ path: p, dir, run, owner: null });
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
