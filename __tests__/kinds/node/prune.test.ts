import { installerFacts, pruneBlocker, pruneCommand, pruneRun } from '../../../src/kinds/node/prune';
import { readNodeStage } from '../../../src/kinds/node/stage';
import { dockerfile, node } from '../helpers';

const PKG = {
  name: 'api',
  version: '1.0.0',
  dependencies: { express: '^4.18.0' },
  devDependencies: { typescript: '^5.0.0' },
};
const PNPM_LOCK = (express = '^4.18.0') =>
  `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      express:\n        specifier: ${express}\n        version: 4.21.2\n    devDependencies:\n      typescript:\n        specifier: ^5.0.0\n        version: 5.7.3\n`;

/** Facts, stage reading and model for a project and the lines of its Dockerfile. */
function setup(files: Record<string, string | object>, ...lines: string[]) {
  const model = dockerfile('FROM node:20', 'WORKDIR /app', ...lines);
  const facts = node(files, model);
  return { model, facts, reading: readNodeStage(model, facts) };
}

describe('pnpm prune and its lockfile', () => {
  it('prunes frozen (CI=true) only from a lockfile in sync that the install had', () => {
    const { facts, reading } = setup(
      { 'package.json': PKG, 'pnpm-lock.yaml': PNPM_LOCK() },
      'COPY package.json pnpm-lock.yaml ./',
      'RUN pnpm install --frozen-lockfile',
      'COPY . .',
    );
    expect(pruneBlocker(facts, reading)).toBeNull();
    expect(pruneCommand(facts, 20)).toBe('CI=true pnpm install --prod --offline --ignore-scripts');
  });

  it('does not prune from an outdated lockfile, nor from one the install ran without', () => {
    const outdated = setup(
      { 'package.json': PKG, 'pnpm-lock.yaml': PNPM_LOCK('^4.17.0') },
      'COPY package.json pnpm-lock.yaml ./',
      'RUN pnpm install',
      'COPY . .',
    );
    expect(pruneBlocker(outdated.facts, outdated.reading)).toMatchObject({
      id: 'prune-lockfile-differs',
      reduced: true,
      message: expect.stringContaining('express@^4.18.0'),
    });
    const late = setup(
      { 'package.json': PKG, 'pnpm-lock.yaml': PNPM_LOCK() },
      'COPY package.json ./',
      'RUN pnpm install',
      'COPY . .',
    );
    expect(pruneBlocker(late.facts, late.reading)?.message).toMatch(/not copied in before the install/);
  });

  it('prunes unfrozen with no lockfile in the context, by the manager the image installs with', () => {
    const { facts, reading } = setup({ 'package.json': PKG }, 'COPY . .', 'RUN pnpm install');
    expect(facts.packageManager).toBe('npm');
    const installer = installerFacts(facts, reading);
    expect(installer.packageManager).toBe('pnpm');
    expect(pruneBlocker(installer, reading)).toBeNull();
    expect(pruneCommand(installer, 20)).toBe(
      'CI=true pnpm install --prod --offline --ignore-scripts --no-frozen-lockfile',
    );
  });

  it('does not prune with one manager what another installed when the context names the first', () => {
    const { facts, reading } = setup(
      { 'package.json': PKG, 'package-lock.json': '{"lockfileVersion":3,"packages":{}}' },
      'COPY . .',
      'RUN yarn install',
    );
    const installer = installerFacts(facts, reading);
    expect(installer.packageManager).toBe('npm');
    expect(pruneBlocker(installer, reading)).toMatchObject({ id: 'prune-manager-differs', reduced: true });
  });
});

describe('pruneRun', () => {
  it('carries the cache mounts, variables and store options of the last full install', () => {
    const { model, reading } = setup(
      { 'package.json': PKG, 'pnpm-lock.yaml': PNPM_LOCK() },
      'COPY . .',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=cache,id=pnpm,target=/pnpm/store \\',
      '    CI=true PNPM_HOME="/p h" pnpm install --frozen-lockfile --store-dir /pnpm/store --virtual-store-dir=.vs',
    );
    expect(pruneRun(model, reading, 'CI=true pnpm install --prod --offline')).toBe(
      '--mount=type=cache,id=pnpm,target=/pnpm/store PNPM_HOME="/p h" CI=true pnpm install --prod --offline --store-dir /pnpm/store --virtual-store-dir=.vs',
    );
  });

  it('leaves npm prune alone: it only deletes, and needs no cache', () => {
    const { model, reading } = setup(
      { 'package.json': PKG },
      'COPY . .',
      'RUN --mount=type=cache,target=/root/.npm npm ci',
    );
    expect(pruneRun(model, reading, 'npm prune --omit=dev')).toBe('npm prune --omit=dev');
  });
});
