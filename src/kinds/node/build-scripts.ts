// What a Node image's RUN lines do through the package scripts they run: install packages, read .git.
import type { NodeFacts } from '../../contract/facts';
import type { ProjectView } from '../../contract/project-view';
import { within } from '../../dockerignore/entry';
import { commandWords } from '../../dockerfile/hints';
import { programName, splitCommands } from '../../dockerfile/shell';
import { readNodeRun } from './commands';

type Scripts = Readonly<Record<string, string>>;

/** Shell text the build runs: a RUN line, or the body of a package script one runs, and where it is. */
export interface BuildText {
  text: string;
  where: string;
}

/** A chain of scripts longer than this is a loop or a generator's output; what was read so far counts. */
const MAX_SCRIPTS = 50;

/**
 * The package scripts a RUN runs by name, with the `pre` and `post` scripts npm runs around each and the
 * scripts those run in turn, each once: `npm run build` may install or call git only in `prebuild`. An
 * install runs the project's own `install` and `prepare` scripts (and their pre/post ones) too.
 */
export function scriptsRunBy(run: string, scripts: Scripts): BuildText[] {
  const found: BuildText[] = [];
  const seen = new Set<string>();
  const { scripts: named, install } = readNodeRun(run);
  const lifecycle = install && !install.command.words.includes('--ignore-scripts');
  const queue = [...named, ...(lifecycle ? ['install', 'prepare'] : [])];
  while (queue.length > 0 && seen.size < MAX_SCRIPTS) {
    const name = queue.shift()!;
    for (const script of [`pre${name}`, name, `post${name}`]) {
      const body = scripts[script];
      if (seen.has(script) || typeof body !== 'string') continue;
      seen.add(script);
      found.push({ text: body, where: `the package script ${script}` });
      queue.push(...readNodeRun(body).scripts);
    }
  }
  return found;
}

/** The RUN lines and every package script they run, as shell texts. */
export function buildTexts(runs: readonly string[], scripts: Scripts): BuildText[] {
  return runs.flatMap((run) => [{ text: run, where: 'a RUN line' }, ...scriptsRunBy(run, scripts)]);
}

/**
 * Whether the image installs the project's packages: a RUN, or a package script one runs, runs an install
 * (`npm ci`, `yarn`, `pnpm install`, `bun install`; a global `npm install -g` is not one).
 */
export function installsPackages(texts: readonly BuildText[]): boolean {
  return texts.some((t) => readNodeRun(t.text).install !== null);
}

/** Packages that read the repository's `.git` (commit id, tags) when they run; without it they fail. */
const GIT_PACKAGES = [
  'git-rev-sync',
  'git-describe',
  'git-repo-info',
  'git-rev',
  'git-last-commit',
  'git-commit-info',
  'git-revision-webpack-plugin',
  'simple-git',
  'isomorphic-git',
  'nodegit',
];

/** git subcommands that need no repository: `git clone` makes one, `init` starts one. */
const NO_REPO = '(?:clone|init|ls-remote|help|version|--version)(?![-\\w])';
const NO_REPO_WORD = new RegExp(`^${NO_REPO}`);
/** `$(git describe)` or `` `git describe` `` in a word of a command (`VERSION=$(git rev-parse HEAD) tsc`). */
const GIT_SUBSTITUTION = new RegExp(`(?:\\$\\(|\`)\\s*(git\\s+(?!${NO_REPO})[-\\w]+)`);
/** A git command in a string of code (`execSync('git rev-parse HEAD')`), or git named alone (`spawn('git', ...)`). */
const GIT_IN_CODE = new RegExp(`(["'\`])(git\\s+(?!${NO_REPO})[-\\w]+|git\\1)`);

/**
 * The git command that reads the repository in a shell text (a RUN line, a package script), or null: one
 * the shell runs (`git rev-parse HEAD`, not `apt-get install git`), or one a word substitutes.
 */
function gitCommand(text: string): string | null {
  for (const { words } of splitCommands(text)) {
    const [program, sub] = commandWords(words);
    if (
      program !== undefined &&
      programName(program) === 'git' &&
      sub !== undefined &&
      !NO_REPO_WORD.test(sub)
    )
      return `git ${sub}`;
  }
  return GIT_SUBSTITUTION.exec(text)?.[1] ?? null;
}

/** Programs that run the file named by their first argument (`node scripts/version.js`, `bash x.sh`). */
const FILE_RUNNERS = new Set(['node', 'nodejs', 'ts-node', 'tsx', 'babel-node', 'zx', 'sh', 'bash']);

/**
 * Why the build reads `.git`, or null: one of `texts` runs a git command that reads the repository
 * (`git rev-parse HEAD`), or runs a file of the context that does (`node scripts/version.js` calling
 * `execSync('git rev-parse HEAD')`), or the project depends on a package that reads it (git-rev-sync).
 * Files are looked up in the package folder, where the package manager runs scripts.
 */
export function gitReader(
  texts: readonly BuildText[],
  node: NodeFacts | null,
  view: ProjectView,
): string | null {
  for (const { text, where } of texts) {
    const command = gitCommand(text);
    if (command) return `\`${command}\` in ${where}`;
    for (const { words } of splitCommands(text)) {
      const file = fileRun(commandWords(words));
      const rel = file === null ? null : within(node?.packageDir ?? '.', file);
      // `node scripts/build` may name a folder (node runs its index): only a file is read.
      const code = rel === null || view.isDirectory(rel) ? null : view.readText(rel);
      // A shell script is read as shell; code, for git in its strings.
      const runsGit = code !== null && (/\.sh$/.test(rel!) ? gitCommand(code) : GIT_IN_CODE.test(code));
      if (runsGit) return `git in ${rel} (run by ${where})`;
    }
  }
  const deps = node ? [...node.dependencies, ...node.devDependencies] : [];
  const reader = GIT_PACKAGES.find((name) => deps.includes(name));
  return reader ? `the package ${reader}` : null;
}

/** The script file of the context a command runs (`node scripts/v.js`, `./tools/stamp.sh`), as written, or null. */
function fileRun(words: readonly string[]): string | null {
  const [program, ...args] = words;
  if (program === undefined) return null;
  const file = FILE_RUNNERS.has(program.split('/').pop()!) ? args.find((a) => !a.startsWith('-')) : program;
  // An absolute path names a file of the image, not of the context; installed packages are not the project's.
  if (!file || file.startsWith('/') || file.includes('$') || /(^|\/)node_modules\//.test(file)) return null;
  return /\.(c|m)?[jt]s$|\.sh$/.test(file) ? file : null;
}
