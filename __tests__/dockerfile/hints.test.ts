import { copySources, optionValue, runCommands } from '../../src/dockerfile/hints';
import { dockerfile } from '../kinds/helpers';

describe('dockerfile hints', () => {
  it('lists context COPY/ADD sources, skipping other stages, variables and URLs', () => {
    const model = dockerfile(
      'FROM node:20 AS deps',
      'COPY --chown=node:node ./package.json package-lock.json ./',
      'COPY ["apps/api/", "/app/apps/api/"]',
      'ADD https://example.com/file.tgz /tmp/',
      'COPY ${SRC} .',
      'COPY --from=builder /app/dist ./dist',
      'COPY --FROM=builder /app/x ./x',
    );
    expect(copySources(model)).toEqual(['package.json', 'package-lock.json', 'apps/api']);
  });

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
