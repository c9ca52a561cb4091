// The helper API a transform gets as its fourth argument (and the package exports): the pieces the built-ins are made of.
import { applyEdits, insertAt, removeRange, replaceRange } from './dockerfile/edits';
import { copySources } from './dockerfile/sources';
import { finalStage, flagValue, parseDockerfile } from './dockerfile/model';
import { splitCommands, shellWords } from './dockerfile/shell';
import { startCommands, startPrograms } from './dockerfile/start-programs';
import { finalWorkdir, workdirsOf } from './dockerfile/workdir';
import { noteMaker } from './notes';
import { IMAGE_ONLY, renderRuntimeStage, runtimeFrom, runtimeStageName } from './stage/runtime-stage';
import { afterInstruction, blockOf, keyword, line, moveOut, removal } from './stage/text';

/**
 * What a transform may use besides its arguments. Everything here is pure: text and the model in, text, edits
 * and notes out. A transform loaded with `--transform ./x.js` need not install dockerize-ms to get it.
 */
export const kit = {
  /** Text -> the model the transforms read (stages, instructions with offsets, flags, exec form). */
  parseDockerfile,
  /** Offset edits on the original text; untouched bytes stay as they were. */
  edits: { insertAt, replaceRange, removeRange, applyEdits },
  /** The shell reader: `a && b; c | d` into commands, a command into words (quotes removed, `$VARS` kept). */
  shell: { splitCommands, shellWords },
  /** Questions about the Dockerfile. */
  queries: { flagValue, finalStage, copySources, startCommands, startPrograms, workdirsOf, finalWorkdir },
  /** Writing lines and stages in the file's own style (keyword case, comments moved with their line). */
  stage: {
    keyword,
    line,
    blockOf,
    removal,
    moveOut,
    afterInstruction,
    runtimeFrom,
    runtimeStageName,
    renderRuntimeStage,
    IMAGE_ONLY,
  },
  /** Notes with stable ids, from a table of message templates (`{ reduced: '...' }` marks a safety refusal). */
  notes: { noteMaker },
} as const;

export type TransformKit = typeof kit;
