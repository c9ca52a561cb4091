// Opening the engine: which docker client, is the daemon there, and which network builds and runs use.
import { UsageError } from '../errors';
import {
  DockerUnavailableError,
  checkEngine,
  createDockerRunner,
  resolveDockerBinary,
  tail,
  type DockerRunner,
} from './docker';
import type { NetworkPlan } from './types';

export interface Engine {
  binary: string;
  /** For the work itself: aborting `abort` kills its running commands and refuses new ones. */
  docker: DockerRunner;
  /** For cleanup, which must still run after an abort. */
  cleanupDocker: DockerRunner;
  abort: AbortController;
  serverVersion: string;
  network: NetworkPlan;
}

export interface OpenEngineOptions {
  docker?: string;
  network?: string;
  /** Tests inject a fake; given a binary name, it must run that client. */
  runnerFactory?: (binary: string, signal?: AbortSignal) => DockerRunner;
}

/** Finds the client and checks the daemon; throws DockerUnavailableError (no engine) or UsageError (bad --network). */
export async function openEngine(options: OpenEngineOptions = {}): Promise<Engine> {
  const binary = options.docker ?? resolveDockerBinary();
  if (!binary)
    throw new DockerUnavailableError(
      'missing',
      'the docker command was not found on PATH: install the Docker CLI, or set DOCKER to its path',
    );
  const factory =
    options.runnerFactory ??
    ((bin: string, signal?: AbortSignal) => createDockerRunner({ binary: bin, signal }));
  const abort = new AbortController();
  const docker = factory(binary, abort.signal);
  const version = checkEngine(
    await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000 }),
  );
  if (version.code !== 0) {
    const said = tail(version.stderr, 1)[0];
    throw new DockerUnavailableError(
      'daemon-down',
      version.timedOut
        ? 'the Docker daemon did not answer within 20 s'
        : `the Docker engine cannot be used${said ? `: ${said}` : ''}`,
    );
  }
  const networks = checkEngine(await docker(['network', 'ls', '--format', '{{.Name}}']));
  const names =
    networks.code === 0
      ? networks.stdout
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  return {
    binary,
    docker,
    cleanupDocker: factory(binary),
    abort,
    serverVersion: version.stdout.trim(),
    network: planNetwork(options.network, names),
  };
}

/**
 * The network plan. Default: bridge with the port published on loopback (`-p 127.0.0.1::PORT`), so the
 * two containers never clash. An engine without a bridge network (dockerd --bridge=none) gets host
 * networking for builds and containers; the app then binds its own port on the host, so verify checks
 * the port is free first and runs the original and the migrated container one after the other.
 */
export function planNetwork(requested: string | undefined, networks: readonly string[]): NetworkPlan {
  const hasBridge = networks.includes('bridge');
  // BuildKit builds know only default, host and none; without a bridge the default cannot reach out.
  const buildDefault = hasBridge ? null : 'host';
  if (requested === undefined)
    return hasBridge
      ? { build: null, run: 'bridge', reach: 'publish' }
      : { build: 'host', run: 'host', reach: 'host' };
  if (requested === 'host') return { build: 'host', run: 'host', reach: 'host' };
  // Isolated containers still need a build that can fetch dependencies.
  if (requested === 'none') return { build: buildDefault, run: 'none', reach: 'none' };
  if (networks.length > 0 && !networks.includes(requested) && !requested.startsWith('container:'))
    throw new UsageError(
      `--network ${requested}: the engine has no such network (it has: ${networks.join(', ')})`,
    );
  return { build: buildDefault, run: requested, reach: 'publish' };
}
