// Test doubles for verify: a scripted docker runner, host probes and a clock that only moves when asked.
import type { DockerResult, DockerRunner } from '../../src/verify/docker';
import type { Prober } from '../../src/verify/net';
import type { Clock } from '../../src/verify/smoke';

export type Reply = Partial<DockerResult> | undefined;

/** A runner that answers each call with `handler(args)` (default: exit 0, no output) and records the calls. */
export function fakeDocker(handler: (args: string[]) => Reply = () => undefined): DockerRunner & {
  calls: string[][];
} {
  const calls: string[][] = [];
  const runner = async (args: readonly string[]) => {
    calls.push([...args]);
    const reply = handler([...args]) ?? {};
    return { code: 0, stdout: '', stderr: '', timedOut: false, ms: 10, ...reply };
  };
  return Object.assign(runner, { calls });
}

export function fakeClock(): Clock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

export function fakeProber(overrides: Partial<Prober> = {}): Prober {
  return {
    answers: async () => true,
    httpStatus: async () => 200,
    inUse: async () => false,
    ...overrides,
  };
}

/** `docker container inspect` output. */
export function containerJson(state: {
  running?: boolean;
  exitCode?: number;
  health?: string;
  healthLog?: string;
  ports?: Record<string, { HostIp: string; HostPort: string }[]>;
}): string {
  return JSON.stringify([
    {
      State: {
        Running: state.running ?? true,
        ExitCode: state.exitCode ?? 0,
        ...(state.health
          ? { Health: { Status: state.health, Log: [{ Output: state.healthLog ?? '' }] } }
          : {}),
      },
      NetworkSettings: { Ports: state.ports ?? {} },
    },
  ]);
}

/** `docker image inspect` output. */
export function imageJson(image: {
  size: number;
  layers?: number;
  user?: string;
  ports?: string[];
  healthcheck?: string[];
}): string {
  return JSON.stringify([
    {
      Size: image.size,
      RootFS: { Layers: Array.from({ length: image.layers ?? 3 }, (_, i) => `sha256:${i}`) },
      Config: {
        User: image.user ?? '',
        ExposedPorts: Object.fromEntries((image.ports ?? []).map((p) => [p, {}])),
        ...(image.healthcheck ? { Healthcheck: { Test: image.healthcheck } } : {}),
      },
    },
  ]);
}
