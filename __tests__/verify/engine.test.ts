import { UsageError } from '../../src/errors';
import { openEngine, planNetwork } from '../../src/verify/engine';
import { fakeDocker, type Reply } from './fakes';

describe('planNetwork', () => {
  it('defaults to a bridge with published ports, or host when the engine has no bridge', () => {
    expect(planNetwork(undefined, ['bridge', 'host', 'none'])).toEqual({
      build: null,
      run: 'bridge',
      reach: 'publish',
    });
    expect(planNetwork(undefined, ['host', 'none'])).toEqual({ build: 'host', run: 'host', reach: 'host' });
  });

  it('passes a chosen network through', () => {
    expect(planNetwork('host', ['bridge', 'host'])).toEqual({ build: 'host', run: 'host', reach: 'host' });
    expect(planNetwork('none', ['host', 'none'])).toEqual({ build: 'host', run: 'none', reach: 'none' });
    expect(planNetwork('apps', ['bridge', 'apps'])).toEqual({ build: null, run: 'apps', reach: 'publish' });
  });

  it('refuses a network the engine does not have', () => {
    expect(() => planNetwork('bridge', ['host', 'none'])).toThrow(UsageError);
    expect(() => planNetwork('bridge', ['host', 'none'])).toThrow(/no such network \(it has: host, none\)/);
  });
});

describe('openEngine', () => {
  const open = (handler: (args: string[]) => Reply) =>
    openEngine({ docker: '/x/docker', runnerFactory: () => fakeDocker(handler) });

  it('checks the daemon and reads the networks', async () => {
    const engine = await open((args) =>
      args[0] === 'version' ? { stdout: '20.10.24\n' } : { stdout: 'host\nnone\n' },
    );
    expect(engine).toMatchObject({
      binary: '/x/docker',
      serverVersion: '20.10.24',
      network: { run: 'host' },
    });
  });

  it.each([
    [
      'daemon-down',
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    ],
    [
      'permission',
      'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
    ],
  ])('throws %s without a stack trace in the message', async (problem, stderr) => {
    await expect(open(() => ({ code: 1, stderr }))).rejects.toMatchObject({
      name: 'DockerUnavailableError',
      problem,
    });
  });

  it('treats a daemon that does not answer as down', async () => {
    await expect(open(() => ({ code: null, timedOut: true }))).rejects.toThrow(
      'the Docker daemon did not answer within 20 s',
    );
  });
});
