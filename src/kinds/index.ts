// The kinds: one folder per language (node/, java/) with its detection, stage reading, runtime stage, ignore rules
// and transform; this file lists the built-in transforms, in the order they run, and what each kind knows.
// Imports stage/, alpine/, images/, dockerignore/, dockerfile/ and contract/ (the transform contract, project facts,
// the context reader); never cli/ or transforms/. One kind does not import the other.
import type { Kind } from '../contract/facts';
import type { Transform } from '../contract/transform';
import type { KindRuleList } from '../dockerignore/entry';
import { javaRunBuilds } from './java/commands';
import { javaRules } from './java/ignore-rules';
import { javaMultistage } from './java/transform';
import { nodeRunBuilds } from './node/commands';
import { nodeRules } from './node/ignore-rules';
import { nodeMultistage } from './node/transform';

export const builtinTransforms: readonly Transform[] = [nodeMultistage, javaMultistage];

/** What the rest of the pipeline asks a kind, in the kind's own words. */
export interface KindSupport {
  kind: Kind;
  /** Whether a RUN script builds the app (`npm run build`, `tsc`, `mvn package`, `./gradlew bootJar`). */
  runBuilds(script: string): boolean;
  /** The kind's own .dockerignore rules. */
  ignoreRules: KindRuleList;
}

export const kinds: readonly KindSupport[] = [
  { kind: 'node', runBuilds: (script) => nodeRunBuilds(script), ignoreRules: nodeRules },
  { kind: 'java', runBuilds: javaRunBuilds, ignoreRules: javaRules },
];

/** What a kind knows, or null for a project of no known kind. */
export function kindSupport(kind: Kind | null): KindSupport | null {
  return kinds.find((k) => k.kind === kind) ?? null;
}
