// Reads what a RUN line does in a Java image: builds, installs packages, creates users, sets up folders.
import { systemInstall } from '../../stage/packages';
import path from 'node:path';
import { commandWords } from '../../dockerfile/hints';
import { splitCommands, type ShellCommand } from '../../dockerfile/shell';
import { USER_TOOLS } from '../../dockerfile/user-commands';
import {
  buildToolOf,
  isWrapper,
  JDK_TOOLS,
  makesArtifact,
  projectDirOption,
  WRAPPER_SCRIPT,
} from './vocabulary';

/** What one RUN line does, as far as a Java migration cares. */
export interface JavaRun {
  /** Runs Maven or Gradle (the wrapper included). */
  build: boolean;
  /** The first Maven/Gradle command as written, for notes. */
  buildCommand: string | null;
  /** Folders the build commands run in, relative to the WORKDIR (`cd x`, Maven `-f`, Gradle `-p`). */
  buildDirs: string[];
  /** Runs mvn/gradle by name, not through a wrapper. */
  plainTool: 'maven' | 'gradle' | null;
  /** A JDK tool the JRE lacks (`javac`, `jar`, `jlink`, ...), or null. */
  jdkTool: string | null;
  /** Packages installed with apt-get/apt/apk; the manager is null when none are. */
  systemPackages: string[];
  systemManager: 'apt' | 'apk' | 'other' | null;
  /** Only installs the build tool (maven or gradle), with index updates and cache cleanup around it. */
  installsOnly: 'maven' | 'gradle' | null;
  /** Creates a user or group (useradd, adduser, groupadd, addgroup). */
  userCommands: ShellCommand[];
  /** Only file-system setup (mkdir, chown, chmod, ln, touch), with the paths it names. */
  setupOnly: boolean;
  setupPaths: string[];
  /** Paths `mkdir` creates, which later commands in the line may use. */
  created: string[];
  /**
   * The setup commands as written, to repeat beside a user created anew; empty once a `cd` in the line has
   * changed what their paths mean.
   */
  setupCommands: string[];
  /** Every command creates a user or group or is setup: repeating both leaves nothing of the line behind. */
  usersAndSetupOnly: boolean;
  /** Only prepares the wrapper (`chmod +x mvnw`, `sed -i 's/\r$//' gradlew`). */
  wrapperOnly: boolean;
}

const SETUP = new Set(['mkdir', 'chown', 'chmod', 'ln', 'touch']);
/** Commands that only refresh or clean a package index around an install. */
const INDEX_CHORES =
  /^(apt-get|apt) (update|clean|autoclean|autoremove)$|^apk update$|^rm -rf? \/var\/(lib\/apt|cache\/apk)/;

