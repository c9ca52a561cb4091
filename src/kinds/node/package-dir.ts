// Which package.json an image builds, from the Dockerfile's COPY sources (monorepos copy several).
import path from 'node:path';
import type { DockerfileModel } from '../../dockerfile/model';
import { runCommands } from '../../dockerfile/hints';
import { copySources } from '../../dockerfile/sources';
import { dirOf, globMatches, hasGlob, joinPath } from '../../dockerfile/context-paths';
import type { ProjectView } from '../../contract/project-view';

/** Whether a COPY source names a package.json (`package.json`, `package*.json`, `apps/api/package.json`). */
function namesPackageJson(src: string): boolean {
  const base = path.posix.basename(src);
  return base === 'package.json' || (hasGlob(base) && globMatches(base, 'package.json'));
}

/**
 * The folder of the package.json the image builds, relative to the context ('.' by default).
 * Candidates are the folders of package.json files the Dockerfile copies (or, when the root has no
 * package.json, the first copied folder that holds one). With several non-root candidates, the one a
 * WORKDIR, a RUN (`--filter`, `--workspace`, `-w`, `cd`) or the CMD/ENTRYPOINT points at wins, else the last.
 */
export function nodePackageDir(view: ProjectView, model: DockerfileModel): string {
  const sources = copySources(model);
  const candidates: string[] = [];
  for (const src of sources) {
    if (!namesPackageJson(src)) continue;
    const dir = dirOf(src);
    if (dir === '.' || hasGlob(dir)) continue;
    if (view.exists(joinPath(dir, 'package.json')) && !candidates.includes(dir)) candidates.push(dir);
  }
  if (candidates.length === 0) {
    if (view.exists('package.json')) return '.';
    const folder = sources.find(
      (src) =>
        src !== '.' && !hasGlob(src) && view.isDirectory(src) && view.exists(joinPath(src, 'package.json')),
    );
    return folder ?? '.';
  }
  if (candidates.length === 1) return candidates[0];
  return pointedAt(view, model, candidates) ?? candidates[candidates.length - 1];
}

/** The candidate the rest of the Dockerfile refers to, by folder or by package name. */
function pointedAt(view: ProjectView, model: DockerfileModel, candidates: string[]): string | null {
  const names = new Map<string, string>();
  for (const dir of candidates) {
    // Read outside the try: a file that cannot be read fails the service; only broken JSON is passed over.
    const text = view.readText(joinPath(dir, 'package.json')) ?? '{}';
    try {
      const pkg = JSON.parse(text) as { name?: unknown };
      if (typeof pkg.name === 'string') names.set(pkg.name, dir);
    } catch {
      // A package.json that does not parse can still match by folder.
    }
  }
  const byRef = (ref: string): string | null => {
    // pnpm filters: `@acme/api...`, `...@acme/api`, `{apps/api}`, `./apps/api`.
    const bare = ref
      .replace(/^(\.\.\.)?\^?/, '')
      .replace(/\.\.\.$/, '')
      .replace(/^\{(.*)\}$/, '$1');
    const clean = joinPath(bare);
    return candidates.find((dir) => clean === dir || clean.endsWith('/' + dir)) ?? names.get(bare) ?? null;
  };
  for (const ins of model.instructions) {
    if (ins.keyword === 'WORKDIR') {
      const hit = byRef(ins.body.replace(/^(["'])(.*)\1$/, '$2'));
      if (hit) return hit;
    }
  }
  for (const words of runCommands(model)) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const eq = /^--(?:filter|workspace|cwd|prefix|dir)=(.+)$/.exec(w);
      const next = /^(?:--filter|-F|--workspace|-w|--cwd|--prefix|-C|--dir|cd|workspace)$/.test(w)
        ? words[i + 1]
        : null;
      const hit = (eq && byRef(eq[1])) || (next && byRef(next));
      if (hit) return hit;
    }
  }
  for (const ins of model.instructions) {
    if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
    const hit = candidates.find((dir) => ins.body.includes(dir + '/'));
    if (hit) return hit;
  }
  return null;
}
