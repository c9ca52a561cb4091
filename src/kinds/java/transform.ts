// Java: a single-stage image -> a JDK build stage plus a JRE runtime stage (or, for a prebuilt jar, a JRE base).
import { parseDockerfile, type DockerfileModel } from '../../dockerfile/model';
import { applyEdits, insertAt, replaceRange, type Edit } from '../../dockerfile/edits';
import type { JavaFacts } from '../../contract/facts';
import { translateStageToAlpine } from '../../alpine/stage';
import { imageNote } from '../../images/image-notes';
import {
  distrolessProblem,
  lifecycleNotes,
  runtimeImage,
  type ImageChoice,
} from '../../images/runtime-image';
import type { Note } from '../../notes';
import { planArtifact, type BuildCopy } from './artifact';
import { switchBuildImage } from './build';
import { planDependenciesFirst, wholeContextCopy } from './deps-first';
import { planLayers } from './layers';
import { javaProgramLeftBehind } from './left-behind';
import { javaNote, shorten } from './notes';
import { javaRuntimeStage, missingTools, runRepeats } from './runtime';
import { isImageOnly, readJavaStage, resolveIn, type JavaStageReading } from './stage';
import { pinCopiedJar } from './pin';
import { planJavaUser } from './user';
import { planNeeds } from './needs';
import { foldersStep, inPlaceFolders } from './folders';
import { onbuildProblem, startProblem } from './refusals';
import { rootOnlyPaths } from '../../stage/users';
import { isInside } from '../../dockerfile/workdir';
import { installCommand } from '../../stage/packages';
import { IMAGE_ONLY } from '../../stage/runtime-stage';
import { afterInstruction, keyword, lastKept, line, moveOut } from '../../stage/text';
import type { RuntimeFlavour, Transform, TransformOptions, TransformResult } from '../../contract/transform';

type Result = TransformResult;
const skip = (reason: string): Result => ({ applicable: false, reason });

export const javaMultistage: Transform = {
  meta: {
    name: 'java-multistage',
    kinds: ['java'],
    description: 'Split a single-stage Java image into a JDK build stage and a JRE runtime stage',
  },
  transform(model, facts, options) {
    const java = facts.java;
    if (facts.kind !== 'java' || !java) return skip('not a Java image');
    const reading = readJavaStage(model, java, facts.startShells);
    const refusal = onbuildProblem(reading) ?? startProblem(reading);
    if (refusal) return skip(refusal);
    return reading.lastBuild ? split(model, java, reading, options) : inPlace(model, java, reading, options);
  },
};

function chooseImage(
  reading: JavaStageReading,
  java: JavaFacts,
  options: TransformOptions,
  flavour: RuntimeFlavour | null,
): ImageChoice {
  const platform = reading.stage.platform;
  const choice = runtimeImage({
    image: reading.image,
    args: reading.args,
    kind: 'java',
    flavour,
    javaRelease: java.release,
    packaging: java.packaging,
    mappings: options.mappings,
    platform: platform && !/BUILDPLATFORM/.test(platform) ? platform : null,
  });
  // `java` by a path of the build image: only Temurin's own path carries over (to Temurin-based images).
  const program = reading.start.program;
  if (choice.ok && program.startsWith('/') && /\/java$/.test(program) && choice.image !== reading.image) {
    const temurin = /(^|\/)(eclipse-temurin|tomcat):/.test(choice.image);
    if (program !== '/opt/java/openjdk/bin/java' || !temurin)
      return {
        ok: false,
        reason: `the start command runs ${program}, a path of ${reading.image} that ${choice.image} may not have`,
      };
  }
  return choice;
}

