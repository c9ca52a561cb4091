import path from 'node:path';
import { defineGoldenCases } from '../../__tests__/helpers/golden';
import { nodeMultistage } from '../node-multistage';

describe('node-multistage golden cases', () => {
  defineGoldenCases(path.join(__dirname, 'fixtures', 'node-multistage'), [nodeMultistage]);
});
