// Paths of the machine the tool runs on (not of an image): one test of "inside", shared by every folder.
import path from 'node:path';

/** Whether `p` is `dir` or lies below it (both absolute); a sibling named `..x` is inside, `..` is not. */
export function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}
