import path from 'node:path';
import { defineGoldenCases } from '../../__tests__/helpers/golden';
import { javaMultistage } from '../java-multistage';

describe('java-multistage golden cases', () => {
  defineGoldenCases(path.join(__dirname, 'fixtures', 'java-multistage'), [javaMultistage]);
});
