// Merging into existing ignore files: every line kept, missing rules appended once, the owner's exceptions respected.
import { appendSection, missingEntries } from '../../src/dockerignore/merge';
import { lines, nodeFacts, planTwice, type PlanCase } from './helpers';

const tsBuild = [
  'FROM node:20 AS build',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  'COPY tsconfig.json ./',
  'COPY src ./src',
  'RUN npm run build',
  'FROM node:20-slim',
  'COPY --from=build /app/dist ./dist',
  'CMD ["node", "dist/index.js"]',
  '',
].join('\n');

const tsFacts = nodeFacts({ scripts: { build: 'tsc' }, buildScript: 'tsc', tsOutDir: 'dist' });

function tsProject(dockerignore: string, extra: Record<string, string> = {}): PlanCase {
  return {
    facts: tsFacts,
    files: {
      Dockerfile: tsBuild,
      '.dockerignore': dockerignore,
      'package.json': '{}',
      'package-lock.json': '{}',
      'tsconfig.json': '{}',
      'src/index.ts': '',
      ...extra,
    },
  };
}

describe('merging into an existing .dockerignore', () => {
  it('keeps every line, comment and order, and appends only what is missing under one marker', () => {
    const existing = [
      '# Dependencies',
      '**/node_modules/',
      'npm-debug.log',
      '',
      '# Docker',
      'Dockerfile*',
      '/.git',
      '*.pem',
      '.env',
    ].join('\n'); // no final newline
    const { first, second } = planTwice(tsProject(existing));
    expect(first.text).toBe(
      existing +
        '\n' +
        lines(
          '',
          '# Added by dockerize-ms',
          '.dockerignore',
          'docker-compose*.yml',
          'docker-compose*.yaml',
          'compose*.yml',
          'compose*.yaml',
          'dist',
          'coverage',
          '.nyc_output',
          '.npm',
          '**/*.log',
          '**/.env*',
          '!**/.env.example',
          '*.key',
          '.idea',
          '.vscode',
          '**/.DS_Store',
          '**/*.swp',
        ),
    );
    expect(first.notes.map((n) => n.id)).toEqual(['dockerignore-updated']);
    expect(first.notes[0].message).toMatch(/Added 17 rules to \.dockerignore/);
    expect(second.text).toBeNull();
    expect(second.notes).toEqual([]);
  });

  it('keeps CRLF line endings', () => {
    const existing = '# mine\r\nnode_modules\r\n';
    const { first, second } = planTwice(tsProject(existing));
    expect(first.text!.startsWith(existing + '\r\n# Added by dockerize-ms\r\n.git\r\n')).toBe(true);
    expect(first.text!.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(second.text).toBeNull();
  });

  it('respects a deny-all file by adding exceptions for what the new build stage copies', () => {
    const existing = lines('# Only what the image needs', '*', '!src', '!package.json', '!package-lock.json');
    const { first, second } = planTwice(tsProject(existing));
    expect(first.text).toBe(existing + lines('', '# Added by dockerize-ms', '!tsconfig.json'));
    expect(first.notes.map((n) => n.id)).toEqual(['dockerignore-exceptions-added', 'dockerignore-updated']);
    expect(first.notes[0].message).toContain('tsconfig.json');
    expect(second.text).toBeNull();
  });

  it('does not undo an exception the owner wrote', () => {
    const existing = lines('dist', '!dist/schema.json', '.env.*', '!.env.defaults');
    const { first } = planTwice(tsProject(existing));
    const added = first.text!.slice(existing.length);
    // A `dist` or `**/.env*` rule below the owner's exceptions would win over them.
    expect(added).not.toMatch(/^dist$/m);
    expect(added).not.toMatch(/^\*\*\/\.env\*$/m);
    expect(added).toMatch(/^\*\*\/node_modules$/m);
  });

  it('re-includes a source the owner hid, and says so', () => {
    const prebuilt = lines(
      'FROM node:20-slim',
      'COPY package.json ./',
      'COPY dist ./dist',
      'CMD ["node", "dist/index.js"]',
    );
    const c = tsProject(lines('dist', 'package.json'), { Dockerfile: prebuilt, 'dist/index.js': '' });
    const { first, second } = planTwice(c);
    expect(first.text).toMatch(/\n!package\.json\n!dist\n$/);
    expect(first.notes.find((n) => n.id === 'dockerignore-exceptions-added')?.message).toContain(
      'package.json, dist',
    );
    expect(second.text).toBeNull();
  });

  it('re-includes a lockfile that a package*.json glob copies', () => {
    const c = tsProject(lines('package-lock.json'), {
      Dockerfile: lines(
        'FROM node:20',
        'COPY package*.json ./',
        'RUN npm ci',
        'COPY . .',
        'RUN npm run build',
      ),
    });
    expect(planTwice(c).first.text).toMatch(/\n!package\*\.json\n$/);
  });

  it('appends to the existing section instead of opening a second one', () => {
    const existing = lines('# mine', 'tmp', '', '# Added by dockerize-ms', '.git', '**/node_modules');
    const { first, second } = planTwice(tsProject(existing));
    expect(first.text!.match(/# Added by dockerize-ms/g)).toHaveLength(1);
    expect(first.text!.startsWith(existing + lines('.dockerignore', 'Dockerfile'))).toBe(true);
    expect(second.text).toBeNull();
  });

  it('changes nothing when the file has every rule already', () => {
    const { first } = planTwice(tsProject(''));
    const { first: again } = planTwice(tsProject(first.text!));
    expect(again.text).toBeNull();
  });
});

describe('merge helpers', () => {
  it('missingEntries writes a rule with its exceptions, or neither', () => {
    const entries = [
      { pattern: 'target', except: ['target/*.jar'] },
      { pattern: '.gradle', except: [] },
    ];
    expect(missingEntries('', entries).lines).toEqual(['target', '!target/*.jar', '.gradle']);
    expect(missingEntries('target/\n', entries).lines).toEqual(['.gradle']);
    expect(missingEntries('*\n', entries).lines).toEqual([]);
  });

  it('appendSection separates the section from the last block and writes the marker once', () => {
    expect(appendSection('', ['a'])).toBe(lines('# Added by dockerize-ms', 'a'));
    expect(appendSection('x', ['a'])).toBe(lines('x', '', '# Added by dockerize-ms', 'a'));
    expect(appendSection('x\n\n', ['a'])).toBe(lines('x', '', '# Added by dockerize-ms', 'a'));
    expect(appendSection(lines('# Added by dockerize-ms', 'a'), ['b'])).toBe(
      lines('# Added by dockerize-ms', 'a', 'b'),
    );
    expect(appendSection('x\n', [])).toBe('x\n');
  });
});
