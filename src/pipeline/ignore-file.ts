// The ignore file that goes with a Dockerfile: which one, its bytes as they are, and the bytes after the merge.
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import type { DockerfileModel } from '../dockerfile/model';
import { planIgnoreFile } from '../dockerignore/plan';
import { InputError } from '../errors';
import { kindSupport } from '../kinds';
import type { Note } from '../notes';
import type { ProjectFacts } from '../contract/facts';
import type { ProjectView } from '../contract/project-view';
import { readRegularFile, resolveInside, type Display } from './safe-fs';
import type { PlannedWrite } from './write';

export interface IgnoreInput {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** The build context folder. */
  context: string;
  /** Other Dockerfiles in the Dockerfile's folder. */
  siblings: number;
  /** The ignore file must lead inside this folder to be read or written (see README, "Reliability"). */
  root: string | null;
  display: Display;
  view: ProjectView;
  /** The Dockerfile as it will be written. */
  model: DockerfileModel;
  facts: ProjectFacts;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** An ignore file is a few hundred lines; its rules become regular expressions, each checked against the context. */
export const MAX_IGNORE_BYTES = 1024 * 1024;

/**
 * The planned write of the ignore file (null when nothing needs adding) and the notes. The merge only ever
 * appends, so the new bytes are the file's own bytes, untouched whatever their encoding, followed by the
 * added lines in UTF-8. A file that exists but cannot be read is an InputError, never taken for a new one.
 */
export function planIgnoreWrite(input: IgnoreInput): { write: PlannedWrite | null; notes: Note[] } {
  const file = ignoreFileFor(input);
  const rootFile = path.join(input.context, '.dockerignore');
  const existing = readBytes(file, input.root, input.display);
  // A new per-Dockerfile file starts from the context's own rules. They are copied into a file we write, so
  // they must be the context's: a link leading out of it (to a file of the machine) is not followed.
  const seed =
    existing === null && file !== rootFile
      ? readBytes(rootFile, realContext(input), input.display, 'the build context')
      : null;
  const base = existing ?? seed;
  const plan = planIgnoreFile({
    view: input.view,
    model: input.model,
    facts: input.facts,
    ignoreFile: contextPath(input.context, file),
    dockerfile: contextPath(input.context, input.dockerfile),
    kindRules: kindSupport(input.facts.kind)?.ignoreRules ?? null,
    existing: existing === null ? null : decode(existing),
    seed: seed === null ? null : decode(seed),
  });
  if (plan.text === null) return { write: null, notes: plan.notes };
  const baseText = base === null ? '' : decode(base);
  if (!plan.text.startsWith(baseText)) throw new Error('the ignore file merge changed existing lines');
  const added = Buffer.from(plan.text.slice(baseText.length), 'utf8');
  return {
    write: {
      path: file,
      display: input.display(file),
      before: existing,
      after: base === null ? added : Buffer.concat([base, added]),
    },
    notes: plan.notes,
  };
}

/**
 * Where the ignore rules go. Docker reads `.dockerignore` at the context root; BuildKit prefers
 * `<Dockerfile>.dockerignore` beside the Dockerfile. The root file is used only when this Dockerfile
 * alone is built from its own folder; otherwise each Dockerfile gets its own file, so services that
 * share a context (a monorepo root) do not fight over one set of rules. Either way it sits in the
 * Dockerfile's folder.
 */
function ignoreFileFor(input: IgnoreInput): string {
  const own = input.dockerfile + '.dockerignore';
  if (lexists(own)) return own;
  const alone = input.context === path.dirname(input.dockerfile) && input.siblings === 0;
  return alone ? path.join(input.context, '.dockerignore') : own;
}

function readBytes(file: string, root: string | null, display: Display, rootName?: string): Buffer | null {
  const real = resolveInside(file, root, display, rootName);
  if (real === null) return null;
  try {
    return readRegularFile(real, MAX_IGNORE_BYTES);
  } catch (error) {
    throw new InputError(`cannot read ${display(file)}: ${(error as Error).message}`);
  }
}

/**
 * Text for the rule matcher, decoded without loss: UTF-8 when the bytes are UTF-8, else one character per
 * byte. A leading BOM is left out, as Docker leaves it out when it reads the file; the bytes keep it.
 */
function decode(bytes: Buffer): string {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  return body.toString(isUtf8(body) ? 'utf8' : 'latin1');
}

function realContext(input: IgnoreInput): string {
  try {
    return fs.realpathSync(input.context);
  } catch (error) {
    throw new InputError(`cannot read ${input.display(input.context)}: ${(error as Error).message}`);
  }
}

/** Whether anything, a dangling symlink included, is at `file`. */
function lexists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A path relative to the build context, with forward slashes. */
function contextPath(context: string, file: string): string {
  return path.relative(context, file).split(path.sep).join('/');
}
