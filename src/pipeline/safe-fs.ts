// Reading the files a migration edits without following a symlink out of the root, blocking on a FIFO or guessing.
import fs from 'node:fs';
import { InputError, messageOf } from '../errors';
import { isInside } from '../host-paths';

// Windows has neither flag; there a symlink swapped in between resolving and opening is not caught.
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** Turns an absolute path into the form reports show (relative to the current folder). */
export type Display = (file: string) => string;

/**
 * The real path of `file` (every symlink resolved), or null when nothing is there. Throws InputError for a
 * symlink that points at nothing (replacing it would silently drop the link) and, with a `root`, for a path
 * that resolves outside it: such a file is neither read nor written.
 */
export function resolveInside(
  file: string,
  root: string | null,
  display: Display,
  rootName = `${display(root ?? '')} (the folder searched)`,
): string | null {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (error) {
    const code = errnoOf(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new InputError(`${display(file)}: ${problem(error)}`);
    if (isSymlink(file)) throw new InputError(`${display(file)} is a broken symlink; not followed`);
    return null;
  }
  if (root !== null && !isInside(root, real)) {
    throw new InputError(`${display(file)} leads to ${display(real)}, outside ${rootName}; not followed`);
  }
  return real;
}

/**
 * The bytes of the regular file at `real` (a resolved path), or null when it is missing. A folder, FIFO or
 * device is an InputError, as is a file the process may not read: it is never taken for a missing one.
 */
export function readRegularFile(real: string, maxBytes = Infinity): Buffer | null {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: a link swapped in since is refused.
    fd = fs.openSync(real, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw new InputError(problem(error));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new InputError('is a folder');
    if (!stat.isFile()) throw new InputError('is not a regular file');
    if (stat.size > maxBytes)
      throw new InputError(
        `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, more than the ${maxBytes / 1024 / 1024} MB it may have`,
      );
    return fs.readFileSync(fd);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(problem(error));
  } finally {
    fs.closeSync(fd);
  }
}

/** A one-line reason for a failed file operation, in the words the reports use. */
export function problem(error: unknown): string {
  switch (errnoOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'is a symlink (or a loop of them)';
    case 'ENOENT':
      return 'no such file';
    default:
      return messageOf(error);
  }
}

export function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
