// Assembles a runtime stage from generated lines and blocks carried over from the original stage.

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
  /** Generated setup lines that must run after the app copy but before the user switch. */
  afterCopy: string[];
  /** The USER line to add when the body has none; it goes after the last RUN/COPY so those run as root. */
  userLine: string | null;
}

/** The runtime stage's text: one blank line before it, every line ending in a line break. */
export function renderRuntimeStage(plan: RuntimeStagePlan): string {
  const body = [...plan.body];
  const lastWorkdir = findLastIndex(body, (p) => p.kind === 'workdir');
  const copies: Piece[] = [...plan.appCopy, ...plan.afterCopy].map((text) => ({ kind: 'run', text }));
  body.splice(lastWorkdir + 1, 0, ...copies);
  if (plan.userLine && !body.some((p) => p.kind === 'user')) {
    const lastRoot = findLastIndex(body, (p) => p.kind === 'run' || p.kind === 'copy');
    body.splice(lastRoot + 1, 0, { kind: 'user', text: plan.userLine });
  }
  return ['\n', plan.from, ...plan.header, ...body.map((p) => p.text)].join('');
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}
