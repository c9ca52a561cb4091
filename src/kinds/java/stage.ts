// Reads a single-stage Java image: what each instruction is for, where the build runs, what the runtime needs.
import { copyWords } from '../../dockerfile/sources';
import path from 'node:path';
import { flagValue, type DockerfileModel, type Instruction, type Stage } from '../../dockerfile/model';
import { contextPath } from '../../dockerfile/context-paths';
import { preambleArgs } from '../../dockerfile/scope';
import { finalVariables } from '../../dockerfile/scope';
import type { JavaFacts } from '../../contract/facts';
import { imageFamily, javaReleaseOf, type ImageFamily } from '../../images/runtime-image';
import { readJavaRun, type JavaRun } from './commands';
import { readJavaStart, type JavaStart } from './start';
import { IMAGE_ONLY } from '../../stage/runtime-stage';
import { lastUser, userSpecFrom, type UserSpec } from '../../stage/users';
import { isInside, workdirsOf } from '../../dockerfile/workdir';
import { runScript } from '../../dockerfile/hints';

const TRAILING = new Set(['ENV', 'ARG', 'WORKDIR', 'USER', 'SHELL']);
/** Sources a build reads: copying them is never something the runtime needs. */
const BUILD_INPUT =
  /^(\.|pom\.xml|mvnw(\.cmd)?|\.mvn|gradlew(\.bat)?|gradle|[\w.-]*\.gradle(\.kts)?|gradle\.properties|src|settings(-security)?\.xml|lombok\.config|\.git)(\/|$)/;
/** Build-tool home folders: what lands there configures the build (settings.xml, init scripts). */
const TOOL_HOMES = /^(\/root|\/home\/[^/]+|~)\/\.(m2|gradle)(\/|$)|^\/usr\/share\/maven\/conf(\/|$)/;

/** A file or folder the runtime needs, put in place by a COPY/ADD of the original (repeated as written). */
export interface RuntimeFile {
  ins: Instruction;
  /** Where it lands: an absolute path (or a `$VAR`-rooted one); a glob when the COPY used one. */
  path: string;
}

/** What the tool reads from the single stage of a Java Dockerfile. */
export interface JavaStageReading {
  stage: Stage;
  /** ARG defaults declared before the first FROM. */
  args: Map<string, string>;
  image: string;
  family: ImageFamily;
  release: number | null;
  /** A Maven or Gradle image, which carries curl, git and bash. */
  buildToolImage: boolean;
  /** The servlet container the image is, if any. */
  server: 'tomcat' | 'jetty' | null;
  runs: Map<Instruction, JavaRun>;
  /** The last RUN that runs Maven or Gradle, or null. */
  lastBuild: Instruction | null;
  /** A JDK tool a RUN uses outside the build (`jar`, `jlink`), or null. */
  runJdkTool: string | null;
  systemPackages: string[];
  systemManager: 'apt' | 'apk' | 'other' | null;
  createdUser: UserSpec | null;
  user: string | null;
  workdirs: Map<Instruction, string>;
  finalWorkdir: string;
  /** Absolute folders the build runs in. */
  buildDirs: string[];
  /** What COPY/ADD put in place for the runtime (outside the build folders, or after the build). */
  runtimeFiles: RuntimeFile[];
  /** ENV/ARG/WORKDIR/USER/SHELL after the last RUN/COPY/ADD: they only shape the final image. */
  trailing: Set<Instruction>;
  /** ARG and ENV values the stage declares (and the global ARGs), for reading paths with variables. */
  vars: Map<string, string>;
  start: JavaStart;
  /** A JDK tool the HEALTHCHECK runs, or null. */
  healthJdkTool: string | null;
  /** Shells the `#!` lines of the start command's scripts name (`bash`). */
  startShells: readonly string[];
}

