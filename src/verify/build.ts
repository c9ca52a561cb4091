// Building one Dockerfile version with BuildKit from a temp copy, and reading the image's facts back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkEngine, tail, type DockerRunner } from './docker';
import type { DockerfileVersion } from './types';

export interface BuildRequest {
  version: DockerfileVersion;
  context: string;
  /** `--network` for RUN steps; null for the engine default. */
  network: string | null;
  /** `--label` put on the image, so that its id is ours alone (see `removeImage`). */
  label: string;
  timeoutMs: number;
  noCache: boolean;
}

export type BuildOutcome =
  { ok: true; id: string; ms: number } | { ok: false; ms: number; problem: string; log: string[] };

/**
 * Builds from a temp folder outside the context holding `Dockerfile` and `Dockerfile.dockerignore`
 * (BuildKit reads `<dockerfile>.dockerignore` before the context's `.dockerignore`), so that either
 * version builds against the real context whatever is on disk now. The folder is removed afterwards.
 */
export async function buildImage(docker: DockerRunner, request: BuildRequest): Promise<BuildOutcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerize-ms-verify-'));
  try {
    const dockerfile = path.join(dir, 'Dockerfile');
    fs.writeFileSync(dockerfile, request.version.dockerfile);
    // Always written, empty when there are no rules: it must shadow whatever the context holds now.
    fs.writeFileSync(`${dockerfile}.dockerignore`, request.version.ignore ?? '');
    const iidfile = path.join(dir, 'iid');
    const args = ['build', '--progress', 'plain', '--iidfile', iidfile, '--label', request.label];
    if (request.network) args.push('--network', request.network);
    if (request.noCache) args.push('--no-cache');
    args.push('-f', dockerfile, request.context);
    const result = checkEngine(await docker(args, { timeoutMs: request.timeoutMs }));
    const id = readIid(iidfile);
    if (result.code === 0 && id) return { ok: true, id, ms: result.ms };
    const output = result.stderr + result.stdout;
    if (result.timedOut)
      return {
        ok: false,
        ms: result.ms,
        problem: `the build took longer than ${Math.round(request.timeoutMs / 1000)} s and was stopped`,
        log: tail(output),
      };
    return { ok: false, ms: result.ms, ...explainBuildFailure(output) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readIid(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * The failing step and its last output lines from BuildKit's plain progress: the vertex that says
 * `#N ERROR:` names the step in its `#N [stage i/n] RUN ...` header, and its output lines follow it.
 * Falls back to the last lines when the failure is not one step (a parse error, say).
 */
export function explainBuildFailure(output: string): { problem: string; log: string[] } {
  const lines = output.replace(/\r/g, '').split('\n');
  const errorLine = [...lines].reverse().find((l) => /^#\d+ ERROR: /.test(l));
  const summary = lines.filter((l) => /^(error: |failed to solve|ERROR: )/.test(l)).pop();
  if (!errorLine) {
    const reason = (summary ?? tail(output, 1)[0] ?? 'docker build failed').replace(/^error: /, '');
    return { problem: `build failed: ${reason}${hint(output)}`, log: tail(output) };
  }
  const vertex = errorLine.slice(0, errorLine.indexOf(' '));
  const header = lines.find((l) => l.startsWith(`${vertex} [`) || l.startsWith(`${vertex} FROM`));
  const step = header ? header.slice(vertex.length + 1) : 'a build step';
  const stepLines = lines
    .filter((l) => l.startsWith(`${vertex} `) && l !== header)
    .map((l) => l.slice(vertex.length + 1))
    // BuildKit's bookkeeping lines (digests, timings) say nothing about the failure.
    .filter((l) => !/^(sha256:[0-9a-f]+|DONE [\d.]+s|CACHED|ERROR: .*)$/.test(l))
    .map((l) => l.replace(/^\d+\.\d+ /, ''));
  const error = errorLine.slice(vertex.length + 1 + 'ERROR: '.length);
  return {
    problem: `step ${step} failed: ${error}${hint(output)}`,
    log: [`${step}`, ...stepLines.slice(-15), `ERROR: ${error}`],
  };
}

function hint(output: string): string {
  return /failed to do request|pull access denied|dial tcp|server misbehaving|no such host/.test(output)
    ? ' (a base image is not in the local image store and the registry cannot be reached)'
    : '';
}

/** What `docker image inspect` says that verify reports or needs for the smoke test. */
export interface ImageFacts {
  bytes: number;
  layers: number;
  /** `Config.User`, `root` when empty. */
  user: string;
  /** EXPOSEd TCP ports, lowest first. */
  ports: number[];
  healthcheck: boolean;
}

export async function inspectImage(docker: DockerRunner, id: string): Promise<ImageFacts> {
  const result = checkEngine(await docker(['image', 'inspect', id]));
  if (result.code !== 0) throw new Error(`docker image inspect ${id}: ${tail(result.stderr, 1)[0] ?? ''}`);
  return parseImageInspect(result.stdout);
}

/** Reads the first entry of `docker image inspect` JSON output. */
export function parseImageInspect(json: string): ImageFacts {
  const [image] = JSON.parse(json) as [ImageInspect];
  const config = image.Config ?? {};
  const test = config.Healthcheck?.Test ?? [];
  return {
    bytes: image.Size,
    layers: image.RootFS?.Layers?.length ?? 0,
    user: config.User || 'root',
    ports: Object.keys(config.ExposedPorts ?? {})
      .filter((p) => p.endsWith('/tcp') || !p.includes('/'))
      .map((p) => Number.parseInt(p, 10))
      .filter((p) => Number.isInteger(p) && p > 0)
      .sort((a, b) => a - b),
    healthcheck: test.length > 0 && test[0] !== 'NONE',
  };
}

interface ImageInspect {
  Size: number;
  RootFS?: { Layers?: string[] };
  Config?: {
    User?: string;
    ExposedPorts?: Record<string, unknown>;
    Healthcheck?: { Test?: string[] };
  };
}

/**
 * Removes an image we built, by id. An image someone tagged meanwhile is left alone: our label makes
 * the id unique to this run, so a tag on it is not ours to delete.
 */
export async function removeImage(docker: DockerRunner, id: string): Promise<void> {
  const inspect = await docker(['image', 'inspect', '--format', '{{len .RepoTags}}', id]);
  if (inspect.code !== 0 || inspect.stdout.trim() !== '0') return;
  await docker(['image', 'rm', id]);
}
