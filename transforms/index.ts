// The built-in transforms, in the order they run.
import type { Transform } from '../src/transform';
import { javaMultistage } from './java-multistage';
import { nodeMultistage } from './node-multistage';

export const builtinTransforms: readonly Transform[] = [nodeMultistage, javaMultistage];