/** Reads the logical body of a RUN instruction (a heredoc's script joined as one command list). */
export function readJavaRun(body: string): JavaRun {
  const run: JavaRun = {
    build: false,
    buildCommand: null,
    buildDirs: [],
    plainTool: null,
    jdkTool: null,
    systemPackages: [],
    systemManager: null,
    installsOnly: null,
    userCommands: [],
    setupOnly: false,
    setupPaths: [],
    created: [],
    setupCommands: [],
    usersAndSetupOnly: false,
    wrapperOnly: false,
  };
  const commands = splitCommands(body);
  let setup = commands.length > 0;
  let wrapper = commands.length > 0;
  let installOnly = commands.length > 0;
  let usersAndSetup = commands.length > 0;
  let cd = '.';
  for (const command of commands) {
    const words = commandWords(command.words);
    const program = path.posix.basename(words[0] ?? '');
    if (program === 'cd') {
      cd = joinDir(cd, words[1] ?? '.');
      // Setup paths after a `cd` no longer mean what the WORKDIR says: such a line is not repeated.
      setup = false;
    }
    if (!program || program === 'cd' || program === 'set') continue;
    const text = words.join(' ');
    if (!SETUP.has(program)) setup = false;
    if (!SETUP.has(program) && !USER_TOOLS.has(program)) usersAndSetup = false;
    if (!isWrapperChore(program, words)) wrapper = false;
    if (!INDEX_CHORES.test(text) && !isPackageInstall(program, words)) installOnly = false;
    const tool = buildToolOf(program);
    const system = systemInstall(words);
    if (tool) {
      run.build = true;
      run.buildCommand ??= command.text;
      run.buildDirs.push(joinDir(cd, projectDirOption(words) ?? '.'));
      if (!isWrapper(program)) run.plainTool = tool;
    } else if (JDK_TOOLS.has(program)) run.jdkTool ??= program;
    else if (USER_TOOLS.has(program)) run.userCommands.push(command);
    else if (system) addPackages(run, system);
    else if (/^(microdnf|dnf|yum|rpm|zypper)$/.test(program)) run.systemManager = 'other';
    else if (SETUP.has(program)) {
      const paths = setupTargets(program, words.slice(1));
      if (program === 'mkdir') run.created.push(...paths);
      run.setupPaths.push(...paths);
      if (cd === '.') run.setupCommands.push(command.text);
    }
  }
  run.setupOnly = setup;
  run.usersAndSetupOnly = usersAndSetup && cd === '.';
  run.wrapperOnly = wrapper && !run.build;
  const tools = run.systemPackages.filter((p) => /^(maven|gradle)$/.test(p));
  if (installOnly && tools.length === 1 && run.systemPackages.length === 1)
    run.installsOnly = tools[0] as 'maven' | 'gradle';
  return run;
}

/** `dir` from `base`: an absolute `dir` (`cd /src`, `-f /src/pom.xml`) stands on its own. */
const joinDir = (base: string, dir: string) =>
  dir.startsWith('/') ? path.posix.normalize(dir) : path.posix.join(base, dir);

/** The paths a setup command works on: after chown's owner and chmod's mode; the link for ln. */
function setupTargets(program: string, args: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (program === 'mkdir' && (args[i] === '-m' || args[i] === '--mode')) i++;
    else if (!args[i].startsWith('-')) words.push(args[i]);
  }
  if (program === 'chown' || program === 'chmod') return words.slice(1);
  if (program === 'ln') return words.slice(-1);
  return words;
}

function isPackageInstall(program: string, words: readonly string[]): boolean {
  return (
    ((program === 'apt-get' || program === 'apt') && words.includes('install')) ||
    (program === 'apk' && words.includes('add'))
  );
}

/** `chmod +x mvnw`, `sed -i 's/\r$//' mvnw`, `dos2unix gradlew`: making the wrapper runnable. */
function isWrapperChore(program: string, words: readonly string[]): boolean {
  const targets = words
    .slice(1)
    .filter((w) => !w.startsWith('-') && !/^[+ugoa]*[+=-][rwxX]+$|^\d{3,4}$/.test(w));
  const wrapperFiles = targets.filter((t) => WRAPPER_SCRIPT.test(t));
  if (program === 'chmod' || program === 'dos2unix')
    return wrapperFiles.length > 0 && wrapperFiles.length === targets.length;
  if (program === 'sed') return wrapperFiles.length > 0;
  return false;
}

function addPackages(run: JavaRun, { manager, packages }: { manager: 'apt' | 'apk'; packages: string[] }) {
  run.systemManager = run.systemManager ?? manager;
  run.systemPackages.push(...packages);
}

/** Whether a RUN script makes the artifact (`mvn package`, `./gradlew bootJar`, also inside `sh -c '...'`). */
export function javaRunBuilds(script: string): boolean {
  return splitCommands(script).some((command) => {
    const words = commandWords(command.words);
    if (/^(\/bin\/)?(ba|da)?sh$/.test(words[0] ?? '') && words[1] === '-c' && words[2] !== undefined)
      return javaRunBuilds(words[2]);
    return makesArtifact(words);
  });
}
