import { Resources } from '../../src/verify/cleanup';
import { smokeTest, type SmokeRequest } from '../../src/verify/smoke';
import type { NetworkPlan } from '../../src/verify/types';
import { containerJson, fakeClock, fakeDocker, fakeProber, type Reply } from './fakes';

const BRIDGE: NetworkPlan = { build: null, run: 'bridge', reach: 'publish' };
const HOST: NetworkPlan = { build: 'host', run: 'host', reach: 'host' };
const NONE: NetworkPlan = { build: null, run: 'none', reach: 'none' };

const request = (over: Partial<SmokeRequest> = {}): SmokeRequest => ({
  image: 'sha256:img',
  name: 'c1',
  label: 'dockerize-ms.verify=t',
  network: HOST,
  port: 3000,
  healthcheck: false,
  timeoutMs: 10_000,
  stayUpMs: 5_000,
  probe: null,
  ...over,
});

/** A docker fake whose container inspect answers come from `states` in turn (the last one repeats). */
function engine(states: string[], extra: (args: string[]) => Reply = () => undefined) {
  let i = 0;
  return fakeDocker((args) => {
    if (args[0] === 'run') return { stdout: 'cid123\n' };
    if (args[0] === 'container' && args[1] === 'inspect')
      return { stdout: states[Math.min(i++, states.length - 1)] };
    if (args[0] === 'logs') return { stdout: 'boom\n', stderr: 'Error: oops\n' };
    return extra(args);
  });
}

async function smoke(docker: ReturnType<typeof fakeDocker>, req: SmokeRequest, prober = fakeProber()) {
  const clock = fakeClock();
  const resources = new Resources(docker);
  const outcome = await smokeTest({ docker, prober, clock, resources }, req);
  return { outcome, clock, resources };
}

const removed = (docker: ReturnType<typeof fakeDocker>) =>
  docker.calls.filter((c) => c[0] === 'rm').map((c) => c[c.length - 1]);

