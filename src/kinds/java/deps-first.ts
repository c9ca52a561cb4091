// Dependencies first: when the whole context is copied in before the build, the build files are copied alone
// and the dependencies resolved in a layer of their own before it, so a change to the sources alone reuses them.
import path from 'node:path';
import { insertAt, type Edit } from '../../dockerfile/edits';
import { flagValue, type DockerfileModel, type Instruction } from '../../dockerfile/model';
import { splitCommands } from '../../dockerfile/shell';
import type { JavaFacts } from '../../contract/facts';
import type { Note } from '../../notes';
import { readJavaRun } from './commands';
import { javaNote, shorten } from './notes';
import { resolveCommand, type ResolveCommand } from './resolve';
import { runScript } from '../../dockerfile/hints';
import { resolveIn, type JavaStageReading } from './stage';
import { line } from '../../stage/text';
import { isInside, unquote } from '../../dockerfile/workdir';

/** Instructions that may stand between the whole-context copy and the build: they change nothing it reads. */
const HARMLESS = new Set([
  'WORKDIR',
  'LABEL',
  'EXPOSE',
  'HEALTHCHECK',
  'CMD',
  'ENTRYPOINT',
  'STOPSIGNAL',
  'MAINTAINER',
]);
/** A destination written plainly: no variable, quote or space, so it can be reused as written. */
const PLAIN_PATH = /^[\w@%+:,./-]+$/;

/** The lines to insert, or why not (null: nothing worth a note, e.g. the build RUN has a cache mount). */
export type DependenciesFirst = { edit: Edit; note: Note } | { why: string | null };

const why = (reason: string): DependenciesFirst => ({ why: reason });
const sourcesOf = (ins: Instruction) => (ins.exec ?? ins.args.map((a) => a.value)).map(unquote);

/** The first Maven/Gradle RUN of the stage. */
export function firstBuild(reading: JavaStageReading): Instruction | null {
  return reading.stage.instructions.find((i) => reading.runs.get(i)?.build) ?? null;
}

/** The COPY/ADD that brings the whole context (a `.` source) before the first build RUN, or null. */
export function wholeContextCopy(reading: JavaStageReading): Instruction | null {
  const build = firstBuild(reading);
  if (!build) return null;
  return (
    reading.stage.instructions.find(
      (i) =>
        (i.keyword === 'COPY' || i.keyword === 'ADD') &&
        !flagValue(i, 'from') &&
        !i.heredoc &&
        i.start < build.start &&
        sourcesOf(i)
          .slice(0, -1)
          .some((s) => /^\.\/?$/.test(s)),
    ) ?? null
  );
}

/**
 * Inserts, just before `copy` (the whole-context COPY), COPYs of the build files to the same destination with
 * the same flags (`--link` left out) and a RUN that resolves the dependencies with the build's own launcher,
 * when that provably reads nothing the copy brings later; otherwise says why not.
 */
