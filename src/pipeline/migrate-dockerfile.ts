// The pure middle of the pipeline: one Dockerfile's text + facts -> new text, notes and a status.
import { applyEdits } from '../dockerfile/edits';
import type { DockerfileModel } from '../dockerfile/model';
import { withEol, type SourceText } from '../dockerfile/source';
import type { ProjectFacts } from '../contract/facts';
import type { Note } from '../notes';
import type { Transform, TransformOptions, TransformResult } from '../contract/transform';
import { checkOutput } from './validate';
import { kit } from '../kit';
import { messageOf } from '../errors';
import { userModuleOf } from './user-module';
import { checkResult } from './transform-result';

export type DockerfileOutcome =
  | { status: 'migrated'; text: string; model: DockerfileModel; notes: Note[]; applied: string[] }
  | { status: 'unchanged' | 'skipped'; reason: string; model: DockerfileModel; notes: Note[] }
  | { status: 'error'; reason: string; notes: Note[] };

/**
 * Runs the transforms in order, each on the previous one's output, then validates the result. `running` is
 * told the index (in `transforms`) of the one about to run, and -1 when it has returned.
 */
export function migrateDockerfile(
  source: SourceText,
  model: DockerfileModel,
  facts: ProjectFacts,
  transforms: readonly Transform[],
  options: TransformOptions,
  running?: (index: number) => void,
): DockerfileOutcome {
  if (model.stages.length > 1) {
    return { status: 'skipped', reason: 'already multi-stage', model, notes: [] };
  }
  let current = model;
  const notes: Note[] = [];
  const reasons: string[] = [];
  const applied: string[] = [];
  const relevant = transforms.filter(
    (t) => !t.meta.kinds || (facts.kind !== null && t.meta.kinds.includes(facts.kind)),
  );
  for (const transform of relevant) {
    running?.(transforms.indexOf(transform));
    const module = userModuleOf(transform);
    const result =
      module === null
        ? transform.transform(current, facts, options, kit)
        : runUserTransform(transform, module, current, facts, options);
    running?.(-1);
    if (typeof result === 'string') return { status: 'error', reason: result, notes };
    if (result.applicable === false) {
      reasons.push(result.reason);
      continue;
    }
    const text =
      'content' in result
        ? result.content
        : applyEdits(
            current.text,
            result.edits.map((e) => ({ ...e, text: withEol(e.text, source.eol) })),
          );
    notes.push(...result.notes);
    if (text === current.text) continue;
    const { problems, model: output } = checkOutput(current, text);
    if (problems.length > 0 || !output) {
      const list = problems.map((p) => p.message).join('; ');
      return {
        status: 'error',
        reason: `${transform.meta.name} produced an invalid Dockerfile: ${list}`,
        notes,
      };
    }
    applied.push(transform.meta.name);
    current = output;
  }
  if (applied.length > 0) return { status: 'migrated', text: current.text, model: current, notes, applied };
  if (reasons.length === relevant.length) {
    const reason = facts.kind === null && facts.kindReason ? facts.kindReason : unique(reasons).join('; ');
    return { status: 'skipped', reason: reason || 'no transform applies', model, notes };
  }
  return { status: 'unchanged', reason: 'nothing to change', model, notes };
}

const unique = (values: string[]) => [...new Set(values)];

/**
 * A user's transform, whose throw or malformed answer is its own failure, not a bug in this tool: the
 * result, or the file's error naming the transform and its module ("transform x (./x.js) failed: boom").
 */
function runUserTransform(
  transform: Transform,
  module: string,
  model: DockerfileModel,
  facts: ProjectFacts,
  options: TransformOptions,
): TransformResult | string {
  const name = `transform ${String(transform.meta.name)} (${module})`;
  try {
    const checked = checkResult(transform.transform(model, facts, options, kit), model.text);
    return typeof checked === 'string' ? `${name} returned ${checked}` : checked;
  } catch (error) {
    return `${name} failed: ${firstLine(error)}`;
  }
}

/** The first line of what was thrown, whatever was thrown (a getter that throws included). */
function firstLine(error: unknown): string {
  try {
    return messageOf(error).split('\n')[0].trim() || 'threw without a message';
  } catch {
    return 'threw something that cannot be shown';
  }
}
