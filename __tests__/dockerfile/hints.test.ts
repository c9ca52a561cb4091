import { optionValue, runCommands } from '../../src/dockerfile/hints';
import { dockerfile } from '../kinds/helpers';

describe('dockerfile hints', () => {
  it('splits RUN lines into commands and drops env assignments', () => {
    const model = dockerfile(
      'FROM node:20',
      'RUN NODE_ENV=production npm ci \\',
      '  && npm run build',
      'RUN ["npm", "prune"]',
    );
    expect(runCommands(model)).toEqual([
      ['npm', 'ci'],
      ['npm', 'run', 'build'],
      ['npm', 'prune'],
    ]);
  });

  it('reads option values', () => {
    expect(optionValue(['mvn', '--projects=a,b'], ['-pl', '--projects'])).toBe('a,b');
  });
});
