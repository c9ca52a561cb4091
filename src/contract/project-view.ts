// Read-only access to a build context: the one narrow door detection reads through (disk or memory).

/**
 * Paths are relative to the context root; paths above it (`../x`) are not in the context. Any method may throw
 * InputError when the answer cannot be had safely: a file that exists but cannot be read (no permission, a
 * folder, a FIFO, a broken link), a link leading out of the context, a folder on the way that cannot be
 * listed. Callers let it through: it fails the one service, never passes for "missing".
 */
export interface ProjectView {
  /** Text of a file, or null when it is missing (or too large to be a manifest: over 16 MB on disk). */
  readText(rel: string): string | null;
  exists(rel: string): boolean;
  /** A folder of the context; a link leading out of it is not one (it is never followed). */
  isDirectory(rel: string): boolean;
  /** Entry names of a folder (sorted), or [] when it is missing or not a folder. */
  list(rel: string): string[];
}
