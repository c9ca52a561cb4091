// The shapes verify works with: what to build, how to reach the engine, and what it reports per file.
import type { FileReport, Summary } from '../pipeline/report';

/** One Dockerfile to compare: the original and the migrated text, each with the ignore rules it builds with. */
export interface VerifyTarget {
  /** The Dockerfile, relative to the current folder (as in the migrate report). */
  path: string;
  /** Absolute path of the build context. */
  context: string;
  original: DockerfileVersion;
  migrated: DockerfileVersion;
}

export interface DockerfileVersion {
  dockerfile: Buffer;
  /** The ignore rules in force for this version; null when the context has none. */
  ignore: Buffer | null;
}

/** How images are built and containers reached. */
export interface NetworkPlan {
  /** `docker build --network`; null leaves the engine's default. */
  build: string | null;
  /** `docker run --network`. */
  run: string;
  /** How the host reaches a container port: published on loopback, the host's own port, or not at all. */
  reach: 'publish' | 'host' | 'none';
}

/** One image's side of the comparison. `smoke` is "ok" or what went wrong, in words. */
export interface ImageResult {
  /** `docker image inspect .Size`; null when it did not build. */
  bytes: number | null;
  buildMs: number | null;
  smoke: string;
  layers: number | null;
  /** The user the container runs as (`root` when the image sets none). */
  user: string | null;
  /** The container port waited for, when there was one. */
  port: number | null;
  /** How readiness was judged: the port answered, HEALTHCHECK said healthy, or the process stayed up. */
  readiness: 'port' | 'healthcheck' | 'running' | null;
  /** HTTP status of `--probe PATH`, when probed. */
  status: number | null;
  /** The failing build step or the container's last lines, when something failed. */
  log: string[];
}

export interface VerifyResult {
  before: ImageResult;
  after: ImageResult | null;
  /** before.bytes / after.bytes, two decimals; null unless both built. */
  ratio: number | null;
  ok: boolean;
  /** The one sentence a reviewer reads first when it failed. */
  problem: string | null;
}

/** A migrate report entry plus the verification; `verify` is null when there was nothing to compare. */
export interface VerifiedFile extends FileReport {
  verify: VerifyResult | null;
}

export interface VerifySummary extends Summary {
  verified: number;
  failed: number;
}

export interface VerifyReport {
  files: VerifiedFile[];
  summary: VerifySummary;
}

export type VerifyEvent =
  | { type: 'start'; total: number; toCompare: number; docker: string; network: NetworkPlan }
  | { type: 'step'; path: string; side: 'before' | 'after'; step: 'build' | 'smoke' }
  | { type: 'file'; file: VerifiedFile; index: number; total: number };

/** Engine and smoke-test settings shared by `verify()` and `verifyTargets()`. */
export interface EngineOptions {
  /** `docker --network` for containers (and builds when host/none); default bridge, or host when there is none. */
  network?: string;
  /** Container port to wait for; default the image's first EXPOSEd port. */
  port?: number;
  /** Seconds to wait for a container to answer; default 60. */
  timeout?: number;
  /** HTTP path to request from both containers, e.g. `/health`. */
  probe?: string;
  /** Seconds a container with no port and no HEALTHCHECK must stay up; default 5 (capped by timeout). */
  stayUp?: number;
  /** Seconds a build may take; default 900. */
  buildTimeout?: number;
  /** Build without the BuildKit cache (cold build times). */
  noCache?: boolean;
  /** Keep the built images (by default they are removed). */
  keepImages?: boolean;
  /** The docker client; default `DOCKER`, else the first BuildKit-capable `docker` on PATH. */
  docker?: string;
  /** On SIGINT/SIGTERM, stop, remove what was created, then end as the signal would (default true). */
  trapSignals?: boolean;
  onEvent?: (event: VerifyEvent) => void;
}
