// What the runtime stage copies from the build stage: the jar the start command runs, at the path it reads.
import path from 'node:path';
import { expandWord } from '../../dockerfile/words';
import { globMatches } from '../../dockerfile/context-paths';
import type { JavaFacts } from '../../contract/facts';
import type { Note } from '../../notes';
import { javaNote } from './notes';
import { resolveIn, type JavaStageReading } from './stage';
import { isInside } from '../../dockerfile/workdir';

/** One `COPY --from=<build>` of the runtime stage: an absolute source in the build stage, a destination as written. */
export interface BuildCopy {
  from: string;
  to: string;
  /** `user:group` for `--chown`: a folder the app writes, given to the runtime user. */
  owner?: string;
}

/** The copies from the build stage and the build-stage steps they need. */
export interface ArtifactPlan {
  copies: BuildCopy[];
  /** RUN arguments appended to the build stage (picking the jar whose name is only known after the build). */
  buildRuns: string[];
  notes: Note[];
  /** What the runtime stage gets, for the summary note. */
  what: string;
  /** The jar the start command runs: its place in the build stage and where it goes, when it is one copy. */
  jar: BuildCopy | null;
}

/** A plan, or why nothing safe can be copied. */
export type ArtifactResult = ({ ok: true } & ArtifactPlan) | { ok: false; reason: string };

/** Where a jar picked after the build waits in the build stage. */
const PICKED = '/tmp/app';
/** Jars a build makes beside the runnable one. */
const NOT_RUNNABLE = "'(-plain|-sources|-javadoc|-tests)\\.[jw]ar$|/original-[^/]*$'";

/** Plans what the runtime stage copies from the build stage, from what the start command reads. */
export function planArtifact(reading: JavaStageReading, java: JavaFacts): ArtifactResult {
  const { start } = reading;
  const plan: ArtifactPlan = { copies: [], buildRuns: [], notes: [], what: '', jar: null };
  let ok = true;
  const other = start.kind === 'jar' && start.jar ? otherName(reading, java, start.jar) : null;
  if (other) return { ok: false, reason: other };
  if (start.kind === 'jar' && start.jar) ok = planJar(reading, java, start.jar, plan);
  else if (start.kind === 'classpath') ok = planClasspath(reading, java, start.classpath, plan);
  else if (start.kind === 'server' && reading.server) {
    const dir = reading.server === 'tomcat' ? '/usr/local/tomcat/webapps' : '/var/lib/jetty/webapps';
    plan.copies.push({ from: dir, to: dir });
    plan.notes.push(javaNote('server-webapps', { server: reading.server, dir }));
    plan.what = `the ${reading.server} webapps folder`;
  } else if (start.kind === 'none')
    return { ok: false, reason: 'no CMD or ENTRYPOINT: nothing says what the runtime stage should run' };
  else ok = false;
  if (!ok) {
    const dir = reading.finalWorkdir;
    if (dir === '/')
      return {
        ok: false,
        reason: `the start command \`${start.text}\` is not a \`java -jar\` the tool can read, and the app is in / (no WORKDIR): set a WORKDIR so the runtime stage knows what to copy`,
      };
    plan.copies = [{ from: dir, to: dir }];
    plan.buildRuns = [];
    plan.jar = null;
    plan.notes = [javaNote('app-folder-copied', { command: start.text, dir })];
    plan.what = `the app folder ${dir}`;
  }
  return { ok: true, ...plan };
}

/**
 * Why `-jar X` names a jar the build does not make: X is in the build's output folder under another name than
 * the one the build file gives, and nothing in the Dockerfile makes or names it. Null when it may be made.
 */
