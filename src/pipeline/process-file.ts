// One Dockerfile end to end, short of writing: load, parse, detect, transform, validate, plan the writes.
import fs from 'node:fs';
import path from 'node:path';
import { parseDockerfile } from '../dockerfile/model';
import { decodeSource, encodeSource } from '../dockerfile/source';
import { detectProject } from './detect';
import { diskView } from './project-view';
import { planIgnoreFile } from '../dockerignore/plan';
import type { PlannedWrite } from './write';
import { InputError, messageOf } from '../errors';
import { migrateDockerfile } from './migrate-dockerfile';
import { noteMaker, type Note } from '../notes';
import { inferContext, type BuildContext } from './context';
import type { FileReport } from './report';
import type { Transform, TransformOptions } from './transform';

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
}

export interface ProcessSettings {
  transforms: readonly Transform[];
  options: TransformOptions;
  /** Compute the unified diff of each change (only a dry run shows it). */
  patches: boolean;
}

export interface FileOutcome {
  report: FileReport;
  writes: PlannedWrite[];
  /** The unified diff of every planned write. */
  patch: string;
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
  };
  try {
    const bytes = readDockerfile(job.dockerfile);
    const source = decodeSource(bytes);
    const model = parseDockerfile(source.text);
    const context = job.context ?? inferContext(model, job.dockerfile, job.top);
    const view = diskView(context.dir);
    const facts = detectProject(view, model);
    const outcome = migrateDockerfile(source, model, facts, settings.transforms, settings.options);
    const contextNotes =
      context.source === 'copy-sources' || context.source === 'compose' ? [contextNote(job, context)] : [];
    const report: FileReport = {
      ...base,
      kind: facts.kind,
      notes: [...contextNotes, ...outcome.notes],
      context: relativeTo(job.cwd, context.dir),
    };
    if (outcome.status === 'error' || outcome.status === 'skipped') {
      return { report: { ...report, status: outcome.status, reason: outcome.reason }, writes: [], patch: '' };
    }
    const writes: PlannedWrite[] = [];
    const notes: Note[] = [...report.notes];
    if (outcome.status === 'migrated') {
      writes.push({
        path: job.dockerfile,
        display,
        before: bytes,
        after: encodeSource(outcome.text, source.bom),
      });
    }
    const ignoreFile = ignoreFileFor(job, context.dir);
    if (ignoreFile) {
      const ignore = planIgnoreFile({
        view,
        model: outcome.model,
        facts,
        ignoreFile: contextPath(context.dir, ignoreFile),
        dockerfile: contextPath(context.dir, job.dockerfile),
      });
      notes.push(...ignore.notes);
      if (ignore.text !== null) {
        const before = view.readText(contextPath(context.dir, ignoreFile));
        writes.push({
          path: ignoreFile,
          display: relativeTo(job.cwd, ignoreFile),
          before: before === null ? null : Buffer.from(before, 'utf8'),
          after: Buffer.from(ignore.text, 'utf8'),
        });
      }
    }
    const status = writes.length > 0 ? 'migrated' : 'unchanged';
    const patch = !settings.patches
      ? ''
      : writes
          .map((w) =>
            formatPatch(
              w.display,
              w.before === null ? null : w.before.toString('utf8'),
              w.after.toString('utf8'),
            ),
          )
          .join('');
    return {
      report: {
        ...report,
        status,
        reason: status === 'unchanged' && outcome.status === 'unchanged' ? outcome.reason : null,
        notes,
        writes: writes.map((w) => w.display),
        rebuild: status === 'migrated' ? rebuildCommand(job, context.dir) : null,
      },
      writes,
      patch,
    };
  } catch (error) {
    if (error instanceof InputError)
      return { report: { ...base, reason: error.message }, writes: [], patch: '' };
    return {
      report: { ...base, reason: `internal error: ${messageOf(error)} (please report this)` },
      writes: [],
      patch: '',
    };
  }
}

function formatPatch(display: string, before: string | null, after: string): string {
  // Loaded on first use: runs that print no diff never pay for the diff library.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./patch') as typeof import('./patch')).formatPatch(display, before, after);
}

function readDockerfile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : messageOf(error),
    );
  }
}

/** A path for reports: relative to the current folder, with forward slashes. */
export function relativeTo(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || '.';
}

function rebuildCommand(job: FileJob, context: string): string {
  const quote = (s: string) => (/^[\w./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `docker build --pull --no-cache -f ${quote(relativeTo(job.cwd, job.dockerfile))} ${quote(relativeTo(job.cwd, context))}`;
}

/**
 * Where the ignore rules go. Docker reads `.dockerignore` at the context root; BuildKit prefers
 * `<Dockerfile>.dockerignore` beside the Dockerfile. The root file is used only when this Dockerfile
 * alone is built from its own folder; otherwise each Dockerfile gets its own file, so services that
 * share a context (a monorepo root) do not fight over one set of rules.
 */
function ignoreFileFor(job: FileJob, context: string): string | null {
  if (!job.dockerignore) return null;
  const own = job.dockerfile + '.dockerignore';
  if (fs.existsSync(own)) return own;
  const alone = context === path.dirname(job.dockerfile) && job.siblings === 0;
  return alone ? path.join(context, '.dockerignore') : own;
}

/** A path relative to the build context, with forward slashes. */
function contextPath(context: string, file: string): string {
  return path.relative(context, file).split(path.sep).join('/');
}

const contextNotes = noteMaker({
  'context-inferred':
    "built from {{context}}: its COPY sources resolve there, not in the Dockerfile's folder",
  'context-compose': 'built from {{context}}, as {{compose}} says',
});

function contextNote(job: FileJob, context: BuildContext): Note {
  const where = relativeTo(job.cwd, context.dir);
  return context.source === 'compose'
    ? contextNotes('context-compose', { context: where, compose: 'a compose file' })
    : contextNotes('context-inferred', { context: where });
}
