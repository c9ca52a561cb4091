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
import {
  effectiveOptions,
  planSettings,
  type EffectiveOptions,
  type OptionFlags,
  type OptionSources,
} from './settings';
import { builtinTransforms } from '../kinds';
import type { RuntimeFlavour, RuntimeUser } from '../contract/transform';
import { ConfigResolver, NO_CONFIG, readUserOption, RUNTIMES } from '../config';

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
      patch: string;
      writes: readonly PlannedWrite[];
      index: number;
      total: number;
    }
  | { type: 'done'; summary: Summary };

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
  const deliver = (report: FileReport, patch: string, writes: readonly PlannedWrite[]) => {
    tally.add(report);
    if (keep) files.push(report);
    emit({ type: 'file', report, patch, writes, index: delivered++, total });
  };
  for (const arg of discovery.missing) deliver(errorReport(arg, 'no such file or folder'), '', []);

  const run = { jobs: jobsCount, settings };
  let written = !!options.write;
  if (!options.write && !options.approve) {
    await untilAborted(
      runJobs(jobs, run, (outcome) => {
        if (!signal?.aborted) deliver(outcome.report, outcome.patch, outcome.writes);
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
      written &&= await options.approve(planned);
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
      deliver(report, outcome.patch, outcome.writes);
      if (signal) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  const summary = tally.summary(performance.now() - started, !written);
  emit({ type: 'done', summary });
  return { files, summary };
}

/** The options one Dockerfile gets, and where each comes from (`migrate --print-config`). */
export interface OptionsReport {
  dockerfile: string;
  /** The config files that apply, farthest first; the search went from the Dockerfile's folder up to `searchedUpTo`. */
  configFiles: string[];
  searchedUpTo: string;
  options: EffectiveOptions;
  from: OptionSources;
}

/**
 * The options in effect for `file` (a Dockerfile, or a folder holding one named Dockerfile) under `options`:
 * its config files, then the options given here. Throws ConfigError for a broken config file.
 */
export async function optionsFor(file: string, options: MigrateOptions = {}): Promise<OptionsReport> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  let dockerfile = path.resolve(cwd, file);
  if (isDirectory(dockerfile)) dockerfile = path.join(dockerfile, 'Dockerfile');
  if (!isDirectory(path.dirname(dockerfile))) throw new UsageError(`${file}: no such file or folder`);
  const flags = optionFlags(options, cwd);
  const display = (p: string) => relativeTo(cwd, p);
  const top = searchTop(dockerfile, cwd);
  const names = builtinTransforms.map((t) => t.meta.name);
  const config =
    options.config === false ? NO_CONFIG : await new ConfigResolver(names, display).resolve(dockerfile, top);
  const { options: effective, sources } = effectiveOptions(config, flags);
  return {
    dockerfile: display(dockerfile),
    configFiles: config.files,
    searchedUpTo: display(top),
    options: effective,
    from: sources,
  };
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
function dockerfilesIn(dir: string, listed: Map<string, string[]>): string[] {
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
