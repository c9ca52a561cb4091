// The smoke test: start one image, wait until it answers (port, HEALTHCHECK or staying up), then remove it.
import { checkEngine, tail, type DockerRunner } from './docker';
import type { Prober } from './net';
import type { Resources } from './cleanup';
import type { ImageResult, NetworkPlan } from './types';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface SmokeDeps {
  docker: DockerRunner;
  prober: Prober;
  clock: Clock;
  resources: Resources;
}

export interface SmokeRequest {
  image: string;
  /** Unique container name (the cleanup finds the container by it if `docker run` is interrupted). */
  name: string;
  label: string;
  network: NetworkPlan;
  /** The container port to wait for, or null when there is none. */
  port: number | null;
  healthcheck: boolean;
  timeoutMs: number;
  stayUpMs: number;
  /** HTTP path to GET once the port answers. */
  probe: string | null;
}

export type SmokeOutcome = Pick<ImageResult, 'smoke' | 'status' | 'readiness' | 'port' | 'log'> & {
  ok: boolean;
};

const POLL_MS = 500;
const LOOPBACK = '127.0.0.1';

/** Which sign of life to wait for: a reachable port first, then HEALTHCHECK, else staying up. */
export function readinessOf(request: Pick<SmokeRequest, 'port' | 'healthcheck' | 'network'>) {
  if (request.port !== null && request.network.reach !== 'none') return 'port' as const;
  return request.healthcheck ? ('healthcheck' as const) : ('running' as const);
}

/** Runs the image, waits for it, and always removes the container. Never throws for a failing app. */
export async function smokeTest(deps: SmokeDeps, request: SmokeRequest): Promise<SmokeOutcome> {
  const readiness = readinessOf(request);
  const base = { status: null, readiness, port: readiness === 'port' ? request.port : null, log: [] };
  const fail = (smoke: string, log: string[] = []): SmokeOutcome => ({ ...base, ok: false, smoke, log });
  if (request.probe && readiness !== 'port')
    return fail(
      request.network.reach === 'none'
        ? `cannot probe ${request.probe}: --network none cannot be reached from the host`
        : `cannot probe ${request.probe}: the image EXPOSEs no port (pass --port)`,
    );
  if (readiness === 'port' && request.network.reach === 'host') {
    // Host networking: the app binds the port itself, so it must be free before the start.
    if (await deps.prober.inUse(LOOPBACK, request.port!))
      return fail(
        `port ${request.port} is already in use on this host (host networking): free it, or pass --port`,
      );
  }
  const args = ['run', '--detach', '--name', request.name, '--label', request.label];
  args.push('--network', request.network.run);
  if (readiness === 'port' && request.network.reach === 'publish')
    args.push('--publish', `${LOOPBACK}::${request.port}`);
  args.push(request.image);
  deps.resources.containerStarting(request.name);
  try {
    const run = checkEngine(await deps.docker(args));
    const id = run.stdout.trim().split('\n').pop() ?? '';
    if (run.code !== 0 || !id)
      return fail(`docker run failed: ${tail(run.stderr, 1)[0] ?? 'no container id'}`);
    deps.resources.containerStarted(request.name, id);
    const outcome = await waitReady(deps, request, id, readiness);
    if (outcome.ok) return { ...base, ...outcome, log: [] };
    const logs = await deps.docker(['logs', '--tail', '20', id]);
    return { ...base, ...outcome, log: tail(logs.stdout + logs.stderr) };
  } finally {
    await deps.resources.removeContainer(request.name);
  }
}

interface ContainerState {
  running: boolean;
  exitCode: number;
  health: string | null;
  healthLog: string | null;
  hostPort: number | null;
}

