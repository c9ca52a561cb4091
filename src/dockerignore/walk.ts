// One bounded walk of a build context, shared by the checks that must look below the top folder.
import type { ProjectView } from '../contract/project-view';
import { UnreadableError } from '../errors';

/** A walk stops after this many entries; a context this big is judged on what was seen. */
export const WALK_LIMIT = 20000;

/** One entry met on a walk: its context path, its name, and whether it is a folder. */
export interface WalkEntry {
  rel: string;
  name: string;
  isDir: boolean;
}

/**
 * The entries below `dir`, breadth first, entering only the folders `enter` accepts. Shallow files come
 * first, and `node_modules` folders are entered last, so when the limit cuts a walk short it is the
 * thousands of package files that go unseen, not the app's own `config/.env`.
 */
export function* walkContext(
  view: ProjectView,
  dir: string,
  enter: (entry: WalkEntry) => boolean,
): Generator<WalkEntry> {
  const queue = [dir];
  const later: string[] = [];
  let next = 0;
  let seen = 0;
  while (next < queue.length || later.length > 0) {
    const current = next < queue.length ? queue[next++] : later.shift()!;
    for (const name of listBelow(view, current, dir)) {
      if (seen++ === WALK_LIMIT) return;
      const rel = current === '.' ? name : `${current}/${name}`;
      const entry = { rel, name, isDir: view.isDirectory(rel) };
      yield entry;
      if (entry.isDir && enter(entry)) (name === 'node_modules' ? later : queue).push(rel);
    }
  }
}

/**
 * The names in `current`. A folder below the start that cannot be listed (no permission: a database's data
 * folder owned by its container) is passed over: Docker cannot send it either, so a build that works has
 * an ignore rule for it, and these walks judge only what a build can see. The start folder itself must list.
 */
function listBelow(view: ProjectView, current: string, start: string): string[] {
  if (current === start) return view.list(current);
  try {
    return view.list(current);
  } catch (error) {
    if (error instanceof UnreadableError) return [];
    throw error;
  }
}
