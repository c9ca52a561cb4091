// Whether a lockfile still records what package.json declares: only then can an install be made frozen (`npm ci`, `--frozen-lockfile`).
import { parse as parseYaml } from 'yaml';
import semver from 'semver';
import type { ProjectView } from '../../contract/project-view';
import { stripJsonComments } from './tsconfig';

export type LockfileSync =
  { inSync: true; lockfileVersion: number | null } | { inSync: false; reason: string };

/** A manifest the lockfile should record: its folder relative to the lockfile's, and its parsed content. */
export interface Manifest {
  /** `.` for the lockfile's own folder, `apps/api` for a workspace member. */
  dir: string;
  pkg: Record<string, unknown>;
}

const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** The largest lockfile read: a frozen install of anything bigger is not judged (the install is kept as written). */
export const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

/**
 * Compares a lockfile's record of each manifest with the manifest itself. Anything the lockfile format
 * allows but this cannot judge (a binary bun.lockb, a dependency given as a git URL in a v1 lockfile)
 * counts as not in sync: a frozen install is only written when it is known to succeed.
 */
export function lockfileSync(
  view: ProjectView,
  lockfile: string,
  manifests: readonly Manifest[],
): LockfileSync {
  const name = lockfile.slice(lockfile.lastIndexOf('/') + 1);
  if (name === 'bun.lockb')
    return { inSync: false, reason: 'bun.lockb is binary and cannot be compared with package.json' };
  const text = view.readText(lockfile);
  if (text === null) return { inSync: false, reason: `${lockfile} could not be read` };
  if (text.length > MAX_LOCKFILE_BYTES) return { inSync: false, reason: `${lockfile} is too large to check` };
  try {
    switch (name) {
      case 'package-lock.json':
      case 'npm-shrinkwrap.json':
        return npmSync(name, JSON.parse(text) as Json, manifests);
      case 'yarn.lock':
        return yarnSync(text, manifests);
      case 'pnpm-lock.yaml':
        return pnpmSync(text, manifests);
      case 'bun.lock':
        return bunSync(JSON.parse(stripJsonComments(text)) as Json, manifests);
    }
  } catch (error) {
    return { inSync: false, reason: `${lockfile} could not be read (${firstLine(error)})` };
  }
  return { inSync: false, reason: `${name} is not a lockfile this tool can compare` };
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** Every declared dependency of a manifest: [field, name, range]. */
function declared(pkg: Json): [string, string, string][] {
  return DEP_FIELDS.flatMap((field) =>
    Object.entries(obj(pkg[field])).map(([n, r]): [string, string, string] => [field, n, String(r)]),
  );
}

const where = (m: Manifest) => (m.dir === '.' ? 'package.json' : `${m.dir}/package.json`);

function npmSync(file: string, lock: Json, manifests: readonly Manifest[]): LockfileSync {
  const version = typeof lock.lockfileVersion === 'number' ? lock.lockfileVersion : 1;
  const packages = obj(lock.packages);
  if (version >= 2 && Object.keys(packages).length > 0) {
    for (const m of manifests) {
      const entry = packages[m.dir === '.' ? '' : m.dir];
      if (entry === undefined) return { inSync: false, reason: `${file} has no entry for ${where(m)}` };
      for (const field of [...DEP_FIELDS, 'peerDependencies']) {
        const want = obj(m.pkg[field]);
        const have = obj(obj(entry)[field]);
        const diff = mapDifference(want, have);
        if (diff)
          return { inSync: false, reason: `${file} records ${diff} differently from ${where(m)} (${field})` };
      }
    }
    return { inSync: true, lockfileVersion: version };
  }
  // lockfileVersion 1: no record of the manifest, only what was installed; every range must be met.
  const installed = obj(lock.dependencies);
  for (const m of manifests) {
    if (m.dir !== '.') return { inSync: false, reason: `${file} (version 1) does not record workspaces` };
    for (const [, name, range] of declared(m.pkg)) {
      const version = obj(installed[name]).version;
      if (typeof version !== 'string') return { inSync: false, reason: `${file} does not list ${name}` };
      const valid = semver.validRange(range);
      if (!valid || !semver.valid(version))
        return { inSync: false, reason: `${name}@${range} cannot be checked against ${file}` };
      if (!semver.satisfies(version, valid))
        return { inSync: false, reason: `${file} has ${name}@${version}, which is not ${range}` };
    }
  }
  return { inSync: true, lockfileVersion: 1 };
}

/** The first key whose value differs between two string maps, as `name@range`, or null. */
function mapDifference(want: Json, have: Json): string | null {
  for (const [name, range] of Object.entries(want))
    if (have[name] !== range) return `${name}@${String(range)}`;
  for (const name of Object.keys(have)) if (!(name in want)) return `${name} (not in package.json)`;
  return null;
}

/**
 * yarn.lock keys list the descriptors they resolve (`"a@^1.0.0, a@^1.2.0":`). A frozen install fails when
 * a declared one is missing. Berry writes semver ranges and tags with the `npm:` protocol, and workspaces
 * too (`"lib@workspace:*, lib@workspace:packages/lib":`); classic writes none for a member another member
 * depends on when the member's version meets the range (it links the folder instead).
 */
function yarnSync(text: string, manifests: readonly Manifest[]): LockfileSync {
  const berry = /^__metadata:/m.test(text.slice(0, 4000));
  const descriptors = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line || line[0] === ' ' || line[0] === '#' || !line.trimEnd().endsWith(':')) continue;
    for (const part of line.trimEnd().slice(0, -1).split(/,\s*/))
      descriptors.add(part.trim().replace(/^"|"$/g, ''));
  }
  const linked = berry ? new Map<string, string>() : memberVersions(manifests);
  for (const m of manifests) {
    for (const [, name, range] of declared(m.pkg)) {
      const version = linked.get(name);
      if (version !== undefined && (range === '*' || semver.satisfies(version, range))) continue;
      const wanted = berry ? berryDescriptor(name, range) : `${name}@${range}`;
      if (wanted === null)
        return { inSync: false, reason: `${name}@${range} cannot be checked against yarn.lock` };
      if (!descriptors.has(wanted))
        return { inSync: false, reason: `yarn.lock has no entry for ${name}@${range} from ${where(m)}` };
    }
  }
  return { inSync: true, lockfileVersion: null };
}

