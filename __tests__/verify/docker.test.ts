import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DockerUnavailableError,
  checkEngine,
  classifyDockerFailure,
  createDockerRunner,
  resolveDockerBinary,
  tail,
} from '../../src/verify/docker';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-docker-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An executable shell script standing in for a docker client. */
function script(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

describe('classifyDockerFailure', () => {
  it.each([
    [
      'permission',
      'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied',
    ],
    [
      'daemon-down',
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    ],
    [
      'daemon-down',
      'error during connect: Get "http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.24/version": open //./pipe/docker_engine',
    ],
    [
      'daemon-down',
      'Get "http://x/v1.24/info": dial unix /run/user/1000/docker.sock: connect: no such file or directory',
    ],
    ['no-buildkit', 'ERROR: BuildKit is enabled but the buildx component is missing or broken.'],
  ])('%s: %s', (problem, stderr) => {
    const error = classifyDockerFailure(stderr);
    expect(error).toBeInstanceOf(DockerUnavailableError);
    expect(error?.problem).toBe(problem);
  });

  it('leaves ordinary command failures to the caller', () => {
    expect(classifyDockerFailure('Error: No such image: sha256:abc')).toBeNull();
    expect(classifyDockerFailure('executor failed running [/bin/sh -c npm ci]: exit code: 1')).toBeNull();
  });

  it('quotes what docker said in the message, without a stack', () => {
    const error = classifyDockerFailure(
      'Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?\n',
    );
    expect(error?.message).toMatch(/^the Docker daemon is not running .*Docker said: Cannot connect/);
  });

  it('checkEngine throws for engine problems only', () => {
    const base = { stdout: '', timedOut: false, ms: 1 };
    expect(() => checkEngine({ ...base, code: 1, stderr: 'Is the docker daemon running?' })).toThrow(
      DockerUnavailableError,
    );
    const failed = { ...base, code: 1, stderr: 'No such container: x' };
    expect(checkEngine(failed)).toBe(failed);
  });
});

describe('createDockerRunner', () => {
  it('runs without a shell and returns code, stdout and stderr', async () => {
    const bin = script('docker', 'echo "out:$1:$2:$DOCKER_BUILDKIT"; echo err >&2; exit 3');
    const result = await createDockerRunner({ binary: bin })(['build', 'a b;$(x)']);
    expect(result).toMatchObject({
      code: 3,
      stdout: 'out:build:a b;$(x):1\n',
      stderr: 'err\n',
      timedOut: false,
    });
  });

  it('kills a command that outlives its timeout', async () => {
    const bin = script('docker', 'exec sleep 10');
    const result = await createDockerRunner({ binary: bin })(['x'], { timeoutMs: 100 });
    expect(result.timedOut).toBe(true);
    expect(result.code).toBeNull();
  });

  it('reports a missing binary as DockerUnavailableError', async () => {
    const run = createDockerRunner({ binary: path.join(dir, 'nope', 'docker') });
    await expect(run(['version'])).rejects.toMatchObject({
      name: 'DockerUnavailableError',
      problem: 'missing',
    });
  });

  it('refuses new commands and kills running ones once aborted', async () => {
    const abort = new AbortController();
    const run = createDockerRunner({ binary: script('docker', 'exec sleep 10'), signal: abort.signal });
    const pending = run(['x']);
    abort.abort();
    expect((await pending).code).toBeNull();
    await expect(run(['y'])).rejects.toThrow(/interrupted/);
  });
});

describe('resolveDockerBinary', () => {
  it('takes DOCKER as given', () => {
    expect(resolveDockerBinary({ DOCKER: '/opt/docker', PATH: '' })).toBe('/opt/docker');
  });

  it('skips a client that cannot build with BuildKit', () => {
    script('a/docker', 'echo "ERROR: BuildKit is enabled but the buildx component is missing" >&2; exit 1');
    const good = script('b/docker', 'exit 0');
    const PATH = [path.join(dir, 'a'), path.join(dir, 'b')].join(path.delimiter);
    expect(resolveDockerBinary({ PATH })).toBe(good);
  });

  it('falls back to the first client found, or null when there is none', () => {
    const first = script('a/docker', 'exit 1');
    expect(resolveDockerBinary({ PATH: path.join(dir, 'a') })).toBe(first);
    expect(resolveDockerBinary({ PATH: path.join(dir, 'empty') })).toBeNull();
  });
});

it('tail keeps the last non-empty lines', () => {
  expect(tail('a\r\n\nb\nc\n\n', 2)).toEqual(['b', 'c']);
});
