// Checks a config file's content: the options a service may set, and overrides by path; a problem names its key.
import fs from 'node:fs';
import path from 'node:path';
import type { RuntimeFlavour, RuntimeUser } from '../contract/transform';

/** What a config file (or an override in it) may set for the Dockerfiles it covers. Paths are absolute. */
export interface ServiceOptions {
  runtime?: RuntimeFlavour;
  user?: RuntimeUser;
  mappings?: string;
  builtinMappings?: boolean;
  transforms?: string[];
  springLayers?: boolean;
  strict?: boolean;
  dockerignore?: boolean;
  /** Leave the Dockerfile alone, for this reason; false undoes a skip set further up. */
  skip?: string | false;
}

export type OptionName = keyof ServiceOptions;

export const OPTION_NAMES: readonly OptionName[] = [
  'runtime',
  'user',
  'mappings',
  'builtinMappings',
  'transforms',
  'springLayers',
  'strict',
  'dockerignore',
  'skip',
];

export const RUNTIMES: readonly RuntimeFlavour[] = ['alpine', 'slim', 'distroless', 'jre'];

/** An entry of `overrides`: options for the Dockerfiles its globs match (relative to the config's folder). */
export interface Override {
  files: string[];
  excludeFiles: string[];
  options: ServiceOptions;
}

export interface ConfigData {
  /** Stop looking for config files in the folders above this one. */
  root: boolean;
  options: ServiceOptions;
  overrides: Override[];
  /** The transform modules it names, so a loader can check them and say where each was named. */
  modules: TransformModule[];
}

/** A transform module a config file names: where it is, how it was written, and the key path to it. */
export interface TransformModule {
  file: string;
  written: string;
  at: (string | number)[];
}

/** A problem in a config file: `path` leads to the value at fault (`key`: to the key itself). */
export class ConfigProblem extends Error {
  constructor(
    readonly path: readonly (string | number)[],
    message: string,
    readonly key = false,
  ) {
    super(message);
  }
}

export interface CheckContext {
  /** The config file's folder: relative paths in it start there. */
  dir: string;
  /** The built-in transform names, for `transforms:`. */
  transformNames: readonly string[];
  /**
   * Why a transform module the file names is not one (null: it is); the config loader asks it, so a
   * broken module is the config file's error, at its line. Left out, modules are only checked to exist.
   */
  checkTransform?: (file: string) => Promise<string | null>;
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `overrides[2].runtime` for messages. */
export function keyPath(at: readonly (string | number)[]): string {
  return at.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Checks a config file's parsed value; an empty file is an empty config. */
export function checkConfig(value: unknown, ctx: CheckContext): ConfigData {
  if (value === null || value === undefined) return { root: false, options: {}, overrides: [], modules: [] };
  if (!isMap(value))
    throw new ConfigProblem([], 'expected a map of options (runtime:, user:, overrides:, ...)');
  const root = value.root ?? false;
  if (typeof root !== 'boolean') throw new ConfigProblem(['root'], 'root: must be true or false');
  const overrides = value.overrides ?? [];
  if (!Array.isArray(overrides))
    throw new ConfigProblem(['overrides'], 'overrides: must be a list of { files: <globs>, ...options }');
  const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'root' && k !== 'overrides'));
  const modules: TransformModule[] = [];
  return {
    root,
    options: checkOptions(rest, [], ctx, ['root', 'overrides'], modules),
    overrides: overrides.map((entry, i) => checkOverride(entry, ['overrides', i], ctx, modules)),
    modules,
  };
}

function checkOverride(
  entry: unknown,
  at: (string | number)[],
  ctx: CheckContext,
  modules: TransformModule[],
): Override {
  if (!isMap(entry)) throw new ConfigProblem(at, `${keyPath(at)}: must be a map with files: and options`);
  if (entry.files === undefined)
    throw new ConfigProblem(at, `${keyPath(at)}: files: is missing (the globs this override applies to)`);
  const files = globs(entry.files, [...at, 'files']);
  const excludeFiles =
    entry.excludeFiles === undefined ? [] : globs(entry.excludeFiles, [...at, 'excludeFiles']);
  const rest = Object.fromEntries(
    Object.entries(entry).filter(([k]) => k !== 'files' && k !== 'excludeFiles'),
  );
  return {
    files,
    excludeFiles,
    options: checkOptions(rest, at, ctx, ['files', 'excludeFiles'], modules),
  };
}

