// The Node runtime image for a source image: same version facts, another variant (alpine, slim, distroless).
import type { Note } from '../notes';
import type { RuntimeFlavour } from '../contract/transform';
import { readNodeTag, type ImageFamily, type ImageName } from './image-facts';
import { imageNote } from './image-notes';
import type { Target } from './image-rules';
import type { ImageFacts } from './mappings';

/** A decision on the resolved image, before the registry, digest and ARG handling common to both kinds. */
export type Decision =
  | { ok: true; kept: true; why: string; family: ImageFamily; notes: Note[] }
  | { ok: true; kept: false; image: string; why: string; family: ImageFamily; notes: Note[] }
  | { ok: false; reason: string };

export const keep = (why: string, family: ImageFamily, notes: Note[] = []): Decision => ({
  ok: true,
  kept: true,
  why,
  family,
  notes,
});
export const fail = (reason: string): Decision => ({ ok: false, reason });

const WHY_ALPINE =
  'alpine is the default Node runtime base, a fraction of the Debian image (musl libc: native addons must be built on alpine too)';
const WHY_SLIM = 'Debian slim keeps the glibc of the build image without its compilers';

/** Chooses the Node runtime image; `label` is the source image as the user wrote it, for messages. */
export function nodeRuntime(
  src: ImageName,
  target: Target,
  flavour: RuntimeFlavour | null,
  facts: ImageFacts,
  label: string,
): Decision {
  if (flavour === 'jre')
    return fail('--runtime jre is for Java images; a Node image takes alpine, slim or distroless');
  const distrolessSource = /^nodejs\d+/.test(src.base) && src.repository.includes('distroless');
  if (distrolessSource) return keep('already distroless', 'distroless');
  if (target.base !== 'node' && !target.rule)
    return keep(`${label} is not an image the tool knows, so it is left as it is`, 'unknown');
  const notes: Note[] = [];
  if (target.base !== 'node')
    notes.push(
      imageNote('tag-scheme-guessed', {
        image: label,
        name: target.name,
        scheme: "node's (20-alpine, 20-slim)",
      }),
    );
  const tag = readNodeTag(src.tag, facts.nodeCodenames);
  if (!tag)
    return keep(`the tag ${src.tag} is a variant the tool does not know (Windows, onbuild, ...)`, 'unknown');

  if (flavour === 'distroless') {
    if (tag.major === null)
      return fail(
        `${label} names no Node major, and distroless images come one per major: pin a major first`,
      );
    const image = facts.distroless.nodejs[String(tag.major)];
    if (!image) {
      const known = Object.keys(facts.distroless.nodejs).join(', ') || 'none known';
      return fail(`there is no distroless image for Node ${tag.major} (there are: ${known})`);
    }
    const why =
      '--runtime distroless: no shell and no npm; the image runs `node` on the CMD (exec form, a script path)';
    return { ok: true, kept: false, image, why, family: 'distroless', notes };
  }

  const variant = tag.variant;
  const isAlpine = variant.startsWith('alpine');
  const isSlim = variant === 'slim' || variant.endsWith('-slim');
  const join = (...parts: string[]) => parts.filter(Boolean).join('-');
  const at = (newTag: string) => `${target.name}:${newTag}`;
  if (isAlpine && flavour !== 'slim' && target.base === 'node' && !target.rule)
    return keep('already alpine', 'alpine');
  if (isAlpine && flavour === 'slim')
    return keep(
      'already alpine, which is smaller than Debian slim; its apk commands would not run on Debian',
      'alpine',
      notes,
    );
  if (isSlim && flavour !== 'alpine' && !target.rule) return keep('already Debian slim', 'debian');

  if (flavour === 'slim' || (isSlim && flavour === null)) {
    // A Debian release named in the tag stays named: node:20-bookworm -> node:20-bookworm-slim.
    const release = isSlim ? variant.replace(/-?slim$/, '') : variant;
    return {
      ok: true,
      kept: false,
      image: at(join(tag.version, release, 'slim')),
      why: flavour === 'slim' ? WHY_SLIM : 'Debian slim, as the build image was',
      family: 'debian',
      notes,
    };
  }
  const alpine = isAlpine ? variant : 'alpine';
  const why = WHY_ALPINE;
  return { ok: true, kept: false, image: at(join(tag.version, alpine)), why, family: 'alpine', notes };
}
