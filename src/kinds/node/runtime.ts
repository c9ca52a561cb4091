// The runtime stage of a migrated Node image: base, production files, user and the original start.
import { flagValue, parseDockerfile, type DockerfileModel, type Instruction } from '../../dockerfile/model';
import type { NodeFacts } from '../../contract/facts';
import { distrolessProblem, type ImageFamily } from '../../images/runtime-image';
import type { Note } from '../../notes';
import { nodeNote as note } from './notes';
import type { TransformOptions } from '../../contract/transform';
import {
  nextStandalone,
  setsHostname,
  standaloneCopies,
  standaloneLeftOut,
  type StandalonePlan,
} from './next-standalone';
import type { NodeStageReading } from './stage';
import { pnpmForStart, runtimeGlobals, startCommandWords } from './start';
import { imageHasTool, installCommand, runtimePackageNames, toolsCalled } from '../../stage/packages';
import { outsideLines } from '../../stage/outside-paths';
import { IMAGE_ONLY, renderRuntimeStage, runtimeFrom, type Piece } from '../../stage/runtime-stage';
import { blockOf, keyword, line } from '../../stage/text';
import { planNodeUser } from './user';
import { madeBy, onlyInApp, repeated, repeatsSetupOnly } from './setup-runs';

export type RuntimeStageResult =
  { ok: true; text: string; notes: Note[]; what: string } | { ok: false; reason: string };

