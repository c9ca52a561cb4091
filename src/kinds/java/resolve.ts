// The command that resolves a Java build's dependencies before the sources come: the build's own launcher,
// with the options that change what it resolves (settings, profiles, properties, caches).
import path from 'node:path';
import { isAssignment, shellWords } from '../../dockerfile/shell';
import { isInside } from '../../dockerfile/workdir';
import { buildToolOf, isWrapper } from './vocabulary';

export interface ResolveCommand {
  /** The command line, e.g. `./mvnw -B -s settings.xml dependency:go-offline`. */
  text: string;
  tool: 'maven' | 'gradle';
  /** The build runs the wrapper (`./mvnw`, `sh gradlew`). */
  wrapper: boolean;
  /** The wrapper is executed as a program, so it must be executable (not `sh mvnw`). */
  executes: boolean;
  /** Files the options name, relative to the project folder, that the command reads (`settings.xml`). */
  files: string[];
}

/** Words safe to write back unquoted. */
const SAFE = /^[\w@%+=:,./-]+$/;
/** Maven options whose value is a file: carried, and the file copied first. */
const MAVEN_FILES = ['-s', '--settings', '-gs', '--global-settings', '-t', '--toolchains', '-f', '--file'];
/** Maven options that change what is resolved or how it is shown; the rest (goals, -pl, -T, -o) is the build's. */
const MAVEN_VALUES = ['-P', '--activate-profiles'];
const MAVEN_FLAGS =
  /^(-B|--batch-mode|-q|--quiet|-ntp|--no-transfer-progress|-U|--update-snapshots|-e|--errors)$/;
/** Gradle options that change what is resolved or where it is cached. */
const GRADLE_VALUES = ['-g', '--gradle-user-home', '--project-cache-dir'];
const GRADLE_FLAGS = /^(-q|--quiet|--console=\w+)$/;
/** Gradle options taking a value that are dropped (the project folder is where the command runs). */
const GRADLE_DROPPED = ['-p', '--project-dir', '-x', '--exclude-task', '--console'];
/** Gradle options that bring files the resolving step would not have. */
const GRADLE_REFUSED = /^(-b|--build-file|-c|--settings-file|-I|--init-script|--include-build)(=|$)/;
/** `-Dx` properties that only skip work change nothing that is resolved. */
const SKIP_PROPERTY = /^-D(skipTests|[\w.-]*\.skip|skip[\w.-]*)(=|$)/;

/**
 * The resolving command for a Maven or Gradle command line as written (`MAVEN_OPTS=x ./mvnw -B package`),
 * which runs in `project`, the absolute folder the context is copied to: Maven's `dependency:go-offline`, or
 * Gradle's `dependencies` task. That one is read-only, built into every Gradle version and needs no sources;
 * it configures the build, which fetches the Gradle distribution and the plugins, and resolves the dependency
 * graph of every configuration. Gradle has no built-in task that also fetches every library jar without
 * building (`build -x test` would compile, `--write-verification-metadata` writes a file that turns on
 * verification), so the jars a graph names may still come with the build. `{ why }` when it cannot be made.
 */
export function resolveCommand(commandLine: string, project: string): ResolveCommand | { why: string } {
  const words = shellWords(commandLine);
  const env: string[] = [];
  while (words.length && isAssignment(words[0])) env.push(words.shift()!);
  if (words[0] === 'exec') words.shift();
  const shell =
    /^(\/bin\/)?(ba)?sh$/.test(words[0] ?? '') && !words[1]?.startsWith('-') ? words.shift()! : null;
  const program = words.shift() ?? '';
  const tool = buildToolOf(program);
  // `mvnw.cmd` and `gradlew.bat` are the Windows scripts.
  if (tool === null || /\.(cmd|bat)$/.test(program))
    return { why: `\`${commandLine}\` is not a plain Maven or Gradle command` };
  const maven = tool === 'maven';
  const wrapper = isWrapper(program);
  if (wrapper && !/^(\.\/)?(mvnw|gradlew)$/.test(program))
    return { why: `the build runs the wrapper as ${program}, not from the project folder` };
  const launcher = wrapper ? `${shell ? `${shell} ` : './'}${program.replace(/^\.\//, '')}` : program;
  const options = maven ? mavenOptions(words, project) : gradleOptions(words);
  if ('why' in options) return options;
  // Words come unquoted: one that needs quotes or expands a variable is not written back by guess.
  const unsafe = [...env, program, ...options.carried].find((w) => !SAFE.test(w));
  if (unsafe !== undefined)
    return { why: `the build command has a word the tool would need to quote (${unsafe})` };
  const tail = maven
    ? [
        ...(options.carried.some((w) => /^(-B|--batch-mode)$/.test(w)) ? [] : ['-B']),
        ...options.carried,
        'dependency:go-offline',
      ]
    : [...options.carried, 'dependencies', '--no-daemon'];
  return {
    text: [...env, launcher, ...tail].join(' '),
    tool: maven ? 'maven' : 'gradle',
    wrapper,
    executes: wrapper && !shell,
    files: options.files,
  };
}

