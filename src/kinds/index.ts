// The kinds: one folder per language (node/, java/) with its detection, stage reading, runtime stage, ignore rules
// and transform; this file lists the built-in transforms, in the order they run.
// Imports stage/, alpine/, images/, dockerignore/, dockerfile/ and contract/ (the transform contract, project facts,
// the context reader); never cli/ or transforms/. One kind does not import the other.
import type { Transform } from '../contract/transform';
import { javaMultistage } from './java/transform';
import { nodeMultistage } from './node/transform';

export const builtinTransforms: readonly Transform[] = [nodeMultistage, javaMultistage];
