// The build stage's image: the user's own, or the Maven/Gradle image of the same release when the original installs the tool on a bare JDK.
import { replaceRange, type Edit } from '../../dockerfile/edits';
import type { DockerfileModel } from '../../dockerfile/model';
import type { JavaFacts } from '../../contract/facts';
import type { Mappings } from '../../images/mappings';
import { buildImageFor } from '../../images/runtime-image';
import type { Note } from '../../notes';
import { javaNote, shorten } from './notes';
import type { JavaStageReading } from './stage';
import { removal } from '../../stage/text';

/**
 * When the original installs Maven or Gradle with the package manager on a bare JDK image (`apk add maven` on
 * openjdk:8-jdk-alpine) and does nothing else the new image could not do, the build stage moves to the tool's own
 * image of the same Java release and the install goes. Null when anything else runs there (it keeps the image).
 */
export function switchBuildImage(
  model: DockerfileModel,
  reading: JavaStageReading,
  java: JavaFacts,
  mappings: Mappings,
): { edits: Edit[]; note: Note } | null {
  const { stage, release } = reading;
  // A servlet container's RUN lines use its folders (webapps/), which the tool's image lacks.
  if (reading.buildToolImage || reading.server || release === null || !stage.image) return null;
  const runs = [...reading.runs];
  const installs = runs.filter(([, r]) => r.installsOnly);
  const tool = installs[0]?.[1].installsOnly;
  if (!tool || installs.some(([, r]) => r.installsOnly !== tool)) return null;
  if (java.buildTool !== null && java.buildTool !== tool) return null;
  // Every other RUN must build with that very tool by name, or only set up folders.
  const others = runs.filter(([, r]) => !r.installsOnly);
  const fine = others.every(
    ([, r]) =>
      (r.build && r.plainTool === tool && !r.jdkTool && !r.systemManager) ||
      (r.setupOnly && !r.userCommands.length),
  );
  if (!fine || !others.some(([, r]) => r.build)) return null;
  const image = buildImageFor(tool, release, mappings);
  const edits: Edit[] = [replaceRange(stage.image.start, stage.image.end, image)];
  for (const [ins] of installs) edits.push(removal(model, ins));
  const command = shorten(installs.map(([ins]) => ins.body).join('; '));
  return { edits, note: javaNote('build-image-switched', { from: reading.image, to: image, tool, command }) };
}