/** Globs are relative to the config file's folder, and stay inside it. */
function globs(value: unknown, at: (string | number)[]): string[] {
  const list = typeof value === 'string' ? [value] : value;
  const where = keyPath(at);
  if (!Array.isArray(list) || list.length === 0)
    throw new ConfigProblem(at, `${where}: must be a glob or a list of globs`);
  return list.map((glob, i) => {
    const here = typeof value === 'string' ? at : [...at, i];
    if (typeof glob !== 'string' || glob.trim() === '')
      throw new ConfigProblem(here, `${where}: must be a glob or a list of globs`);
    if (glob.length > 500) throw new ConfigProblem(here, `${where}: a glob of more than 500 characters`);
    if (glob.startsWith('/') || /(^|\/)\.\.(\/|$)/.test(glob))
      throw new ConfigProblem(
        here,
        `${where}: "${glob}" leaves the config file's folder; globs are relative to it (services/*, **/Dockerfile)`,
      );
    return glob.replace(/^\.\//, '');
  });
}

function checkOptions(
  value: Record<string, unknown>,
  at: (string | number)[],
  ctx: CheckContext,
  structural: readonly string[],
  modules: TransformModule[],
): ServiceOptions {
  const out: ServiceOptions = {};
  for (const [key, v] of Object.entries(value)) {
    const here = [...at, key];
    const where = keyPath(here);
    const fail = (why: string): never => {
      throw new ConfigProblem(here, `${where}: ${why}`);
    };
    switch (key) {
      case 'runtime':
        if (!RUNTIMES.includes(v as RuntimeFlavour))
          fail(`"${String(v)}" is not one of ${RUNTIMES.join(', ')}`);
        out.runtime = v as RuntimeFlavour;
        break;
      case 'user': {
        const user = typeof v === 'string' ? readUserOption(v) : 'a user name, "keep" or "default"';
        if (typeof user === 'string' && !isUserChoice(user)) fail(user);
        out.user = user as RuntimeUser;
        break;
      }
      case 'mappings':
        if (typeof v !== 'string' || v.trim() === '') fail('must be the path of a YAML or JSON mapping file');
        out.mappings = path.resolve(ctx.dir, v as string);
        if (!fs.existsSync(out.mappings))
          fail(`${String(v)}: no such file (paths are relative to the config file)`);
        break;
      case 'transforms': {
        const list = typeof v === 'string' ? [v] : v;
        if (!Array.isArray(list) || list.some((t) => typeof t !== 'string' || t === ''))
          fail('must be a transform name or module path, or a list of them');
        out.transforms = (list as string[]).map((t, i) => {
          // A list item's own line, when the value is a list.
          const item = typeof v === 'string' ? here : [...here, i];
          if (!isModulePath(t)) {
            if (!ctx.transformNames.includes(t))
              fail(`unknown transform "${t}" (built-in: ${ctx.transformNames.join(', ')}; or ./module.js)`);
            return t;
          }
          const file = path.resolve(ctx.dir, t);
          if (!fs.existsSync(file))
            throw new ConfigProblem(
              item,
              `${keyPath(item)}: ${t}: no such file (module paths are relative to the config file's folder)`,
            );
          modules.push({ file, written: t, at: item });
          return file;
        });
        break;
      }
      case 'builtinMappings':
      case 'springLayers':
      case 'strict':
      case 'dockerignore':
        if (typeof v !== 'boolean') fail('must be true or false');
        out[key] = v as boolean;
        break;
      case 'skip':
        if (v === false) out.skip = false;
        else if (typeof v === 'string' && v.trim() !== '') out.skip = v.trim();
        else fail('give the reason as text (skip: "vendor image, migrated by hand"), or false');
        break;
      default: {
        const known = [...structural, ...OPTION_NAMES];
        const camel = key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
        const hint = camel !== key && known.includes(camel) ? ` (did you mean "${camel}"?)` : '';
        throw new ConfigProblem(here, `unknown key "${key}"${hint} (known: ${known.join(', ')})`, true);
      }
    }
  }
  return out;
}

const isUserChoice = (v: unknown) => v === 'default' || v === 'keep' || typeof v === 'object';

/** A module path as `--transform` reads one: ./x.js, ../x.mjs, /abs/x.js. */
export const isModulePath = (spec: string): boolean =>
  /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(spec) || /\.(c|m)?js$/.test(spec);

const NAME = '(?:[a-z_][a-z0-9_.-]{0,31}|\\d{1,10})';
const USER_NAME = new RegExp(`^${NAME}(?::${NAME})?$`);

/**
 * The user option from its text (`--user` or `user:`): `default`, `keep`, or a user name with an optional group
 * (`svc`, `svc:apps`, `10001`). Returns a sentence saying what is wrong when it is none of these.
 */
export function readUserOption(text: string): RuntimeUser | string {
  if (text === 'default' || text === 'keep') return text;
  if (/^(root|0)(:|$)/.test(text))
    return '`root` is not a user to add: `keep` runs the image as the original does (root when it names no USER)';
  if (!USER_NAME.test(text))
    return `"${text}" is not "keep", "default" or a user name (lower-case letters, digits, _ . -; optionally :group)`;
  return { name: text };
}
