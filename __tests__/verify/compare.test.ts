import fs from 'node:fs';
import { Resources } from '../../src/verify/cleanup';
import { compareStatus, declaredPort, verifyTarget, type CompareSettings } from '../../src/verify/compare';
import type { SmokeOutcome } from '../../src/verify/smoke';
import type { VerifyTarget } from '../../src/verify/types';
import { containerJson, fakeClock, fakeDocker, fakeProber, imageJson, type Reply } from './fakes';

const SETTINGS: CompareSettings = {
  network: { build: 'host', run: 'host', reach: 'host' },
  runId: 't1',
  port: null,
  probe: '/',
  timeoutMs: 10_000,
  stayUpMs: 5_000,
  buildTimeoutMs: 60_000,
  noCache: false,
  keepImages: false,
};

const TARGET: VerifyTarget = {
  path: 'Dockerfile',
  context: '/ctx',
  original: { dockerfile: Buffer.from('FROM node:20\nEXPOSE 9000 3000\n'), ignore: null },
  migrated: {
    dockerfile: Buffer.from('FROM node:20 AS build\nFROM node:20-alpine\nEXPOSE 9000 3000\n'),
    ignore: null,
  },
};

/** An engine where the original builds as image "old" (1000 B) and the migrated one as "new" (250 B). */
function engine(builds: { old?: Reply; new?: Reply } = {}) {
  const images: Record<string, string> = {
    old: imageJson({ size: 1000, layers: 9, ports: ['3000/tcp', '9000/tcp'] }),
    new: imageJson({ size: 250, layers: 5, user: 'node', ports: ['3000/tcp', '9000/tcp'] }),
  };
  return fakeDocker((args) => {
    if (args[0] === 'build') {
      const side = fs.readFileSync(args[args.indexOf('-f') + 1], 'utf8').includes('alpine') ? 'new' : 'old';
      const reply = builds[side];
      if (reply) return reply;
      fs.writeFileSync(args[args.indexOf('--iidfile') + 1], side);
      return { ms: side === 'old' ? 4000 : 2000 };
    }
    if (args[0] === 'image' && args[1] === 'inspect')
      return { stdout: args[2] === '--format' ? '0\n' : images[args[2]] };
    if (args[0] === 'run') return { stdout: `c-${args.at(-1)}\n` };
    if (args[0] === 'container') return { stdout: containerJson({}) };
    return undefined;
  });
}

async function run(docker: ReturnType<typeof fakeDocker>, prober = fakeProber()) {
  const resources = new Resources(docker);
  const result = await verifyTarget({ docker, prober, clock: fakeClock(), resources }, TARGET, SETTINGS, 0);
  expect(resources.pending).toBe(0);
  return result;
}

describe('verifyTarget', () => {
  it('builds both, starts both on the first declared port, and removes both images', async () => {
    const docker = engine();
    const result = await run(docker);
    expect(result).toMatchObject({
      ok: true,
      problem: null,
      ratio: 4,
      before: { bytes: 1000, buildMs: 4000, smoke: 'ok', layers: 9, user: 'root', port: 9000, status: 200 },
      after: { bytes: 250, buildMs: 2000, smoke: 'ok', layers: 5, user: 'node', port: 9000 },
    });
    const runs = docker.calls.filter((c) => c[0] === 'run').map((c) => c[c.indexOf('--name') + 1]);
    expect(runs).toEqual(['dockerize-ms-verify-t1-0-before', 'dockerize-ms-verify-t1-0-after']);
    const removed = docker.calls.filter((c) => c[0] === 'image' && c[1] === 'rm').map((c) => c[2]);
    expect(removed).toEqual(['old', 'new']);
  });

  it('does not build the migrated file when the original does not build', async () => {
    const docker = engine({ old: { code: 1, stderr: '#4 [1/2] RUN x\n#4 ERROR: exit code: 2\n' } });
    const result = await run(docker);
    expect(result.problem).toBe(
      'the original Dockerfile does not build, so there is nothing to compare: step [1/2] RUN x failed: exit code: 2',
    );
    expect(result.after).toBeNull();
    expect(docker.calls.filter((c) => c[0] === 'build')).toHaveLength(1);
  });

  it('keeps the original image facts when the migrated one does not build', async () => {
    const result = await run(
      engine({
        new: { code: 1, stderr: '#7 [runtime 2/3] COPY --from=build /app .\n#7 ERROR: not found\n' },
      }),
    );
    expect(result.problem).toBe(
      'the migrated Dockerfile does not build: step [runtime 2/3] COPY --from=build /app . failed: not found',
    );
    expect(result.before).toMatchObject({ bytes: 1000, smoke: 'not run: the migrated image did not build' });
    expect(result.after?.log).toEqual(['[runtime 2/3] COPY --from=build /app .', 'ERROR: not found']);
  });

  it('fails the pair when the original does not answer', async () => {
    let calls = 0;
    const prober = fakeProber({ answers: async () => calls++ > 1000 });
    const result = await run(engine(), prober);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/^the original image fails its smoke test \(no HTTP answer/);
  });
});

describe('compareStatus', () => {
  const ok = (status: number | null): SmokeOutcome => ({
    ok: true,
    smoke: 'ok',
    status,
    readiness: 'port',
    port: 1,
    log: [],
  });
  it('fails a migrated image that answers with another status', () => {
    expect(compareStatus(ok(200), ok(302), '/login')).toMatchObject({
      ok: false,
      smoke: 'GET /login answered 302, the original 200',
    });
    expect(compareStatus(ok(200), ok(200), '/')).toEqual(ok(200));
    expect(compareStatus(ok(null), ok(null), null)).toEqual(ok(null));
  });
});

describe('declaredPort', () => {
  const version = (text: string) => ({ dockerfile: Buffer.from(text), ignore: null });
  it('takes the first port the final stage EXPOSEs, else the lowest the image has', () => {
    expect(declaredPort(version('FROM a\nEXPOSE 9000/tcp 3000\n'), [3000, 9000])).toBe(9000);
    expect(declaredPort(version('FROM a\nEXPOSE ${PORT}\n'), [3000, 9000])).toBe(3000);
    expect(declaredPort(version('FROM a AS b\nEXPOSE 1\nFROM c\n'), [8080])).toBe(8080);
    expect(declaredPort(version('not a dockerfile'), [])).toBeNull();
  });
});
