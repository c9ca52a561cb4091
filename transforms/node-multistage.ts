// Node.js: a single-stage image -> a build stage plus a slim runtime stage (or, with nothing to build, a slimmer base).
import { insertAt, replaceRange, type Edit } from '../src/dockerfile/edits';
import type { DockerfileModel, Instruction } from '../src/dockerfile/model';
import type { NodeFacts } from '../src/detect/types';
import { lifecycleNotes, runtimeImage } from '../src/images/runtime-image';
import { noteMaker, type Note } from '../src/notes';
import { pruneCommand, rewriteInstall } from '../src/rewrite/node-install';
import {
  missingTools,
  nextStandaloneTarget,
  nodeRuntimeStage,
  pnpmForStart,
} from '../src/rewrite/node-runtime';
import { readNodeStage, type NodeStageReading } from '../src/rewrite/node-stage';
import { IMAGE_ONLY } from '../src/rewrite/runtime-stage';
import { programLeftBehind } from '../src/rewrite/start-programs';
import { SHELL_PROGRAMS } from '../src/dockerfile/start-programs';
import { developmentStart, startCommandWords } from '../src/rewrite/node-start';
import { installCommand } from '../src/rewrite/packages';
import { translateStageToAlpine } from '../src/rewrite/alpine-stage';
import { afterInstruction, keyword, lastKept, line, moveOut } from '../src/rewrite/text';
import { isRoot } from '../src/rewrite/users';
import type { RuntimeFlavour, Transform, TransformOptions, TransformResult } from '../src/transform';

const note = noteMaker({
  'build-stage': 'the original stage became the build stage `{{name}}`: it installs {{what}} as before',
  'runtime-stage': 'new runtime stage on {{image}} with {{what}}; it starts the app as before',
  'base-switched':
    'base image {{from}} -> {{to}}: nothing is built in the image, so no build stage is needed',
  prebuilt: 'prebuilt `{{dir}}` is copied in: no build is invented',
  'devdeps-pruned': 'devDependencies removed after the build with `{{command}}`',
  'no-prune': 'devDependencies are not pruned: Yarn berry before v4 has no built-in production focus',
  'clean-install': 'install made reproducible: `{{from}}` -> `{{to}}`',
  'prod-install': 'install limited to production dependencies: `{{from}}` -> `{{to}}`',
  'install-not-rewritten':
    'the install `{{command}}` could not be rewritten in place; make it production-only by hand',
  'no-lockfile': 'no lockfile in the build context: installs are not reproducible (commit {{lockfile}})',
  'node-env': 'NODE_ENV=production set for the runtime',
  'user-added':
    'the runtime runs as the non-root user `node`; the app folder stays owned by root (readable, not writable)',
  'user-kept-root': 'kept running as root: {{paths}} is in a folder only root can read',
  'user-root': 'USER root kept as written: the container runs as root',
  native: 'native code ({{names}}): build and runtime share one libc, both {{family}}',
  'kept-on-debian': 'both stages stay on Debian (slim runtime), not alpine: {{reason}}',
  'build-on-alpine':
    'the build stage moves to {{image}} too, so native addons are compiled for musl; its apt-get lines became apk',
  'pnpm-runtime':
    '{{version}} installed globally: the start command runs pnpm, which corepack would otherwise fetch at start as the runtime user',
  'npm-start':
    '`{{command}}` runs as PID 1 and passes signals on poorly; consider CMD ["node", "<entry file>"] (kept as written)',
  'node-env-before-install':
    'NODE_ENV=production is set before the install, which then skips devDependencies the build may need (kept as written)',
});

export const nodeMultistage: Transform = {
  meta: {
    name: 'node-multistage',
    kinds: ['node'],
    description: 'Split a single-stage Node.js image into a build stage and a slim runtime stage',
  },
  transform(model, facts, options) {
    const node = facts.node;
    if (!node) return { applicable: false, reason: 'no Node.js project facts' };
    const reading = readNodeStage(model, node, facts.startShells);
    if (reading.family === 'distroless')
      return { applicable: false, reason: 'already on a distroless runtime' };
    const development = developmentStart(node, reading);
    if (development) {
      return {
        applicable: false,
        reason: `a development image: ${development}; a slim production runtime does not apply`,
      };
    }
    const hasInstall = reading.installs.length > 0;
    const slimBase = reading.family === 'alpine' || /slim/.test(reading.image);
    const buildsInImage =
      reading.hasBuild ||
      (hasInstall &&
        (reading.nativeReasons.length > 0 ||
          reading.systemPackages.length > 0 ||
          (!reading.prebuiltOutput && !slimBase)));
    return buildsInImage ? split(model, node, reading, options) : inPlace(model, node, reading, options);
  },
};

/** The runtime flavour: the user's choice, else alpine, else Debian slim when native code or bash is involved. */
function flavourFor(reading: NodeStageReading, options: TransformOptions): RuntimeFlavour {
  if (options.runtime) return options.runtime;
  if (reading.family === 'alpine') return 'alpine';
  const bash = reading.stage.instructions.some((i) => i.keyword === 'SHELL' && /bash|zsh/.test(i.body));
  return reading.nativeReasons.length > 0 || bash ? 'slim' : 'alpine';
}

