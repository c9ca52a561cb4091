// The image and package tables: built-in data with a user's overlay on top, and the facts the data file records.

export interface ImageRule {
  /** An image name or `name:tag`, `*` globs allowed (see builtin-mappings.yaml for the matching rules). */
  match: string;
  /** The image name to use instead (repository, optionally with a registry); the tag is still derived. */
  image: string;
  /** Where the rule comes from, so notes can say whose rule moved an image. */
  origin?: 'builtin' | 'user';
}

/** Lifecycle and availability facts from the data file; they hold whatever `--no-builtin` says. */
export interface ImageFacts {
  /** Node release codenames (`iron`) -> major. */
  nodeCodenames: Record<string, number>;
  /** End-of-life Node majors -> the date support ended. */
  nodeEol: Record<string, string>;
  /** Retired images (name globs as in `images:`) -> since when and what replaced them. */
  retired: Record<string, { since: string; use: string }>;
  /** Distroless runtime images by Node major and by Java release. */
  distroless: { nodejs: Record<string, string>; java: Record<string, string> };
  /** Build-tool images by tool; `{release}` is replaced. Keys: `default` or a release. */
  buildImages: Record<'maven' | 'gradle', Record<string, string>>;
}

export interface Mappings {
  /** User rules first: the first match wins. */
  images: ImageRule[];
  /** A prefix put in front of every Docker Hub image, for companies that mirror images. */
  registry: string | null;
  /** Debian package name -> Alpine package name (`''`: nothing to install on Alpine). */
  packages: Record<string, string>;
  /** Facts from the built-in data file; when missing, the built-in file's facts are read. */
  facts?: ImageFacts;
}

export const emptyFacts = (): ImageFacts => ({
  nodeCodenames: {},
  nodeEol: {},
  retired: {},
  distroless: { nodejs: {}, java: {} },
  buildImages: { maven: {}, gradle: {} },
});

/** No rules, no registry, no packages; the facts stay those of the built-in data file. */
export const emptyMappings = (): Mappings => ({ images: [], registry: null, packages: {} });

/** Turns a `*` glob into a whole-string regular expression; `*` matches any run of characters, `/` and `:` included. */
export function globRegExp(glob: string): RegExp {
  // Every image lookup tries every rule: compile each glob once.
  let re = globs.get(glob);
  if (!re) {
    const body = glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'i');
    globs.set(glob, re);
  }
  return re;
}

const globs = new Map<string, RegExp>();

/** Splits a rule key into its name and (optional) tag: `node:20-*` -> node, 20-*; `localhost:5000/x` has no tag. */
export function splitRuleKey(key: string): { name: string; tag: string | null } {
  const colon = key.lastIndexOf(':');
  if (colon < 0 || key.slice(colon + 1).includes('/')) return { name: key, tag: null };
  return { name: key.slice(0, colon), tag: key.slice(colon + 1) };
}

/**
 * Whether a rule key matches an image name (and tag). A key without a tag matches every tag; a missing tag
 * reads as `latest`, as Docker reads it.
 */
export function keyMatches(key: string, name: string, tag: string | null): boolean {
  const parts = splitRuleKey(key);
  if (!globRegExp(parts.name).test(name)) return false;
  return parts.tag === null || globRegExp(parts.tag).test(tag ?? 'latest');
}
