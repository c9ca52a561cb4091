// Shared e2e plumbing: is there an engine (else a loud skip), are the base images there, temp projects.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveDockerBinary } from '../../src/verify/docker';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** The engine probe, done once at load time so that `describe` can be chosen before tests are collected. */
export const engine = probeEngine();

function probeEngine(): { docker: string; reason: null } | { docker: null; reason: string } {
  const docker = resolveDockerBinary();
  if (!docker) return { docker: null, reason: 'no docker command on PATH (set DOCKER)' };
  const version = spawnSync(docker, ['version', '--format', '{{.Server.Version}}'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (version.status === 0) return { docker, reason: null };
  const said = (version.stderr || version.error?.message || 'no answer').trim().split('\n')[0];
  return { docker: null, reason: `${docker}: ${said}` };
}

/**
 * `describe` when an engine answers; otherwise the block is skipped with "skipped: no Docker engine"
 * printed, never passed silently. `E2E_REQUIRE_ENGINE=1` (CI after starting one) makes it a failure.
 */
export function describeWithEngine(name: string, body: () => void): void {
  if (engine.docker) {
    describe(name, body);
    return;
  }
  const message = `skipped: no Docker engine (${engine.reason})`;
  if (process.env.E2E_REQUIRE_ENGINE === '1') {
    describe(name, () => {
      it('has a Docker engine', () => {
        throw new Error(`${message}, but E2E_REQUIRE_ENGINE=1`);
      });
    });
    return;
  }
  // Straight to stderr: a console.warn frame would bury the one line that matters.
  process.stderr.write(`\n${name}: ${message}\n\n`);
  describe.skip(name, body);
}

export function docker(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(engine.docker ?? 'docker', args, {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Fails with the command that builds the missing stand-ins, instead of a build error minutes later. */
export function requireImages(images: readonly string[]): void {
  const missing = images.filter(
    (image) => docker(['image', 'inspect', '--format', '{{.Id}}', image]).status !== 0,
  );
  if (missing.length > 0)
    throw new Error(
      `base images missing from the local store: ${missing.join(' ')}; build the stand-ins with ` +
        `../shared/e2e/bases.sh ${missing.join(' ')} (or pull them where Docker Hub is reachable)`,
    );
}

/** Containers and images still carrying verify's label: must be none after a run. */
export function leftovers(): string[] {
  const containers = docker(['ps', '--all', '--quiet', '--filter', 'label=dockerize-ms.verify']).stdout;
  const images = docker(['images', '--quiet', '--filter', 'label=dockerize-ms.verify']).stdout;
  return [...containers.split('\n'), ...images.split('\n')].filter(Boolean);
}

/** A temp folder holding `files` (path -> content). */
export function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerize-ms-e2e-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A temp copy of an example, without what a local run may have left (node_modules, build output). */
export function copyExample(name: string): string {
  const source = path.join(repoRoot, 'examples', name);
  if (!fs.existsSync(source)) throw new Error(`examples/${name} does not exist`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dockerize-ms-e2e-${name}-`));
  fs.cpSync(source, dir, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|dist|target|\.git)$/.test(src),
  });
  return dir;
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
