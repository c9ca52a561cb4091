// A view whose named folders cannot be listed, as folders without read permission are on disk (root reads them).
import type { ProjectView } from '../../src/contract/project-view';
import { UnreadableError } from '../../src/errors';

/** `view`, with the folders in `closed` failing to list. */
export function withClosed(view: ProjectView, closed: readonly string[]): ProjectView {
  return {
    ...view,
    list(rel) {
      if (closed.includes(rel)) throw new UnreadableError(`cannot read ${rel}: permission denied`);
      return view.list(rel);
    },
  };
}
