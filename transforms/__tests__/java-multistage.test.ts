import path from 'node:path';
import { defineGoldenCases } from '../../__tests__/helpers/golden';
import { javaMultistage } from '../../src/kinds/java/transform';

describe('java-multistage golden cases', () => {
  defineGoldenCases(path.join(__dirname, 'fixtures', 'java-multistage'), [javaMultistage]);
});
