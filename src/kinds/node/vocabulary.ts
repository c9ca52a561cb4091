// The words of a Node build in one place: package managers and the scripts they run, the programs and packages that build.
import type { NodeBundler } from '../../contract/facts';

export type PackageManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

const PACKAGE_MANAGERS: ReadonlySet<string> = new Set<PackageManager>(['npm', 'yarn', 'pnpm', 'bun']);

export const isPackageManager = (word: string | undefined): word is PackageManager =>
  word !== undefined && PACKAGE_MANAGERS.has(word);

/** Package scripts that check the code rather than build it. */
export const CHECK_SCRIPT = /^(test|lint|format|check|typecheck|coverage|audit)(\b|:|$)/;

/** Package scripts that build by name (`build`, `build:server`). */
export const BUILD_SCRIPT = /^build(\b|:|$)/;

/** Programs that build whatever their arguments: compilers, bundlers, task runners, code generators. */
const ALWAYS_BUILDS = [
  'tsc',
  'babel',
  'swc',
  'esbuild',
  'webpack',
  'rollup',
  'parcel',
  'tsup',
  'gulp',
  'grunt',
  'prisma',
];
/** Framework CLIs that build only through their `build` subcommand (`next start` serves, `vite` alone is a dev server). */
const BUILD_SUBCOMMAND = ['vite', 'next', 'nest', 'ng', 'ncc'];
/** Monorepo task runners: they build when the task they run is a build (`turbo run build`, `nx run api:build`). */
const TASK_RUNNERS = ['turbo', 'nx'];

/** Bundlers that make a build's output, each with the command words that show a script runs it. */
export const BUNDLERS: ReadonlyArray<{ name: NodeBundler; inScript: RegExp }> = [
  { name: 'vite', inScript: /\bvite\s+build\b|\bvite-node\b|(^|[\s&;])vite($|[\s&;])/ },
  { name: 'esbuild', inScript: /\besbuild\b/ },
  { name: 'tsup', inScript: /\btsup\b/ },
  { name: 'webpack', inScript: /\bwebpack\b/ },
  { name: 'rollup', inScript: /\brollup\b/ },
  { name: 'parcel', inScript: /\bparcel\b/ },
  { name: 'ncc', inScript: /\bncc\s+build\b/ },
  { name: 'swc', inScript: /\bswc\b/ },
];

/** Programs whose package has another name (`tsc` comes with `typescript`); others are named after theirs. */
export const PROGRAM_PACKAGES: Readonly<Record<string, string>> = {
  tsc: 'typescript',
  tsserver: 'typescript',
  nest: '@nestjs/cli',
  ng: '@angular/cli',
  ncc: '@vercel/ncc',
  'vue-cli-service': '@vue/cli-service',
  'babel-node': '@babel/node',
  babel: '@babel/cli',
  'run-s': 'npm-run-all',
  'run-p': 'npm-run-all',
  dotenv: 'dotenv-cli',
  sequelize: 'sequelize-cli',
  'mikro-orm': '@mikro-orm/cli',
  'ts-node-esm': 'ts-node',
  'ts-node-script': 'ts-node',
  'ts-node-transpile-only': 'ts-node',
  tsnd: 'ts-node-dev',
  swc: '@swc/cli',
  nuxi: 'nuxi',
  'remix-serve': '@remix-run/serve',
  remix: '@remix-run/dev',
  'graphql-codegen': '@graphql-codegen/cli',
  gql: '@graphql-codegen/cli',
  'react-app-rewired': 'react-app-rewired',
  craco: '@craco/craco',
};

/** The package that provides a program. */
export const packageOfProgram = (program: string): string => PROGRAM_PACKAGES[program] ?? program;

/** Tools that read `.env.production` and friends while building, so those files are build inputs. */
export const ENV_AT_BUILD = [
  'next',
  'vite',
  'react-scripts',
  'nuxt',
  '@vue/cli-service',
  '@sveltejs/kit',
  'astro',
  'gatsby',
];
/** Packages installed globally only to build (compilers, build CLIs, package managers): a runtime needs none. */
export const BUILD_ONLY_GLOBAL =
  /^(@?[\w.-]+\/)?(typescript|tsc|node-gyp|npm|yarn|pnpm|corepack|@nestjs\/cli|cli|turbo|nx|lerna|rimraf|@angular\/cli|vite|webpack(-cli)?|esbuild|prisma)(@.*)?$/;