/** The jar is built in the image: the original stage becomes `build`, a JRE runtime stage copies what runs. */
function split(
  model: DockerfileModel,
  java: JavaFacts,
  reading: JavaStageReading,
  options: TransformOptions,
): Result {
  const { stage } = reading;
  const choice = chooseImage(reading, java, options, options.runtime);
  if (!choice.ok) return skip(choice.reason);
  const artifact = planArtifact(reading, java);
  if (!artifact.ok) return skip(artifact.reason);
  const notes: Note[] = [...choice.notes, ...lifecycleNotes(reading.image, reading.args, options.mappings)];
  let copies = artifact.copies;
  const buildRuns = [...artifact.buildRuns];
  let launcher: { jar: string; className: string } | null = null;
  let extra: Note[] = [...artifact.notes];
  if (options.springLayers) {
    const layers = planLayers(java, artifact.jar, reading.finalWorkdir, reading.start.text);
    if ('extract' in layers) {
      copies = copies.flatMap((c) => (c === artifact.jar ? layers.copies : [c]));
      buildRuns.push(layers.extract);
      if (layers.launcher && artifact.jar) {
        launcher = { jar: artifact.jar.to, className: layers.launcher };
        // The jar is not copied, and the start no longer reads it: its note would contradict the launcher's.
        extra = extra.filter((n) => n.id !== 'artifact-copied');
      }
      extra.push(...layers.notes);
    } else extra.push(layers);
  }
  const buildName = stage.alias?.value ?? 'build';
  const built = copies.map((c) => resolveIn(reading.finalWorkdir, c.to));
  const needs = planNeeds(reading, java, copies, (ins) =>
    runRepeats(reading, ins, built, reading.createdUser !== null),
  );
  if (!needs.ok) return skip(needs.reason);
  // A jar inside a folder copied whole lands with it (`RUN mkdir /opt/app && cp target/x.jar /opt/app/`).
  const covered = (c: BuildCopy) =>
    resolveIn(reading.finalWorkdir, c.to) === c.from && needs.copies.some((n) => isInside(n.from, c.from));
  copies = [...copies.filter((c) => !covered(c)), ...needs.copies];
  extra.push(...needs.notes);
  const copied = copies.map((c) => resolveIn(reading.finalWorkdir, c.to));
  const rootOnly = rootOnlyPaths([
    ...copied,
    ...reading.runtimeFiles.map((f) => f.path),
    reading.finalWorkdir,
  ]);
  const user = planJavaUser(reading, choice.family, choice.image, false, rootOnly, options.user);
  if (user.refusal) return skip(user.refusal);
  // Start programs count as carried over only with the artifact: a server a RUN unpacked is not copied.
  const left = javaProgramLeftBehind(reading, built, (ins) =>
    runRepeats(reading, ins, copied, user.createsOriginal ?? false),
  );
  if (left)
    return skip(
      `the start command runs ${left.program}, which \`RUN ${shorten(left.run.body)}\` makes outside what the runtime stage copies (the artifact, files copied from the context): it cannot be carried over to a runtime stage safely`,
    );
  const folders = foldersStep(reading, user, needs, copies);
  extra.push(...folders.notes);
  const runtime = javaRuntimeStage(
    model,
    {
      reading,
      image: choice.image,
      family: choice.family,
      buildName,
      copies,
      user,
      launcher,
      afterCopy: folders.runs,
    },
    options,
  );
  if (!runtime.ok) return skip(runtime.reason);
  if (choice.family === 'distroless') {
    const runtimeModel = parseDockerfile(`FROM ${reading.image} AS ${buildName}\n${runtime.text}`);
    const problem = distrolessProblem('java', runtimeModel.stages[1].instructions);
    if (problem) return skip(`--runtime distroless: ${problem}`);
  }

  const edits: Edit[] = [];
  if (!stage.alias) edits.push(insertAt(stage.from.end, ` ${keyword(model, 'AS')} build`));
  const moved = new Set(stage.instructions.filter((i) => isImageOnly(reading, i)));
  edits.push(...moveOut(model, stage, moved));
  const switched = switchBuildImage(model, reading, java, options.mappings);
  if (switched) {
    edits.push(...switched.edits);
    extra.unshift(switched.note);
  }
  const end = afterInstruction(model, lastKept(stage, moved));
  const tail = buildRuns.map((r) => line(model, 'RUN', r)).join('');
  edits.push(insertAt(end.offset, end.prefix + tail + runtime.text));
  const whole = wholeContextCopy(reading);
  if (whole) {
    const plan = planDependenciesFirst(model, java, reading, whole);
    if ('edit' in plan) {
      edits.push(plan.edit);
      extra.push(plan.note);
    } else if (plan.why)
      extra.push(
        javaNote('layer-cache', {
          files: java.buildTool === 'gradle' ? 'the Gradle scripts and gradle/' : 'pom.xml (and .mvn/)',
          why: plan.why,
        }),
      );
  }
  const command = reading.runs.get(reading.lastBuild!)?.buildCommand ?? 'its build';
  // With the launcher the jar is not copied and the start changes: say so instead of "as before".
  const what = launcher ? `the extracted layers of ${launcher.jar}` : artifact.what;
  const start = launcher
    ? 'it starts the app with the launcher class (below)'
    : 'it starts the app as before';
  notes.unshift(
    javaNote('build-stage', { name: buildName, does: `builds with \`${command}\`` }),
    javaNote('runtime-stage', { image: choice.image, what, start }),
  );
  // With the tool's own image the install is gone, so no build-only package is left behind to mention.
  const runtimeNotes = switched ? runtime.notes.filter((n) => n.id !== 'build-only-packages') : runtime.notes;
  return { edits, notes: [...notes, ...extra, ...runtimeNotes] };
}

