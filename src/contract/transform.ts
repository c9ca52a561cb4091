// The transform contract: a name, a description and one pure function from model + facts to edits.
import type { DockerfileModel } from '../dockerfile/model';
import type { Edit } from '../dockerfile/edits';
import type { ProjectFacts } from './facts';
import type { Note } from '../notes';

export type RuntimeFlavour = 'alpine' | 'slim' | 'distroless' | 'jre';

/**
 * Who the runtime runs as when the original runs as root: the kind's own non-root user (`default`), the
 * original's user left as it is (`keep`: no USER added), or a named user (`name`, optionally `name:group`),
 * created with the image's own tools where the image may lack it. A USER the original sets always stays.
 */
export type RuntimeUser = 'default' | 'keep' | { name: string };

export interface TransformOptions {
  /** The runtime base family asked for; null picks the kind's default. */
  runtime: RuntimeFlavour | null;
  /** Unknown package names become errors instead of notes. */
  strict: boolean;
  /** Spring Boot layered extraction in the runtime stage. */
  springLayers: boolean;
  /** The image and package tables (built-in, with the user's overlay). */
  mappings: import('../images/mappings').Mappings;
  /** The runtime user asked for; absent is `default`. */
  user?: RuntimeUser;
}

export interface TransformMeta {
  /** Kebab-case id, used by `--transform NAME`. */
  name: string;
  description: string;
  /** The project kinds it handles; it is not asked about other files. Omitted: every file. */
  kinds?: readonly import('./facts').Kind[];
}

export type TransformResult =
  | { applicable: false; reason: string }
  | { applicable?: true; edits: Edit[]; notes: Note[] }
  | { applicable?: true; content: string; notes: Note[] };

export interface Transform {
  meta: TransformMeta;
  /**
   * Must not touch the disk, the console or the process. `kit` is the helper API (src/kit.ts): the model,
   * edits, the shell reader, stage rendering and notes the built-ins are made of.
   */
  transform(
    model: DockerfileModel,
    facts: ProjectFacts,
    options: TransformOptions,
    kit: import('../kit').TransformKit,
  ): TransformResult;
}

/** Checks that a loaded module (a user's own file, say) has the transform shape. */
export function isTransform(value: unknown): value is Transform {
  const t = value as Transform | null;
  return (
    !!t &&
    typeof t.transform === 'function' &&
    typeof t.meta === 'object' &&
    t.meta !== null &&
    typeof t.meta.name === 'string'
  );
}