describe('smokeTest', () => {
  it('is ok once the port answers, and always removes the container by id', async () => {
    const docker = engine([containerJson({})]);
    const { outcome, resources } = await smoke(docker, request());
    expect(outcome).toMatchObject({ ok: true, smoke: 'ok', readiness: 'port', port: 3000 });
    expect(docker.calls[0]).toEqual([
      'run',
      '--detach',
      '--name',
      'c1',
      '--label',
      'dockerize-ms.verify=t',
      '--network',
      'host',
      'sha256:img',
    ]);
    expect(removed(docker)).toEqual(['cid123']);
    expect(resources.pending).toBe(0);
  });

  it('publishes the port on loopback on a bridge and probes the host port docker chose', async () => {
    const docker = engine([
      containerJson({ ports: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '49153' }] } }),
    ]);
    const seen: number[] = [];
    const prober = fakeProber({ answers: async (_h, port) => (seen.push(port), true) });
    const { outcome } = await smoke(docker, request({ network: BRIDGE }), prober);
    expect(outcome.ok).toBe(true);
    expect(docker.calls[0]).toEqual(
      expect.arrayContaining(['--publish', '127.0.0.1::3000', '--network', 'bridge']),
    );
    expect(seen).toEqual([49153]);
  });

  it('waits through a starting status for a success, and records it', async () => {
    const statuses = [null, 503, 503, 200];
    const prober = fakeProber({ httpStatus: async () => (statuses.length > 1 ? statuses.shift()! : 200) });
    const { outcome, clock } = await smoke(
      engine([containerJson({})]),
      request({ probe: '/health' }),
      prober,
    );
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(clock.t).toBe(1500);
  });

  it('names the last status when the probe never succeeds', async () => {
    const prober = fakeProber({ httpStatus: async () => 500 });
    const { outcome } = await smoke(engine([containerJson({})]), request({ probe: '/health' }), prober);
    expect(outcome).toMatchObject({ ok: false, status: 500, smoke: 'GET /health answered 500 (for 10 s)' });
    expect(outcome.log).toEqual(['boom', 'Error: oops']);
  });

  it('takes a client error as the final answer', async () => {
    const prober = fakeProber({ httpStatus: async () => 404 });
    const { outcome, clock } = await smoke(engine([containerJson({})]), request({ probe: '/x' }), prober);
    expect(outcome).toMatchObject({ ok: false, status: 404, smoke: 'GET /x answered 404' });
    expect(clock.t).toBe(0);
  });

  it('says nothing answered when the port stays closed', async () => {
    const prober = fakeProber({ answers: async () => false });
    const docker = engine([containerJson({})]);
    const { outcome } = await smoke(docker, request(), prober);
    expect(outcome.smoke).toBe('nothing answered on port 3000 within 10 s');
    expect(removed(docker)).toEqual(['cid123']);
  });

  it('reports a container that exits, with its last log lines', async () => {
    const prober = fakeProber({ answers: async () => false });
    const docker = engine([containerJson({}), containerJson({ running: false, exitCode: 137 })]);
    const { outcome } = await smoke(docker, request(), prober);
    expect(outcome).toMatchObject({ ok: false, smoke: 'the container exited with code 137 after 0.5 s' });
    expect(outcome.log).toContain('Error: oops');
  });

  it('does not start on host networking when the port is taken', async () => {
    const docker = engine([containerJson({})]);
    const { outcome } = await smoke(docker, request(), fakeProber({ inUse: async () => true }));
    expect(outcome.smoke).toMatch(/^port 3000 is already in use on this host/);
    expect(docker.calls).toEqual([]);
  });

  it('waits for HEALTHCHECK when there is no port', async () => {
    const docker = engine([containerJson({ health: 'starting' }), containerJson({ health: 'healthy' })]);
    const { outcome } = await smoke(docker, request({ port: null, healthcheck: true }));
    expect(outcome).toMatchObject({ ok: true, readiness: 'healthcheck', port: null });
  });

  it('reports unhealthy with the check output, and a health timeout with the status', async () => {
    const sick = engine([containerJson({ health: 'unhealthy', healthLog: 'curl: (7) refused\n' })]);
    expect((await smoke(sick, request({ port: null, healthcheck: true }))).outcome.smoke).toBe(
      'HEALTHCHECK reported unhealthy: curl: (7) refused',
    );
    const slow = engine([containerJson({ health: 'starting' })]);
    expect((await smoke(slow, request({ port: null, healthcheck: true }))).outcome.smoke).toBe(
      'HEALTHCHECK did not report healthy within 10 s (status: starting)',
    );
  });

  it('uses HEALTHCHECK on --network none, where no port can be reached', async () => {
    const docker = engine([containerJson({ health: 'healthy' })]);
    const { outcome } = await smoke(docker, request({ network: NONE, healthcheck: true }));
    expect(outcome).toMatchObject({ ok: true, readiness: 'healthcheck' });
    expect(docker.calls[0]).not.toContain('--publish');
  });

  it('asks a process with no port and no HEALTHCHECK to stay up', async () => {
    const { outcome, clock } = await smoke(engine([containerJson({})]), request({ port: null }));
    expect(outcome).toMatchObject({ ok: true, readiness: 'running' });
    expect(clock.t).toBe(5000);
  });

  it('cannot probe without a port', async () => {
    const docker = engine([containerJson({})]);
    const { outcome } = await smoke(docker, request({ port: null, probe: '/x' }));
    expect(outcome.smoke).toBe('cannot probe /x: the image EXPOSEs no port (pass --port)');
    expect(docker.calls).toEqual([]);
  });

  it('reports a failed docker run in words', async () => {
    const docker = fakeDocker((args) =>
      args[0] === 'run'
        ? { code: 125, stderr: 'docker: Error response from daemon: network foo not found.\n' }
        : undefined,
    );
    const { outcome } = await smoke(docker, request());
    expect(outcome.smoke).toBe(
      'docker run failed: docker: Error response from daemon: network foo not found.',
    );
    // No id came back: the container is looked up by its name before removal.
    expect(docker.calls.at(-1)).toEqual(['ps', '--all', '--quiet', '--no-trunc', '--filter', 'name=^/c1$']);
  });

  it('lets engine problems through as DockerUnavailableError', async () => {
    const docker = fakeDocker(() => ({
      code: 1,
      stderr: 'Cannot connect to the Docker daemon at unix:///x',
    }));
    await expect(smoke(docker, request())).rejects.toMatchObject({ problem: 'daemon-down' });
  });
});
