// The runtime stage of a migrated Java image: a JRE base, the artifact, a non-root user and the original start.
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { flagValue } from '../../dockerfile/model';
import type { ImageFamily } from '../../images/runtime-image';
import type { Note } from '../../notes';
import type { TransformOptions } from '../../contract/transform';
import type { BuildCopy } from './artifact';
import { withLauncher } from './layers';
import { javaNote, shorten } from './notes';
import { resolveIn, type JavaStageReading } from './stage';
import { valuesSetBy } from '../../dockerfile/scope';
import type { JavaUserPlan } from './user';
import { imageHasTool, installCommand, runtimePackageNames, toolsCalled } from '../../stage/packages';
import { IMAGE_ONLY, renderRuntimeStage, runtimeFrom, type Piece } from '../../stage/runtime-stage';
import { blockOf, line } from '../../stage/text';
import { isInside } from '../../dockerfile/workdir';

/** ENV names that only configure Maven or Gradle. */
const BUILD_ENV =
  /^(MAVEN_OPTS|MAVEN_CONFIG|MAVEN_HOME|MAVEN_ARGS|M2_HOME|GRADLE_OPTS|GRADLE_USER_HOME|GRADLE_HOME)$/;

/** What the runtime stage is made of: the reading of the original, the image, the copies and the user. */
export interface JavaRuntimeInput {
  reading: JavaStageReading;
  image: string;
  family: ImageFamily;
  buildName: string;
  copies: BuildCopy[];
  user: JavaUserPlan;
  /** The layertools launcher replacing `-jar <jar>` in the start command, when layers are extracted so. */
  launcher: { jar: string; className: string } | null;
  /** RUN arguments run after the copies, before the user switch (folders the app writes). */
  afterCopy: string[];
}

/** The runtime stage text with its notes, or why it cannot be written. */
export type JavaRuntimeResult = { ok: true; text: string; notes: Note[] } | { ok: false; reason: string };

/** Builds the runtime stage text. */
export function javaRuntimeStage(
  model: DockerfileModel,
  input: JavaRuntimeInput,
  options: TransformOptions,
): JavaRuntimeResult {
  const { reading, family, buildName } = input;
  const notes: Note[] = [];
  const packages = runtimePackages(reading, family, input.image, options, notes);
  if (!Array.isArray(packages)) return packages;
  const header: string[] = [];
  if (packages.length) {
    header.push(line(model, 'RUN', installCommand(family, packages, reading.stage)));
    notes.push(javaNote('packages', { packages: packages.join(' ') }));
  }
  if (input.user.create) header.push(line(model, 'RUN', input.user.create));
  notes.push(...input.user.notes);

  const copied = input.copies.map((c) => resolveIn(reading.finalWorkdir, c.to));
  const body: Piece[] = [];
  for (const ins of reading.stage.instructions) {
    const piece = pieceFor(model, input, ins, copied, notes);
    if (piece) body.push(piece);
  }
  if (input.launcher) {
    const start = [...body]
      .reverse()
      .find((p) => p.kind === 'start' && /^\s*(entrypoint|cmd)\s/im.test(p.text));
    const { jar, className } = input.launcher;
    const text = start ? withLauncher(start.text, jar, className) : null;
    if (!start || text === null) return { ok: false, reason: 'layertools: the start command lost its jar' };
    start.text = text;
  }
  // Tomcat expands the WARs in webapps/ as the runtime user, so what lands there is that user's.
  const user = input.user.user;
  const owner = (c: BuildCopy) =>
    c.owner
      ? ` --chown=${c.owner}`
      : reading.server === 'tomcat' &&
          user &&
          isInside('/usr/local/tomcat', resolveIn(reading.finalWorkdir, c.to))
        ? ` --chown=${user}:${user}`
        : '';
  const appCopy = input.copies.map((c) =>
    line(model, 'COPY', `--from=${buildName}${owner(c)} ${c.from} ${c.to}`),
  );

  const afterCopy = input.afterCopy.map((r) => line(model, 'RUN', r));
  const head = runtimeFrom(model, reading.stage, input.image, [
    ...header,
    ...body.map((p) => p.text),
    ...appCopy,
    ...afterCopy,
  ]);
  if (head.buildPlatform) notes.push(javaNote('build-platform', { detail: ' (the jar is portable)' }));
  if (head.redeclared.length) notes.push(javaNote('args', { names: head.redeclared.join(', ') }));
  const afterAppCopy = placeAfterRuns(body, afterCopy);
  const text = renderRuntimeStage({
    from: head.from,
    header: [...head.args, ...header],
    body,
    appCopy,
    afterCopy: afterAppCopy,
    userLine: input.user.user ? line(model, 'USER', input.user.user) : null,
  });
  return { ok: true, text, notes };
}