/** Reads the last (only) stage of a Java Dockerfile; `startShells` from the project facts. */
export function readJavaStage(
  model: DockerfileModel,
  java: JavaFacts,
  startShells: readonly string[] = [],
): JavaStageReading {
  const stage = model.stages[model.stages.length - 1];
  const args = preambleArgs(model);
  const image = stage.image?.value ?? '';
  const base = image.replace(/^.*\//, '').replace(/[:@].*$/, '');
  const server = base === 'tomcat' || base === 'jetty' ? base : null;
  const runs = new Map<Instruction, JavaRun>();
  for (const ins of stage.instructions) if (ins.keyword === 'RUN') runs.set(ins, readJavaRun(runScript(ins)));
  const builds = [...runs].filter(([, r]) => r.build);
  const lastBuild = builds.length ? builds[builds.length - 1][0] : null;
  const workdirs = workdirsOf(stage);
  const finalWorkdir = stage.instructions.length
    ? (workdirs.get(stage.instructions[stage.instructions.length - 1]) ?? '/')
    : '/';
  const buildDirs = [
    ...new Set(builds.flatMap(([ins, r]) => r.buildDirs.map((d) => resolveIn(workdirs.get(ins) ?? '/', d)))),
  ];
  const lastWrite = stage.instructions.findLastIndex((i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword));
  const vars = finalVariables(model);
  const health = stage.instructions.find((i) => i.keyword === 'HEALTHCHECK');
  const files = runtimeFiles(stage, workdirs, lastBuild, buildDirs, java.copiedDirs ?? []);
  // The app may write to the home folder the original made (`useradd -m`): userSpecFrom marks it (createHome).
  const createdUser = userSpecFrom([...runs.values()].flatMap((r) => r.userCommands));
  return {
    stage,
    args,
    image,
    family: imageFamily(image, args),
    release: javaReleaseOf(image, args) ?? java.release,
    buildToolImage: base === 'maven' || base === 'gradle',
    server,
    runs,
    lastBuild,
    runJdkTool: [...runs.values()].find((r) => r.jdkTool && !r.build)?.jdkTool ?? null,
    systemPackages: [...runs.values()].flatMap((r) => r.systemPackages),
    systemManager: [...runs.values()].find((r) => r.systemManager)?.systemManager ?? null,
    createdUser,
    user: lastUser(stage),
    workdirs,
    finalWorkdir,
    buildDirs,
    runtimeFiles: files,
    trailing: new Set(stage.instructions.filter((i, n) => TRAILING.has(i.keyword) && n > lastWrite)),
    vars,
    start: readJavaStart(stage, server !== null),
    healthJdkTool: health ? (/\b(jcmd|jps|jstat|jinfo|jstack)\b/.exec(health.body)?.[1] ?? null) : null,
    startShells,
  };
}

/** Whether an instruction only describes the final image (it moves to the runtime stage). */
export function isImageOnly(reading: JavaStageReading, ins: Instruction): boolean {
  return IMAGE_ONLY.has(ins.keyword) || reading.trailing.has(ins);
}

/**
 * What COPY/ADD put in place for the runtime: every copy that is not a build input. Build inputs are the
 * copies made up to the last build that land in a build folder, bring build files, or configure the build tool.
 */
function runtimeFiles(
  stage: Stage,
  workdirs: Map<Instruction, string>,
  lastBuild: Instruction | null,
  buildDirs: readonly string[],
  copiedDirs: readonly string[],
): RuntimeFile[] {
  const files: RuntimeFile[] = [];
  for (const ins of stage.instructions) {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || flagValue(ins, 'from')) continue;
    const parts = copyWords(ins);
    const sources = parts.slice(0, -1);
    const dest = parts[parts.length - 1] ?? '.';
    const destAbs = resolveIn(workdirs.get(ins) ?? '/', dest);
    // A file a COPY writes inline (`COPY <<EOF /etc/app/config.json`) is the app's, like any other.
    if (ins.heredoc && sources.length === 0) {
      if (!TOOL_HOMES.test(destAbs)) files.push({ ins, path: destAbs });
      continue;
    }
    // Build inputs by their name only when the build still comes: a copy after it is for the app.
    const beforeBuild = lastBuild !== null && ins.start < lastBuild.start;
    const isInput =
      TOOL_HOMES.test(destAbs) ||
      ((lastBuild === null || beforeBuild) && sources.every((s) => BUILD_INPUT.test(contextPath(s)))) ||
      (beforeBuild && buildDirs.some((d) => isInside(d, destAbs)));
    if (isInput) continue;
    const intoFolder =
      /\/$/.test(dest) || dest === '.' || sources.length > 1 || sources.some((s) => /[*?[]/.test(s));
    for (const source of sources) {
      const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
      const folder = !url && (copiedDirs.includes(contextPath(source)) || contextPath(source) === '.');
      // A folder's content lands in the destination itself; a file lands inside a folder destination.
      if (!intoFolder || folder) files.push({ ins, path: destAbs });
      else
        files.push({ ins, path: path.posix.join(destAbs, path.posix.basename(source.replace(/\/+$/, ''))) });
    }
  }
  return files;
}

/** A path resolved against a WORKDIR; a `$VAR`-rooted WORKDIR stays as written in front. */
export function resolveIn(workdir: string, p: string): string {
  if (p.startsWith('/') || p.startsWith('$')) return path.posix.normalize(p).replace(/(.)\/+$/, '$1');
  const joined = path.posix.join(workdir, p);
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}