/** Workspace members' names and versions (the root is no member). */
function memberVersions(manifests: readonly Manifest[]): Map<string, string> {
  const versions = new Map<string, string>();
  for (const m of manifests) {
    const { name, version } = m.pkg;
    if (m.dir !== '.' && typeof name === 'string' && typeof version === 'string' && semver.valid(version))
      versions.set(name, version);
  }
  return versions;
}

function berryDescriptor(name: string, range: string): string | null {
  if (/^(workspace|portal|link|patch|npm|file|exec|git|github|https?):/.test(range))
    return `${name}@${range}`;
  if (semver.validRange(range) !== null || /^[a-z][\w.-]*$/i.test(range)) return `${name}@npm:${range}`;
  return null;
}

function pnpmSync(text: string, manifests: readonly Manifest[]): LockfileSync {
  // Importers come before the (much larger) `packages:` and `snapshots:` sections: parse only the head.
  const cut = text.search(/^(packages|snapshots):/m);
  const lock = obj(parseYaml(cut > 0 ? text.slice(0, cut) : text, { maxAliasCount: 100 }));
  const importers = obj(lock.importers);
  for (const m of manifests) {
    // lockfile v5/v6 without workspaces keep the root importer at the top level.
    const importer = Object.keys(importers).length ? importers[m.dir] : m.dir === '.' ? lock : undefined;
    if (importer === undefined)
      return { inSync: false, reason: `pnpm-lock.yaml has no importer for ${where(m)}` };
    const record = obj(importer);
    const oldSpecifiers = obj(record.specifiers);
    const recorded: Json = {};
    for (const field of DEP_FIELDS) {
      for (const [name, value] of Object.entries(obj(record[field]))) {
        recorded[name] = typeof value === 'object' ? obj(value).specifier : oldSpecifiers[name];
      }
    }
    const want: Json = {};
    for (const [, name, range] of declared(m.pkg)) want[name] = range;
    const diff = mapDifference(want, recorded);
    if (diff) return { inSync: false, reason: `pnpm-lock.yaml records ${diff} differently from ${where(m)}` };
  }
  const root = manifests.find((m) => m.dir === '.');
  const overrides = obj(obj(root?.pkg.pnpm).overrides);
  const diff = mapDifference(overrides, obj(lock.overrides));
  if (diff)
    return {
      inSync: false,
      reason: `pnpm-lock.yaml records the override ${diff} differently from package.json`,
    };
  return { inSync: true, lockfileVersion: Number.parseFloat(String(lock.lockfileVersion)) || null };
}

function bunSync(lock: Json, manifests: readonly Manifest[]): LockfileSync {
  const workspaces = obj(lock.workspaces);
  for (const m of manifests) {
    const entry = workspaces[m.dir === '.' ? '' : m.dir];
    if (entry === undefined) return { inSync: false, reason: `bun.lock has no workspace for ${where(m)}` };
    for (const field of DEP_FIELDS) {
      const diff = mapDifference(obj(m.pkg[field]), obj(obj(entry)[field]));
      if (diff) return { inSync: false, reason: `bun.lock records ${diff} differently from ${where(m)}` };
    }
  }
  return { inSync: true, lockfileVersion: null };
}
