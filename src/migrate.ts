// The library entry: discover Dockerfiles, migrate each, write when asked, and return the report.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { discoverDockerfiles } from './discover';
import { commitWrites } from './emit/write';
import { UsageError, messageOf } from './errors';
import { loadMappings } from './images/load-mappings';
import { loadTransforms } from './load-transforms';
import { processFile, type FileJob, type ProcessSettings } from './process-file';
import { summarize, type FileReport, type Report, type Summary } from './report';
import type { RuntimeFlavour } from './transform';

export interface MigrateOptions {
  /** Paths in the report are relative to it; default `process.cwd()`. */
  cwd?: string;
  /** Files, folders or globs; default `['.']`. */
  paths?: string[];
  /** Write the changed files in place; default false (dry run). */
  write?: boolean;
  /** Built-in transform names or module paths; default all built-ins. */
  transforms?: string[];
  runtime?: RuntimeFlavour;
  /** A YAML or JSON mapping file laid over the built-in table. */
  mappings?: string;
  /** Leave the built-in image and package table out. */
  builtinMappings?: boolean;
  strict?: boolean;
  springLayers?: boolean;
  /** Generate or update the .dockerignore; default true. */
  dockerignore?: boolean;
  /** The build context for every Dockerfile, instead of inferring it. */
  context?: string;
  ignorePatterns?: string[];
  /** Called as the run goes, in the report's order. */
  onEvent?: (event: MigrateEvent) => void;
}

export type MigrateEvent =
  | { type: 'start'; total: number }
  | { type: 'file'; report: FileReport; patch: string; index: number; total: number }
  | { type: 'done'; summary: Summary };

/** Migrates every Dockerfile under `options.paths` and returns the report. Throws UsageError for bad options. */
export async function migrate(options: MigrateOptions = {}): Promise<Report> {
  const started = performance.now();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const transforms = await loadTransforms(options.transforms, cwd);
  const mappings = loadMappings(
    options.mappings ? path.resolve(cwd, options.mappings) : null,
    options.builtinMappings ?? true,
  );
  const settings: ProcessSettings = {
    transforms,
    options: {
      runtime: options.runtime ?? null,
      strict: options.strict ?? false,
      springLayers: options.springLayers ?? false,
      mappings,
    },
  };
  const forcedContext = options.context ? path.resolve(cwd, options.context) : null;
  if (forcedContext && !isDirectory(forcedContext))
    throw new UsageError(`--context ${options.context}: no such folder`);
  const { dockerfiles, missing } = discoverDockerfiles(
    cwd,
    options.paths ?? ['.'],
    options.ignorePatterns ?? [],
  );
  const emit = options.onEvent ?? (() => undefined);
  const total = dockerfiles.length + missing.length;
  emit({ type: 'start', total });

  const files: FileReport[] = [];
  const record = (report: FileReport, patch: string) => {
    files.push(report);
    emit({ type: 'file', report, patch, index: files.length - 1, total });
  };
  for (const arg of missing) {
    record(errorReport(arg, 'no such file or folder'), '');
  }
  for (const dockerfile of dockerfiles) {
    const context = forcedContext ?? path.dirname(dockerfile);
    const job: FileJob = {
      dockerfile,
      context,
      cwd,
      ignoreFile: options.dockerignore === false ? null : path.join(context, '.dockerignore'),
    };
    const outcome = processFile(job, settings);
    let report = outcome.report;
    if (options.write && outcome.writes.length > 0) {
      try {
        commitWrites(outcome.writes);
      } catch (error) {
        report = { ...report, status: 'error', reason: `could not write: ${messageOf(error)}`, writes: [] };
      }
    }
    record(report, outcome.patch);
  }
  const summary = summarize(files, !options.write, performance.now() - started);
  emit({ type: 'done', summary });
  return { files, summary };
}

function errorReport(arg: string, reason: string): FileReport {
  return {
    path: arg,
    status: 'error',
    kind: null,
    reason,
    notes: [],
    writes: [],
    context: null,
    rebuild: null,
  };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
