// Node.js: a single-stage image -> a build stage plus a slim runtime stage (or, with nothing to build, a slimmer base).
import { insertAt, replaceRange, type Edit } from '../../dockerfile/edits';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { SHELL_PROGRAMS } from '../../dockerfile/start-programs';
import type { NodeFacts } from '../../contract/facts';
import { onbuildImage } from '../../images/image-facts';
import { lifecycleNotes, runtimeImage } from '../../images/runtime-image';
import type { Note } from '../../notes';
import { translateStageToAlpine } from '../../alpine/stage';
import { homeInstalls, homeInstallsReason } from './home-installs';
import { flavourFor, inPlace } from './in-place';
import { runtimeDevNeeds } from './dev-needs';
import { installRewrites } from './install';
import { installerFacts, pruneBlocker, pruneCommand, pruneRun } from './prune';
import { needsText, nodeNote as note, packagesText, startNotes } from './notes';
import { nodeRuntimeStage } from './runtime';
import { readNodeStage, type NodeStageReading } from './stage';
import { nextStandalone } from './next-standalone';
import { lockfileOf } from './package-manager';
import { developmentStart } from './start';
import { isBuildOnlyPackage } from '../../stage/packages';
import { IMAGE_ONLY } from '../../stage/runtime-stage';
import { programLeftBehind } from '../../stage/start-programs';
import { afterInstruction, keyword, lastKept, line, moveOut } from '../../stage/text';
import type { Transform, TransformOptions, TransformResult } from '../../contract/transform';

export const nodeMultistage: Transform = {
  meta: {
    name: 'node-multistage',
    kinds: ['node'],
    description: 'Split a single-stage Node.js image into a build stage and a slim runtime stage',
  },
  transform(model, facts, options) {
    const node = facts.node;
    if (!node) return { applicable: false, reason: 'no Node.js project facts' };
    const reading = readNodeStage(model, node, facts.startShells, facts.startScripts);
    if (reading.family === 'distroless')
      return { applicable: false, reason: 'already on a distroless runtime' };
    const development = developmentStart(node, reading);
    if (development) {
      return {
        applicable: false,
        reason: `a development image: ${development}; a slim production runtime does not apply`,
      };
    }
    const onbuild = onbuildImage(reading.image, reading.args);
    if (onbuild) {
      return {
        applicable: false,
        reason: `the base image ${onbuild} runs ONBUILD steps (copy and install) that this file does not show; write them out in the Dockerfile to migrate it`,
      };
    }
    return secondStageSaves(reading)
      ? split(model, node, reading, options)
      : inPlace(model, node, reading, options);
  },
};

