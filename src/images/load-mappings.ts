// Reads the mapping tables: the built-in data file, then the user's overlay, with file and line on every error.
import fs from 'node:fs';
import path from 'node:path';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { UsageError } from '../errors';
import { emptyFacts, type ImageFacts, type Mappings } from './mappings';
import { checkMappings, MappingProblem, type MappingsFile } from './mappings-schema';

type YamlModule = typeof import('yaml');

/** The built JSON (dist) or, when running from source, the YAML it is made from. */
const BUILTIN_JSON = path.join(__dirname, 'builtin-mappings.json');
const BUILTIN_YAML = [
  path.join(__dirname, 'builtin-mappings.yaml'),
  // Built by tsc alone (no data step): dist/src/images -> src/images.
  path.join(__dirname, '../../../src/images/builtin-mappings.yaml'),
];

let builtinCache: MappingsFile | null = null;

/** A mapping table is a few kilobytes; the YAML parser is not asked to read megabytes of anything. */
export const MAX_MAPPINGS_BYTES = 1024 * 1024;
/** Aliases expanded when the YAML is turned into data: enough for any real table, none for an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * The built-in table (unless `builtin` is false) with the user's file laid over it: user image rules are tried
 * first, user packages replace built-in ones, a user `registry:` wins. Facts always come from the built-in file.
 * Throws UsageError("mappings file <path> line <n>: <why>") for a broken file or an unknown key.
 */
export function loadMappings(userFile: string | null, builtin: boolean): Mappings {
  const base = builtinMappingsFile();
  const user = userFile ? readMappingsFile(userFile) : null;
  return {
    images: [...(user?.images ?? []), ...(builtin ? base.images : [])],
    registry: user?.registry ?? (builtin ? base.registry : null),
    packages: { ...(builtin ? base.packages : {}), ...(user?.packages ?? {}) },
    facts: base.facts ?? emptyFacts(),
  };
}

/** The facts of the built-in data file, for callers that were given no mappings. */
export function builtinFacts(): ImageFacts {
  return builtinMappingsFile().facts ?? emptyFacts();
}

/** The built-in data file, read once per process. */
export function builtinMappingsFile(): MappingsFile {
  if (builtinCache) return builtinCache;
  let json: string | null = null;
  try {
    json = fs.readFileSync(BUILTIN_JSON, 'utf8');
  } catch {
    // Not built (running from source under jest): read the YAML instead.
  }
  if (json) builtinCache = JSON.parse(json) as MappingsFile;
  else {
    const yamlPath = BUILTIN_YAML.find((p) => fs.existsSync(p)) ?? BUILTIN_YAML[0];
    builtinCache = parseMappingsText(fs.readFileSync(yamlPath, 'utf8'), yamlPath, true);
  }
  return builtinCache;
}

/** Reads a user's YAML or JSON mapping file. */
export function readMappingsFile(file: string): MappingsFile {
  let text: string;
  let fd: number | null = null;
  try {
    // Non-blocking and checked on the open descriptor: a FIFO must not wait for a writer, /dev/zero has no end.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(`mappings file ${file}: not a regular file`);
    if (stat.size > MAX_MAPPINGS_BYTES) {
      const mb = (stat.size / 1024 / 1024).toFixed(1);
      throw new UsageError(`mappings file ${file}: ${mb} MB, more than the 1 MB a mapping file may have`);
    }
    text = fs.readFileSync(fd, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read';
    throw new UsageError(`mappings file ${file}: ${why}`, { cause: error });
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
  return parseMappingsText(text, file, false);
}

/**
 * Parses and checks a mapping file's text (YAML, or JSON, which YAML reads too). `builtin` allows `facts:`.
 * JSON takes a fast path through JSON.parse; the YAML parser is loaded only when needed, for start-up time.
 */
export function parseMappingsText(text: string, file: string, builtin: boolean): MappingsFile {
  if (/\.json$/i.test(file)) {
    try {
      return checkMappings(JSON.parse(text), builtin);
    } catch {
      // Parse again below to find the line at fault.
    }
  }
  // Loaded lazily: the parser costs more start-up time than a whole small migration.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as YamlModule;
  const lines = new yaml.LineCounter();
  let doc: Document;
  try {
    doc = yaml.parseDocument(text, { lineCounter: lines, prettyErrors: false });
  } catch (error) {
    throw new UsageError(`mappings file ${file}: ${parserFailure(error)}`, { cause: error });
  }
  const [error] = doc.errors;
  if (error) {
    const line = lines.linePos(error.pos[0]).line;
    throw new UsageError(`mappings file ${file} line ${line}: ${parserFailure(error)}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // An alias bomb: a few lines whose aliases expand to billions of nodes.
    const line = lines.linePos(firstAlias(yaml, doc)).line;
    const why = /alias/i.test((error as Error)?.message ?? '')
      ? `its aliases expand more than ${MAX_ALIAS_COUNT} times, which no mapping table needs`
      : parserFailure(error);
    throw new UsageError(`mappings file ${file} line ${line}: ${why}`, { cause: error });
  }
  try {
    return checkMappings(value, builtin);
  } catch (problem) {
    if (!(problem instanceof MappingProblem)) throw problem;
    const line = lineOf(yaml, doc, lines, problem.path, problem.key);
    throw new UsageError(`mappings file ${file} line ${line}: ${problem.message}`);
  }
}

/** What went wrong inside the YAML parser, in words: deep nesting exhausts its stack. */
function parserFailure(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  return /call stack/i.test(message) ? 'nested too deeply to read' : message.split('\n')[0];
}

/** The offset of the first alias (`*name`) in the document, or 0. */
function firstAlias(yaml: YamlModule, doc: Document): number {
  let at = 0;
  yaml.visit(doc, {
    Alias(_key, node) {
      at = node.range?.[0] ?? 0;
      return yaml.visit.BREAK;
    },
  });
  return at;
}

/** The line of the node a path leads to (of its key when `key`), or of the closest node found on the way. */
function lineOf(
  yaml: YamlModule,
  doc: Document,
  lines: LineCounter,
  keyPath: readonly (string | number)[],
  key: boolean,
): number {
  let node: YamlNode | null = doc.contents;
  let at = node?.range?.[0] ?? 0;
  for (const [i, step] of keyPath.entries()) {
    if (!yaml.isMap(node)) break;
    const pair = node.items.find((p) => String(yaml.isScalar(p.key) ? p.key.value : p.key) === String(step));
    if (!pair) break;
    const last = i === keyPath.length - 1;
    const keyNode = yaml.isNode(pair.key) ? pair.key : null;
    const valueNode = yaml.isNode(pair.value) ? pair.value : null;
    at = (last && key ? keyNode : (valueNode ?? keyNode))?.range?.[0] ?? at;
    node = valueNode;
  }
  return lines.linePos(at).line;
}
