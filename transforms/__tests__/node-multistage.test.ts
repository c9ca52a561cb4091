import path from 'node:path';
import { defineGoldenCases } from '../../__tests__/helpers/golden';
import { nodeMultistage } from '../../src/kinds/node/transform';

describe('node-multistage golden cases', () => {
  defineGoldenCases(path.join(__dirname, 'fixtures', 'node-multistage'), [nodeMultistage]);
});