/** Nothing is built in the image (a prebuilt jar is copied in): switch to the JRE base and run as non-root. */
function inPlace(
  model: DockerfileModel,
  java: JavaFacts,
  reading: JavaStageReading,
  options: TransformOptions,
): Result {
  const { stage } = reading;
  if (reading.runJdkTool) return skip(`a RUN uses ${reading.runJdkTool}, a JDK tool the JRE lacks`);
  const notes: Note[] = [];
  let choice = chooseImage(reading, java, options, options.runtime);
  if (!choice.ok) return skip(choice.reason);
  let translated: Edit[] = [];
  if (choice.family === 'alpine' && reading.family !== 'alpine') {
    const translation = translateStageToAlpine(model, stage, options);
    if (!translation.ok && options.runtime === 'alpine')
      return skip(`--runtime alpine: ${translation.reason}`);
    if (translation.ok) {
      translated = translation.edits;
      notes.push(...translation.notes);
    } else {
      choice = chooseImage(reading, java, options, 'jre');
      if (!choice.ok) return skip(choice.reason);
      notes.push(imageNote('stage-kept-on-debian', { image: choice.image, reason: translation.reason }));
    }
  }
  const changed = choice.image !== reading.image;
  if (changed && reading.systemManager === 'other')
    return skip(
      `a RUN installs packages with a tool ${choice.image} does not have (dnf, yum, microdnf, ...)`,
    );
  if (changed && reading.systemManager === 'apk' && choice.family !== 'alpine')
    return skip(`a RUN installs packages with apk, which ${choice.image} does not have`);
  const edits: Edit[] = [];
  if (changed) {
    edits.push(replaceRange(stage.image!.start, stage.image!.end, choice.image));
    notes.unshift(javaNote('base-switched', { from: reading.image, to: choice.image }));
  }
  notes.push(...choice.notes, ...lifecycleNotes(reading.image, reading.args, options.mappings));
  if (java.copiedArtifact) notes.push(javaNote('prebuilt', { path: java.copiedArtifact }));
  const pin = pinCopiedJar(model, java);
  if (pin) {
    edits.push(pin.edit);
    notes.push(pin.note);
  }
  edits.push(...translated);

  const tools = missingTools(reading, choice.family, choice.image, reading.systemPackages, notes);
  const rootOnly = rootOnlyPaths([...reading.runtimeFiles.map((f) => f.path), reading.finalWorkdir]);
  const user = planJavaUser(reading, choice.family, choice.image, true, rootOnly, options.user);
  if (user.refusal) return skip(user.refusal);
  notes.push(...user.notes);
  const header = [
    ...(tools.length ? [line(model, 'RUN', installCommand(choice.family, tools, stage))] : []),
    ...(user.create ? [line(model, 'RUN', user.create)] : []),
  ];
  if (header.length) {
    const at = afterInstruction(model, stage.from);
    edits.push(insertAt(at.offset, at.prefix + header.join('')));
  }
  if (user.user) {
    const lastWrite = stage.instructions.findLastIndex((i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword));
    const first = stage.instructions.find((i, n) => n > lastWrite && IMAGE_ONLY.has(i.keyword));
    const at = first
      ? { offset: first.commentStart, prefix: '' }
      : afterInstruction(model, stage.instructions[stage.instructions.length - 1] ?? stage.from);
    const folders = inPlaceFolders(reading, java, user);
    notes.push(...folders.notes);
    const chown = folders.runs.map((r) => line(model, 'RUN', r)).join('');
    edits.push(insertAt(at.offset, at.prefix + chown + line(model, 'USER', user.user)));
  }
  if (choice.family === 'distroless' && edits.length) {
    const after = parseDockerfile(applyEdits(model.text, edits));
    const problem = distrolessProblem('java', after.stages[after.stages.length - 1].instructions);
    if (problem) return skip(`--runtime distroless: ${problem}`);
  }
  return { edits, notes };
}
