// Reads what a RUN line does in a Node image: installs, builds, system packages, users, setup.
import { systemInstall } from '../../stage/packages';
import { commandWords } from '../../dockerfile/hints';
import { splitCommands, type ShellCommand } from '../../dockerfile/shell';
import { USER_TOOLS } from '../../dockerfile/user-commands';
import { expandScript } from './frameworks';
import {
  BUILD_SCRIPT,
  CHECK_SCRIPT,
  isPackageManager,
  runsBuildProgram,
  scriptRun,
  scriptRunsBuild,
  type PackageManager,
} from './vocabulary';

export type { PackageManager } from './vocabulary';

export interface InstallStep {
  pm: PackageManager;
  /** Installs production dependencies only (`--omit=dev`, `--production`, `--prod`). */
  prodOnly: boolean;
  /** A clean install from the lockfile (`npm ci`, `--frozen-lockfile`, `--immutable`). */
  clean: boolean;
  /** Installs what the manifest lists, naming no packages (so it can become a clean install). */
  bare: boolean;
  command: ShellCommand;
}

export interface NodeRun {
  install: InstallStep | null;
  /** Runs a build: a package script other than tests/lint, or a build program (compiler, bundler, ...). */
  build: boolean;
  /** Runs a build program itself (`tsc`, `npx next build`), not through a package script. */
  buildProgram: boolean;
  /** Package scripts it runs (`npm run build` -> `build`). */
  scripts: string[];
  systemPackages: { manager: 'apt' | 'apk'; packages: string[] } | null;
  /** Creates a user or group (useradd, adduser, groupadd, addgroup). */
  userCommands: ShellCommand[];
  /** Only file-system setup (mkdir, chown, chmod, ln, touch): safe to repeat in the runtime stage. */
  setupOnly: boolean;
  /** The setup commands among the others (a `useradd ... && mkdir -p /data && chown ...` line has some). */
  setupCommands: ShellCommand[];
  /** Commands that are neither user creation nor setup. */
  otherCommands: number;
  /** Packages installed globally (`npm install -g pm2`). */
  globalPackages: string[];
  /** `corepack enable` / `corepack prepare ...` commands. */
  corepack: ShellCommand[];
}

const SETUP_COMMANDS = new Set(['mkdir', 'chown', 'chmod', 'ln', 'touch']);
const PROD_FLAGS = /^(--production(=true)?|--prod|-P|--omit=dev|--only=prod(uction)?)$/;
const CLEAN_FLAGS = /^(--frozen-lockfile|--immutable|--ci)$/;

/** Reads the logical body of a RUN instruction. */
export function readNodeRun(body: string): NodeRun {
  const run: NodeRun = {
    install: null,
    build: false,
    buildProgram: false,
    scripts: [],
    systemPackages: null,
    userCommands: [],
    setupOnly: false,
    globalPackages: [],
    corepack: [],
    setupCommands: [],
    otherCommands: 0,
  };
  const commands = splitCommands(body);
  let setup = commands.length > 0;
  for (const command of commands) {
    const words = commandWords(command.words);
    const [tool] = words;
    const system = systemInstall(words);
    if (!tool) continue;
    if (!SETUP_COMMANDS.has(tool)) setup = false;
    if (SETUP_COMMANDS.has(tool)) run.setupCommands.push(command);
    else if (!USER_TOOLS.has(tool)) run.otherCommands++;
    if (USER_TOOLS.has(tool)) run.userCommands.push(command);
    else if (tool === 'corepack') run.corepack.push(command);
    else if (system) addSystem(run, system);
    else if (runsBuildProgram(words)) run.buildProgram = run.build = true;
    else if (isPackageManager(tool)) readManager(run, tool, words, command);
  }
  run.setupOnly = setup;
  return run;
}

function addSystem(run: NodeRun, { manager, packages }: { manager: 'apt' | 'apk'; packages: string[] }) {
  if (packages.length === 0 && run.systemPackages) return;
  run.systemPackages = {
    manager,
    packages: [...(run.systemPackages?.packages ?? []), ...packages],
  };
}

function readManager(run: NodeRun, pm: PackageManager, words: string[], command: ShellCommand) {
  const args = words.slice(1);
  const positional = args.filter((a) => !a.startsWith('-'));
  const flags = args.filter((a) => a.startsWith('-'));
  const sub = positional[0];
  const global = flags.some((f) => f === '-g' || f === '--global') || (pm === 'yarn' && sub === 'global');
  const installVerb = sub === undefined ? pm === 'yarn' : ['install', 'i', 'ci', 'add'].includes(sub);
  if (global) {
    run.globalPackages.push(...positional.filter((p) => !['install', 'i', 'add', 'global'].includes(p)));
    return;
  }
  if (installVerb) {
    run.install = {
      pm,
      prodOnly: flags.some((f) => PROD_FLAGS.test(f)),
      clean: sub === 'ci' || flags.some((f) => CLEAN_FLAGS.test(f)),
      // `yarn install -- x` passes words on: a flag appended after them would go with them.
      bare: positional.length <= 1 && sub !== 'add' && !args.includes('--'),
      command,
    };
    return;
  }
  if (pm === 'yarn' && sub === 'workspaces' && positional[1] === 'focus') {
    run.install = { pm, prodOnly: flags.includes('--production'), clean: true, bare: false, command };
    return;
  }
  const script = scriptRun(words);
  if (script) {
    run.scripts.push(script);
    if (!CHECK_SCRIPT.test(script)) run.build = true;
  }
}

/**
 * Whether a RUN script builds the app: it runs a build program, a package script named build
 * (`npm run build:server`), or one of `scripts` that runs a build program (the scripts it calls inlined).
 */
export function nodeRunBuilds(script: string, scripts: Readonly<Record<string, string>> = {}): boolean {
  const run = readNodeRun(script);
  return (
    run.buildProgram ||
    run.scripts.some((s) => BUILD_SCRIPT.test(s) || scriptRunsBuild(expandScript(scripts, s) ?? ''))
  );
}
