// The library entry: discover Dockerfiles, migrate each, write when asked, and return the report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { composeContexts } from './compose';
import { searchTop } from './context';
import { discoverDockerfiles, isDockerfileName } from './discover';
import { commitWrites, type PlannedWrite } from './write';
import { UsageError, messageOf } from '../errors';
import { relativeTo, type FileJob, type FileOutcome } from './process-file';
import { errorReport, Tally, type FileReport, type Report, type Summary } from './report';
import { runJobs } from './run-jobs';
import { planSettings, type OptionFlags } from './settings';
import type { RuntimeFlavour, RuntimeUser } from '../contract/transform';
import { readUserOption, RUNTIMES } from '../config';

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
  /** The runtime user: `default` (the kind's non-root user), `keep` (the original's) or a user name. */
  user?: string | RuntimeUser;
  /**
   * Read config files (`dockerize-ms.config.*`, package.json "dockerize-ms") from each Dockerfile's folder up;
   * default true. Options given here win over them.
   */
  config?: boolean;
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
  /** Compute each file's unified diff for the 'file' events; default true. */
  diff?: boolean;
  /** Files processed at once; default the CPU count. The report is the same for any value. */
  jobs?: number;
  /**
   * Keep every file's report in the returned report (default). Without, `files` is empty and the entries
   * arrive only through `onEvent`, so memory stays flat however many files there are.
   */
  keepReports?: boolean;
  /** Called as the run goes, in the report's order. */
  onEvent?: (event: MigrateEvent) => void;
  /**
   * Asked once every file has been read and planned, before any report is delivered or file written:
   * false writes nothing (`migrate --verify` builds the planned images here, from this very plan).
   */
  approve?: (planned: readonly PlannedMigration[]) => Promise<boolean>;
  /**
   * Stops the run: the promise rejects with the signal's reason as soon as it fires, except that a
   * service whose files are being written is finished first. Every service is then all old or all new.
   */
  signal?: AbortSignal;
}

/** One Dockerfile's planned migration, as `approve` sees it. */
export interface PlannedMigration {
  report: FileReport;
  /** Absolute paths. */
  dockerfile: string;
  context: string | null;
  writes: readonly PlannedWrite[];
}

export type MigrateEvent =
  | { type: 'start'; total: number }
  /** Files processed so far, before their reports arrive (with --write, reports wait for the writes). */
  | { type: 'progress'; done: number; total: number }
  | {
      type: 'file';
      report: FileReport;
      /**
       * Absolute paths of the Dockerfile and its build context (null when none was found): the report's paths
       * are for people, relative to `cwd`, and a caller that goes back to the disk must not rebuild them.
       */
      dockerfile: string;
      context: string | null;
      patch: string;
      writes: readonly PlannedWrite[];
      index: number;
      total: number;
    }
  | { type: 'done'; summary: Summary };

/** Where a file event's Dockerfile and build context are on disk. */
type Where = { dockerfile: string; context: string | null };

