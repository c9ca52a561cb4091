// Java: a single-stage image -> a JDK build stage plus a JRE runtime stage. (Work in progress.)
import type { Transform } from '../src/transform';

export const javaMultistage: Transform = {
  meta: {
    name: 'java-multistage',
    kinds: ['java'],
    description: 'Split a single-stage Java image into a JDK build stage and a JRE runtime stage',
  },
  transform(_model, facts) {
    if (facts.kind !== 'java') return { applicable: false, reason: 'not a Java image' };
    return { applicable: false, reason: 'not implemented yet' };
  },
};
