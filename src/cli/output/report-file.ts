// Where `--report markdown FILE` goes: the flag read, the file checked before any work, and the write at the end.
import fs from 'node:fs';
import path from 'node:path';
import { PathError, UsageError, messageOf } from '../../errors';
import { isDockerfileName } from '../../pipeline/discover';
import { printable } from '../../pipeline/quote';

const FORMATS = ['markdown', 'md'];

/** The file `--report FORMAT FILE` names; throws UsageError for another format or a second --report. */
export function reportTarget(args: readonly string[]): string {
  if (args.length !== 2)
    throw new UsageError('--report takes a format and a file, once: --report markdown FILE');
  const [format, file] = args;
  if (!FORMATS.includes(format.toLowerCase()))
    throw new UsageError(`--report ${format}: the report format is markdown (--report markdown FILE)`);
  if (!file) throw new UsageError('--report markdown FILE: say which file to write');
  return file;
}

/**
 * Checks, before anything is planned or written, that the report can be written: the path is not a folder,
 * its folder exists, and the file (or, when it is new, its folder) is writable. Otherwise a `--write` run
 * would write every Dockerfile and only then fail on the report. Throws PathError, one line.
 */
export function checkReportFile(file: string): void {
  const full = path.resolve(file);
  const fail = (why: string) =>
    new PathError(`--report markdown ${printable(file)}: ${why}; nothing was written`);
  const name = path.basename(full);
  // A report named like a file the run migrates would replace it (on a dry run too): never written over.
  if (isDockerfileName(name) || name === '.dockerignore' || name.endsWith('.dockerignore'))
    throw fail('that is a Dockerfile or ignore file name, which the report would replace');
  let stat: fs.Stats | null = null;
  try {
    if (fs.lstatSync(full).isSymbolicLink()) throw fail('a symbolic link; name the file itself');
    stat = fs.statSync(full);
  } catch (error) {
    if (error instanceof PathError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw fail(code === 'ENOTDIR' ? 'a part of the path is not a folder' : reason(error));
  }
  if (stat?.isDirectory()) throw fail('a folder, not a file');
  // An existing file must be writable itself; a new one needs a writable folder to be created in.
  const target = stat ? full : path.dirname(full);
  if (!stat) {
    const shown = printable(path.dirname(file));
    let folder: fs.Stats;
    try {
      folder = fs.statSync(target);
    } catch {
      throw fail(`no folder ${shown}`);
    }
    if (!folder.isDirectory()) throw fail(`${shown} is not a folder`);
  }
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch (error) {
    throw fail(
      stat ? `cannot write the file (${reason(error)})` : `cannot create a file in it (${reason(error)})`,
    );
  }
}

/**
 * Writes the report. On failure returns the line to print, which says what was written all the same, so
 * nobody runs `--write` again on files already migrated; null when the report was written.
 */
export function writeReport(file: string, text: string, servicesWritten: number): string | null {
  try {
    // O_NOFOLLOW: a link swapped in since the check is refused, not written through.
    const fd = fs.openSync(
      path.resolve(file),
      fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | (fs.constants.O_NOFOLLOW ?? 0),
      0o666,
    );
    try {
      fs.writeFileSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    return null;
  } catch (error) {
    const failed = `the report could not be written to ${printable(file)}: ${reason(error)}`;
    if (servicesWritten === 0) return `dockerize-ms: ${failed}`;
    const written = servicesWritten === 1 ? '1 service' : `${servicesWritten} services`;
    return `dockerize-ms: the Dockerfiles were written (${written}), but ${failed}`;
  }
}

/** `permission denied` from `EACCES: permission denied, access '/x'`: the path is in the message already. */
function reason(error: unknown): string {
  const message = messageOf(error);
  return /\bE[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}
