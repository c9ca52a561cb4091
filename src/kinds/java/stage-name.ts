// The name of the new runtime stage: `runtime`, else the first of `final`, `release`, `app` no stage or COPY --from uses.
import { flagValue, type DockerfileModel } from '../../dockerfile/model';

/** Names tried in order (the Node transform's rule, so both kinds name their stages alike). */
const NAMES = ['runtime', 'final', 'release', 'app'];

/** The first free name for a new stage of `model`, or null when every one is taken. */
export function freeStageName(model: DockerfileModel): string | null {
  const taken = new Set<string>();
  for (const stage of model.stages) if (stage.alias) taken.add(stage.alias.value.toLowerCase());
  // `COPY --from=final` may name an image: a stage of that name would change what it copies.
  for (const ins of model.instructions) {
    const from = ins.keyword === 'COPY' ? flagValue(ins, 'from') : null;
    if (from) taken.add(from.toLowerCase());
  }
  return NAMES.find((n) => !taken.has(n)) ?? null;
}
