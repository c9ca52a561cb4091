// Assembles a runtime stage from generated lines and blocks carried over from the original stage.
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { declaredNames, variablesIn } from '../dockerfile/variables';
import { keyword, line } from './text';

/** Instructions that only describe the final image (how it starts, what it exposes): they belong to the runtime stage. */
export const IMAGE_ONLY: ReadonlySet<string> = new Set([
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'LABEL',
  'VOLUME',
  'STOPSIGNAL',
  'MAINTAINER',
  'ONBUILD',
]);

export type PieceKind = 'workdir' | 'run' | 'copy' | 'user' | 'start' | 'other';

/** A block of text for the runtime stage, in the original order. */
export interface Piece {
  kind: PieceKind;
  text: string;
}

export interface RuntimeStagePlan {
  /** The FROM line. */
  from: string;
  /** Generated lines right after FROM: ARG re-declarations, ENV, packages, user creation. */
  header: string[];
  /** Blocks carried over from the original stage, in their order. */
  body: Piece[];
  /** `COPY --from=build ...` lines; they go after the last WORKDIR so relative paths mean the same. */
  appCopy: string[];
  /**
   * Put the app copy before the first WORKDIR instead (its paths must then be absolute): a folder the copy
   * makes belongs to the `--chown` user, one WORKDIR makes first stays root's.
   */
  appCopyFirst?: boolean;
  /** Generated setup lines that must run after the app copy but before the user switch. */
  afterCopy: string[];
  /** The USER line to add when the body has none; it goes after the last RUN/COPY (so those run as root) and WORKDIR. */
  userLine: string | null;
}

/** The runtime stage's text: one blank line before it, every line ending in a line break. */
export function renderRuntimeStage(plan: RuntimeStagePlan): string {
  const body = [...plan.body];
  const toPieces = (texts: string[]): Piece[] => texts.map((text) => ({ kind: 'run', text }));
  if (plan.appCopyFirst) {
    const firstWorkdir = body.findIndex((p) => p.kind === 'workdir');
    body.splice(firstWorkdir < 0 ? 0 : firstWorkdir, 0, ...toPieces([...plan.appCopy, ...plan.afterCopy]));
  } else {
    const lastWorkdir = body.findLastIndex((p) => p.kind === 'workdir');
    body.splice(lastWorkdir + 1, 0, ...toPieces([...plan.appCopy, ...plan.afterCopy]));
  }
  if (plan.userLine && !body.some((p) => p.kind === 'user')) {
    const lastRoot = body.findLastIndex((p) => p.kind === 'run' || p.kind === 'copy' || p.kind === 'workdir');
    body.splice(lastRoot + 1, 0, { kind: 'user', text: plan.userLine });
  }
  return ['\n', plan.from, ...plan.header, ...body.map((p) => p.text)].join('');
}

/** Names the new final stage may take, in order of preference; Docker compares stage names without case. */
const RUNTIME_NAMES = ['runtime', 'final', 'release', 'app'];

/** `runtime`, unless the original already names a stage so (its name is kept): then the first free one. */
export function runtimeStageName(model: DockerfileModel): string {
  const taken = new Set(model.stages.map((s) => s.alias?.value.toLowerCase()).filter(Boolean));
  const free = RUNTIME_NAMES.find((name) => !taken.has(name));
  if (free) return free;
  let n = 2;
  while (taken.has(`runtime${n}`)) n++;
  return `runtime${n}`;
}

/**
 * The runtime stage's FROM line and the ARG lines it needs: a `--platform` the original pinned is kept
 * (one naming $BUILDPLATFORM is not: the runtime runs on the target platform), and ARGs declared before
 * the first FROM that the stage's text uses are declared again, since a stage does not see them otherwise.
 */
export function runtimeFrom(
  model: DockerfileModel,
  stage: Stage,
  image: string,
  texts: readonly string[],
): { from: string; args: string[]; redeclared: string[]; buildPlatform: boolean } {
  const buildPlatform = !!stage.platform && /BUILDPLATFORM/.test(stage.platform);
  const flags = stage.platform && !buildPlatform ? `--platform=${stage.platform} ` : '';
  const declared = new Set(texts.filter((t) => /^(\s*#.*\n)*\s*arg\s/i.test(t)).flatMap(declaredNames));
  const used = new Set(texts.flatMap(variablesIn));
  const redeclared = model.preamble
    .flatMap((a) => declaredNames(a.text))
    .filter((n) => used.has(n) && !declared.has(n));
  return {
    from: `${keyword(model, 'FROM')} ${flags}${image} ${keyword(model, 'AS')} ${runtimeStageName(model)}\n`,
    args: redeclared.map((n) => line(model, 'ARG', n)),
    redeclared,
    buildPlatform,
  };
}