/** Nothing is built in the image: switch the base, install production dependencies only, run as non-root. */
function inPlace(
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
  if (reading.prebuiltOutput) notes.push(note('prebuilt', { dir: reading.prebuiltOutput }));
  if (!reading.setsNodeEnv) {
    const at = afterInstruction(model, stage.from);
    edits.push(insertAt(at.offset, at.prefix + line(model, 'ENV', 'NODE_ENV=production')));
    notes.push(note('node-env'));
  }
  for (const { ins, install } of reading.installs) {
    const edit = rewriteInstall(ins, install, node, reading.nodeMajor, {
      clean: reading.lockfileCopied,
      prodOnly: true,
    });
    if (edit) {
      edits.push(edit);
      notes.push(
        note(install.prodOnly ? 'clean-install' : 'prod-install', {
          from: install.command.text,
          to: edit.text,
        }),
      );
    } else if (!install.prodOnly)
      notes.push(note('install-not-rewritten', { command: install.command.text }));
  }
  const tools = missingTools(reading, family);
  notes.push(...tools.notes);
  const lines = tools.packages.length
    ? [line(model, 'RUN', installCommand(family, tools.packages, stage))]
    : [];
  if (!reading.user && reading.rootOnlyCopies.length > 0) {
    notes.push(note('user-kept-root', { paths: reading.rootOnlyCopies.join(', ') }));
  } else if (!reading.user) {
    // As root, the original found the pnpm corepack fetched during the build; the `node` user would not.
    const pnpm = pnpmForStart(node, startCommandWords(reading));
    if (pnpm) {
      lines.push(line(model, 'RUN', `npm install -g --force ${pnpm}`));
      notes.push(note('pnpm-runtime', { version: pnpm }));
    }
    lines.push(line(model, 'USER', 'node'));
    notes.push(note('user-added'));
  } else if (isRoot(reading.user)) notes.push(note('user-root'));
  if (lines.length) {
    const lastWrite = lastIndexOf(stage.instructions, (i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword));
    const firstStart = stage.instructions.find((i, n) => IMAGE_ONLY.has(i.keyword) && n > lastWrite);
    const at = firstStart
      ? { offset: firstStart.commentStart, prefix: '' }
      : afterInstruction(model, stage.instructions[stage.instructions.length - 1] ?? stage.from);
    edits.push(insertAt(at.offset, at.prefix + lines.join('')));
  }
  notes.push(...startNotes(reading));
  return { edits, notes };
}

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
  const rewritten = (ins: Instruction) =>
    edits.some((e) => e.start <= ins.start && e.end >= ins.end && e.end > e.start);
  for (const { ins, install } of reading.installs) {
    // An install inside a RUN already rewritten for alpine stays as the translation left it.
    if (rewritten(ins)) continue;
    const edit = rewriteInstall(ins, install, node, reading.nodeMajor, {
      clean: reading.lockfileCopied,
      prodOnly: false,
    });
    if (!edit) continue;
    edits.push(edit);
    notes.push(note('clean-install', { from: install.command.text, to: edit.text }));
  }
  if (!node.lockfile && reading.installs.length)
    notes.push(note('no-lockfile', { lockfile: lockfileName(node) }));
  if (reading.setsNodeEnv && reading.hasBuild && nodeEnvBeforeInstall(reading))
    notes.push(note('node-env-before-install'));

  const end = afterInstruction(model, lastKept(stage, moved));
  let tail = '';
  const standalone = nextStandaloneTarget(node, reading) !== null;
  if (!standalone && needsPrune(node, reading)) {
    const prune = pruneCommand(node, reading.nodeMajor);
    if (prune) {
      tail += line(model, 'RUN', prune);
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
  const runtime = nodeRuntimeStage(model, node, reading, choice.image, choice.family, buildName, options);
  if (!runtime.ok) return { applicable: false, reason: runtime.reason };
  edits.push(insertAt(end.offset, end.prefix + tail + runtime.text));
  const what = reading.hasBuild ? 'dependencies and builds' : 'dependencies';
  notes.unshift(
    note('build-stage', { name: buildName, what }),
    note('runtime-stage', { image: choice.image, what: runtime.what }),
  );
  notes.push(...runtime.notes);
  if (reading.nativeReasons.length) {
    const family = choice.family === 'alpine' ? 'alpine (musl)' : 'Debian (glibc)';
    notes.push(note('native', { names: reading.nativeReasons.join(', '), family }));
  }
  notes.push(...startNotes(reading));
  return { edits, notes };
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

function needsPrune(node: NodeFacts, reading: NodeStageReading): boolean {
  return node.devDependencies.length > 0 && reading.installs.some((i) => !i.install.prodOnly);
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

function lockfileName(node: NodeFacts): string {
  return { npm: 'package-lock.json', yarn: 'yarn.lock', pnpm: 'pnpm-lock.yaml', bun: 'bun.lock' }[
    node.packageManager
  ];
}

function startNotes(reading: NodeStageReading): Note[] {
  const words = startCommandWords(reading);
  const viaManager = /^(npm|yarn|pnpm)$/.test(words[0] ?? '') && /^(start|run)$/.test(words[1] ?? '');
  return viaManager ? [note('npm-start', { command: words.join(' ') })] : [];
}

function lastIndexOf(instructions: readonly Instruction[], test: (i: Instruction) => boolean): number {
  for (let i = instructions.length - 1; i >= 0; i--) if (test(instructions[i])) return i;
  return -1;
}
