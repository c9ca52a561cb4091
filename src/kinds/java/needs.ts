// What the runtime stage needs beside the artifact: files RUN lines made and files the start names, and folders the app writes.
import path from 'node:path';
import type { Instruction } from '../../dockerfile/model';
import { globMatches } from '../../dockerfile/context-paths';
import { shellWords } from '../../dockerfile/shell';
import { isInside, unquote } from '../../dockerfile/workdir';
import type { JavaFacts } from '../../contract/facts';
import type { Note } from '../../notes';
import type { BuildCopy } from './artifact';
import { expand } from './artifact';
import { namedPaths, type NamedPath } from './named-paths';
import { javaNote, shorten } from './notes';
import { javaRunEffects } from './run-effects';
import { SYSTEM_DIRS } from '../../stage/run-effects';
import { runScript } from '../../dockerfile/hints';
import { resolveIn, type JavaStageReading } from './stage';

/** What the runtime stage gets beside the artifact, or why it cannot be planned safely. */
export type NeedsPlan =
  | {
      ok: true;
      copies: BuildCopy[];
      /** Folders the app may write: what mkdir made, VOLUMEs, log and temp folders its options name. */
      writable: string[];
      /** The folders mkdir made that the runtime stage would lack. */
      made: string[];
      notes: Note[];
    }
  | { ok: false; reason: string };

/** Scratch, package-manager and build-tool places: nothing the app needs is left there on purpose. */
const SCRATCH =
  /^(\/tmp|\/var\/tmp|\/dev|\/proc|\/run|\/var\/run|\/var\/cache|\/var\/lib\/(apt|dpkg)|\/etc\/apt|\/var\/log\/(apt|dpkg\.log)|\/root|\/usr\/share\/maven|(\/root|\/home\/[^/]+)\/\.(m2|gradle|cache))(\/|$)/;
/** A build folder's own parts: sources, outputs, tool state. */
const WORKSPACE = /^(target|build|src|out|bin|\.gradle|\.mvn|gradle|node_modules|\.git)(\/|$)/;

/** A file or folder a RUN leaves with something in it. */
interface Output {
  path: string;
  ins: Instruction;
}

/** A command whose effect on disk the tool cannot read. */
interface Unread {
  ins: Instruction;
  text: string;
  paths: string[];
}

/**
 * Plans what the runtime stage copies from the build stage beside `copies` (the artifact) and which folders
 * it makes (`writable`: folders the original makes or declares for the app to write). `repeated` tells the
 * RUN lines the runtime stage runs again (their effects are there already).
 */
export function planNeeds(
  reading: JavaStageReading,
  java: JavaFacts,
  copies: readonly BuildCopy[],
  repeated: (ins: Instruction) => boolean,
): NeedsPlan {
  const { outputs, made, again, filled, unread } = stageOutputs(reading, repeated);
  const present = [...copies.map((c) => placeOf(reading, c)), ...reading.runtimeFiles.map((f) => f.path)];
  const has = (p: string) => present.some((q) => isInside(q, p));
  const inBuild = (p: string) => reading.buildDirs.some((d) => isInside(d, p));
  const extra: BuildCopy[] = [];
  const notes: Note[] = [];

  for (const out of outputs) {
    if (SCRATCH.test(out.path) || has(out.path) || inBuild(out.path)) continue;
    if (SYSTEM_DIRS.test(out.path))
      return {
        ok: false,
        reason: `\`RUN ${said(out.ins)}\` writes into ${out.path}, a folder of the build image: the runtime stage cannot get only what it added there. Put it in a folder of its own (/opt/<name>), then migrate`,
      };
    extra.push(copyOf(out.path));
    notes.push(javaNote('run-output-copied', { path: out.path, command: said(out.ins) }));
  }

  const named = namedOf(reading, java);
  const context = new Set((java.contextNamed ?? []).map((n) => n.image));
  for (const need of named) {
    if (need.use === 'write') continue;
    if (has(need.path) || extra.some((c) => isInside(c.from, need.path))) continue;
    const byRun = outputs.some((o) => isInside(o.path, need.path) || isInside(need.path, o.path));
    if (byRun || context.has(need.path)) {
      extra.push(copyOf(need.path));
      notes.push(namedNote(need));
      continue;
    }
    const guess = unread[0];
    if (need.use === 'read' && guess)
      return {
        ok: false,
        reason: `${need.path} (named by ${need.via}) is made by nothing the tool can read, and \`RUN ${said(guess.ins)}\` may make it (\`${shorten(guess.text)}\`): the runtime stage could not be sure to get it. Make it with COPY, or with cp/mv/curl -o/wget -O to that path, then migrate`,
      };
  }

  const outside = (p: string) => !SCRATCH.test(p) && !inBuild(p) && !has(p);
  const risky = unread.find((u) => u.paths.some(outside));
  if (risky)
    return {
      ok: false,
      reason: `\`RUN ${said(risky.ins)}\` may change ${risky.paths.find(outside)} in a way the tool cannot read (\`${shorten(risky.text)}\`): the runtime stage would not get that change. Do it with COPY or plain file commands (cp, mv, curl -o), or in a RUN of the runtime stage by hand, then migrate`,
    };
  const kept = folders(reading, made);
  return {
    ok: true,
    copies: merge(extra),
    writable: writableOf(
      reading,
      named,
      [...kept, ...folders(reading, again)].filter((d) => !filled.has(d)),
    ),
    made: kept.filter((d) => !has(d) && !extra.some((c) => isInside(c.from, d))),
    notes,
  };
}

/** Folders the original makes or declares for the app to write, for an image that keeps the original stage. */
export function writableInPlace(reading: JavaStageReading, java: JavaFacts): string[] {
  const { made, filled } = stageOutputs(reading, () => false);
  const empty = folders(reading, made).filter((d) => !filled.has(d));
  return writableOf(reading, namedOf(reading, java), empty);
}

