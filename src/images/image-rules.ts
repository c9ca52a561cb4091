// Applies `images:` rules and the `registry:` prefix (semantics documented in builtin-mappings.yaml).
import { readImageName, type ImageName } from './image-facts';
import { keyMatches, type ImageRule, type Mappings } from './mappings';
import { formatImageRef, parseImageRef } from './reference';

/** The repository the runtime stage uses, and the rule that chose it. */
export interface Target {
  /** Full repository name: registry (or the source's mirror prefix) included. */
  name: string;
  /** Its last path part, lower-cased: it picks the tag scheme. */
  base: string;
  /** True when `name` is on Docker Hub, so `registry:` applies. */
  hub: boolean;
  rule: ImageRule | null;
}

/** The names a source image is compared under, longest first, each with the prefix left out of the comparison. */
function candidates(src: ImageName): { name: string; prefix: string }[] {
  if (src.registry === null) return [{ name: src.repository, prefix: '' }];
  const list = [{ name: `${src.registry}/${src.repository}`, prefix: '' }];
  const parts = src.repository.split('/');
  // A mirror keeps Docker Hub's path under its own prefix: compare without each leading part in turn.
  for (let i = 0; i < parts.length; i++)
    list.push({
      name: parts.slice(i).join('/'),
      prefix: `${src.registry}/${parts.slice(0, i).join('/')}${i ? '/' : ''}`,
    });
  return list;
}

/** The first rule (in order) that matches a source image, and the prefix to keep in front of its result. */
export function matchRule(
  src: ImageName,
  rules: readonly ImageRule[],
): { rule: ImageRule; prefix: string } | null {
  const names = candidates(src);
  for (const rule of rules) {
    const hit = names.find((c) => keyMatches(rule.match, c.name, src.tag));
    if (hit) return { rule, prefix: hit.prefix };
  }
  return null;
}

/** The runtime repository for a source image: the first matching rule's, or the source's own name. */
export function resolveTarget(src: ImageName, rules: readonly ImageRule[]): Target {
  const match = matchRule(src, rules);
  let name: string;
  if (match) name = hasRegistry(match.rule.image) ? match.rule.image : match.prefix + match.rule.image;
  else name = src.registry ? `${src.registry}/${src.repository}` : src.repository;
  const parts = name.split('/');
  return {
    name,
    base: parts[parts.length - 1].toLowerCase(),
    hub: !hasRegistry(name),
    rule: match?.rule ?? null,
  };
}

/** Whether a repository name starts with a registry host (a first part with a dot or port, or localhost). */
export function hasRegistry(name: string): boolean {
  return readImageName(name).registry !== null;
}

/**
 * Puts `registry:` in front of a Docker Hub image the tool writes (`node:20-alpine` ->
 * `registry.example.com/mirror/node:20-alpine`); other registries, `scratch` and ARG-only images stay as they are.
 */
export function withRegistry(image: string, mappings: Mappings): string {
  if (!mappings.registry || image === 'scratch' || image.startsWith('$')) return image;
  const ref = parseImageRef(image);
  const name = readImageName(image);
  if (name.registry !== null) return image;
  return formatImageRef({ ...ref, registry: mappings.registry, repository: name.repository });
}