/** Builds the runtime stage text for a Node image whose original stage became `buildName`. */
export function nodeRuntimeStage(
  model: DockerfileModel,
  node: NodeFacts,
  reading: NodeStageReading,
  image: string,
  family: ImageFamily,
  buildName: string,
  options: TransformOptions,
): RuntimeStageResult {
  const notes: Note[] = [];
  const { stage } = reading;
  const distroless = family === 'distroless';
  const startWords = startCommandWords(reading);

  // System packages the app may need at run time; compilers and headers stay behind.
  const names = runtimePackageNames(reading.systemPackages, reading.systemManager, family, options);
  if (!names.ok) return names;
  const { packages, buildOnly, unknown } = names;
  if (buildOnly.length) notes.push(note('build-only-packages', { packages: buildOnly.join(' ') }));
  const headers = buildOnly.filter((p) => /-dev(el)?$/.test(p));
  if (headers.length) notes.push(note('dev-libraries', { packages: headers.join(' ') }));
  for (const name of unknown) notes.push(note('package-unknown', { name }));
  const tools = missingTools(reading, family);
  packages.push(...tools.packages.filter((p) => !packages.includes(p)));
  notes.push(...tools.notes);

  const header: string[] = [];
  if (!reading.setsNodeEnv) {
    header.push(line(model, 'ENV', 'NODE_ENV=production'));
    notes.push(note('node-env'));
  }
  if (packages.length) {
    header.push(line(model, 'RUN', installCommand(family, packages, reading.stage)));
    notes.push(note('packages', { packages: packages.join(' ') }));
  }
  const globals = runtimeGlobals(reading, startWords);
  const pnpm = globals.some((g) => /^pnpm(@|$)/.test(g)) ? null : pnpmForStart(node, startWords);
  if (pnpm) {
    globals.push(pnpm);
    notes.push(note('pnpm-runtime', { version: pnpm }));
  }
  const corepack = [...reading.runs.values()].flatMap((r) => r.corepack);
  if (startWords[0] === 'yarn' && node.yarnFlavor === 'berry' && !node.yarnPath && corepack.length) {
    header.push(line(model, 'RUN', corepack.map((c) => c.text).join(' && ')));
    notes.push(note('corepack', { pm: 'yarn' }));
  }
  if (globals.length) {
    header.push(line(model, 'RUN', `npm install -g --force ${globals.join(' ')}`));
    notes.push(note('global-tool', { packages: globals.join(' ') }));
  }
  const user = planNodeUser(model, reading, family, image, options.user);
  if ('ok' in user) return user;
  header.push(...user.header);
  notes.push(...user.createdNotes);
  const { runtimeUser, owner, chown } = user;

  const body: Piece[] = [];
  const given: string[] = [];
  for (const ins of stage.instructions) {
    const piece = pieceFor(model, reading, ins, notes);
    if (!piece) continue;
    body.push(piece);
    // A repeated setup RUN makes its folders as root again; the user the migration adds gets them, as the
    // original's root could write there (`RUN mkdir -p /var/lib/app` then the app creates its database).
    const made = owner && repeated(reading, ins) ? madeBy(reading, ins) : [];
    if (made.length) {
      body.push({ kind: 'run', text: line(model, 'RUN', `chown ${owner} ${made.join(' ')}`) });
      given.push(...made);
    }
  }
  if (given.length) notes.push(note('writable-given', { user: runtimeUser, paths: given.join(', ') }));
  if (distroless) adaptStartForDistroless(body, notes);

  const standalone = nextStandalone(node, reading);
  if (standalone) header.push(...standaloneStart(model, reading, standalone, body, notes));
  const appCopy = standalone
    ? standaloneCopies(node, reading.appDirs[0], standalone.target).map(([from, to]) =>
        line(model, 'COPY', `--from=${buildName}${chown} ${from} ${to}`),
      )
    : reading.appDirs.map((dir) => line(model, 'COPY', `--from=${buildName}${chown} ${dir} ${dir}`));
  for (const path of reading.outsideCopies) {
    appCopy.push(line(model, 'COPY', `--from=${buildName} ${path} ${path}`));
    notes.push(note('outside-copy', { path }));
  }
  // What RUN lines left outside the app folder; a user the migration adds gets what the app may write to.
  // Paths a RUN the runtime stage repeats makes are made there again, as the original made them.
  const remade = { ...reading.outside, made: reading.outside.made.filter((m) => !repeated(reading, m.run)) };
  const outside = outsideLines(remade, reading.volumes, buildName, owner, (k, a) => line(model, k, a));
  appCopy.push(...outside.copies);
  for (const path of remade.content) notes.push(note('outside-copy', { path }));
  if (reading.outside.systemEdits.length)
    notes.push(note('system-edits-kept', { paths: reading.outside.systemEdits.join(', ') }));
  for (const made of remade.made)
    notes.push(note(owner ? 'outside-made-owned' : 'outside-made', { path: made.path, user: runtimeUser }));
  if (outside.volumesMade.length)
    notes.push(note('volume-made', { paths: outside.volumesMade.join(', '), user: runtimeUser }));
  if (reading.outside.links.length)
    notes.push(note('links-repeated', { command: shorten(reading.outside.links.join(' && ')) }));
  notes.push(...user.notes);

  const head = runtimeFrom(model, stage, image, [...header, ...body.map((p) => p.text)]);
  if (head.buildPlatform)
    notes.push(note('build-platform', { detail: ', so native addons must be built for it' }));
  if (head.redeclared.length) notes.push(note('args', { names: head.redeclared.join(', ') }));
  const text = renderRuntimeStage({
    from: head.from,
    header: [...head.args, ...header],
    body,
    appCopy,
    // Copied before the WORKDIR makes the folder as root, so the app folder itself belongs to the user too.
    appCopyFirst: true,
    afterCopy: outside.setup,
    userLine: user.addsUser ? line(model, 'USER', runtimeUser) : null,
  });
  if (distroless) {
    // Judged on the stage as written, by the rules both kinds share.
    const runtime = parseDockerfile(`FROM scratch AS ${buildName}\n${text}`).stages[1];
    const problem = distrolessProblem('node', runtime.instructions);
    if (problem) return { ok: false, reason: `--runtime distroless: ${problem}` };
  }
  if (standalone) {
    notes.push(note('next-standalone'));
    const left = standaloneLeftOut(node, reading);
    if (left.length) notes.push(note('next-standalone-left-out', { folders: left.join(', ') }));
  }
  const what = standalone
    ? 'the Next.js standalone output'
    : `the ${reading.installs.length ? 'pruned ' : ''}app folder ${reading.appDirs.join(', ')}`;
  return { ok: true, text, notes, what };
}

/**
 * What a standalone server needs to start as the original did: HOSTNAME=0.0.0.0 (it binds to HOSTNAME,
 * the container id in a container), and for an original `next start`, `node server.js` in its place and
 * the port `-p` gave. Returns header lines; rewrites the CMD piece in `body`.
 */
function standaloneStart(
  model: DockerfileModel,
  reading: NodeStageReading,
  plan: StandalonePlan,
  body: Piece[],
  notes: Note[],
): string[] {
  const lines: string[] = [];
  if (!setsHostname(reading)) {
    lines.push(line(model, 'ENV', 'HOSTNAME=0.0.0.0'));
    notes.push(note('next-hostname'));
  }
  if (!plan.replacesNextStart) return lines;
  if (plan.replacesNextStart.port) lines.push(line(model, 'ENV', `PORT=${plan.replacesNextStart.port}`));
  const cmd = [...reading.stage.instructions].reverse().find((i) => i.keyword === 'CMD')!;
  const piece = body.find((p) => p.text.includes(cmd.text))!;
  const next = `${keyword(model, 'CMD')} ["node", "server.js"]`;
  piece.text = piece.text.replace(cmd.text, next);
  notes.push(note('next-start-replaced', { from: cmd.text, to: next }));
  return lines;
}

