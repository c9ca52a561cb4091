// planIgnoreFile end to end on small projects: where the file goes, what it says, what it must not hide.
import { parseDockerfile } from '../../src/dockerfile/model';
import { memoryView } from '../../src/pipeline/project-view';
import { nodeRules } from '../../src/kinds/node/ignore-rules';
import { planIgnoreFile } from '../../src/dockerignore';
import { javaFacts, lines, nodeFacts, plan, planTwice } from './helpers';

const ids = (notes: { id: string }[]) => notes.map((n) => n.id);
const ruleSet = (text: string | null) => new Set((text ?? '').split('\n'));

const express = {
  'package.json': '{}',
  'package-lock.json': '{}',
  'src/server.js': '',
};
const simpleNode = lines(
  'FROM node:20',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm ci',
  'CMD ["node", "src/server.js"]',
);

describe('planIgnoreFile', () => {
  it('excludes node_modules and .git but never manifests, lockfiles or sources', () => {
    const { text } = plan({ facts: nodeFacts(), files: { Dockerfile: simpleNode, ...express } });
    const rules = ruleSet(text);
    expect(rules).toContain('**/node_modules');
    expect(rules).toContain('.git');
    for (const kept of ['package.json', 'package-lock.json', 'src', 'tsconfig.json']) {
      expect(rules).not.toContain(kept);
    }
  });

  it('writes a per-Dockerfile file from scratch when the context has no .dockerignore', () => {
    const result = plan({
      facts: nodeFacts(),
      dockerfile: 'docker/build.Dockerfile',
      ignoreFile: 'docker/build.Dockerfile.dockerignore',
      files: { 'docker/build.Dockerfile': simpleNode, ...express },
    });
    expect(result.text).toMatch(/^# Added by dockerize-ms\n\.git\n\.dockerignore\n/);
    expect(result.text).toContain('\ndocker/build.Dockerfile.dockerignore\ndocker/build.Dockerfile\n');
    expect(ids(result.notes)).toEqual(['dockerignore-created', 'dockerignore-per-dockerfile']);
    expect(result.notes[1].message).toMatch(/legacy builder/);
  });

  it('merges into an existing per-Dockerfile file without seeding it again', () => {
    const existing = lines('# api only', 'docs');
    const result = plan({
      facts: nodeFacts(),
      dockerfile: 'api.Dockerfile',
      ignoreFile: 'api.Dockerfile.dockerignore',
      files: {
        'api.Dockerfile': simpleNode,
        'api.Dockerfile.dockerignore': existing,
        '.dockerignore': lines('root-only-rule'),
        ...express,
      },
    });
    expect(result.text!.startsWith(existing + '\n# Added by dockerize-ms\n')).toBe(true);
    expect(result.text).not.toContain('root-only-rule');
    expect(ids(result.notes)).toEqual(['dockerignore-updated', 'dockerignore-per-dockerfile']);
  });

  it('seeds a new per-Dockerfile file with the root rules', () => {
    const root = plan({ facts: nodeFacts(), files: { Dockerfile: simpleNode, ...express } }).text!;
    const result = plan({
      facts: nodeFacts(),
      ignoreFile: 'Dockerfile.dockerignore',
      files: { Dockerfile: simpleNode, '.dockerignore': root, ...express },
    });
    // Only the per-Dockerfile file's own name is missing from the root rules.
    expect(result.text).toBe(root + 'Dockerfile.dockerignore\n');
    expect(ids(result.notes)).toEqual([
      'dockerignore-created',
      'dockerignore-seeded',
      'dockerignore-per-dockerfile',
    ]);
  });

  it('leaves an absent per-Dockerfile file absent when the root file already has every rule', () => {
    const root = plan({ facts: nodeFacts(), files: { Dockerfile: simpleNode, ...express } }).text!;
    const result = plan({
      facts: nodeFacts(),
      ignoreFile: 'Dockerfile.dockerignore',
      files: { Dockerfile: simpleNode, '.dockerignore': root + 'Dockerfile.dockerignore\n', ...express },
    });
    expect(result).toEqual({ text: null, notes: [] });
  });

  it('writes no rule for a Dockerfile outside the context', () => {
    const result = planIgnoreFile({
      view: memoryView({ ...express }),
      model: parseDockerfile(simpleNode),
      facts: nodeFacts(),
      ignoreFile: '.dockerignore',
      dockerfile: '../ops/Dockerfile',
      kindRules: nodeRules,
    });
    expect(result.text).toMatch(/\n\.dockerignore\ndocker-compose/);
    expect(result.text).not.toMatch(/Dockerfile\n/);
  });

  it('warns when a per-Dockerfile file beside the Dockerfile shadows the root one', () => {
    const result = plan({
      facts: nodeFacts(),
      files: { Dockerfile: simpleNode, 'Dockerfile.dockerignore': '.git\n', ...express },
    });
    expect(ids(result.notes)).toContain('dockerignore-shadowed');
  });

  it('leaves out a rule that would hide a folder the Dockerfile copies whole', () => {
    const prebuiltDeps = lines(
      'FROM node:20-slim',
      'COPY node_modules ./node_modules',
      'COPY src ./src',
      'CMD ["node", "src/server.js"]',
    );
    const { text } = plan({
      facts: nodeFacts(),
      files: { Dockerfile: prebuiltDeps, 'node_modules/x/index.js': '', ...express },
    });
    expect(ruleSet(text)).not.toContain('**/node_modules');
  });

  it('keeps an env file the Dockerfile copies on purpose with an exception', () => {
    const dockerfile = lines(
      'FROM node:20',
      'COPY src ./src',
      'COPY .env.production ./',
      'CMD ["node", "src/server.js"]',
    );
    const { text } = plan({
      facts: nodeFacts(),
      files: { Dockerfile: dockerfile, '.env.production': 'X=1', '.env.local': 'Y=1', ...express },
    });
    expect(text).toContain('**/.env*\n!**/.env.example\n!.env.production\n');
  });

  it('leaves env and key files the original image holds in it, with a note, and hides those it does not', () => {
    const files = { '.env': 'SECRET=1', 'server.key': 'k', 'ca.pem': 'c', ...express };
    const copyAll = plan({
      facts: nodeFacts(),
      files: { Dockerfile: lines('FROM node:20', 'COPY . .'), ...files },
    });
    expect(copyAll.text).not.toMatch(/^(\*\*\/\.env\*|\*\.key|\*\.pem)$/m);
    const kept = copyAll.notes.find((n) => n.id === 'dockerignore-secret-kept');
    expect(kept?.message).toContain('.env, ca.pem, server.key');
    const copySrc = plan({
      facts: nodeFacts(),
      files: { Dockerfile: lines('FROM node:20', 'COPY src ./src'), ...files },
    });
    expect(copySrc.text).toMatch(/^\*\*\/\.env\*$/m);
    expect(copySrc.text).toMatch(/^\*\.key$/m);
    expect(copySrc.text).toMatch(/^\*\.pem$/m);
    expect(copySrc.notes.map((n) => n.id)).not.toContain('dockerignore-secret-kept');
  });

  it('keeps a non-example env file in the context when the build tool reads it', () => {
    const facts = nodeFacts({ bundler: 'vite', devDependencies: ['vite'], scripts: { build: 'vite build' } });
    const dockerfile = lines(
      'FROM node:20 AS build',
      'COPY . .',
      'RUN npm ci && npm run build',
      'FROM nginx:alpine',
      'COPY --from=build /dist /usr/share/nginx/html',
    );
    const { text } = plan({
      facts,
      files: { Dockerfile: dockerfile, '.env.production': 'VITE_API=/api', ...express },
    });
    expect(ruleSet(text)).toContain('**/.env*.local');
    expect(ruleSet(text)).not.toContain('**/.env*');
  });

  it('says when a deny-all file leaves nothing of the context to copy', () => {
    const result = plan({
      facts: nodeFacts(),
      files: { Dockerfile: simpleNode, '.dockerignore': '*\n', ...express },
    });
    expect(ids(result.notes)).toContain('dockerignore-hides-copy');
  });

  it('writes the common rules for a project of unknown kind', () => {
    const result = plan({
      facts: {
        kind: null,
        kindReason: 'FROM golang:1.22',
        node: null,
        java: null,
        startShells: [],
        startScripts: [],
      },
      files: { Dockerfile: lines('FROM golang:1.22', 'COPY . .') },
    });
    expect(result.text).toMatch(/^# Added by dockerize-ms\n\.git\n/);
    expect(result.text).not.toContain('node_modules');
    expect(result.notes[0].message).toMatch(/for a container build/);
  });

  it('keeps the Maven wrapper jar when the wrapper cannot download it', () => {
    const dockerfile = lines(
      'FROM maven:3.9 AS build',
      'COPY . .',
      'RUN ./mvnw package',
      'FROM eclipse-temurin:17-jre',
      'COPY --from=build /target/app.jar /app.jar',
    );
    const files = {
      Dockerfile: dockerfile,
      'pom.xml': '<project/>',
      mvnw: '#!/bin/sh\nexec java -jar x\n',
      '.mvn/wrapper/maven-wrapper.jar': 'PK',
    };
    const { text } = plan({ facts: javaFacts({ wrapper: true }), files });
    expect(ruleSet(text)).not.toContain('.mvn/wrapper/maven-wrapper.jar');
    expect(ruleSet(text)).toContain('target');
  });

  it('excludes Gradle build output and caches but not the wrapper or build scripts', () => {
    const dockerfile = lines(
      'FROM gradle:8-jdk17 AS build',
      'COPY . .',
      'RUN gradle build',
      'FROM eclipse-temurin:17-jre',
      'COPY --from=build /home/gradle/build/libs/app.jar /app.jar',
    );
    const { first, second } = planTwice({
      facts: javaFacts({ buildTool: 'gradle', artifactDir: 'build/libs' }),
      files: {
        Dockerfile: dockerfile,
        'build.gradle': '',
        'gradle/wrapper/gradle-wrapper.jar': 'PK',
        'build/libs/app.jar': 'PK',
      },
    });
    const rules = ruleSet(first.text);
    expect(rules).toContain('build');
    expect(rules).toContain('.gradle');
    expect(rules).not.toContain('gradle');
    expect(rules).not.toContain('target');
    expect(second.text).toBeNull();
  });
});

describe('planIgnoreFile with the texts given by the caller', () => {
  const files = { Dockerfile: simpleNode, ...express };
  const input = (
    extra: { existing?: string | null; seed?: string | null },
    ignoreFile = '.dockerignore',
  ) => ({
    view: memoryView({ ...files, '.dockerignore': 'from the view\n', 'x.Dockerfile.dockerignore': 'own\n' }),
    model: parseDockerfile(simpleNode),
    facts: nodeFacts(),
    ignoreFile,
    dockerfile: ignoreFile === '.dockerignore' ? 'Dockerfile' : 'x.Dockerfile',
    kindRules: nodeRules,
    ...extra,
  });

  it('merges into the given text instead of reading the view, and the result starts with it', () => {
    const existing = '# r\u00e8gles maison, d\u00e9cod\u00e9es octet par octet\r\ndist\r\n';
    const result = planIgnoreFile(input({ existing }));
    expect(result.text!.startsWith(existing)).toBe(true);
    expect(result.text).not.toContain('from the view');
    expect(result.text!.slice(existing.length)).toMatch(/^\r\n# Added by dockerize-ms\r\n/);
    expect(ids(result.notes)).toContain('dockerignore-updated');
  });

  it('takes a null text as no file (created), and the given seed for a new per-Dockerfile file', () => {
    expect(ids(planIgnoreFile(input({ existing: null })).notes)).toContain('dockerignore-created');
    const seeded = planIgnoreFile(
      input({ existing: null, seed: 'seed rules\n' }, 'x.Dockerfile.dockerignore'),
    );
    expect(seeded.text!.startsWith('seed rules\n')).toBe(true);
    expect(seeded.text).not.toContain('from the view');
    expect(ids(seeded.notes)).toContain('dockerignore-seeded');
  });
});

describe('planIgnoreFile with the kind rules handed in', () => {
  const input = (kindRules: Parameters<typeof planIgnoreFile>[0]['kindRules']) => ({
    view: memoryView({ ...express }),
    model: parseDockerfile(simpleNode),
    facts: nodeFacts(),
    ignoreFile: '.dockerignore',
    dockerfile: 'Dockerfile',
    existing: null,
    kindRules,
  });

  it('writes the common rules only when no kind rules are given', () => {
    const rules = ruleSet(planIgnoreFile(input(null)).text);
    expect(rules.has('.git')).toBe(true);
    expect(rules.has('**/node_modules')).toBe(false);
  });

  it("writes the given kind's rules, guarded like the rest", () => {
    const custom = () => ({
      entries: [
        { pattern: 'fixtures', except: [] },
        { pattern: 'src', except: [] },
      ],
      notes: [],
      keep: ['src/server.js'],
      keepGit: null,
      envAtBuild: false,
    });
    const rules = ruleSet(planIgnoreFile(input(custom)).text);
    expect(rules.has('fixtures')).toBe(true);
    // The kind keeps src/server.js: a rule hiding it is dropped.
    expect(rules.has('src')).toBe(false);
  });
});
