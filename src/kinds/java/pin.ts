// A prebuilt jar copied by a glob that also matches the jar the build leaves beside it: the COPY names the one that runs.
import { replaceRange, type Edit } from '../../dockerfile/edits';
import type { DockerfileModel, Instruction, Word } from '../../dockerfile/model';
import { flagValue } from '../../dockerfile/model';
import { contextPath, globMatches } from '../../dockerfile/context-paths';
import type { JavaFacts } from '../../contract/facts';
import type { Note } from '../../notes';
import { javaNote } from './notes';

/** What else a build leaves beside the runnable jar, by tool and plugin, when a `*.jar` glob would catch it. */
function sidekick(java: JavaFacts): string | null {
  if (java.buildTool === 'gradle' && java.fatJar === 'spring-boot') return 'the -plain jar';
  if (java.buildTool === 'gradle' && java.fatJar === 'shadow') return 'the plain jar beside the -all jar';
  if (java.buildTool === 'maven' && java.fatJar === 'shade') return "shade's original- jar";
  if (java.buildTool === 'maven' && java.fatJar === 'assembly') return 'the plain jar beside the assembly';
  return null;
}

/**
 * For a prebuilt jar: when the COPY source (or the ARG default it names) is a glob matching the known artifact and
 * the build leaves another jar beside it (Gradle's -plain jar, shade's original-), the glob becomes the artifact's
 * name, so the copy takes the runnable jar (a glob matching two files into one file fails the build). Null otherwise.
 */
export function pinCopiedJar(model: DockerfileModel, java: JavaFacts): { edit: Edit; note: Note } | null {
  const name = java.artifactName;
  const what = sidekick(java);
  if (!name || !what || !java.artifactDir || java.buildsInImage) return null;
  const target = `${java.artifactDir}/${name}`;
  const matches = (value: string) => /[*?[]/.test(value) && globMatches(contextPath(value), target);
  const pinned = (value: string) => `${value.slice(0, value.lastIndexOf('/') + 1)}${name}`;
  const args = new Map<string, { ins: Instruction; word: Word }>();
  for (const ins of model.instructions) {
    if (ins.keyword === 'ARG') for (const word of ins.args) args.set(word.value.split('=')[0], { ins, word });
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.exec || flagValue(ins, 'from')) continue;
    for (const word of ins.args.slice(0, -1)) {
      if (matches(word.value)) {
        const edit = replaceRange(word.start, word.end, pinned(word.value));
        return {
          edit,
          note: javaNote('artifact-pinned', { from: word.value, to: pinned(word.value), what }),
        };
      }
      const variable = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(word.value)?.[1];
      const arg = variable ? args.get(variable) : undefined;
      if (!arg) continue;
      const eq = arg.word.value.indexOf('=');
      const raw = arg.word.value.slice(eq + 1);
      const quote = /^(["'])(.*)\1$/.exec(raw);
      const value = quote ? quote[2] : raw;
      if (eq < 0 || !matches(value)) continue;
      const start = arg.word.start + eq + 1 + (quote ? 1 : 0);
      const edit = replaceRange(start, start + value.length, pinned(value));
      const note = javaNote('artifact-pinned', { from: `${variable}=${value}`, to: pinned(value), what });
      return { edit, note };
    }
  }
  return null;
}