/** Migrates every Dockerfile under `options.paths` and returns the report. Throws UsageError for bad options. */
export async function migrate(options: MigrateOptions = {}): Promise<Report> {
  const started = performance.now();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const flags = optionFlags(options, cwd);
  const forcedContext = options.context ? path.resolve(cwd, options.context) : null;
  if (forcedContext && !isDirectory(forcedContext))
    throw new UsageError(`--context ${options.context}: no such folder`);
  const jobsCount = options.jobs ?? os.availableParallelism();
  if (!Number.isInteger(jobsCount) || jobsCount < 1)
    throw new UsageError(`--jobs must be a whole number of at least 1`);

  const discovery = discoverDockerfiles(cwd, options.paths ?? ['.'], options.ignorePatterns ?? []);
  const compose = forcedContext ? new Map<string, string>() : composeContexts(discovery.composeFiles);
  const perFolder = new Map<string, string[]>();
  const tops = new Map<string, string | null>();
  const jobs: FileJob[] = discovery.dockerfiles.map((dockerfile) => {
    const named = forcedContext ?? compose.get(dockerfile) ?? null;
    return {
      dockerfile,
      cwd,
      context: named ? { dir: named, source: forcedContext ? 'option' : 'compose' } : null,
      top: searchTop(dockerfile, cwd, tops),
      siblings: dockerfilesIn(path.dirname(dockerfile), perFolder).filter(
        (n) => n !== path.basename(dockerfile),
      ).length,
      dockerignore: true,
      root: discovery.roots.get(dockerfile) ?? null,
    };
  });
  const display = (file: string) => relativeTo(cwd, file);
  const settings = await planSettings(jobs, {
    cwd,
    flags,
    useConfig: options.config !== false,
    patches: options.diff ?? true,
    display,
    signal: options.signal,
  });

  const signal = options.signal;
  signal?.throwIfAborted();
  const emit = options.onEvent ?? (() => undefined);
  const total = jobs.length + discovery.missing.length;
  emit({ type: 'start', total });
  const keep = options.keepReports !== false;
  const files: FileReport[] = [];
  const tally = new Tally();
  let delivered = 0;
  const deliver = (report: FileReport, where: Where, patch: string, writes: readonly PlannedWrite[]) => {
    tally.add(report);
    if (keep) files.push(report);
    emit({ type: 'file', report, ...where, patch, writes, index: delivered++, total });
  };
  const whereOf = (outcome: FileOutcome, index: number): Where => ({
    dockerfile: jobs[index].dockerfile,
    context: outcome.contextDir,
  });
  for (const arg of discovery.missing)
    deliver(
      errorReport(arg, 'no such file or folder'),
      { dockerfile: path.resolve(cwd, arg), context: null },
      '',
      [],
    );

  const run = { jobs: jobsCount, settings };
  let written = !!options.write;
  if (!options.write && !options.approve) {
    await untilAborted(
      runJobs(jobs, run, (outcome, index) => {
        if (!signal?.aborted) deliver(outcome.report, whereOf(outcome, index), outcome.patch, outcome.writes);
      }),
      signal,
    );
  } else {
    // Writes wait until every file has been read, so no file sees another's new content and the result
    // does not depend on the order files finish in. Reports follow the writes, so they say what happened.
    const outcomes: FileOutcome[] = [];
    await untilAborted(
      runJobs(jobs, run, (outcome, index) => {
        outcomes.push(outcome);
        if (!signal?.aborted) emit({ type: 'progress', done: index + 1, total });
      }),
      signal,
    );
    if (options.approve) {
      const planned = outcomes.map((o, i) => ({
        report: o.report,
        dockerfile: jobs[i].dockerfile,
        context: o.contextDir,
        writes: o.writes,
      }));
      // Asked in a dry run too (`migrate --verify` without --write still verifies): not `&&=`, which
      // would skip the call when nothing is to be written.
      const approved = await options.approve(planned);
      written &&= approved;
    }
    for (const [index, outcome] of outcomes.entries()) {
      // One service's files are written in one synchronous step, so nothing (a signal handler included)
      // runs while they are half written; between services the loop yields so an abort is seen.
      signal?.throwIfAborted();
      let report = outcome.report;
      try {
        if (written && outcome.writes.length > 0)
          commitWrites(outcome.writes, { root: jobs[index].root ?? null, display });
      } catch (error) {
        report = { ...report, status: 'error', reason: `could not write: ${messageOf(error)}`, writes: [] };
      }
      deliver(report, whereOf(outcome, index), outcome.patch, outcome.writes);
      if (signal) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  const summary = tally.summary(performance.now() - started, !written);
  emit({ type: 'done', summary });
  return { files, summary };
}

/** The options the caller set, checked; undefined where config files or the defaults decide. */
export function optionFlags(options: MigrateOptions, cwd: string): OptionFlags {
  let user: RuntimeUser | undefined;
  if (options.user !== undefined) {
    const read = typeof options.user === 'string' ? readUserOption(options.user) : options.user;
    if (typeof read === 'string' && read !== 'default' && read !== 'keep')
      throw new UsageError(`--user ${String(options.user)}: ${read}`);
    user = read as RuntimeUser;
  }
  if (options.runtime !== undefined && !RUNTIMES.includes(options.runtime))
    throw new UsageError(`--runtime must be one of ${RUNTIMES.join(', ')}`);
  return {
    runtime: options.runtime,
    user,
    mappings: options.mappings ? path.resolve(cwd, options.mappings) : undefined,
    builtinMappings: options.builtinMappings,
    transforms: options.transforms,
    springLayers: options.springLayers,
    strict: options.strict,
    dockerignore: options.dockerignore,
  };
}

/**
 * `work`, or a rejection with the signal's reason as soon as it fires; the work is left to finish on its
 * own (it only reads), and its late failure is not reported twice.
 */
async function untilAborted(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return work;
  signal.throwIfAborted();
  let stop = () => undefined as void;
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
  });
  work.catch(() => undefined);
  aborted.catch(() => undefined);
  try {
    await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', stop);
  }
  signal.throwIfAborted();
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The Dockerfiles the folder holds on disk, whether or not this run migrates them: one left out by a
 * pattern or by configuration is still built from the folder, so a `.dockerignore` there is still its.
 */
export function dockerfilesIn(dir: string, listed: Map<string, string[]>): string[] {
  let names = listed.get(dir);
  if (names === undefined) {
    try {
      names = fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => !e.isDirectory() && isDockerfileName(e.name))
        .map((e) => e.name);
    } catch {
      names = [];
    }
    listed.set(dir, names);
  }
  return names;
}