/** Where `npm install -g` puts packages in the official images (and Debian's npm). */
export const GLOBAL_DIRS = ['/usr/local/lib/node_modules', '/usr/lib/node_modules'];

/**
 * The command a package runner runs (`npx tsc`, `npm exec tsc`, `pnpm exec tsc`, `yarn dlx x`, `bunx x`), its
 * options left out; null when the words do not start with one.
 */
export function packageRunnerCommand(words: readonly string[]): string[] | null {
  const first = words[0]?.split('/').pop();
  const second = words[1];
  const skip =
    first === 'npx' || first === 'bunx'
      ? 1
      : ((first === 'npm' || first === 'pnpm') && second === 'exec') || (first === 'yarn' && second === 'dlx')
        ? 2
        : 0;
  if (skip === 0) return null;
  let i = skip;
  while (i < words.length && words[i].startsWith('-')) i += ['-p', '--package'].includes(words[i]) ? 2 : 1;
  return words.slice(i);
}

/** Whether a command (program first, as written or through a package runner) builds the app. */
export function runsBuildProgram(words: readonly string[]): boolean {
  const command = packageRunnerCommand(words) ?? words;
  const program = (command[0] ?? '').split('/').pop() ?? '';
  const args = command.slice(1);
  if (ALWAYS_BUILDS.includes(program)) return true;
  if (BUILD_SUBCOMMAND.includes(program)) return args.includes('build');
  if (TASK_RUNNERS.includes(program)) return args.some((a) => /\bbuild\b/.test(a));
  return false;
}

const alternatives = (words: readonly string[]) => words.join('|');
/** The same programs found anywhere in a script's text, for scripts read as text (`rimraf dist && tsc`). */
const BUILD_IN_TEXT = new RegExp(
  `\\b(${alternatives(ALWAYS_BUILDS)}|(${alternatives(BUILD_SUBCOMMAND)})\\s+build)\\b|\\b(${alternatives(TASK_RUNNERS)})\\b[^&|;]*\\bbuild\\b`,
);

/** Whether a package script's text runs a build program. */
export const scriptRunsBuild = (text: string): boolean => BUILD_IN_TEXT.test(text);

/** Package managers' own commands, which a `yarn x` / `pnpm x` / `bun x` shorthand does not run as a script. */
const BUILTINS = new Set([
  'install',
  'i',
  'ci',
  'add',
  'remove',
  'upgrade',
  'global',
  'cache',
  'config',
  'workspaces',
  'workspace',
  'set',
  'plugin',
  'dlx',
  'why',
  'info',
  'policies',
  'autoclean',
  'licenses',
  'exec',
  'node',
  'npm',
  'pack',
  'link',
  'unlink',
  'import',
  'version',
  'constraints',
  'prune',
  'fetch',
]);

/** Options of the package managers that take the next word as their value (`--filter api`, `-w apps/api`). */
const VALUE_OPTIONS = new Set(['--filter', '-F', '--workspace', '-w', '--cwd', '--prefix', '-C', '--dir']);

/**
 * The package script a command runs by name, or null: `npm run x` / `npm run-script x`, `npm start` /
 * `npm test` (and restart, stop), and the `yarn x`, `pnpm x`, `bun run x` shorthands, options before them
 * skipped. `bun build` is bun's bundler, read as the build.
 */
export function scriptRun(words: readonly string[]): string | null {
  if (!isPackageManager(words[0])) return null;
  const pm = words[0];
  const rest: string[] = [];
  for (let i = 1; i < words.length; i++) {
    if (!words[i].startsWith('-')) rest.push(words[i]);
    else if (rest.length === 0 && VALUE_OPTIONS.has(words[i])) i++;
  }
  const [sub, name] = rest;
  if (sub === undefined) return null;
  if (sub === 'run' || sub === 'run-script') return name ?? null;
  if (['start', 'test', 'restart', 'stop'].includes(sub)) return sub;
  if (pm === 'bun' && sub === 'build') return 'build';
  return pm !== 'npm' && !BUILTINS.has(sub) ? sub : null;
}

/** `npm run x`, `yarn x`, `pnpm run x`, `bun run x` in a script's text: the name is group 1. */
export const SCRIPT_CALL_IN_TEXT =
  /\b(?:npm\s+run(?:-script)?|yarn(?:\s+run)?|pnpm(?:\s+run)?|bun\s+run)\s+([\w:.-]+)/g;
