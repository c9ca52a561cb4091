import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runVerify } from '../../src/cli/commands/verify';
import { verify, verifyTargets, type VerifyEvent } from '../../src/verify';
import type { Engine } from '../../src/verify/engine';
import { containerJson, fakeClock, fakeDocker, fakeProber, imageJson } from './fakes';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-index-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

// A user transform module (the `--transform ./file.js` kind), so the test needs no built-in transform.
const TRANSFORM = `module.exports = {
  meta: { name: 'test-split', description: 'test' },
  transform(model) {
    if (!model.text.includes('FROM node:20\\n')) return { applicable: false, reason: 'not ours' };
    const content = 'FROM node:20 AS build\\nWORKDIR /app\\nFROM node:20-alpine\\nCOPY --from=build /app /app\\nEXPOSE 3000\\n';
    return { content, notes: [] };
  },
};
`;

function project(): void {
  fs.writeFileSync(path.join(dir, 'split.js'), TRANSFORM);
  fs.mkdirSync(path.join(dir, 'api'));
  fs.writeFileSync(path.join(dir, 'api', 'Dockerfile'), 'FROM node:20\nEXPOSE 3000\n');
  fs.mkdirSync(path.join(dir, 'web'));
  fs.writeFileSync(path.join(dir, 'web', 'Dockerfile'), 'FROM nginx\n');
}

function fakeEngine(): Engine {
  const docker = fakeDocker((args) => {
    if (args[0] === 'build') {
      const text = fs.readFileSync(args[args.indexOf('-f') + 1], 'utf8');
      fs.writeFileSync(args[args.indexOf('--iidfile') + 1], text.includes('alpine') ? 'new' : 'old');
      return undefined;
    }
    if (args[0] === 'image' && args[1] === 'inspect')
      return args[2] === '--format'
        ? { stdout: '0\n' }
        : {
            stdout: imageJson({ size: args[2] === 'old' ? 1_000_000_000 : 200_000_000, ports: ['3000/tcp'] }),
          };
    if (args[0] === 'run') return { stdout: 'cid\n' };
    if (args[0] === 'container') return { stdout: containerJson({}) };
    return undefined;
  });
  return {
    binary: 'docker',
    docker,
    cleanupDocker: docker,
    abort: new AbortController(),
    serverVersion: '20.10',
    network: { build: 'host', run: 'host', reach: 'host' },
  };
}

const internals = () => ({ engine: fakeEngine(), prober: fakeProber(), clock: fakeClock() });

describe('verify', () => {
  it('plans a dry run, verifies migrated files and reports the others as not compared', async () => {
    project();
    const events: VerifyEvent['type'][] = [];
    const report = await verify(
      {
        cwd: dir,
        paths: ['api', 'web'],
        transforms: ['./split.js'],
        trapSignals: false,
        onEvent: (e) => events.push(e.type),
      },
      internals(),
    );
    expect(report.files.map((f) => [f.path, f.status, f.verify?.ok ?? null])).toEqual([
      ['api/Dockerfile', 'migrated', true],
      ['web/Dockerfile', 'skipped', null],
    ]);
    expect(report.files[0].verify).toMatchObject({
      ratio: 5,
      before: { smoke: 'ok' },
      after: { smoke: 'ok' },
    });
    expect(report.summary).toMatchObject({ files: 2, verified: 1, failed: 0, dryRun: true });
    expect(events).toEqual(['start', 'step', 'step', 'step', 'step', 'file', 'file']);
    // A dry run: nothing on disk changed.
    expect(fs.readFileSync(path.join(dir, 'api', 'Dockerfile'), 'utf8')).toBe('FROM node:20\nEXPOSE 3000\n');
  });

  it('verifyTargets returns one result per target, null where there is none', async () => {
    const target = {
      path: 'Dockerfile',
      context: dir,
      original: { dockerfile: Buffer.from('FROM node:20\n'), ignore: null },
      migrated: { dockerfile: Buffer.from('FROM node:20-alpine\n'), ignore: null },
    };
    const results = await verifyTargets([target, null, target], { trapSignals: false }, internals());
    expect(results.map((r) => r?.ratio ?? null)).toEqual([5, null, 5]);
  });

  it('throws DockerUnavailableError when there is no docker client', async () => {
    await expect(verify({ cwd: dir, docker: path.join(dir, 'no-docker') })).rejects.toMatchObject({
      name: 'DockerUnavailableError',
      problem: 'missing',
    });
  });
});

const BASE_FLAGS = {
  paths: ['.'],
  json: false,
  timeout: 60,
  quiet: false,
  verbose: false,
  builtin: true,
  strict: false,
  springLayers: false,
  dockerignore: true,
};

describe('runVerify', () => {
  it('says there is no engine in one line and exits 2', async () => {
    const saved = process.env.DOCKER;
    process.env.DOCKER = path.join(dir, 'no-docker');
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await runVerify({ ...BASE_FLAGS });
      expect(code).toBe(2);
      const text = write.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toMatch(
        /^dockerize-ms verify: no Docker engine: the docker command was not found \(.*\): install/,
      );
      expect(text).not.toMatch(/\n\s+at /);
    } finally {
      write.mockRestore();
      if (saved === undefined) delete process.env.DOCKER;
      else process.env.DOCKER = saved;
    }
  });

  it('rejects a bad --timeout or --port as a usage error', async () => {
    const flags = BASE_FLAGS;
    await expect(runVerify({ ...flags, timeout: 0 })).rejects.toThrow('--timeout must be');
    await expect(runVerify({ ...flags, port: 70000 })).rejects.toThrow('--port must be');
  });
});
