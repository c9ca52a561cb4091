// Reading the files a migration edits without following a symlink out of the root, blocking on a FIFO or guessing.
import fs from 'node:fs';
import { InputError } from '../errors';
import { errnoOf, isSymlink, problem } from '../host-files';
import { isInside } from '../host-paths';

export { errnoOf, problem, readRegularFile, TooLargeError } from '../host-files';

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
