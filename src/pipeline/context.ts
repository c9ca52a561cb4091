// Which folder a Dockerfile is built from: forced, named by a compose file, or inferred from its COPY sources.
import fs from 'node:fs';
import path from 'node:path';
import type { DockerfileModel } from '../dockerfile/model';
import { copySources } from '../dockerfile/sources';
import { isInside } from '../host-paths';

export type ContextSource = 'option' | 'compose' | 'copy-sources' | 'dockerfile-folder';

export interface BuildContext {
  dir: string;
  source: ContextSource;
}

const isConcrete = (source: string) => !/[*?[\]$]/.test(source) && source !== '.' && source !== '';

/**
 * The nearest folder, from the Dockerfile's own up to `top`, in which every concrete COPY/ADD source
 * exists. A service Dockerfile that copies `apps/api/package.json` is built from the repository root.
 * Globs and variables say nothing about where they resolve, so they are not used. When no folder
 * fits, the Dockerfile's folder is kept (the build may copy generated files).
 */
export function inferContext(
  model: DockerfileModel,
  dockerfile: string,
  top: string,
  exists = fs.existsSync,
): BuildContext {
  const own = path.dirname(dockerfile);
  const sources = copySources(model).filter(isConcrete);
  if (sources.length === 0) return { dir: own, source: 'dockerfile-folder' };
  for (let dir = own; ; dir = path.dirname(dir)) {
    if (sources.every((s) => exists(path.join(dir, s)))) {
      return { dir, source: dir === own ? 'dockerfile-folder' : 'copy-sources' };
    }
    if (dir === top || path.dirname(dir) === dir || !isInside(top, dir)) break;
  }
  return { dir: own, source: 'dockerfile-folder' };
}

/**
 * The folder context inference may climb to: the repository top above `dockerfile`, else `fallback`.
 * `tops` caches the answer per folder, since a batch asks it for every Dockerfile of one repository.
 */
export function searchTop(
  dockerfile: string,
  fallback: string,
  tops = new Map<string, string | null>(),
): string {
  const repoTop = (dir: string): string | null => {
    let found = tops.get(dir);
    if (found === undefined) {
      const parent = path.dirname(dir);
      found = fs.existsSync(path.join(dir, '.git')) ? dir : parent === dir ? null : repoTop(parent);
      tops.set(dir, found);
    }
    return found;
  };
  return (
    repoTop(path.dirname(dockerfile)) ??
    (isInside(fallback, dockerfile) ? fallback : path.dirname(dockerfile))
  );
}
