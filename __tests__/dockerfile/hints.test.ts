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

  it('takes the program after env prefixes, exec and a shell running a script', () => {
    const model = dockerfile('FROM maven:3', 'RUN MAVEN_OPTS=-Xmx1g exec /usr/bin/sh ./mvnw package');
    expect(runCommands(model)).toEqual([['./mvnw', 'package']]);
  });

  it('reads option values', () => {
    expect(optionValue(['mvn', '--projects=a,b'], ['-pl', '--projects'])).toBe('a,b');
  });
});
