// A pair to compare from a migration's planned writes: each side reads the disk with its own writes laid over.
import fs from 'node:fs';
import path from 'node:path';
import type { PlannedWrite } from '../pipeline/write';
import type { DockerfileVersion, VerifyTarget } from './types';

export interface WrittenMigration {
  /** The Dockerfile as the report names it. */
  path: string;
  /** Absolute paths. */
  dockerfile: string;
  context: string;
  /** The planned writes of its migration (`processFile`), written to disk yet or not. */
  writes: readonly PlannedWrite[];
}

/**
 * The pair to compare from a migration's planned writes, whether or not they are on disk yet: each
 * version reads the disk with that side of the writes laid over it. Null when the Dockerfile itself
 * does not change.
 */
export function targetFromWrites(migration: WrittenMigration): VerifyTarget | null {
  const byPath = new Map(migration.writes.map((w) => [path.resolve(w.path), w]));
  const own = byPath.get(path.resolve(migration.dockerfile));
  if (!own) return null;
  const version = (side: 'before' | 'after'): DockerfileVersion => {
    const read = (file: string): Buffer | null => {
      const write = byPath.get(path.resolve(file));
      return write ? write[side] : readOrNull(file);
    };
    const dockerfile = read(migration.dockerfile);
    if (!dockerfile) throw new Error(`no ${side} text for ${migration.path}`);
    return { dockerfile, ignore: effectiveIgnore(migration.dockerfile, migration.context, read) };
  };
  return {
    path: migration.path,
    context: migration.context,
    original: version('before'),
    migrated: version('after'),
  };
}

/**
 * The ignore rules BuildKit applies: `<Dockerfile>.dockerignore` beside the Dockerfile when it exists,
 * else the context's `.dockerignore`.
 */
export function effectiveIgnore(
  dockerfile: string,
  context: string,
  read: (file: string) => Buffer | null,
): Buffer | null {
  return read(`${dockerfile}.dockerignore`) ?? read(path.join(context, '.dockerignore'));
}

function readOrNull(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}
