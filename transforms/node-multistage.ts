// Node.js: a single-stage image -> a build stage plus a slim runtime stage. (Work in progress.)
import type { Transform } from '../src/transform';

export const nodeMultistage: Transform = {
  meta: {
    name: 'node-multistage',
    kinds: ['node'],
    description: 'Split a single-stage Node.js image into build and slim runtime stages',
  },
  transform(_model, facts) {
    if (facts.kind !== 'node') return { applicable: false, reason: 'not a Node.js image' };
    return { applicable: false, reason: 'not implemented yet' };
  },
};
