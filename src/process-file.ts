// One Dockerfile end to end, short of writing: load, parse, detect, transform, validate, plan the writes.
import fs from 'node:fs';
import path from 'node:path';
import { parseDockerfile } from './dockerfile/model';
import { decodeSource, encodeSource } from './dockerfile/source';
import { detectProject } from './detect';
import { diskView } from './detect/project-view';
import { planIgnoreFile } from './dockerignore/plan';
import { formatPatch } from './emit/patch';
import type { PlannedWrite } from './emit/write';
import { InputError, messageOf } from './errors';
import { migrateDockerfile } from './migrate-dockerfile';
import type { Note } from './notes';
import type { FileReport } from './report';
import type { Transform, TransformOptions } from './transform';

export interface FileJob {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Absolute path of its build context. */
  context: string;
  /** The folder paths in the report are relative to. */
  cwd: string;
  /** Where its ignore rules go: the context's `.dockerignore`, or `<Dockerfile>.dockerignore` beside it. */
  ignoreFile: string | null;
}

export interface ProcessSettings {
  transforms: readonly Transform[];
  options: TransformOptions;
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
    context: relativeTo(job.cwd, job.context),
    rebuild: null,
  };
  try {
    const bytes = readDockerfile(job.dockerfile);
    const source = decodeSource(bytes);
    const model = parseDockerfile(source.text);
    const view = diskView(job.context);
    const facts = detectProject(view, model);
    const outcome = migrateDockerfile(source, model, facts, settings.transforms, settings.options);
    const report: FileReport = { ...base, kind: facts.kind, notes: outcome.notes };
    if (outcome.status === 'error' || outcome.status === 'skipped') {
      return { report: { ...report, status: outcome.status, reason: outcome.reason }, writes: [], patch: '' };
    }
    const writes: PlannedWrite[] = [];
    const notes: Note[] = [...outcome.notes];
    if (outcome.status === 'migrated') {
      writes.push({
        path: job.dockerfile,
        display,
        before: bytes,
        after: encodeSource(outcome.text, source.bom),
      });
    }
    if (job.ignoreFile) {
      const ignore = planIgnoreFile({
        view,
        model: outcome.model,
        facts,
        ignoreFile: path.relative(job.context, job.ignoreFile).split(path.sep).join('/'),
        dockerfile: path.relative(job.context, job.dockerfile).split(path.sep).join('/'),
      });
      notes.push(...ignore.notes);
      if (ignore.text !== null) {
        const before = view.readText(path.relative(job.context, job.ignoreFile));
        writes.push({
          path: job.ignoreFile,
          display: relativeTo(job.cwd, job.ignoreFile),
          before: before === null ? null : Buffer.from(before, 'utf8'),
          after: Buffer.from(ignore.text, 'utf8'),
        });
      }
    }
    const status = writes.length > 0 ? 'migrated' : 'unchanged';
    const patch = writes
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
        rebuild: status === 'migrated' ? rebuildCommand(job) : null,
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

function rebuildCommand(job: FileJob): string {
  const quote = (s: string) => (/^[\w./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `docker build --pull --no-cache -f ${quote(relativeTo(job.cwd, job.dockerfile))} ${quote(relativeTo(job.cwd, job.context))}`;
}