/**
 * Tools the start command or health check calls that the original image had and the new one lacks
 * (`curl` in a HEALTHCHECK moving off `node:20`, say), as package names for the new family.
 */
export function missingTools(
  reading: NodeStageReading,
  family: ImageFamily,
): { packages: string[]; notes: Note[] } {
  const from: ImageFamily | 'full' = reading.fullImage ? 'full' : reading.family;
  const packages: string[] = [];
  const notes: Note[] = [];
  for (const ins of reading.stage.instructions.filter((i) =>
    ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(i.keyword),
  )) {
    for (const tool of toolsCalled(ins.body)) {
      if (packages.includes(tool) || !imageHasTool(from, tool) || imageHasTool(family, tool)) continue;
      packages.push(tool);
      notes.push(note('tool-added', { tool, where: ins.keyword, image: `the ${family} image` }));
    }
  }
  for (const shell of reading.startShells) {
    if (packages.includes(shell) || !imageHasTool(from, shell) || imageHasTool(family, shell)) continue;
    packages.push(shell);
    const where = 'the `#!` line of the start script';
    notes.push(note('tool-added', { tool: shell, where, image: `the ${family} image` }));
  }
  return { packages, notes };
}

/** What an original instruction contributes to the runtime stage, if anything. */
function pieceFor(
  model: DockerfileModel,
  reading: NodeStageReading,
  ins: Instruction,
  notes: Note[],
): Piece | null {
  const block = blockOf(model, ins);
  // A moved instruction takes its comments along; one that stays in the build stage too is repeated bare.
  const copy = reading.trailing.has(ins) ? block : ins.text + '\n';
  if (ins.keyword === 'ARG' || ins.keyword === 'ENV' || ins.keyword === 'SHELL')
    return { kind: 'other', text: copy };
  if (ins.keyword === 'WORKDIR') return { kind: 'workdir', text: copy };
  if (ins.keyword === 'USER') return { kind: 'user', text: copy };
  if (IMAGE_ONLY.has(ins.keyword)) return { kind: 'start', text: block };
  if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && flagValue(ins, 'from'))
    return { kind: 'copy', text: block };
  if (ins.keyword !== 'RUN') return null;
  const run = reading.runs.get(ins);
  if (!run) {
    notes.push(note('run-kept', { command: shorten(ins.body) }));
    return null;
  }
  if (repeatsSetupOnly(run)) {
    // The user is created in the header; the folders it gets made here are needed at run time too.
    const setup = run.setupCommands.map((c) => c.text).join(' && ');
    notes.push(note('setup-repeated', { command: shorten(setup) }));
    return { kind: 'run', text: line(model, 'RUN', setup) };
  }
  if (run.setupOnly) {
    // The app folders come from the build stage as they were left, made, linked and with their modes: doing it
    // again there is not needed and can fail (`mkdir uploads` on a folder the copy brought).
    if (onlyInApp(run, reading, ins)) return null;
    notes.push(note('setup-repeated', { command: shorten(ins.body) }));
    return { kind: 'run', text: copy };
  }
  const known =
    run.install ||
    run.build ||
    run.systemPackages ||
    run.userCommands.length ||
    run.globalPackages.length ||
    run.corepack.length ||
    run.scripts.length;
  if (!known) notes.push(note('run-kept', { command: shorten(ins.body) }));
  return null;
}

/** Distroless nodejs images start `node` themselves: `CMD ["node", "x.js"]` becomes `CMD ["x.js"]`. */
function adaptStartForDistroless(body: Piece[], notes: Note[]): void {
  for (const piece of body) {
    const m = /^(\s*)(cmd|entrypoint)(\s+)\[\s*"node"\s*,\s*/im.exec(piece.text);
    if (!m) continue;
    const isEntrypoint = m[2].toUpperCase() === 'ENTRYPOINT';
    const replacement = isEntrypoint
      ? `${m[1]}${m[2]}${m[3]}["/nodejs/bin/node", `
      : `${m[1]}${m[2]}${m[3]}[`;
    const next = piece.text.replace(m[0], replacement);
    notes.push(note('distroless-cmd', { from: piece.text.trim(), to: next.trim() }));
    piece.text = next;
  }
}

const shorten = (s: string) => (s.length > 80 ? s.slice(0, 77) + '...' : s);