export function planDependenciesFirst(
  model: DockerfileModel,
  java: JavaFacts,
  reading: JavaStageReading,
  copy: Instruction,
): DependenciesFirst {
  const build = firstBuild(reading)!;
  if (build.flags.some((f) => f.name === 'mount' && /type=cache/.test(f.value ?? ''))) return { why: null };
  if (java.modules.length) return why(`the build has the modules ${java.modules.join(', ')}`);
  if (java.moduleDir !== '.') return why(`the image builds the module in ${java.moduleDir}`);
  const inputs = java.dependencyInputs;
  if (!inputs) return why('the build files were not found at the root of the context');
  if (inputs.blocker) return why(inputs.blocker);
  const parts = sourcesOf(copy);
  if (copy.keyword !== 'COPY') return why('the whole context comes in with ADD');
  if (parts.length !== 2) return why('the whole context is copied together with other sources');
  const dest = parts[1];
  const workdir = reading.workdirs.get(copy) ?? '/';
  if (!PLAIN_PATH.test(dest) || workdir.includes('$'))
    return why(`the destination ${dest} is not a plain path (a variable, quotes or spaces)`);
  const project = resolveIn(workdir, dest);
  const between = betweenCopyAndBuild(reading, copy, build, project);
  if ('why' in between) return between;

  const run = reading.runs.get(build)!;
  const buildDir = resolveIn(reading.workdirs.get(build) ?? '/', run.buildDirs[0] ?? '.');
  if (buildDir !== project)
    return why(`the build runs in ${buildDir}, not in ${project} where the context goes`);
  if (build.flags.length || build.heredoc) return why('the build RUN has flags or a heredoc of its own');
  const inRun = choresInBuildRun(build, run.buildCommand!, reading.workdirs.get(build) === project);
  if ('why' in inRun) return inRun;
  const resolve = resolveCommand(run.buildCommand!, project);
  if ('why' in resolve) return why(resolve.why);
  if (resolve.tool !== java.buildTool)
    return why(`the build runs ${resolve.tool}, but the project's build files are ${java.buildTool}'s`);
  const script = resolve.tool === 'maven' ? 'mvnw' : 'gradlew';
  if (resolve.wrapper && !(java.wrapperDir === '.' && inputs.files.some((f) => f.path === script)))
    return why(`the build runs ${script}, which is not at the root of the context`);

  const wanted = inputs.files.filter((f) => !f.wrapperOnly || resolve.wrapper);
  const folders = wanted.filter((f) => f.dir).map((f) => f.path);
  const covered = (p: string) => folders.some((d) => isInside(d, p)) || wanted.some((f) => f.path === p);
  const extra = [...new Set(resolve.files.filter((f) => !covered(f)))];
  const rootFiles = [
    ...wanted.filter((f) => !f.dir).map((f) => f.path),
    ...extra.filter((f) => !f.includes('/')),
  ];
  const nested = extra.filter((f) => f.includes('/'));

  const flags = copy.flags
    .filter((f) => f.name !== 'link')
    .map((f) => model.text.slice(f.start, f.end) + ' ');
  const copyLine = (sources: string, to: string) => line(model, 'COPY', `${flags.join('')}${sources} ${to}`);
  const here = project === workdir;
  const base = here ? '.' : dest.replace(/\/+$/, '') || '/';
  const into = (sub: string) => (here ? sub : path.posix.join(base, sub));
  const lines = [
    ...folders.map((d) => copyLine(d, into(d))),
    ...(rootFiles.length ? [copyLine(rootFiles.join(' '), here ? './' : `${base.replace(/\/$/, '')}/`)] : []),
    ...nested.map((f) => copyLine(f, `${into(path.posix.dirname(f))}/`)),
  ];
  const chores = [...between.chores, ...inRun.chores];
  const chmods = chores.some((c) => /^chmod\b/.test(c) && c.includes(script));
  const prep = [
    ...(here ? [] : [`cd ${base}`]),
    ...chores,
    ...(resolve.executes && !chmods && runsAsRoot(reading, copy) ? [`chmod +x ${script}`] : []),
  ];
  const command = [...prep, resolve.text].join(' && ');
  lines.push(line(model, 'RUN', command));
  // A comment above the whole-context COPY stays with it, set apart from the new lines.
  const gap = copy.commentStart < copy.lineStart ? '\n' : '';
  const files = [...folders.map((d) => `${d}/`), ...rootFiles, ...nested].join(', ');
  return {
    edit: insertAt(copy.commentStart, lines.join('') + gap),
    note: javaNote('dependencies-first', { files, command: shorten(resolve.text), what: fetches(resolve) }),
  };
}

/** What the resolving command fetches, for the note. */
function fetches(resolve: ResolveCommand): string {
  if (resolve.tool === 'maven') return 'downloads the plugins and dependencies';
  const distribution = resolve.wrapper ? 'the Gradle distribution and ' : '';
  return `fetches ${distribution}the plugins and resolves the dependency graph`;
}

/** Wrapper chores (`chmod +x mvnw`) between the copy and the build, to repeat; or why the order matters. */
function betweenCopyAndBuild(
  reading: JavaStageReading,
  copy: Instruction,
  build: Instruction,
  project: string,
): { chores: string[] } | { why: string } {
  const { instructions } = reading.stage;
  for (const ins of instructions.slice(0, instructions.indexOf(copy))) {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
    const parts = sourcesOf(ins);
    const to = resolveIn(reading.workdirs.get(ins) ?? '/', parts[parts.length - 1] ?? '.');
    if (isInside(project, to))
      return { why: `\`${shorten(ins.text)}\` puts files in ${project} before the whole context comes` };
  }
  const chores: string[] = [];
  for (const ins of instructions.slice(instructions.indexOf(copy) + 1, instructions.indexOf(build))) {
    if (HARMLESS.has(ins.keyword)) continue;
    const run = ins.keyword === 'RUN' ? reading.runs.get(ins) : undefined;
    const plain = !ins.exec && !ins.heredoc && !ins.flags.length;
    if (run?.wrapperOnly && plain && reading.workdirs.get(ins) === project) chores.push(ins.body.trim());
    else return { why: `\`${shorten(ins.text)}\` comes between the whole-context COPY and the build` };
  }
  return { chores };
}

/** Commands before the build command in its own RUN: `cd`, `set`, wrapper chores (kept when run in place). */
function choresInBuildRun(
  build: Instruction,
  buildCommand: string,
  inProject: boolean,
): { chores: string[] } | { why: string } {
  const chores: string[] = [];
  let moved = !inProject;
  for (const command of splitCommands(runScript(build))) {
    if (command.text === buildCommand) return { chores };
    const program = command.words[0];
    if (program === 'cd') moved = true;
    else if (program === 'set') continue;
    else if (readJavaRun(command.text).wrapperOnly && !moved) chores.push(command.text);
    else return { why: `\`${shorten(command.text)}\` runs before the build in its RUN` };
  }
  return { chores };
}

/** No USER before the copy (or USER root): the wrapper can be made executable whoever owns it. */
function runsAsRoot(reading: JavaStageReading, copy: Instruction): boolean {
  const users = reading.stage.instructions.filter((i) => i.keyword === 'USER' && i.start < copy.start);
  const user = users.length ? unquote(users[users.length - 1].body) : 'root';
  return /^(root|0)(:|$)/.test(user);
}
