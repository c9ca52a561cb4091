// The docker CLI wrapper: spawn without a shell, typed results, timeouts, and what a failure means.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** What one docker command did. A command that ran and failed is a result, not a throw. */
export interface DockerResult {
  /** Exit code; null when it was killed (timeout or abort). */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface DockerCallOptions {
  /** Kill the command after this long; default 60 s. */
  timeoutMs?: number;
}

/** Runs `docker ARGS`; injected so that tests can fake the engine. Rejects only when docker cannot start. */
export type DockerRunner = (args: readonly string[], options?: DockerCallOptions) => Promise<DockerResult>;

export type DockerProblem = 'missing' | 'daemon-down' | 'permission' | 'no-buildkit';

/** The engine cannot be used at all: nothing can be verified, so the caller stops with this message. */
export class DockerUnavailableError extends Error {
  override name = 'DockerUnavailableError';
  constructor(
    readonly problem: DockerProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;
// A killed docker client gets this long to tidy up before SIGKILL.
const KILL_GRACE_MS = 5_000;

export interface RunnerOptions {
  /** The docker client to run. */
  binary: string;
  /** Aborting kills every command still running and refuses new ones. */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** A runner over the real docker client. BuildKit is switched on for every command. */
export function createDockerRunner(options: RunnerOptions): DockerRunner {
  const env = { ...(options.env ?? process.env), DOCKER_BUILDKIT: '1' };
  return (args, call = {}) =>
    new Promise<DockerResult>((resolve, reject) => {
      if (options.signal?.aborted) return reject(new Error('docker call after the run was interrupted'));
      const started = performance.now();
      const child = spawn(options.binary, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      let killTimer: NodeJS.Timeout | undefined;
      const kill = () => {
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, call.timeoutMs ?? DEFAULT_TIMEOUT_MS).unref();
      const onAbort = () => kill();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      const done = () => {
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      child.on('error', (error: NodeJS.ErrnoException) => {
        done();
        reject(spawnProblem(options.binary, error));
      });
      child.on('close', (code) => {
        done();
        resolve({
          code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          timedOut,
          ms: performance.now() - started,
        });
      });
    });
}

function spawnProblem(binary: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT')
    return new DockerUnavailableError(
      'missing',
      `the docker command was not found (${binary}): install the Docker CLI, or set DOCKER to its path`,
      { cause: error },
    );
  if (error.code === 'EACCES')
    return new DockerUnavailableError('permission', `cannot run ${binary}: permission denied`, {
      cause: error,
    });
  return error;
}

/**
 * What a failed docker command says about the engine, or null when the command itself failed
 * (a build step, a bad image) and the engine is fine. Matches the client's own wording.
 */
export function classifyDockerFailure(stderr: string): DockerUnavailableError | null {
  const first = stderr.trim().split('\n').find(Boolean) ?? '';
  if (/permission denied while trying to connect to the docker (daemon|API)/i.test(stderr))
    return new DockerUnavailableError(
      'permission',
      `permission denied on the Docker socket: run as a member of the "docker" group (or as root). Docker said: ${first}`,
    );
  if (
    /cannot connect to the docker daemon|is the docker daemon running|error during connect|docker daemon is not running/i.test(
      stderr,
    ) ||
    /dial unix [^:]+: connect: (no such file or directory|connection refused)/i.test(stderr)
  )
    return new DockerUnavailableError(
      'daemon-down',
      `the Docker daemon is not running or cannot be reached: start it (or set DOCKER_HOST). Docker said: ${first}`,
    );
  if (/BuildKit is enabled but the buildx component is missing/i.test(stderr))
    return new DockerUnavailableError(
      'no-buildkit',
      'this docker client needs the buildx plugin for BuildKit builds: install buildx, or set DOCKER to a client that has BuildKit built in',
    );
  return null;
}

/** Throws the engine problem a failed result shows, if any; returns the result otherwise. */
export function checkEngine(result: DockerResult): DockerResult {
  if (result.code === 0) return result;
  const problem = classifyDockerFailure(result.stderr);
  if (problem) throw problem;
  return result;
}

/** The last non-empty lines of command output, for a failure report. */
export function tail(text: string, lines = 20): string[] {
  return text
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-lines);
}

/**
 * The docker client to use: `DOCKER` when set; else the first `docker` on PATH that can build with
 * BuildKit (a client without buildx refuses `DOCKER_BUILDKIT=1 docker build`, so the next is tried);
 * else the first one found, whose error then says what is missing. Null when there is none.
 */
export function resolveDockerBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.DOCKER) return env.DOCKER;
  const found: string[] = [];
  const seen = new Set<string>();
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'docker');
    let real: string;
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      real = fs.realpathSync(candidate);
    } catch {
      continue;
    }
    // Two PATH entries often name the same file (/bin -> /usr/bin); probe it once.
    if (seen.has(real)) continue;
    seen.add(real);
    found.push(candidate);
  }
  for (const candidate of found) {
    // `build --help` needs no daemon; a client lacking buildx fails it under DOCKER_BUILDKIT=1.
    const probe = spawnSync(candidate, ['build', '--help'], {
      env: { ...env, DOCKER_BUILDKIT: '1' },
      stdio: 'ignore',
      timeout: 10_000,
    });
    if (probe.status === 0) return candidate;
  }
  return found[0] ?? null;
}
