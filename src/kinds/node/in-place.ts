// Node images with nothing to build: the base switched, production dependencies only, a non-root user.
import { insertAt, replaceRange, type Edit } from '../../dockerfile/edits';
import type { DockerfileModel } from '../../dockerfile/model';
import type { NodeFacts } from '../../contract/facts';
import { lifecycleNotes, runtimeImage } from '../../images/runtime-image';
import type { Note } from '../../notes';
import type { RuntimeFlavour, TransformOptions, TransformResult } from '../../contract/transform';
import { translateStageToAlpine } from '../../alpine/stage';
import { installDevNeeds, runtimeDevNeeds } from './dev-needs';
import { homeInstalls } from './home-installs';
import { installRewrites } from './install';
import { nodeNote as note, startNotes } from './notes';
import { missingTools } from './runtime';
import { userNotes } from './user';
import type { NodeStageReading } from './stage';
import { pnpmForStart, startCommandWords } from './start';
import { installCommand } from '../../stage/packages';
import { IMAGE_ONLY } from '../../stage/runtime-stage';
import { afterInstruction, line } from '../../stage/text';
import { flagValue } from '../../dockerfile/model';
import { runScript } from '../../dockerfile/hints';
import { isInside } from '../../dockerfile/workdir';
import { runEffects } from '../../stage/run-effects';
import { namedSpec, namedUser, planNamedUser, userToolsLabel } from '../user-option';

/** The runtime flavour: the user's choice, else alpine, else Debian slim when native code or bash is involved. */
export function flavourFor(reading: NodeStageReading, options: TransformOptions): RuntimeFlavour {
  if (options.runtime) return options.runtime;
  if (reading.family === 'alpine') return 'alpine';
  const bash = reading.stage.instructions.some((i) => i.keyword === 'SHELL' && /bash|zsh/.test(i.body));
  return reading.nativeReasons.length > 0 || bash ? 'slim' : 'alpine';
}

/** Nothing is built in the image: switch the base, install production dependencies only, run as non-root. */
export function inPlace(
  model: DockerfileModel,
  node: NodeFacts,
  reading: NodeStageReading,
  options: TransformOptions,
): TransformResult {
  const { stage } = reading;
  const edits: Edit[] = [];
  const notes: Note[] = [];
  let family = reading.family;
  if (reading.family !== 'alpine' && !/slim/.test(reading.image)) {
    const pick = (flavour: RuntimeFlavour) =>
      runtimeImage({
        image: reading.image,
        args: reading.args,
        kind: 'node',
        flavour,
        mappings: options.mappings,
      });
    let choice = pick(flavourFor(reading, options));
    if (!choice.ok) return { applicable: false, reason: choice.reason };
    if (choice.family === 'distroless')
      return { applicable: false, reason: 'distroless has no shell or npm for the install this image runs' };
    if (choice.family === 'alpine') {
      // The stage itself moves: its useradd/apt-get lines must speak alpine, or it stays on Debian slim.
      const translation = translateStageToAlpine(model, stage, options);
      if (translation.ok) {
        edits.push(...translation.edits);
        notes.push(...translation.notes);
      } else {
        notes.push(note('kept-on-debian', { reason: translation.reason }));
        choice = pick('slim');
        if (!choice.ok) return { applicable: false, reason: choice.reason };
      }
    }
    edits.push(replaceRange(stage.image!.start, stage.image!.end, choice.image));
    notes.push(note('base-switched', { from: reading.image, to: choice.image }), ...choice.notes);
    family = choice.family;
  }
  notes.push(...lifecycleNotes(reading.image, reading.args));
  if (reading.prebuiltOutput) notes.push(note('prebuilt', { path: reading.prebuiltOutput }));
  // A production install runs the lifecycle scripts too, and the app then runs with what it installed.
  const runtime = runtimeDevNeeds(node, reading);
  const prodNeeds = { needs: [...runtime.needs, ...installDevNeeds(node)], unknown: runtime.unknown };
  const installs = installRewrites(node, reading, prodNeeds, () => false);
  edits.push(...installs.edits);
  notes.push(...installs.notes);
  const tools = missingTools(reading, family);
  notes.push(...tools.notes);
  const lines: string[] = [];
  // Set after the installs: before them, npm and yarn would leave devDependencies out on their own.
  if (!reading.setsNodeEnv) {
    lines.push(line(model, 'ENV', 'NODE_ENV=production'));
    notes.push(note('node-env'));
  }
  if (tools.packages.length) lines.push(line(model, 'RUN', installCommand(family, tools.packages, stage)));
  const asked = options.user ?? 'default';
  // What the installs left in root's home (a browser, Yarn's cache) is out of a new user's reach, whose
  // home differs: the image keeps root, as for files copied where only root can read.
  const inHome = reading.user ? [] : homeInstalls(node, reading).filter((h) => h.home !== null);
  const keepRoot = !reading.user && (reading.rootOnlyCopies.length > 0 || inHome.length > 0);
  const keep = !reading.user && !keepRoot && asked === 'keep';
  if (!reading.user && !keepRoot && !keep) {
    const name = namedUser(asked, reading.user) ?? 'node';
    const plan = planNamedUser(name, family, reading.image, ['node']);
    if (!plan.ok) return { applicable: false, reason: plan.reason };
    if (plan.create) {
      // Before any COPY --chown names it: Docker looks the user up when it copies.
      const at = afterInstruction(model, stage.from);
      edits.push(insertAt(at.offset, at.prefix + line(model, 'RUN', plan.create)));
      const why = ': the user option names it and the image may lack it';
      notes.push(note('user-created', { user: namedSpec(name).user, tools: userToolsLabel(family), why }));
    }
    // As root, the original found the pnpm corepack fetched during the build; the new user would not.
    const pnpm = pnpmForStart(node, startCommandWords(reading));
    if (pnpm) {
      lines.push(line(model, 'RUN', `npm install -g --force ${pnpm}`));
      notes.push(note('pnpm-runtime', { version: pnpm }));
    }
    const owner = name === 'node' ? 'node:node' : plan.owner;
    const writable = giveToUser(model, reading, owner);
    edits.push(...writable.edits);
    lines.push(...writable.lines, line(model, 'USER', name));
    notes.push(...userNotes(reading, keepRoot, keep, asked, name));
    if (writable.paths.length)
      notes.push(note('writable-given', { user: name, paths: writable.paths.join(', ') }));
  } else {
    // Root kept for root's home alone: that note says why, and what to set to run as a non-root user.
    if (!keepRoot || reading.rootOnlyCopies.length)
      notes.push(...userNotes(reading, keepRoot, keep, asked, 'root'));
    for (const h of inHome)
      notes.push(note('home-install-root', { what: h.what, path: `/root/${h.home}`, fix: h.fix }));
  }
  if (lines.length) {
    const lastWrite = stage.instructions.findLastIndex((i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword));
    const firstStart = stage.instructions.find((i, n) => IMAGE_ONLY.has(i.keyword) && n > lastWrite);
    const at = firstStart
      ? { offset: firstStart.commentStart, prefix: '' }
      : afterInstruction(model, stage.instructions[stage.instructions.length - 1] ?? stage.from);
    edits.push(insertAt(at.offset, at.prefix + lines.join('')));
  }
  notes.push(...startNotes(reading));
  return { edits, notes };
}

