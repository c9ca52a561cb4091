// One Dockerfile end to end, short of writing: load, parse, detect, transform, validate, plan the writes.
import path from 'node:path';
import { parseDockerfile } from '../dockerfile/model';
import { decodeSource, encodeSource } from '../dockerfile/source';
import { detectProject } from './detect';
import { diskView } from './project-view';
import type { PlannedWrite } from './write';
import { InputError, messageOf } from '../errors';
import { migrateDockerfile } from './migrate-dockerfile';
import { noteMaker, type Note } from '../notes';
import { inferContext, type BuildContext } from './context';
import { planIgnoreWrite } from './ignore-file';
import { shellPath } from './quote';
import type { FileReport } from './report';
import { estimateBase, estimateNotes, finalBase } from '../images/sizes';
import { readRegularFile, resolveInside } from './safe-fs';
import type { Transform, TransformOptions } from '../contract/transform';

export interface FileJob {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** The folder paths in the report are relative to. */
  cwd: string;
  /** A build context fixed by --context or a compose file; null: inferred from the COPY sources. */
  context: BuildContext | null;
  /** The highest folder context inference may climb to. */
  top: string;
  /** Other Dockerfiles found in the same folder: they cannot share its `.dockerignore`. */
  siblings: number;
  /** Generate or update the ignore file. */
  dockerignore: boolean;
  /**
   * The real path of the folder named on the command line that this Dockerfile was found in: the
   * Dockerfile and its ignore file are read and written only where they lead inside it. Unset: anywhere.
   */
  root?: string | null;
  /** The key of the settings it is processed with (see settings.ts); unset: the run's only settings. */
  settings?: string;
  /** A config file says to leave it alone: the reason, and the file that says so. */
  skip?: { reason: string; source: string } | null;
  /** Its options could not be known (a package.json on the way up that cannot be read): the reason. */
  failure?: string | null;
}

export interface ProcessSettings {
  transforms: readonly Transform[];
  options: TransformOptions;
  /** Compute the unified diff of each change (only a dry run shows it). */
  patches: boolean;
  /** Told which transform (its index in `transforms`; -1: none) runs: a worker thread's clock (worker.ts). */
  running?: (index: number) => void;
}

export interface FileOutcome {
  report: FileReport;
  writes: PlannedWrite[];
  /** The unified diff of every planned write. */
  patch: string;
  /** The build context the file was migrated against (absolute), or null when it was not reached. */
  contextDir: string | null;
}

