// Which paths the app names at run time a COPY from the build context fills: read at detection, where the context is.
import path from 'node:path';
import { flagValue, type DockerfileModel } from '../../dockerfile/model';
import { contextPath, joinPath } from '../../dockerfile/context-paths';
import { isInside, unquote, workdirsOf } from '../../dockerfile/workdir';
import type { JavaFacts } from '../../contract/facts';
import type { ProjectView } from '../../contract/project-view';
import { namedPaths } from './named-paths';
import { readJavaStart } from './start';
import { resolveIn } from './stage';
import { finalVariables } from '../../dockerfile/scope';

/** One path the app names at run time (absolute, in the image) and the context path a COPY fills it from. */
export type ContextNamed = NonNullable<JavaFacts['contextNamed']>[number];

/**
 * The image paths (absolute) that the start command, the JVM options in ENV or Spring Boot's default config
 * locations name and that a COPY from the context fills from a file or folder the context holds, with that
 * source. `springBoot`: the app is a Spring Boot one. Sorted by image path.
 */
export function contextNamed(view: ProjectView, model: DockerfileModel, springBoot: boolean): ContextNamed[] {
  const stage = model.stages[model.stages.length - 1];
  if (!stage) return [];
  const workdirs = workdirsOf(stage);
  const last = stage.instructions[stage.instructions.length - 1];
  const workdir = last ? (workdirs.get(last) ?? '/') : '/';
  const vars = finalVariables(model);
  const start = readJavaStart(stage, false);
  const copies = stage.instructions
    .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !flagValue(i, 'from') && !i.heredoc)
    .reverse();
  const found = new Map<string, string>();
  for (const need of namedPaths(stage, start, workdir, vars, springBoot)) {
    if (need.use === 'write') continue;
    for (const ins of copies) {
      const parts = (ins.exec ?? ins.args.map((a) => a.value)).map(unquote);
      const dest = parts[parts.length - 1] ?? '.';
      const destAbs = resolveIn(workdirs.get(ins) ?? '/', dest);
      const sources = parts.slice(0, -1).filter((s) => !s.includes('$') && !/^[a-z][\w+.-]*:\/\//i.test(s));
      const intoFolder = /\/$/.test(dest) || dest === '.' || sources.length > 1;
      const source = sources
        .map((s) => contextSource(view, contextPath(s), destAbs, intoFolder, need.path))
        .find((s) => s !== null);
      if (source === undefined || !view.exists(source)) continue;
      found.set(need.path, source);
      break;
    }
  }
  return [...found]
    .map(([image, source]) => ({ image, source }))
    .sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0));
}

/** The context path that lands at `target` through a COPY of `source` to `dest`, or null when none does. */
function contextSource(
  view: ProjectView,
  source: string,
  dest: string,
  intoFolder: boolean,
  target: string,
): string | null {
  if (/[*?[]/.test(source)) return null;
  // A folder's content lands in the destination itself; a file lands as itself, inside a folder destination.
  if (source === '.' || view.isDirectory(source))
    return isInside(dest, target) ? joinPath(source, path.posix.relative(dest, target)) : null;
  const landing = intoFolder ? path.posix.join(dest, path.posix.basename(source)) : dest;
  return landing === target ? source : null;
}
