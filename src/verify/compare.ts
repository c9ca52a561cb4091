// One Dockerfile's verification: build both versions, smoke-test both, compare, and remove what was made.
import { parseDockerfile, finalStage } from '../dockerfile/model';
import { buildImage, inspectImage, type ImageFacts } from './build';
import { smokeTest, type SmokeDeps, type SmokeOutcome } from './smoke';
import type { DockerfileVersion, ImageResult, NetworkPlan, VerifyResult, VerifyTarget } from './types';

export interface CompareSettings {
  network: NetworkPlan;
  /** Unique per run: names containers and labels everything this run creates. */
  runId: string;
  port: number | null;
  probe: string | null;
  timeoutMs: number;
  stayUpMs: number;
  buildTimeoutMs: number;
  noCache: boolean;
  keepImages: boolean;
}

export type Side = 'before' | 'after';
export type StepListener = (side: Side, step: 'build' | 'smoke') => void;

/** Builds and smoke-tests the original and the migrated Dockerfile of one target, one after the other. */
export async function verifyTarget(
  deps: SmokeDeps,
  target: VerifyTarget,
  settings: CompareSettings,
  index: number,
  onStep: StepListener = () => undefined,
): Promise<VerifyResult> {
  const label = `dockerize-ms.verify=${settings.runId}`;
  const built: string[] = [];
  const build = async (side: Side, version: DockerfileVersion) => {
    onStep(side, 'build');
    const outcome = await buildImage(deps.docker, {
      version,
      context: target.context,
      network: settings.network.build,
      label,
      timeoutMs: settings.buildTimeoutMs,
      noCache: settings.noCache,
    });
    if (!outcome.ok) return { outcome, facts: null };
    deps.resources.imageBuilt(outcome.id);
    built.push(outcome.id);
    return { outcome, facts: await inspectImage(deps.docker, outcome.id) };
  };
  try {
    const before = await build('before', target.original);
    if (!before.outcome.ok)
      return {
        before: unbuilt(before.outcome, 'not run: the image did not build'),
        after: null,
        ratio: null,
        ok: false,
        problem: `the original Dockerfile does not build, so there is nothing to compare: ${before.outcome.problem}`,
      };
    const after = await build('after', target.migrated);
    const beforeFacts = before.facts!;
    if (!after.outcome.ok)
      return {
        before: imageResult(before.outcome.ms, beforeFacts, {
          ok: false,
          smoke: 'not run: the migrated image did not build',
          status: null,
          readiness: null,
          port: null,
          log: [],
        }),
        after: unbuilt(after.outcome, 'not run: the image did not build'),
        ratio: null,
        ok: false,
        problem: `the migrated Dockerfile does not build: ${after.outcome.problem}`,
      };
    const afterFacts = after.facts!;
    const smoke = async (side: Side, id: string, facts: ImageFacts, version: DockerfileVersion) => {
      onStep(side, 'smoke');
      return smokeTest(deps, {
        image: id,
        name: `dockerize-ms-verify-${settings.runId}-${index}-${side}`,
        label,
        network: settings.network,
        port: settings.port ?? declaredPort(version, facts.ports),
        healthcheck: facts.healthcheck,
        timeoutMs: settings.timeoutMs,
        stayUpMs: Math.min(settings.stayUpMs, settings.timeoutMs),
        probe: settings.probe,
      });
    };
    // One after the other: on host networking both would bind the same port.
    const smokeBefore = await smoke('before', before.outcome.id, beforeFacts, target.original);
    const smokeAfter = compareStatus(
      smokeBefore,
      await smoke('after', after.outcome.id, afterFacts, target.migrated),
      settings.probe,
    );
    const ok = smokeBefore.ok && smokeAfter.ok;
    return {
      before: imageResult(before.outcome.ms, beforeFacts, smokeBefore),
      after: imageResult(after.outcome.ms, afterFacts, smokeAfter),
      ratio: Math.round((beforeFacts.bytes / afterFacts.bytes) * 100) / 100,
      ok,
      problem: ok ? null : smokeProblem(smokeBefore, smokeAfter),
    };
  } finally {
    for (const id of built) {
      if (settings.keepImages) deps.resources.keepImage(id);
      else await deps.resources.removeImage(id);
    }
  }
}

/** The migrated image must answer the probe with the status the original gave. */
export function compareStatus(before: SmokeOutcome, after: SmokeOutcome, probe: string | null): SmokeOutcome {
  if (!before.ok || !after.ok || before.status === after.status) return after;
  return {
    ...after,
    ok: false,
    smoke: `GET ${probe} answered ${after.status}, the original ${before.status}`,
  };
}

function smokeProblem(before: SmokeOutcome, after: SmokeOutcome): string {
  if (!before.ok)
    return `the original image fails its smoke test (${before.smoke}), so there is nothing to compare against`;
  return `the migrated image fails its smoke test: ${after.smoke}`;
}

function unbuilt(outcome: { ms: number; log: string[] }, smoke: string): ImageResult {
  return {
    bytes: null,
    buildMs: Math.round(outcome.ms),
    smoke,
    layers: null,
    user: null,
    port: null,
    readiness: null,
    status: null,
    log: outcome.log,
  };
}

function imageResult(ms: number, facts: ImageFacts, smoke: SmokeOutcome): ImageResult {
  return {
    bytes: facts.bytes,
    buildMs: Math.round(ms),
    smoke: smoke.smoke,
    layers: facts.layers,
    user: facts.user,
    port: smoke.port,
    readiness: smoke.readiness,
    status: smoke.status,
    log: smoke.log,
  };
}

/**
 * The first port the Dockerfile's final stage EXPOSEs (the image config only keeps a sorted set),
 * when the image has it; else the image's lowest EXPOSEd port; null when it EXPOSEs none.
 */
export function declaredPort(version: DockerfileVersion, imagePorts: readonly number[]): number | null {
  try {
    const stage = finalStage(parseDockerfile(version.dockerfile.toString('utf8')));
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const arg of ins.args) {
        const match = /^(\d+)(\/tcp)?$/i.exec(arg.value);
        if (match && imagePorts.includes(Number(match[1]))) return Number(match[1]);
      }
    }
  } catch {
    // An unparsable file built anyway: the image config still knows its ports.
  }
  return imagePorts[0] ?? null;
}