function namedOf(reading: JavaStageReading, java: JavaFacts): NamedPath[] {
  const springBoot = java.fatJar === 'spring-boot' || java.springBoot !== null;
  return namedPaths(reading.stage, reading.start, reading.finalWorkdir, reading.vars, springBoot);
}

/** The folders made, VOLUMEs and folders named for writing, sorted. */
function writableOf(
  reading: JavaStageReading,
  named: readonly NamedPath[],
  made: readonly string[],
): string[] {
  const written = named.filter((n) => n.use === 'write').map((n) => n.path);
  return folders(reading, [...made, ...volumes(reading), ...written]);
}

/** Folders worth making for the app: not scratch, system, WORKDIR or build-folder parts; sorted, once each. */
function folders(reading: JavaStageReading, dirs: readonly string[]): string[] {
  const kept = dirs.filter(
    (d) =>
      !SCRATCH.test(d) &&
      !SYSTEM_DIRS.test(d) &&
      !isWorkdirOrAbove(reading, d) &&
      !WORKSPACE.test(relativeToBuild(reading, d) ?? ''),
  );
  return [...new Set(kept)].sort();
}

/**
 * The RUN outputs left in the build stage (removals applied), the folders mkdir made (`again`: in RUN lines the
 * runtime stage repeats), those content was put in (a plugin or config folder, not one the app writes), and the
 * commands whose effect is unread.
 */
function stageOutputs(
  reading: JavaStageReading,
  repeated: (ins: Instruction) => boolean,
): { outputs: Output[]; made: string[]; again: string[]; filled: Set<string>; unread: Unread[] } {
  let outputs: Output[] = [];
  let made: string[] = [];
  const again: string[] = [];
  const filled = new Set<string>();
  const unread: Unread[] = [];
  for (const ins of reading.stage.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const fx = javaRunEffects(runScript(ins), reading.workdirs.get(ins) ?? '/', reading.vars, made);
    // A RUN the runtime stage repeats makes its folders there itself: they still belong to the new user.
    if (repeated(ins)) {
      for (const w of fx.writes) if (w.kind === 'dir' && !again.includes(w.path)) again.push(w.path);
      continue;
    }
    for (const u of fx.unread) unread.push({ ins, ...u });
    const gone = (p: string) => fx.removes.some((r) => isInside(r, p) || globMatches(r, p));
    outputs = outputs.filter((o) => !gone(o.path));
    made = made.filter((d) => !gone(d));
    for (const w of fx.writes) {
      if (w.kind === 'dir') {
        if (!made.includes(w.path)) made.push(w.path);
        continue;
      }
      // What lands in a folder mkdir made is copied with that folder.
      const homes = made.filter((d) => isInside(d, w.path) && !SYSTEM_DIRS.test(d));
      if (w.kind === 'content') homes.forEach((d) => filled.add(d));
      const home = homes.sort((a, b) => a.length - b.length)[0] ?? w.path;
      if (outputs.some((o) => isInside(o.path, home))) continue;
      outputs = outputs.filter((o) => !isInside(home, o.path));
      outputs.push({ path: home, ins });
    }
  }
  return { outputs, made, again, filled, unread };
}

/** A RUN as notes show it: one line, a heredoc's script joined, shortened. */
const said = (ins: Instruction) => shorten(runScript(ins).replace(/\n/g, ' ; ').replace(/\s+/g, ' ').trim());

/** Where a copy from the build stage lands in the runtime stage (inside a folder destination: by its name). */
function placeOf(reading: JavaStageReading, copy: BuildCopy): string {
  const to = resolveIn(reading.finalWorkdir, copy.to);
  return copy.to.endsWith('/') ? path.posix.join(to, path.posix.basename(copy.from)) : to;
}

/** A copy to the same place; a glob in the last part lands in its folder. */
function copyOf(p: string): BuildCopy {
  return /[*?[]/.test(path.posix.basename(p))
    ? { from: p, to: `${path.posix.dirname(p)}/` }
    : { from: p, to: p };
}

/** Copies without one inside another (the outer one brings it). */
function merge(copies: readonly BuildCopy[]): BuildCopy[] {
  return copies.filter(
    (c, i) =>
      !copies.some((o, j) => j !== i && o.from !== c.from && isInside(o.from, c.from)) &&
      copies.findIndex((o) => o.from === c.from) === i,
  );
}

function namedNote(need: NamedPath): Note {
  if (need.via.startsWith('-javaagent')) return javaNote('agent-copied', { path: need.path });
  return javaNote('named-copied', { path: need.path, via: need.via });
}

/** A WORKDIR (made by Docker, owned by root as in the original) or a folder above one. */
function isWorkdirOrAbove(reading: JavaStageReading, p: string): boolean {
  return [...reading.workdirs.values(), ...reading.buildDirs].some((w) => isInside(p, w));
}

/** A path relative to the build folder it is in, or null when in none. */
function relativeToBuild(reading: JavaStageReading, p: string): string | null {
  const dir = reading.buildDirs.find((d) => isInside(d, p));
  return dir === undefined ? null : path.posix.relative(dir, p);
}

/** The absolute folders the VOLUME lines declare (variables filled in; unknown ones left out). */
function volumes(reading: JavaStageReading): string[] {
  const found: string[] = [];
  for (const ins of reading.stage.instructions.filter((i) => i.keyword === 'VOLUME')) {
    const words = ins.exec ?? shellWords(ins.body);
    for (const w of words.map(unquote)) {
      const value = expand(w, reading.vars);
      if (value) found.push(resolveIn(reading.workdirs.get(ins) ?? '/', value));
    }
  }
  return found;
}