/**
 * Puts `lines` after the last RUN or COPY the body carries over when one comes after the last WORKDIR (a
 * repeated `mkdir && touch` must not undo what they do); returns what is left for right after the app copy.
 */
function placeAfterRuns(body: Piece[], lines: string[]): string[] {
  const last = (test: (p: Piece) => boolean) => body.map(test).lastIndexOf(true);
  const lastRun = last((p) => p.kind === 'run' || p.kind === 'copy');
  if (!lines.length || lastRun < last((p) => p.kind === 'workdir')) return lines;
  body.splice(lastRun + 1, 0, ...lines.map((text): Piece => ({ kind: 'run', text })));
  return [];
}

/** Packages the runtime needs: what the original installs minus build tools, plus tools its start calls. */
export function runtimePackages(
  reading: JavaStageReading,
  family: ImageFamily,
  image: string,
  options: TransformOptions,
  notes: Note[],
): string[] | { ok: false; reason: string } {
  const names = runtimePackageNames(reading.systemPackages, reading.systemManager, family, options);
  if (!names.ok) return { ok: false, reason: names.reason.replace(/on \w+$/, `on ${image}`) };
  const { packages, buildOnly, unknown } = names;
  if (buildOnly.length) notes.push(javaNote('build-only-packages', { packages: buildOnly.join(' ') }));
  for (const name of unknown) notes.push(javaNote('package-unknown', { name }));
  packages.push(...missingTools(reading, family, image, packages, notes));
  return packages;
}

/** Tools the start command, health check or SHELL calls that the image lacks and no package in `have` brings. */
export function missingTools(
  reading: JavaStageReading,
  family: ImageFamily,
  image: string,
  have: readonly string[],
  notes: Note[],
): string[] {
  const tools: string[] = [];
  if (family === 'distroless' || family === 'unknown') return tools;
  for (const ins of reading.stage.instructions.filter((i) =>
    ['CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL'].includes(i.keyword),
  )) {
    for (const tool of toolsCalled(ins.body)) {
      if (have.includes(tool) || tools.includes(tool) || imageHasTool(family, tool)) continue;
      tools.push(tool);
      notes.push(javaNote('tool-added', { tool, where: ins.keyword, image }));
    }
  }
  // A start script's `#!/bin/bash` worked on the original image; an alpine JRE has no bash.
  const from = reading.buildToolImage ? 'full' : reading.family;
  for (const shell of reading.startShells) {
    if (have.includes(shell) || tools.includes(shell)) continue;
    if (!imageHasTool(from, shell) || imageHasTool(family, shell)) continue;
    tools.push(shell);
    notes.push(javaNote('tool-added', { tool: shell, where: 'the `#!` line of the start script', image }));
  }
  return tools;
}

/**
 * What an original instruction contributes to the runtime stage, if anything. `copied` are the absolute places of
 * the copies from the build stage, which land after the last WORKDIR.
 */
