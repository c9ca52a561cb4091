// Reading a file of the machine without blocking on a FIFO, following a link swapped in, or guessing; shared
// by every folder (config/ reads package.json this way too, and may not import pipeline/).
import fs from 'node:fs';
import { InputError, messageOf } from './errors';

// Windows has neither flag; there a symlink swapped in between resolving and opening is not caught.
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** A regular file larger than the reader's limit: it was not read. */
export class TooLargeError extends InputError {
  override name = 'TooLargeError';
  constructor(readonly bytes: number) {
    super(`${(bytes / 1024 / 1024).toFixed(1)} MB, more than this tool reads of such a file`);
  }
}

/**
 * The bytes of the regular file at `real` (a resolved path), or null when it is missing. A folder, FIFO or
 * device is an InputError, as is a file the process may not read: it is never taken for a missing one.
 * One of `maxBytes` or more is a TooLargeError, and is not read.
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
    if (stat.size >= maxBytes) throw new TooLargeError(stat.size);
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

/** Whether `file` itself (not what it points at) is a symlink. */
export function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