function otherName(reading: JavaStageReading, java: JavaFacts, written: string): string | null {
  const jar = expand(written, reading.vars);
  const { artifactName, artifactDir } = java;
  if (jar === null || /[*?[]/.test(jar) || !artifactName || !artifactDir) return null;
  const from = resolveIn(reading.finalWorkdir, jar);
  const name = path.posix.basename(from);
  if (name === artifactName || path.posix.extname(name) !== path.posix.extname(artifactName)) return null;
  const inOutput = reading.buildDirs.some(
    (d) => isInside(d, from) && containsPath(path.posix.relative(d, path.posix.dirname(from)), artifactDir),
  );
  if (!inOutput || path.posix.basename(path.posix.dirname(from)) !== path.posix.basename(artifactDir))
    return null;
  const named = reading.stage.instructions.some(
    (i) => (i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD') && i.body.includes(name),
  );
  if (named || reading.runtimeFiles.some((f) => f.path === from)) return null;
  return `the start command runs ${jar}, but ${java.buildFile ?? 'the build'} makes ${artifactName} there and nothing in the Dockerfile renames it: the runtime stage would copy a jar the build does not make. Make the names agree (the build's final name, or the start command), then migrate`;
}

/** `-jar X`: X itself when its path is known, the build's named jar for a glob, else the one jar picked by a RUN. */
function planJar(reading: JavaStageReading, java: JavaFacts, written: string, plan: ArtifactPlan): boolean {
  const jar = expand(written, reading.vars);
  if (jar === null) return false;
  const from = resolveIn(reading.finalWorkdir, jar);
  const dir = path.posix.dirname(jar);
  if (/[*?[]/.test(path.posix.dirname(from))) return false;
  if (/[*?[]/.test(jar)) {
    const glob = path.posix.basename(jar);
    const into = dir === '.' ? './' : `${dir}/`;
    if (java.artifactName && globMatches(glob, java.artifactName)) {
      plan.copies.push({ from: path.posix.join(path.posix.dirname(from), java.artifactName), to: into });
      plan.notes.push(javaNote('artifact-named', { glob: jar, name: java.artifactName }));
      plan.what = `the jar ${java.artifactName}`;
      return true;
    }
    // The name is only known once built: a RUN in the build stage picks the one runnable jar.
    const ext = path.posix.extname(glob) || '.jar';
    const fixed = PICKED + ext;
    const placed = (dir === '.' ? '' : `${dir}/`) + instantiate(glob);
    plan.buildRuns.push(
      `set -- $(ls -d ${from} | grep -Ev ${NOT_RUNNABLE}); if [ "$#" -ne 1 ]; then echo "expected one runnable jar as ${from}, found: $*" >&2; exit 1; fi; cp "$1" ${fixed}`,
    );
    plan.copies.push({ from: fixed, to: placed });
    plan.notes.push(javaNote('artifact-picked', { glob: jar, fixed, path: placed }));
    plan.what = `the jar picked as ${placed}`;
    return true;
  }
  const copy = { from, to: jar };
  // A jar a later COPY brings from the context is there already: that COPY is repeated as written.
  if (reading.runtimeFiles.some((f) => f.path === from)) {
    plan.what = `the jar ${jar}`;
    return true;
  }
  plan.copies.push(copy);
  plan.jar = copy;
  plan.what = `the jar ${jar}`;
  plan.notes.push(javaNote('artifact-copied', { path: from }));
  const name = path.posix.basename(jar);
  if (java.fatJar === null && java.artifactName === name) {
    const { artifactDir, libDir } = java;
    const rel =
      artifactDir && libDir && isInside(artifactDir, libDir) ? path.posix.relative(artifactDir, libDir) : '';
    if (rel) {
      plan.copies.push({
        from: path.posix.join(path.posix.dirname(from), rel),
        to: path.posix.join(dir, rel),
      });
      plan.notes.push(javaNote('lib-copied', { dir: path.posix.join(dir, rel) }));
    } else plan.notes.push(javaNote('plain-jar', { jar }));
  }
  return true;
}

/**
 * `-cp a.jar:lib/*`: the entries the build makes (a wildcard stands for its folder), under the build's output
 * folders; the rest (`conf/`, a jar a RUN moved) is left to the runtime needs, which copy only what is there.
 * The working folder itself is not an answer.
 */
function planClasspath(
  reading: JavaStageReading,
  java: JavaFacts,
  entries: readonly string[],
  plan: ArtifactPlan,
): boolean {
  const written: string[] = [];
  const copied: string[] = [];
  const outputs = [java.artifactDir, java.libDir, 'target', 'build'].filter((d): d is string => !!d);
  for (const entry of entries) {
    const value = expand(entry, reading.vars);
    if (value === null) return false;
    const bare = value.replace(/\/?\*$/, '') || '.';
    const from = resolveIn(reading.finalWorkdir, bare);
    if (/[*?[]/.test(bare) || from === reading.finalWorkdir || from === '/') return false;
    written.push(bare);
    const built = reading.buildDirs.some(
      (d) => isInside(d, from) && outputs.some((o) => containsPath(path.posix.relative(d, from), o)),
    );
    if (!built || plan.copies.some((c) => c.from === from)) continue;
    plan.copies.push({ from, to: bare });
    copied.push(bare);
  }
  if (!written.length) return false;
  if (copied.length) plan.notes.push(javaNote('classpath-copied', { paths: copied.join(', ') }));
  plan.what = `the class path ${written.join(', ')}`;
  return true;
}

/** Whether the relative path `p` passes through `part` (`orders/target/classes` through `target`). */
function containsPath(p: string, part: string): boolean {
  const parts = p.split('/');
  const want = part.split('/');
  for (let i = 0; i + want.length <= parts.length; i++)
    if (want.every((w, j) => parts[i + j] === w)) return true;
  return false;
}

/** `$X`, `${X}` and `${X:-default}` replaced by the values the Dockerfile declares; null when one is unknown. */
export function expand(text: string, vars: ReadonlyMap<string, string>): string | null {
  return expandWord(text, (name) => vars.get(name));
}

/** A file name a glob matches: `*` -> `app`, `?` -> `x`, `[abc]` -> `a` (`catalog-*.jar` -> `catalog-app.jar`). */
function instantiate(glob: string): string {
  return glob
    .replace(/\*/g, 'app')
    .replace(/\?/g, 'x')
    .replace(/\[(!?)([^\]]*)\]/g, (_m, not: string, set: string) =>
      not ? ([...'xyzq_'].find((c) => !set.includes(c)) ?? '_') : set[0],
    );
}
