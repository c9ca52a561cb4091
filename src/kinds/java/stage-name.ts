// The name of the new runtime stage: `runtime`, else the first of `final`, `release`, `app` no stage has (the Node rule).
import type { DockerfileModel } from '../../dockerfile/model';

/** Names tried in order; Docker compares stage names without case. */
const NAMES = ['runtime', 'final', 'release', 'app'];

/** The first free name for a new stage of `model` (`runtime2`, `runtime3`, ... when all are taken). */
export function freeStageName(model: DockerfileModel): string {
  const taken = new Set(model.stages.map((s) => s.alias?.value.toLowerCase()).filter(Boolean));
  const free = NAMES.find((n) => !taken.has(n));
  if (free) return free;
  let n = 2;
  while (taken.has(`runtime${n}`)) n++;
  return `runtime${n}`;
}
