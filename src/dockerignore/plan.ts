// The ignore file that goes with a migrated Dockerfile. (Placeholder until the generator lands.)
import type { DockerfileModel } from '../dockerfile/model';
import type { ProjectView } from '../detect/project-view';
import type { ProjectFacts } from '../detect/types';
import type { Note } from '../notes';

export interface IgnorePlanInput {
  view: ProjectView;
  model: DockerfileModel;
  facts: ProjectFacts;
  ignoreFile: string;
  dockerfile: string;
}

export function planIgnoreFile(_input: IgnorePlanInput): { text: string | null; notes: Note[] } {
  return { text: null, notes: [] };
}
