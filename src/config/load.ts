// Finds the config file of one folder and loads it (through lilconfig), with the file and line on every error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lilconfig, type LilconfigResult } from 'lilconfig';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { UsageError, messageOf } from '../errors';
import { errnoOf, problem, readRegularFile } from '../host-files';
import { isInside } from '../host-paths';
import { checkConfig, ConfigProblem, keyPath, type CheckContext, type ConfigData } from './schema';

type YamlModule = typeof import('yaml');

/** The names a folder's config may have, in the order they are looked for; at most one may exist. */
export const CONFIG_FILES = [
  'dockerize-ms.config.json',
  'dockerize-ms.config.yaml',
  'dockerize-ms.config.yml',
  'dockerize-ms.config.mjs',
  'package.json',
] as const;
/** The key of package.json that holds the options. */
export const PACKAGE_KEY = 'dockerize-ms';
/** A config file is a few hundred bytes; a package.json a few kilobytes. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_ALIAS_COUNT = 100;

/** A config file that is broken, unreadable or not where it may be read: the run stops, nothing is written. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

/**
 * A package.json that cannot be read. It is the project's manifest first, and may or may not hold options: the
 * services whose config search passes it fail, each with this one line, and the rest of the batch goes on.
 */
export class UnreadablePackageError extends ConfigError {
  override name = 'UnreadablePackageError';
}

export interface LoadedConfig extends ConfigData {
  /** Absolute path of the file. */
  file: string;
  dir: string;
}

/** Turns an absolute path into the form messages show. */
export type Display = (file: string) => string;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadYaml = () => require('yaml') as YamlModule;

const loader = lilconfig(PACKAGE_KEY, {
  packageProp: PACKAGE_KEY,
  // Each run reads each folder once (ConfigResolver); a library caller's next run must see edits since.
  cache: false,
  loaders: {
    '.json': (_file: string, content: string) => JSON.parse(content.replace(/^\uFEFF/, '')),
    '.yaml': (_file: string, content: string) => parseYaml(content),
    '.yml': (_file: string, content: string) => parseYaml(content),
    // Imported only: lilconfig's own loader falls back to require(), whose error hides a syntax error's line.
    // The modification time in the URL makes an edited module load anew in a long-lived process.
    '.mjs': async (file: string) => {
      const url = `${pathToFileURL(file).href}?mtime=${fs.statSync(file).mtimeMs}`;
      return ((await import(url)) as { default?: unknown }).default;
    },
  },
});

/**
 * The config of `dir`, or null when it has none. A candidate whose real path lies outside `boundary` (a real
 * path), that is not a regular file or is over MAX_CONFIG_BYTES is an error, as is a folder with two configs.
 * A package.json counts only when it has a "dockerize-ms" key.
 */
export async function configIn(
  dir: string,
  boundary: string,
  ctx: Omit<CheckContext, 'dir'>,
  display: Display,
): Promise<LoadedConfig | null> {
  const found: string[] = [];
  for (const name of CONFIG_FILES) {
    const file = path.join(dir, name);
    const real = readable(file, boundary, display);
    if (real === null) continue;
    if (name === 'package.json' && !hasPackageKey(file, real, display)) continue;
    found.push(file);
  }
  if (found.length === 0) return null;
  if (found.length > 1)
    throw new ConfigError(
      `${found.map(display).join(' and ')}: two config files in one folder; keep one (which one wins would be a guess)`,
    );
  return loadConfig(found[0], { ...ctx, dir }, display);
}

/**
 * The real path of `file` when it is there to be read: a regular file of a readable size inside `boundary`.
 * A package.json that leads out or is a broken link fails only the services below it (UnreadablePackageError):
 * it is the project's manifest before it is a config, and the build context's view refuses it as well.
 */
function readable(file: string, boundary: string, display: Display): string | null {
  const isPackage = path.basename(file) === 'package.json';
  const fail = (why: string) =>
    isPackage
      ? new UnreadablePackageError(`${display(file)}${why}`)
      : new ConfigError(`config file ${display(file)}${why}`);
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      if (isLink(file)) throw fail(' is a broken symlink; not followed');
      return null;
    }
    throw fail(`: ${problem(error)}`);
  }
  if (!isInside(boundary, real))
    throw fail(` leads to ${display(real)}, outside ${display(boundary)}; not followed`);
  const stat = fs.statSync(real);
  if (!stat.isFile()) {
    // A folder named package.json is nobody's config; anything else with a config name is a mistake to report.
    if (isPackage) return null;
    throw new ConfigError(`config file ${display(file)} is not a regular file`);
  }
  if (stat.size > MAX_CONFIG_BYTES)
    throw new ConfigError(
      `config file ${display(file)}: ${(stat.size / 1024 / 1024).toFixed(1)} MB, more than the 1 MB a config file may have`,
    );
  return real;
}

/**
 * A package.json counts when it names the key; one that does not parse counts when its text names it. One
 * that cannot be read (no permission; a FIFO swapped in, which must not block) is an UnreadablePackageError.
 */
function hasPackageKey(file: string, real: string, display: Display): boolean {
  let bytes: Buffer | null;
  try {
    bytes = readRegularFile(real);
  } catch (error) {
    throw new UnreadablePackageError(
      `cannot read ${display(file)} (looking for "${PACKAGE_KEY}" options): ${messageOf(error)}`,
    );
  }
  // Gone since it was found: no key, as for a folder without one.
  if (bytes === null) return false;
  const text = bytes.toString('utf8');
  if (!text.includes(`"${PACKAGE_KEY}"`)) return false;
  try {
    const pkg = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return typeof pkg === 'object' && pkg !== null && PACKAGE_KEY in pkg;
  } catch {
    // Broken JSON that names the key: loading it says where.
    return true;
  }
}

