// The runtime base image for a build image: one place for the Node and Java transforms, driven by the mapping table.
import type { Instruction } from '../dockerfile/model';
import type { Note } from '../notes';
import type { RuntimeFlavour } from '../contract/transform';
import { distrolessProblem } from './distroless';
import {
  imageFamily,
  javaReleaseOf,
  readImageName,
  readNodeMajor,
  type ImageFamily,
  type ImageName,
} from './image-facts';
import { imageNote } from './image-notes';
import { matchRule, resolveTarget, withRegistry, type Target } from './image-rules';
import { keepVariables, readTemplate } from './image-template';
import { javaRuntime } from './java-image';
import { builtinFacts } from './load-mappings';
import type { ImageFacts, ImageRule, Mappings } from './mappings';
import { nodeRuntime, type Decision } from './node-image';

export { imageFamily, javaReleaseOf, type ImageFamily } from './image-facts';
export { withRegistry } from './image-rules';
export { distrolessProblem } from './distroless';

export interface ImageRequest {
  /** The FROM image as written: 'node:18.19.0-bullseye', 'node:${V}', 'reg:5000/node:20@sha256:..'. */
  image: string;
  /** ARG defaults declared before the first FROM. */
  args: ReadonlyMap<string, string>;
  kind: 'node' | 'java';
  /** null = the kind's default (alpine for Node; for Java a JRE, alpine from Java 21). */
  flavour: RuntimeFlavour | null;
  /** The Java release when the tag does not tell (from pom/gradle). */
  javaRelease?: number | null;
  /**
   * Informational: a tomcat/jetty image keeps its container whatever the packaging, and a WAR on another image
   * gets a JRE (Spring Boot's executable WAR runs on one); the transform decides whether a container is needed.
   */
  packaging?: 'jar' | 'war';
  mappings: Mappings;
  /** The runtime stage's `--platform`, to refuse an alpine JRE that does not exist for that architecture. */
  platform?: string | null;
  /** The instructions the runtime stage will hold, to refuse distroless when one needs a shell. */
  runtimeInstructions?: readonly Instruction[];
}

export type ImageChoice =
  { ok: true; image: string; family: ImageFamily; notes: Note[] } | { ok: false; reason: string };

/** The facts to use: the mappings' own, else the built-in data file's. */
export const factsOf = (mappings?: Mappings): ImageFacts => mappings?.facts ?? builtinFacts();

/**
 * The runtime image for a build stage's image. `image` is the text to write after FROM, with the registry
 * overlay applied and the ARGs of the original kept where they still mean the same thing. Refuses (ok: false)
 * with a reason a person understands when no image would be faithful.
 */
export function runtimeImage(req: ImageRequest): ImageChoice {
  const facts = factsOf(req.mappings);
  const label = req.image;
  if (req.image.toLowerCase() === 'scratch')
    return {
      ok: true,
      image: req.image,
      family: 'unknown',
      notes: [kept(label, 'scratch has nothing to slim')],
    };
  const template = readTemplate(req.image, req.args);
  if (template.resolved === null) {
    const family = imageFamily(req.image, req.args);
    if (req.flavour === null && (family === 'alpine' || family === 'distroless'))
      return {
        ok: true,
        image: withRegistry(req.image, req.mappings),
        family,
        notes: [kept(label, `already ${family}`)],
      };
    return fail(
      `FROM ${label}: ARG ${template.unresolved[0]} has no default, so the runtime image cannot be chosen (give the ARG a default)`,
    );
  }
  const src = readImageName(template.resolved);
  if (src.digest && src.tag === null)
    return fail(
      `${label} is pinned by digest only, so its version is unknown (write name:tag@sha256:... instead)`,
    );
  const target = resolveTarget(src, req.mappings.images);
  const decision = decide(req, src, target, facts, template.resolved);
  if (!decision.ok) return decision;
  if (decision.family === 'distroless') {
    const problem = distrolessProblem(req.kind, req.runtimeInstructions ?? []);
    if (problem) return fail(`--runtime distroless: ${problem}`);
  }
  if (decision.kept) {
    // The same image: its digest still names it, and the ARGs stay as written.
    const image = withRegistry(req.image, req.mappings);
    const family =
      decision.family === 'unknown' ? imageFamily(template.resolved, new Map()) : decision.family;
    return { ok: true, image, family, notes: [kept(label, decision.why), ...decision.notes] };
  }
  const written = keepVariables(
    template,
    withRegistry(hubSpelling(template.resolved, decision.image, req.mappings), req.mappings),
  );
  if ('lost' in written) {
    const value = req.args.get(written.lost) ?? '';
    return fail(
      `FROM ${label}: ARG ${written.lost} (default ${value}) cannot carry over to ${decision.image}; ` +
        `put the version alone in the ARG and the variant in the FROM line`,
    );
  }
  const notes: Note[] = [
    imageNote('runtime-base-changed', {
      from: label,
      to: written.text,
      why: whyChanged(src, target, decision, facts),
    }),
    ...decision.notes,
  ];
  if (src.digest) notes.push(imageNote('digest-dropped', { from: label, to: written.text }));
  if (template.variables.length) {
    const args = [...new Set(template.variables)].map((v) => `${v}=${req.args.get(v) ?? ''}`).join(', ');
    notes.push(imageNote('arg-default-used', { args }));
  }
  return { ok: true, image: written.text, family: decision.family, notes };
}