/**
 * What the original, running as root, could write to, given to the user the migration adds: the files it
 * copies into the app folders (`COPY --chown`), the folders themselves, folders and files its RUN lines
 * make elsewhere, and VOLUME folders (made first, so Docker does not make a root-owned mount point).
 */
function giveToUser(
  model: DockerfileModel,
  reading: NodeStageReading,
  owner: string,
): { edits: Edit[]; lines: string[]; paths: string[] } {
  const edits: Edit[] = [];
  for (const ins of reading.stage.instructions) {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || flagValue(ins, 'from') !== null) continue;
    if (flagValue(ins, 'chown') !== null) continue;
    const dest = reading.copyDestinations.get(ins);
    if (dest && reading.appDirs.some((dir) => isInside(dir, dest)))
      edits.push(insertAt(ins.start + ins.keywordText.length, ` --chown=${owner}`));
  }
  const made = reading.outside.made.map((m) => m.path);
  const volumes = reading.volumes.filter((v) => !made.includes(v));
  const paths = [...reading.appDirs, ...madeInApp(reading), ...made, ...volumes];
  const mkdir = volumes.length ? `mkdir -p ${volumes.join(' ')} && ` : '';
  // An app installed into / (no WORKDIR) has no folder of its own to give.
  const lines = paths.length ? [line(model, 'RUN', `${mkdir}chown ${owner} ${paths.join(' ')}`)] : [];
  return { edits, lines, paths: [...made, ...volumes] };
}

/** Folders RUN lines make inside the app folders (`mkdir -p uploads`): made as root, so not yet the user's. */
function madeInApp(reading: NodeStageReading): string[] {
  const inApp = (p: string) => reading.appDirs.some((dir) => dir !== p && isInside(dir, p));
  const dirs = reading.stage.instructions
    .filter((ins) => ins.keyword === 'RUN')
    .flatMap((ins) => runEffects(runScript(ins), reading.workdirs.get(ins) ?? '/').writes)
    .filter((w) => w.kind === 'dir' && inApp(w.path))
    .map((w) => w.path);
  return [...new Set(dirs)];
}