function pieceFor(
  model: DockerfileModel,
  input: JavaRuntimeInput,
  ins: Instruction,
  copied: readonly string[],
  notes: Note[],
): Piece | null {
  const { reading } = input;
  const block = blockOf(model, ins);
  if (ins.keyword === 'ENV') {
    const values = valuesSetBy(ins, model.escape);
    const names = [...values.keys()];
    if (names.length && names.every((n) => BUILD_ENV.test(n))) {
      notes.push(javaNote('build-env', { names: names.join(', ') }));
      return null;
    }
    // Temurin (and the images built on it) keep the JDK and the JRE in the same place.
    const home = values.get('JAVA_HOME');
    const same = home === '/opt/java/openjdk' && /(^|\/)(eclipse-temurin|tomcat):/.test(input.image);
    if (home && !same) notes.push(javaNote('java-home', { value: home, image: input.image }));
    return { kind: 'other', text: block };
  }
  if (ins.keyword === 'ARG' || ins.keyword === 'SHELL') return { kind: 'other', text: block };
  if (ins.keyword === 'WORKDIR') return { kind: 'workdir', text: block };
  if (ins.keyword === 'USER') return { kind: 'user', text: block };
  if (IMAGE_ONLY.has(ins.keyword)) return { kind: 'start', text: block };
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    if (flagValue(ins, 'from')) return { kind: 'copy', text: block };
    const file = reading.runtimeFiles.find((f) => f.ins === ins);
    if (!file) return null;
    notes.push(javaNote('file-copied', { path: file.path }));
    return { kind: 'copy', text: block };
  }
  if (ins.keyword !== 'RUN') return null;
  const run = reading.runs.get(ins)!;
  if (run.build || run.wrapperOnly || run.installsOnly || run.systemPackages.length) return null;
  // A user is created anew in the runtime stage; the folders the same line sets up for it are set up again.
  if (run.userCommands.length) {
    const setup = userSetup(reading, ins, copied, input.user.createsOriginal ?? false);
    if (setup) notes.push(javaNote('setup-repeated', { command: shorten(setup) }));
    if (!run.usersAndSetupOnly || (run.setupPaths.length && !setup))
      notes.push(javaNote('run-kept', { command: shorten(ins.body) }));
    return setup ? { kind: 'run', text: line(model, 'RUN', setup) } : null;
  }
  if (run.setupOnly && setupRepeats(reading, ins, copied)) {
    notes.push(javaNote('setup-repeated', { command: shorten(ins.body) }));
    return { kind: 'run', text: block };
  }
  // Moving the built jar into place (`mv target/*.jar app.jar`) only matters in the build stage: the result is copied.
  const names = input.copies.flatMap((c) => [c.from, c.to]).map((p) => p.replace(/\/$/, '').split('/').pop());
  if (!names.some((n) => n && n !== '.' && ins.body.includes(n)))
    notes.push(javaNote('run-kept', { command: shorten(ins.body) }));
  return null;
}

/**
 * The setup commands (mkdir, chown, ...) of a RUN that creates the user, to repeat once the runtime stage has made
 * that user: null when there are none, the user is not the one made, or their paths would not be there.
 */
function userSetup(
  reading: JavaStageReading,
  ins: Instruction,
  copied: readonly string[],
  userMade: boolean,
): string | null {
  const run = reading.runs.get(ins)!;
  if (!userMade || !run.setupCommands.length || !setupRepeats(reading, ins, copied)) return null;
  return run.setupCommands.join(' && ');
}

/**
 * Whether the runtime stage repeats what a RUN of the original does, so what it makes is there too: setup
 * lines whose paths are there, and a user's creation with its setup. Package installs are judged by name.
 */
export function runRepeats(
  reading: JavaStageReading,
  ins: Instruction,
  copied: readonly string[],
  userMade: boolean,
): boolean {
  const run = reading.runs.get(ins);
  if (!run) return false;
  if (run.userCommands.length)
    return run.usersAndSetupOnly && (!run.setupPaths.length || !!userSetup(reading, ins, copied, userMade));
  return run.setupOnly && setupRepeats(reading, ins, copied);
}

/**
 * Whether a setup RUN (mkdir, chmod, ...) works in the runtime stage: every path it names is one it creates, a
 * WORKDIR, a file a repeated COPY brings, or a copy from the build stage that is already there at that point.
 */
function setupRepeats(reading: JavaStageReading, ins: Instruction, copied: readonly string[]): boolean {
  const run = reading.runs.get(ins)!;
  const workdir = reading.workdirs.get(ins) ?? '/';
  const made = run.created.map((p) => resolveIn(workdir, p));
  const lastWorkdir = reading.stage.instructions.filter((i) => i.keyword === 'WORKDIR').pop();
  const afterCopies = !lastWorkdir || ins.start > lastWorkdir.start;
  const earlierFiles = reading.runtimeFiles.filter((f) => f.ins.start < ins.start).map((f) => f.path);
  const present = [...earlierFiles, ...(afterCopies ? copied : [])];
  return run.setupPaths
    .map((p) => resolveIn(workdir, p))
    .every(
      (p) =>
        made.some((m) => isInside(m, p)) ||
        present.some((q) => isInside(q, p)) ||
        [...reading.workdirs.values()].includes(p),
    );
}
