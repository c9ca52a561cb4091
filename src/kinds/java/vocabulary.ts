// The words of a Java build in one place: Maven and Gradle with their wrappers, the goals and tasks that make the artifact, JDK tools.
import path from 'node:path';
import type { JavaBuildTool } from '../../contract/facts';
import { optionValue } from '../../dockerfile/hints';

/** The build tool a program runs (`mvn`, `./mvnw`, `gradlew.bat`), read from its name without the folder. */
export function buildToolOf(program: string): JavaBuildTool | null {
  const name = path.posix.basename(program);
  if (/^mvnw?(\.cmd)?$/.test(name)) return 'maven';
  if (/^gradlew?(\.bat)?$/.test(name)) return 'gradle';
  return null;
}

/** The wrapper scripts a project commits (`mvnw`, `gradlew`), as a path names them. */
export const WRAPPER_SCRIPT = /(^|\/)(mvnw|gradlew)$/;

/** Whether a program is a build tool's wrapper script rather than the tool itself. */
export const isWrapper = (program: string): boolean =>
  buildToolOf(program) !== null && /w(\.cmd|\.bat)?$/.test(program);

/** Maven phases that make the artifact: package and the phases after it. */
const MAVEN_ARTIFACT_PHASES = ['package', 'verify', 'install', 'deploy'];
/** Gradle tasks that make a jar or war. */
export const GRADLE_ARTIFACT_TASKS = ['bootJar', 'bootWar', 'shadowJar', 'jar', 'war'];
/** Gradle tasks that run the artifact tasks: the lifecycle tasks and the distributions. */
const GRADLE_BUILD_TASKS = ['build', 'assemble', 'installDist', ...GRADLE_ARTIFACT_TASKS];

/** Maven options that take the next word as their value. */
const MAVEN_VALUE_OPTIONS =
  /^(-f|--file|-pl|--projects|-P|--activate-profiles|-s|--settings|-gs|--global-settings|-t|--toolchains|-T|--threads|-rf|--resume-from|-l|--log-file|-b|--builder|-D)$/;
/** Gradle options that take the next word as their value. */
const GRADLE_VALUE_OPTIONS =
  /^(-p|--project-dir|-x|--exclude-task|-b|--build-file|-c|--settings-file|-g|--gradle-user-home|-I|--init-script)$/;

/** The goals (Maven) or tasks (Gradle) of a command, program first: its words that are not options or their values. */
export function goalsOf(words: readonly string[]): string[] {
  const tool = buildToolOf(words[0] ?? '');
  const valued = tool === 'maven' ? MAVEN_VALUE_OPTIONS : GRADLE_VALUE_OPTIONS;
  const goals: string[] = [];
  for (let i = 1; i < words.length; i++) {
    if (valued.test(words[i])) i++;
    else if (!words[i].startsWith('-')) goals.push(words[i]);
  }
  return goals;
}

/** The folder a build command names for its project: Maven's `-f dir/pom.xml` (or `-f dir`), Gradle's `-p dir`. */
export function projectDirOption(words: readonly string[]): string | null {
  const names = buildToolOf(words[0] ?? '') === 'gradle' ? ['-p', '--project-dir'] : ['-f', '--file'];
  const value = optionValue(words, names);
  if (value === null) return null;
  return /\.xml$/.test(value) ? path.posix.dirname(value) : value;
}

/** The Gradle task a task path names (`:app:bootJar` -> `bootJar`). */
export const taskName = (task: string): string => task.replace(/^.*:/, '');

/** Whether a command (program first) makes the artifact: a Maven phase from package on, or a Gradle build task. */
export function makesArtifact(words: readonly string[]): boolean {
  const tool = buildToolOf(words[0] ?? '');
  if (tool === null) return false;
  const goals = goalsOf(words);
  if (tool === 'maven') return goals.some((g) => MAVEN_ARTIFACT_PHASES.includes(g));
  return goals.some((t) => GRADLE_BUILD_TASKS.includes(taskName(t)));
}

/** Tools of a JDK that a JRE does not ship. */
export const JDK_TOOLS: ReadonlySet<string> = new Set([
  'javac',
  'jar',
  'jlink',
  'jdeps',
  'jpackage',
  'jshell',
  'javap',
  'javadoc',
  'jcmd',
  'jstack',
  'jmap',
  'jps',
  'jstat',
  'jinfo',
  'jdb',
  'jhsdb',
  'native-image',
]);