type Options = { carried: string[]; files: string[] } | { why: string };

/** An option and its value, as `--name=value`, `-n value` or `-nvalue` (for the short names given). */
function split(
  word: string,
  next: string | undefined,
  names: string[],
): { value: string; used: number } | null {
  for (const name of names) {
    if (word === name) return next === undefined ? null : { value: next, used: 2 };
    if (name.startsWith('--') && word.startsWith(`${name}=`))
      return { value: word.slice(name.length + 1), used: 1 };
    if (
      !name.startsWith('--') &&
      name.length === 2 &&
      word.startsWith(name) &&
      word.length > 2 &&
      !word.startsWith('--')
    )
      return { value: word.slice(2), used: 1 };
  }
  return null;
}

function mavenOptions(words: string[], project: string): Options {
  const carried: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const fileOption =
      MAVEN_FILES.find((n) => w === n || w.startsWith(`${n}=`)) ??
      // `-ssettings.xml`; `-fae`, `-ff` and `-fn` are the fail-at-end, fail-fast and never-fail flags.
      (/^-[stf]./.test(w) && !/^-(fae|ff|fn)$/.test(w) ? w.slice(0, 2) : undefined);
    if (fileOption) {
      const value = split(w, words[i + 1], [fileOption]);
      if (!value) return { why: `${w} has no value` };
      i += value.used - 1;
      const rel = projectFile(value.value, project);
      if (rel === null) return { why: `${w} names ${value.value}, a file the tool cannot place` };
      // The command runs in the project folder: the project's own pom needs no -f.
      if (/^(-f|--file)$/.test(fileOption) && (rel === '.' || rel === 'pom.xml')) continue;
      if (rel !== 'outside' && rel !== '.') files.push(rel);
      carried.push(...words.slice(i - value.used + 1, i + 1));
      continue;
    }
    const profiles = split(w, words[i + 1], MAVEN_VALUES);
    if (profiles) {
      carried.push(...words.slice(i, i + profiles.used));
      i += profiles.used - 1;
    } else if (w === '-D' && words[i + 1]) {
      if (!SKIP_PROPERTY.test(`-D${words[i + 1]}`)) carried.push(w, words[i + 1]);
      i++;
    } else if ((w.startsWith('-D') && !SKIP_PROPERTY.test(w)) || MAVEN_FLAGS.test(w)) carried.push(w);
  }
  return { carried, files };
}

function gradleOptions(words: string[]): Options {
  const carried: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (GRADLE_REFUSED.test(w)) return { why: `the build uses ${w}, which names files of the project` };
    const value = split(w, words[i + 1], GRADLE_VALUES);
    if (value) {
      carried.push(...words.slice(i, i + value.used));
      i += value.used - 1;
    } else if (/^-[PD]./.test(w) || /^--(project|system)-prop=/.test(w) || GRADLE_FLAGS.test(w)) {
      if (!SKIP_PROPERTY.test(w)) carried.push(w);
    } else if (/^-[PD]$|^--(project|system)-prop$/.test(w) && words[i + 1]) {
      carried.push(w, words[++i]);
    } else if (GRADLE_DROPPED.includes(w)) i++;
  }
  return { carried, files: [] };
}

/**
 * A file an option names, relative to the project folder: `.` for the folder itself, `outside` for an image
 * path outside it (nothing to copy), null when it cannot be placed (`../x`, a variable).
 */
function projectFile(value: string, project: string): string | null {
  if (value.includes('$')) return null;
  if (value.startsWith('~')) return 'outside';
  const abs = path.posix.resolve(project, value);
  if (!isInside(project, abs)) return value.startsWith('/') ? 'outside' : null;
  return path.posix.relative(project, abs) || '.';
}
