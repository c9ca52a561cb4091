// Checks the parsed content of a mapping file and turns it into rules; problems name the path of the bad key.
import { emptyFacts, type ImageFacts, type ImageRule } from './mappings';

/** What one mapping file holds once checked; `facts` only in the built-in file. */
export interface MappingsFile {
  images: ImageRule[];
  registry: string | null;
  packages: Record<string, string>;
  facts: ImageFacts | null;
}

/** A problem in a mapping file: `path` leads to the node at fault (`key: true` points at a key, not its value). */
export class MappingProblem extends Error {
  constructor(
    readonly path: readonly (string | number)[],
    message: string,
    readonly key = false,
  ) {
    super(message);
  }
}

const USER_KEYS = ['images', 'registry', 'packages'];
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_NAME = new RegExp(`^(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*$`);

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a mapping file's parsed value. `builtin` allows the `facts:` section, which only the built-in file may set.
 * An empty file is an empty overlay.
 */
export function checkMappings(value: unknown, builtin: boolean): MappingsFile {
  const out: MappingsFile = { images: [], registry: null, packages: {}, facts: null };
  if (value === null || value === undefined) return out;
  if (!isMap(value)) throw new MappingProblem([], 'expected a map with images:, registry: or packages:');
  const allowed = builtin ? [...USER_KEYS, 'facts'] : USER_KEYS;
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new MappingProblem([key], `unknown key "${key}" (expected ${allowed.join(', ')})`, true);
  }
  if (value.images !== undefined && value.images !== null) out.images = imageRules(value.images, builtin);
  if (value.registry !== undefined && value.registry !== null) out.registry = registryPrefix(value.registry);
  if (value.packages !== undefined && value.packages !== null) out.packages = packageMap(value.packages);
  if (builtin) out.facts = facts(value.facts);
  return out;
}

function imageRules(images: unknown, builtin: boolean): ImageRule[] {
  if (!isMap(images)) throw new MappingProblem(['images'], 'images: must map image names to image names');
  return Object.entries(images).map(([match, image]) => {
    if (!match.trim() || /\s/.test(match))
      throw new MappingProblem(['images', match], `"${match}" is not an image name or glob`, true);
    if (typeof image !== 'string' || !IMAGE_NAME.test(image)) {
      const why =
        // A tag or digest after the last `/`, found without a regex that is quadratic on long values.
        typeof image === 'string' && /[:@]/.test(image.slice(image.lastIndexOf('/') + 1))
          ? ' (give the name only: the tag is derived)'
          : '';
      throw new MappingProblem(
        ['images', match],
        `images.${match}: "${String(image)}" is not an image name${why}`,
      );
    }
    return { match, image, origin: builtin ? 'builtin' : 'user' };
  });
}

function registryPrefix(registry: unknown): string {
  if (typeof registry !== 'string' || !registry.trim() || /\s/.test(registry))
    throw new MappingProblem(['registry'], 'registry: must be a registry host with an optional path');
  if (/^[a-z]+:\/\//i.test(registry))
    throw new MappingProblem(
      ['registry'],
      'registry: is written without a scheme (registry.example.com/mirror)',
    );
  let end = registry.length;
  while (registry[end - 1] === '/') end--;
  return registry.slice(0, end);
}

function packageMap(packages: unknown): Record<string, string> {
  if (!isMap(packages))
    throw new MappingProblem(['packages'], 'packages: must map Debian names to Alpine names');
  const out: Record<string, string> = {};
  for (const [name, alpine] of Object.entries(packages)) {
    if (typeof alpine !== 'string' || /\s/.test(alpine))
      throw new MappingProblem(
        ['packages', name],
        `packages.${name}: expected one Alpine package name, or ''`,
      );
    out[name] = alpine;
  }
  return out;
}

function facts(value: unknown): ImageFacts {
  const out = emptyFacts();
  if (value === undefined || value === null) return out;
  if (!isMap(value)) throw new MappingProblem(['facts'], 'facts: must be a map');
  const known = Object.keys(out);
  const odd = Object.keys(value).find((key) => !known.includes(key));
  if (odd)
    throw new MappingProblem(
      ['facts', odd],
      `unknown key "facts.${odd}" (expected ${known.join(', ')})`,
      true,
    );
  const table = (name: keyof ImageFacts, check: (v: unknown) => boolean, path: string[] = [name]) => {
    let node: unknown = value;
    for (const step of path) node = isMap(node) ? node[step] : undefined;
    if (node === undefined) return {};
    if (!isMap(node)) throw new MappingProblem(path, `facts.${path.join('.')}: must be a map`);
    for (const [key, v] of Object.entries(node))
      if (!check(v))
        throw new MappingProblem([...path, key], `facts.${path.join('.')}.${key}: unexpected value`);
    return node;
  };
  const isString = (v: unknown) => typeof v === 'string';
  out.nodeCodenames = table('nodeCodenames', (v) => Number.isInteger(v)) as Record<string, number>;
  out.nodeEol = table('nodeEol', isString) as Record<string, string>;
  out.retired = table(
    'retired',
    (v) => isMap(v) && isString(v.since) && isString(v.use),
  ) as ImageFacts['retired'];
  out.distroless = {
    nodejs: table('distroless', isString, ['distroless', 'nodejs']) as Record<string, string>,
    java: table('distroless', isString, ['distroless', 'java']) as Record<string, string>,
  };
  out.buildImages = {
    maven: table('buildImages', isString, ['buildImages', 'maven']) as Record<string, string>,
    gradle: table('buildImages', isString, ['buildImages', 'gradle']) as Record<string, string>,
  };
  return out;
}
