// One service's files change together: temp files first, a check that nothing changed since it was read, then renames.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errnoOf, problem, readRegularFile, resolveInside, type Display } from './safe-fs';

export interface PlannedWrite {
  /** Absolute path. */
  path: string;
  /** Relative to the current folder, for reports and diffs. */
  display: string;
  /** The bytes read when the service was planned, or null when the file did not exist. */
  before: Buffer | null;
  after: Buffer;
}

export interface CommitOptions {
  /** Real path every target must resolve inside (see README, "Reliability"); null: anywhere. */
  root: string | null;
  /** Paths as reports show them, for messages about paths other than the targets. */
  display?: Display;
}

interface Staged {
  write: PlannedWrite;
  /** The real path replaced (symlinks inside the root are written through, not replaced). */
  target: string;
  stat: fs.Stats | null;
  temp: string | null;
}

/**
 * Writes one service's files so that, whatever fails, each is the old file or the new one and the group is
 * all old or all new. Temp files are created beside their targets (same filesystem, so a rename is atomic)
 * with O_EXCL under random names, so no existing file or symlink is ever opened for writing. Before the
 * first rename every target is read again: a file changed, removed or created since it was planned is left
 * as it is and the whole group is refused. A rename that fails undoes the ones before it. Throws an Error
 * with a one-line reason; no temp file is left behind either way.
 */
export function commitWrites(writes: readonly PlannedWrite[], options: CommitOptions = { root: null }): void {
  const display = options.display ?? ((file: string) => file);
  // Every target is resolved and checked first: a folder or a path leading out refuses the group untouched.
  const staged = writes.map((write) => resolveTarget(write, options.root, display));
  try {
    for (const s of staged) s.temp = createTemp(s.target, s.write.after, s.stat, s.write.display);
    for (const s of staged) checkUnchanged(s);
    renameAll(staged);
  } finally {
    for (const s of staged) if (s.temp) fs.rmSync(s.temp, { force: true });
  }
}

function resolveTarget(write: PlannedWrite, root: string | null, display: Display): Staged {
  const real = resolveInside(write.path, root, display);
  if (real === null) {
    // A new file: its folder must lead inside the root too.
    const folder = resolveInside(path.dirname(write.path), root, display);
    if (folder === null) throw new Error(`${write.display}: its folder does not exist`);
    return { write, target: path.join(folder, path.basename(write.path)), stat: null, temp: null };
  }
  const stat = fs.statSync(real);
  if (stat.isDirectory()) throw new Error(`${write.display} is a folder`);
  if (!stat.isFile()) throw new Error(`${write.display} is not a regular file`);
  return { write, target: real, stat, temp: null };
}

/** A new file beside `target` holding `bytes`, with the target's mode (and owner, where allowed). */
function createTemp(target: string, bytes: Buffer, stat: fs.Stats | null, label: string): string {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${crypto.randomBytes(8).toString('hex')}.tmp`,
  );
  let fd: number;
  try {
    // 'wx' is O_CREAT | O_EXCL: it fails rather than open a file or follow a symlink already at that name.
    fd = fs.openSync(temp, 'wx', stat ? stat.mode & 0o7777 : 0o666);
  } catch (error) {
    throw new Error(`${label}: ${problem(error)}`);
  }
  try {
    fs.writeFileSync(fd, bytes);
    if (stat) {
      fs.fchmodSync(fd, stat.mode & 0o7777);
      keepOwner(fd, stat);
    }
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw new Error(`${label}: ${problem(error)}`);
  }
  fs.closeSync(fd);
  return temp;
}

// A rename gives the file the writer's owner: run as root on someone's checkout, keep theirs.
function keepOwner(fd: number, stat: fs.Stats): void {
  if (stat.uid === process.getuid?.() && stat.gid === process.getgid?.()) return;
  try {
    fs.fchownSync(fd, stat.uid, stat.gid);
  } catch {
    // not allowed (not root): the file keeps the writer's owner, as any editor would leave it
  }
}

/** Throws when the target is no longer what was read: someone edited, removed or created it meanwhile. */
function checkUnchanged(s: Staged): void {
  const { before, display } = s.write;
  if (before === null) {
    if (exists(s.target)) throw new Error(`${display} appeared since it was read; left as it is`);
    return;
  }
  let now: Buffer | null;
  try {
    now = readRegularFile(s.target);
  } catch (error) {
    throw new Error(`${display}: ${(error as Error).message}`);
  }
  if (now === null) throw new Error(`${display} was removed since it was read; left as it is`);
  if (!now.equals(before)) throw new Error(`${display} changed since it was read; left as it is`);
}

/** Renames every temp file into place; when one fails, the ones already renamed are put back. */
function renameAll(staged: Staged[]): void {
  const done: Staged[] = [];
  for (const s of staged) {
    try {
      fs.renameSync(s.temp!, s.target);
    } catch (error) {
      const lost = done.reverse().flatMap((d) => restore(d));
      const also = lost.length > 0 ? `; could not restore ${lost.join(', ')}` : '';
      throw new Error(`${s.write.display}: ${problem(error)}${also}`);
    }
    s.temp = null;
    done.push(s);
  }
}

/** Puts back what a renamed file replaced; returns the names it could not restore. */
function restore(s: Staged): string[] {
  try {
    if (s.write.before === null) {
      fs.rmSync(s.target, { force: true });
      return [];
    }
    const temp = createTemp(s.target, s.write.before, s.stat, s.write.display);
    try {
      fs.renameSync(temp, s.target);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
    return [];
  } catch {
    return [s.write.display];
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch (error) {
    return errnoOf(error) !== 'ENOENT';
  }
}
