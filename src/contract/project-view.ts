// Read-only access to a build context: the one narrow door detection reads through (disk or memory).

export interface ProjectView {
  /** Text of a file relative to the context root, or null when it is missing or unreadable. */
  readText(rel: string): string | null;
  exists(rel: string): boolean;
  isDirectory(rel: string): boolean;
  /** Entry names of a folder (sorted), or [] when it is missing. */
  list(rel: string): string[];
}