function decide(
  req: ImageRequest,
  src: ImageName,
  target: Target,
  facts: ImageFacts,
  resolved: string,
): Decision {
  if (req.kind === 'node') return nodeRuntime(src, target, req.flavour, facts, req.image);
  const release = javaReleaseOf(resolved, new Map()) ?? req.javaRelease ?? null;
  const sourceFamily = imageFamily(resolved, new Map());
  return javaRuntime(
    { src, target, release, sourceFamily, platform: req.platform ?? null, label: req.image },
    req.flavour,
    facts,
  );
}

function whyChanged(
  src: ImageName,
  target: Target,
  decision: Decision & { ok: true },
  facts: ImageFacts,
): string {
  const sourceName = src.registry ? `${src.registry}/${src.repository}` : src.repository;
  if (!target.rule || target.name === sourceName) return decision.why;
  const retired = retiredFact(src, facts);
  let because: string;
  if (retired) because = `${src.repository} is retired (no updates since ${retired.since})`;
  else if (src.base === 'maven' || src.base === 'gradle') because = `${src.base} is a build-tool image`;
  else because = ruleText(target.rule!);
  return `${because}; ${decision.why}`;
}

/** A Docker Hub image written with its host (`docker.io/library/node:20`) keeps that spelling. */
function hubSpelling(source: string, image: string, mappings: Mappings): string {
  const host = /^((?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)(library\/)?/i.exec(source);
  if (!host || mappings.registry || readImageName(image).registry !== null || image.startsWith(host[1]))
    return image;
  const official = !image.split(':')[0].includes('/');
  return host[1] + (official ? (host[2] ?? '') : '') + image;
}

const ruleText = (rule: ImageRule) =>
  `rule "${rule.match}: ${rule.image}" (${rule.origin === 'user' ? 'your mapping file' : 'built-in table'})`;

function retiredFact(src: ImageName, facts: ImageFacts): { since: string; use: string } | null {
  const rules = Object.keys(facts.retired).map((match) => ({ match, image: match }));
  const hit = matchRule(src, rules);
  return hit ? facts.retired[hit.rule.match] : null;
}

const kept = (image: string, why: string) => imageNote('runtime-base-kept', { image, why });
const fail = (reason: string): ImageChoice => ({ ok: false, reason });

/** The Node major an image runs: node:18.19.0-bullseye -> 18, node:iron -> 20; null for lts/latest or non-Node. */
export function nodeMajor(
  image: string,
  args: ReadonlyMap<string, string>,
  mappings?: Mappings,
): number | null {
  return readNodeMajor(image, args, factsOf(mappings).nodeCodenames);
}

/** The image for a build stage the tool writes itself: maven:3.9-eclipse-temurin-17, gradle:8-jdk17, ... */
export function buildImageFor(tool: 'maven' | 'gradle', release: number, mappings: Mappings): string {
  const table = factsOf(mappings).buildImages[tool];
  const fallback = tool === 'maven' ? 'maven:3.9-eclipse-temurin-{release}' : 'gradle:8-jdk{release}';
  const pattern = table[String(release)] ?? table.default ?? fallback;
  return withRegistry(pattern.replace(/\{release\}/g, String(release)), mappings);
}

/** Notes on an image's lifecycle: an end-of-life Node major (never changed, only noted) or a retired image. */
export function lifecycleNotes(
  image: string,
  args: ReadonlyMap<string, string>,
  mappings?: Mappings,
): Note[] {
  const facts = factsOf(mappings);
  const resolved = readTemplate(image, args).resolved;
  if (resolved === null) return [];
  const notes: Note[] = [];
  const major = readNodeMajor(resolved, new Map(), facts.nodeCodenames);
  const eol = major === null ? undefined : facts.nodeEol[String(major)];
  if (eol) notes.push(imageNote('eol-node-major', { major: major!, image, date: eol }));
  const retired = retiredFact(readImageName(resolved), facts);
  if (retired) notes.push(imageNote('retired-image', { image, since: retired.since, use: retired.use }));
  return notes;
}