/** Something is installed or built in the image: the original stage becomes `build`, a runtime stage follows. */
function split(
  model: DockerfileModel,
  node: NodeFacts,
  reading: NodeStageReading,
  options: TransformOptions,
): TransformResult {
  const { stage } = reading;
  if (reading.appDirs.length === 0) {
    return {
      applicable: false,
      reason:
        'the app is installed into / (no WORKDIR): set a WORKDIR so the runtime stage knows what to copy',
    };
  }
  const home = homeInstalls(node, reading);
  if (home.length) return { applicable: false, reason: homeInstallsReason(home, reading.appDirs[0]) };
  let flavour = flavourFor(reading, options);
  const edits: Edit[] = [];
  const notes: Note[] = [];
  // Native code compiled against glibc does not run on musl: one libc for both stages. Alpine for both
  // only when asked for and every RUN of the build stage translates; Debian slim otherwise.
  const crossLibc = flavour === 'alpine' && reading.nativeReasons.length > 0 && reading.family !== 'alpine';
  const translation =
    crossLibc && options.runtime === 'alpine' ? translateStageToAlpine(model, stage, options) : null;
  if (crossLibc && !translation?.ok) {
    flavour = 'slim';
    if (translation && !translation.ok) notes.push(note('kept-on-debian', { reason: translation.reason }));
  }
  const choice = runtimeImage({
    image: reading.image,
    args: reading.args,
    kind: 'node',
    flavour,
    mappings: options.mappings,
  });
  if (!choice.ok) return { applicable: false, reason: choice.reason };
  notes.push(...choice.notes, ...lifecycleNotes(reading.image, reading.args));
  if (translation?.ok && choice.family === 'alpine') {
    // Both stages on alpine: the build stage compiles the native addons against musl too.
    edits.push(replaceRange(stage.image!.start, stage.image!.end, choice.image), ...translation.edits);
    notes.push(note('build-on-alpine', { image: choice.image }), ...translation.notes);
  }
  const buildName = stage.alias?.value ?? 'build';
  if (!stage.alias) edits.push(insertAt(stage.from.end, ` ${keyword(model, 'AS')} build`));

  const moved = new Set(
    stage.instructions.filter((i) => IMAGE_ONLY.has(i.keyword) || reading.trailing.has(i)),
  );
  edits.push(...moveOut(model, stage, moved));
  // An install inside a RUN already rewritten for alpine stays as the translation left it.
  const taken = edits.slice();
  const installs = installRewrites(node, reading, null, (ins) =>
    taken.some((e) => e.start <= ins.start && e.end >= ins.end && e.end > e.start),
  );
  edits.push(...installs.edits);
  notes.push(...installs.notes);
  const installer = installerFacts(node, reading);
  if (!node.lockfile && reading.installs.length)
    notes.push(note('no-lockfile', { lockfile: lockfileOf(installer.packageManager) }));
  if (reading.setsNodeEnv && reading.hasBuild && nodeEnvBeforeInstall(reading))
    notes.push(note('node-env-before-install'));

  const end = afterInstruction(model, lastKept(stage, moved));
  let tail = '';
  const standalone = nextStandalone(node, reading) !== null;
  if (!standalone && needsPrune(node, reading)) {
    const { needs, unknown } = runtimeDevNeeds(node, reading);
    const prune = pruneCommand(installer, reading.nodeMajor);
    const blocker = pruneBlocker(installer, reading);
    if (reading.outside.movesNodeModules) notes.push(note('prune-moved-modules'));
    else if (blocker) notes.push(blocker);
    else if (unknown !== null) notes.push(note('devdeps-unchecked', { ...unknown }));
    else if (needs.length > 0) {
      notes.push(
        note('devdeps-kept', { needs: needsText(needs), packages: packagesText(needs, node.manifest) }),
      );
    } else if (prune) {
      tail += line(model, 'RUN', pruneRun(model, reading, prune));
      notes.push(note('devdeps-pruned', { command: prune }));
    } else notes.push(note('no-prune'));
  }
  const left = programLeftBehind(
    stage,
    (ins) => repeatedInRuntime(reading, ins),
    (p) => providedInRuntime(reading, p),
  );
  if (left) {
    return {
      applicable: false,
      reason: `the start command runs ${left.program}, which \`RUN ${shorten(left.run.body)}\` puts outside the app folder: it cannot be carried over to a runtime stage safely`,
    };
  }
  if (reading.outside.unknown) return { applicable: false, reason: reading.outside.unknown };
  const runtime = nodeRuntimeStage(model, node, reading, choice.image, choice.family, buildName, options);
  if (!runtime.ok) return { applicable: false, reason: runtime.reason };
  edits.push(insertAt(end.offset, end.prefix + tail + runtime.text));
  // With no install, the packages come from the context (`COPY . .` of a node_modules made beforehand).
  const does = reading.installs.length
    ? `installs dependencies${reading.hasBuild ? ' and builds' : ''}`
    : 'builds';
  notes.unshift(
    note('build-stage', { name: buildName, does }),
    note('runtime-stage', { image: choice.image, what: runtime.what, start: 'it starts the app as before' }),
  );
  notes.push(...runtime.notes);
  if (reading.nativeReasons.length) {
    const family = choice.family === 'alpine' ? 'alpine (musl)' : 'Debian (glibc)';
    notes.push(note('native', { names: reading.nativeReasons.join(', '), family }));
  }
  notes.push(...startNotes(reading));
  return { edits, notes };
}

/**
 * Whether a runtime stage leaves something behind: a build and its inputs, compilers and headers, or an
 * install on a full image (which has the git, python and compilers an install may need, unlike alpine or
 * slim). On a slim or alpine base with nothing of that kind, both stages would hold the same folder on the
 * same base: the in-place rewrite gives the same image with less to review.
 */
function secondStageSaves(reading: NodeStageReading): boolean {
  if (reading.hasBuild) return true;
  if (reading.installs.length === 0) return false;
  if (reading.systemPackages.some(isBuildOnlyPackage)) return true;
  const slimBase = reading.family === 'alpine' || /slim/.test(reading.image);
  return (
    !slimBase &&
    (reading.nativeReasons.length > 0 || reading.systemPackages.length > 0 || !reading.prebuiltOutput)
  );
}

/** RUN lines the runtime stage repeats (as written or regenerated): what they make is there too. */
function repeatedInRuntime(reading: NodeStageReading, ins: Instruction): boolean {
  const run = reading.runs.get(ins);
  if (!run) return false;
  return (
    run.setupOnly ||
    run.globalPackages.length > 0 ||
    run.systemPackages !== null ||
    run.userCommands.length > 0
  );
}

const NODE_PROGRAMS = new Set(['node', 'npm', 'npx', 'yarn', 'pnpm', 'corepack', 'bun', ...SHELL_PROGRAMS]);

/** Whether the runtime stage has a start program: Node's own tools, the app folder, copied files, packages. */
function providedInRuntime(reading: NodeStageReading, program: string): boolean {
  if (NODE_PROGRAMS.has(program)) return true;
  if (!program.startsWith('/')) return program.includes('/') || program.startsWith('.');
  return [...reading.appDirs, ...reading.outsideCopies].some(
    (dir) => program === dir || program.startsWith(dir + '/'),
  );
}

const shorten = (s: string) => (s.length > 60 ? s.slice(0, 57) + '...' : s);

/** Whether the installed tree holds packages a prune would remove. */
function needsPrune(node: NodeFacts, reading: NodeStageReading): boolean {
  return node.devOnly.length > 0 && reading.installs.some((i) => !i.install.prodOnly);
}

function nodeEnvBeforeInstall(reading: NodeStageReading): boolean {
  const first = reading.installs[0]?.ins;
  return (
    !!first &&
    reading.stage.instructions.some(
      (i) => i.keyword === 'ENV' && /NODE_ENV/.test(i.body) && i.start < first.start,
    )
  );
}
