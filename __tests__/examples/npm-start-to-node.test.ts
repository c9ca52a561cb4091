// The example user transform, held to what the built-ins are: golden pairs, a second run that changes
// nothing, and valid output; alone, and run after node-multistage as its README shows.
import path from 'node:path';
import { defineGoldenCases } from '../helpers/golden';
import type { Transform } from '../../src/contract/transform';
import { nodeMultistage } from '../../transforms/node-multistage';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const npmStartToNode = require('../../examples/transforms/npm-start-to-node.js') as Transform;
const FIXTURES = path.join(__dirname, 'fixtures');

describe('npm-start-to-node (examples/transforms)', () => {
  defineGoldenCases(path.join(FIXTURES, 'npm-start-to-node'), [npmStartToNode]);
});

describe('node-multistage then npm-start-to-node', () => {
  defineGoldenCases(path.join(FIXTURES, 'npm-start-to-node-after-builtin'), [nodeMultistage, npmStartToNode]);
});
