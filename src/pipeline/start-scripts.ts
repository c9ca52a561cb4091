// The interpreters of the scripts a start command runs, read from their first line in the build context.
import path from 'node:path';
import type { DockerfileModel } from '../dockerfile/model';
import { copySources } from '../dockerfile/sources';
import { startPrograms } from '../dockerfile/start-programs';
import type { ProjectView } from '../contract/project-view';

/**
 * Shells named by the `#!` line of scripts the start command runs (`bash` for `#!/usr/bin/env bash`),
 * found in the context by the script's path or, when the COPY renamed the folder, by its file name among
 * what the Dockerfile copies. A slim base may lack them (alpine has no bash).
 */
export function startScriptShells(view: ProjectView, model: DockerfileModel): string[] {
  const stage = model.stages[model.stages.length - 1];
  const copies = stage.instructions
    .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from'))
    .map((i) => (i.exec ?? i.args.map((a) => a.value)).map((w) => w.replace(/^(["'])(.*)\1$/, '$2')));
  const sources = copySources(model);
  const shells = new Set<string>();
  for (const program of startPrograms(stage)) {
    const name = path.posix.basename(program);
    // Where the script came from: a COPY that put it there under this name, or a source of that name.
    const copied = copies.flatMap((parts) => {
      const dest = parts[parts.length - 1];
      const from = parts.slice(0, -1);
      if (!dest.endsWith('/') && path.posix.basename(dest) === name) return from.slice(0, 1);
      return from.filter((s) => path.posix.basename(s) === name);
    });
    const candidates = [
      ...copied,
      program.replace(/^\.?\//, ''),
      ...sources.filter((s) => s.endsWith('/' + name)),
    ];
    // The first candidate that is a file; one after it is not read (it may fail where the first did not).
    let text: string | null = null;
    for (const rel of candidates.map((c) => c.replace(/^\.\//, ''))) {
      text = view.isDirectory(rel) ? null : view.readText(rel);
      if (text !== null) break;
    }
    const m = text ? /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\S*\/)?(\w+)/.exec(text) : null;
    if (m) shells.add(m[1]);
  }
  return [...shells];
}