async function waitReady(
  deps: SmokeDeps,
  request: SmokeRequest,
  id: string,
  readiness: 'port' | 'healthcheck' | 'running',
): Promise<{ ok: boolean; smoke: string; status: number | null }> {
  const started = deps.clock.now();
  const timeout = `${Math.round(request.timeoutMs / 1000)} s`;
  let lastStatus: number | null = null;
  let state: ContainerState | null = null;
  for (;;) {
    const elapsed = deps.clock.now() - started;
    state = await inspectContainer(deps.docker, id, request.port);
    if (!state) return { ok: false, smoke: 'the container disappeared', status: null };
    if (!state.running)
      return {
        ok: false,
        smoke: `the container exited with code ${state.exitCode} after ${(elapsed / 1000).toFixed(1)} s`,
        status: lastStatus,
      };
    if (readiness === 'port') {
      const port = request.network.reach === 'publish' ? state.hostPort : request.port;
      if (port !== null && (await deps.prober.answers(LOOPBACK, port))) {
        if (!request.probe) return { ok: true, smoke: 'ok', status: null };
        lastStatus = await deps.prober.httpStatus(LOOPBACK, port, request.probe);
        // A starting app may say 503 for a while, so 5xx is asked again until the timeout; below 500
        // the answer is final (a 404 will not turn into a 200).
        if (lastStatus !== null && lastStatus < 500)
          return lastStatus < 400
            ? { ok: true, smoke: 'ok', status: lastStatus }
            : { ok: false, smoke: `GET ${request.probe} answered ${lastStatus}`, status: lastStatus };
      }
    } else if (readiness === 'healthcheck') {
      if (state.health === 'healthy') return { ok: true, smoke: 'ok', status: null };
      if (state.health === 'unhealthy')
        return {
          ok: false,
          smoke: `HEALTHCHECK reported unhealthy${state.healthLog ? `: ${state.healthLog}` : ''}`,
          status: null,
        };
    } else if (elapsed >= request.stayUpMs) {
      return { ok: true, smoke: 'ok', status: null };
    }
    if (elapsed >= request.timeoutMs) break;
    await deps.clock.sleep(Math.min(POLL_MS, Math.max(0, request.timeoutMs - elapsed)));
  }
  if (readiness === 'healthcheck')
    return {
      ok: false,
      smoke: `HEALTHCHECK did not report healthy within ${timeout} (status: ${state?.health ?? 'none'})`,
      status: null,
    };
  if (lastStatus !== null)
    return {
      ok: false,
      smoke: `GET ${request.probe} answered ${lastStatus} (for ${timeout})`,
      status: lastStatus,
    };
  return {
    ok: false,
    smoke: request.probe
      ? `no HTTP answer to GET ${request.probe} on port ${request.port} within ${timeout}`
      : `nothing answered on port ${request.port} within ${timeout}`,
    status: null,
  };
}

async function inspectContainer(
  docker: DockerRunner,
  id: string,
  port: number | null,
): Promise<ContainerState | null> {
  const result = checkEngine(await docker(['container', 'inspect', id]));
  if (result.code !== 0) return null;
  return parseContainerInspect(result.stdout, port);
}

/** Reads the first entry of `docker container inspect` JSON output. */
export function parseContainerInspect(json: string, port: number | null): ContainerState {
  const [c] = JSON.parse(json) as [ContainerInspect];
  const health = c.State?.Health ?? null;
  const lastLog = health?.Log?.at(-1)?.Output?.trim().split('\n').pop() ?? null;
  const binding = port === null ? undefined : c.NetworkSettings?.Ports?.[`${port}/tcp`]?.[0];
  const hostPort = binding ? Number.parseInt(binding.HostPort, 10) : NaN;
  return {
    running: c.State?.Running === true,
    exitCode: c.State?.ExitCode ?? -1,
    health: health?.Status ?? null,
    healthLog: lastLog || null,
    hostPort: Number.isInteger(hostPort) && hostPort > 0 ? hostPort : null,
  };
}

interface ContainerInspect {
  State?: {
    Running?: boolean;
    ExitCode?: number;
    Health?: { Status?: string; Log?: { Output?: string }[] };
  };
  NetworkSettings?: { Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> };
}