/** Loads and checks one config file. Throws ConfigError("config file <path> line <n>: <why>"). */
export async function loadConfig(file: string, ctx: CheckContext, display: Display): Promise<LoadedConfig> {
  const shown = display(file);
  const mjs = file.endsWith('.mjs');
  let result: LilconfigResult;
  try {
    result = await loader.load(file);
  } catch (error) {
    // A read that failed (no permission) says why in the report's words, without the machine's path.
    const why = errnoOf(error) ? problem(error) : firstLine(error);
    throw new ConfigError(`config file ${shown}${failureLine(file, error, mjs)}: ${why}`);
  }
  const value: unknown = result?.isEmpty ? undefined : result?.config;
  if (mjs && (value === undefined || value === null))
    throw new ConfigError(
      `config file ${shown}: export the options as the default export (export default { ... })`,
    );
  // A problem at a key: its line in the text (a module has no text to point into: the key path says where).
  const at = (problem: ConfigProblem): ConfigError => {
    if (mjs) return new ConfigError(`config file ${shown}: ${problem.message}`);
    const inPackage = path.basename(file) === 'package.json';
    const keys = inPackage ? [PACKAGE_KEY, ...problem.path] : problem.path;
    const line = lineOfKey(fs.readFileSync(file, 'utf8'), keys, problem.key);
    return new ConfigError(`config file ${shown} line ${line}: ${problem.message}`);
  };
  let data: ConfigData;
  try {
    data = checkConfig(value, ctx);
  } catch (problem) {
    if (!(problem instanceof ConfigProblem)) throw problem;
    throw at(problem);
  }
  const check = ctx.checkTransform;
  if (check)
    for (const module of data.modules) {
      const why = await check(module.file);
      if (why) throw at(new ConfigProblem(module.at, `${keyPath(module.at)}: ${module.written} ${why}`));
    }
  return { ...data, file, dir: ctx.dir };
}

/** ` line N` for a parse failure: from the YAML parser, JSON.parse's position, or a module's stack. */
function failureLine(file: string, error: unknown, mjs: boolean): string {
  const line = (error as { line?: number })?.line;
  if (typeof line === 'number') return ` line ${line}`;
  if (mjs) {
    // An import's SyntaxError carries no position; `node --check` prints `file:///…/x.mjs:LINE` first.
    const stack = String((error as Error)?.stack ?? '');
    const check =
      error instanceof SyntaxError
        ? spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 }).stderr
        : '';
    const at = new RegExp(`${escapeRegExp(path.basename(file))}:(\\d+)`).exec(`${stack}\n${check ?? ''}`);
    return at ? ` line ${at[1]}` : '';
  }
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  const offset = jsonErrorOffset(messageOf(error), text);
  return offset === null ? '' : ` line ${text.slice(0, offset).split('\n').length}`;
}

/**
 * Where JSON.parse stopped. Node 22 and some Node 20 messages give the position; Node 20's "Unexpected token"
 * gives the text around it instead: V8 shows the 10 characters before the token after a leading `...`, or the
 * text from its start.
 */
function jsonErrorOffset(message: string, text: string): number | null {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (/end of JSON/i.test(message)) return text.length;
  const around = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  if (!around) return null;
  const [, token, cut, snippet] = around;
  const start = text.indexOf(snippet);
  if (start < 0) return null;
  return start + (cut ? 10 : Math.max(0, snippet.indexOf(token)));
}

/** The parser's complaint in one line, without the text it echoes (`Unexpected token 'r', "runtime: ..."`). */
function firstLine(error: unknown): string {
  const message = messageOf(error);
  if (/call stack/i.test(message)) return 'nested too deeply to read';
  const echo = /^(Unexpected token .+?), ".*is not valid JSON$/s.exec(message);
  return echo ? `${echo[1]}: not valid JSON` : message.split('\n')[0];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** YAML text to data, with the line of the first error and no alias bombs. */
function parseYaml(text: string): unknown {
  const yaml = loadYaml();
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [error] = doc.errors;
  if (error)
    throw Object.assign(new Error(error.message.split('\n')[0]), { line: lines.linePos(error.pos[0]).line });
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const why = /alias/i.test(messageOf(error))
      ? `its aliases expand more than ${MAX_ALIAS_COUNT} times, which no config needs`
      : messageOf(error);
    throw new Error(why);
  }
}

/** The line of the value (or, with `key`, the key) a path of map keys and list indexes leads to. */
export function lineOfKey(text: string, keys: readonly (string | number)[], key: boolean): number {
  const yaml = loadYaml();
  const lines: LineCounter = new yaml.LineCounter();
  const doc: Document = yaml.parseDocument(text, { lineCounter: lines, prettyErrors: false });
  let node: YamlNode | null = doc.contents;
  let at = node?.range?.[0] ?? 0;
  for (const [i, step] of keys.entries()) {
    const last = i === keys.length - 1;
    if (yaml.isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      node = yaml.isNode(item) ? item : null;
      at = node?.range?.[0] ?? at;
      continue;
    }
    if (!yaml.isMap(node)) break;
    const pair = node.items.find((p) => String(yaml.isScalar(p.key) ? p.key.value : p.key) === String(step));
    if (!pair) break;
    const keyNode = yaml.isNode(pair.key) ? pair.key : null;
    const valueNode = yaml.isNode(pair.value) ? pair.value : null;
    at = (last && key ? keyNode : (valueNode ?? keyNode))?.range?.[0] ?? at;
    node = valueNode;
  }
  return lines.linePos(at).line;
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
