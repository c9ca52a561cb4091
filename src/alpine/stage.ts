// Moving a whole stage from Debian/Ubuntu to alpine: every RUN that installs packages or creates users is translated.
import { removeInstruction, replaceRange, type Edit } from '../dockerfile/edits';
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { translateRunToAlpine } from './packages';
import type { Note } from '../notes';
import type { TransformOptions } from '../contract/transform';

export type StageTranslation = { ok: true; edits: Edit[]; notes: Note[] } | { ok: false; reason: string };

/**
 * Edits that make a stage's RUN lines work on alpine (apt-get -> apk, useradd -> adduser), or the reason
 * one cannot be translated faithfully; the caller then keeps the stage on Debian slim.
 */
export function translateStageToAlpine(
  model: DockerfileModel,
  stage: Stage,
  options: TransformOptions,
): StageTranslation {
  const edits: Edit[] = [];
  const notes: Note[] = [];
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const result = translateRunToAlpine(ins, model.escape, {
      mappings: options.mappings,
      strict: options.strict,
    });
    if (!result.ok) return { ok: false, reason: `${result.reason}: RUN ${shorten(ins.body)}` };
    if (result.text === ins.text) continue;
    // Nothing left to run (`RUN apt-get update` alone): the instruction goes, with its comments.
    edits.push(
      result.text === '' ? removeInstruction(model, ins) : replaceRange(ins.start, ins.end, result.text),
    );
    notes.push(...result.notes);
  }
  return { ok: true, edits, notes };
}

const shorten = (s: string) => (s.length > 60 ? s.slice(0, 57) + '...' : s);