/** Reads and migrates one Dockerfile; never throws: a failure becomes an `error` report. */
export function processFile(job: FileJob, settings: ProcessSettings): FileOutcome {
  const display = relativeTo(job.cwd, job.dockerfile);
  const base: FileReport = {
    path: display,
    status: 'error',
    kind: null,
    reason: null,
    notes: [],
    writes: [],
    context: null,
    rebuild: null,
    estimate: null,
  };
  // Not read at all: with its options unknown, even whether to leave it alone is unknown.
  if (job.failure)
    return { report: { ...base, reason: job.failure }, writes: [], patch: '', contextDir: null };
  if (job.skip) {
    // Left alone means not even read: a broken or hostile file there is the owner's business.
    const notes = [configNotes('config-skip', { source: job.skip.source })];
    return {
      report: { ...base, status: 'skipped', reason: job.skip.reason, notes },
      writes: [],
      patch: '',
      contextDir: null,
    };
  }
  try {
    const bytes = readDockerfile(job);
    const source = decodeSource(bytes);
    const model = parseDockerfile(source.text);
    const context = job.context ?? inferContext(model, job.dockerfile, job.top);
    const view = diskView(context.dir, {
      root: job.root ?? null,
      // A context the tree names may not take the reads out of the repository; one the user names may.
      top: context.source === 'compose' ? job.top : null,
      display: (file) => relativeTo(job.cwd, file),
    });
    const facts = detectProject(view, model);
    const outcome = migrateDockerfile(
      source,
      model,
      facts,
      settings.transforms,
      settings.options,
      settings.running,
    );
    const contextNotes =
      context.source === 'copy-sources' || context.source === 'compose' ? [contextNote(job, context)] : [];
    const report: FileReport = {
      ...base,
      kind: facts.kind,
      notes: [...contextNotes, ...outcome.notes],
      context: relativeTo(job.cwd, context.dir),
    };
    if (outcome.status === 'error' || outcome.status === 'skipped') {
      return {
        report: { ...report, status: outcome.status, reason: outcome.reason },
        writes: [],
        patch: '',
        contextDir: context.dir,
      };
    }
    const writes: PlannedWrite[] = [];
    // Only a Dockerfile that changes has a new base to estimate; a new ignore file alone changes no image.
    const estimate =
      outcome.status === 'migrated' ? estimateBase(finalBase(model), finalBase(outcome.model)) : null;
    const notes: Note[] = [...report.notes, ...estimateNotes(estimate)];
    if (outcome.status === 'migrated') {
      writes.push({
        path: job.dockerfile,
        display,
        before: bytes,
        after: encodeSource(outcome.text, source.bom),
      });
    }
    if (job.dockerignore) {
      const ignore = planIgnoreWrite({
        dockerfile: job.dockerfile,
        context: context.dir,
        siblings: job.siblings,
        root: job.root ?? null,
        display: (file) => relativeTo(job.cwd, file),
        view,
        model: outcome.model,
        facts,
      });
      notes.push(...ignore.notes);
      if (ignore.write) writes.push(ignore.write);
    }
    const status = writes.length > 0 ? 'migrated' : 'unchanged';
    const patch = !settings.patches
      ? ''
      : writes.map((w) => formatPatch(w.display, w.before, w.after)).join('');
    return {
      report: {
        ...report,
        status,
        reason: status === 'unchanged' && outcome.status === 'unchanged' ? outcome.reason : null,
        notes,
        writes: writes.map((w) => w.display),
        rebuild: status === 'migrated' ? rebuildCommand(job, context.dir) : null,
        estimate: status === 'migrated' ? estimate : null,
      },
      writes,
      patch,
      contextDir: context.dir,
    };
  } catch (error) {
    if (error instanceof InputError)
      return { report: { ...base, reason: error.message }, writes: [], patch: '', contextDir: null };
    return {
      report: { ...base, reason: `internal error: ${messageOf(error)} (please report this)` },
      writes: [],
      patch: '',
      contextDir: null,
    };
  }
}

function formatPatch(display: string, before: Buffer | null, after: Buffer): string {
  // Loaded on first use: runs that print no diff never pay for the diff library.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./patch') as typeof import('./patch')).formatPatch(display, before, after);
}

/** The Dockerfile's bytes; it must be a regular file leading inside the root (a named file is its own root). */
function readDockerfile(job: FileJob): Buffer {
  const real = resolveInside(job.dockerfile, job.root ?? null, (file) => relativeTo(job.cwd, file));
  const bytes = real === null ? null : readRegularFile(real);
  if (bytes === null) throw new InputError('no such file');
  return bytes;
}

/** A path for reports: relative to the current folder, with forward slashes. */
export function relativeTo(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || '.';
}

// Shell words no program reads as an option, so a folder named `-dash` is not taken for flags.
function rebuildCommand(job: FileJob, context: string): string {
  const file = shellPath(relativeTo(job.cwd, job.dockerfile));
  return `docker build --pull --no-cache -f ${file} ${shellPath(relativeTo(job.cwd, context))}`;
}

/** Message templates of the notes on where a Dockerfile is built from. */
export const CONTEXT_MESSAGES = {
  'context-inferred':
    "built from {{context}}: its COPY sources resolve there, not in the Dockerfile's folder",
  'context-compose': 'built from {{context}}, as {{compose}} says',
};

const contextNotes = noteMaker(CONTEXT_MESSAGES);

/** Message templates of the notes on what a config file decided. */
export const CONFIG_MESSAGES = {
  'config-skip': 'left alone: {{source}} says to skip it',
};

const configNotes = noteMaker(CONFIG_MESSAGES);

function contextNote(job: FileJob, context: BuildContext): Note {
  const where = relativeTo(job.cwd, context.dir);
  return context.source === 'compose'
    ? contextNotes('context-compose', { context: where, compose: 'a compose file' })
    : contextNotes('context-inferred', { context: where });
}
