// The few error classes the tool uses: each decides how the edge reports it and which exit code follows.

/** Wrong flags or arguments: the message is printed alone and the exit code is 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A path named on the command line that is not what it must be (no Dockerfile there, a report folder that does
 * not exist): one line and exit 2, without the pointer to --help, which would not say what to fix.
 */
export class PathError extends UsageError {
  override name = 'PathError';
}

/**
 * A user's transform module that cannot be used: it fails to load, hangs or ends its thread while loading, or
 * exports no transform. Like a broken config file, it stops the run before anything is read or written (exit 2).
 */
export class TransformModuleError extends UsageError {
  override name = 'TransformModuleError';
}

/** A problem with one input file (binary, not UTF-8, no FROM, ...): it becomes that file's `error` entry. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * A project file or folder that is there but may not be read: no permission, not a regular file, a link that
 * leads out of the build context. Its service fails; a bounded walk may pass over such a folder instead.
 */
export class UnreadableError extends InputError {
  override name = 'UnreadableError';
}

/** A bug in this tool: printed with its stack and a request to report it. */
export class InternalError extends Error {
  override name = 'InternalError';
}

/** The message of anything thrown, for a one-line report. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
