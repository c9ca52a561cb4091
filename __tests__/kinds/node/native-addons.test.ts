import {
  isKnownNativeAddon,
  npmLockInstallScripts,
  pnpmKeyName,
  pnpmLockRequiresBuild,
} from '../../../src/kinds/node/native-addons';
import { dockerfile, node } from '../helpers';

const NPM_LOCK_V3 = JSON.stringify(
  {
    name: 'api',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': {
        name: 'api',
        version: '1.0.0',
        dependencies: { argon2: '^0.31.2', express: '^4.19.2', 'core-js': '^3.36.0' },
        devDependencies: { husky: '^9.0.11', 'node-pty-prebuilt': '^1.0.0' },
      },
      'node_modules/argon2': {
        version: '0.31.2',
        resolved: 'https://registry.npmjs.org/argon2/-/argon2-0.31.2.tgz',
        integrity:
          'sha512-QSnJ8By5Mth60IEte45w9Y7v6bWcQw3YhRtJKKN8oNCxnTLDiv/AXXkDPf2srTMfxFVn3QJdVv2nhXESsUa+Yg==',
        hasInstallScript: true,
        dependencies: { '@mapbox/node-pre-gyp': '^1.0.11', 'node-addon-api': '^7.1.0' },
        engines: { node: '>=14.0.0' },
      },
      'node_modules/core-js': {
        version: '3.36.0',
        hasInstallScript: true,
        funding: { type: 'opencollective' },
      },
      'node_modules/express': { version: '4.19.2' },
      'node_modules/husky': { version: '9.0.11', dev: true, hasInstallScript: true },
      'node_modules/node-pty-prebuilt': { version: '1.0.0', dev: true, hasInstallScript: true },
      'node_modules/ws/node_modules/@acme/native-hash': { version: '2.0.0', hasInstallScript: true },
      'packages/shared': { name: '@acme/shared', version: '0.0.0', hasInstallScript: true },
    },
  },
  null,
  2,
);

const PNPM_LOCK_V6 = `lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

dependencies:
  argon2:
    specifier: ^0.31.2
    version: 0.31.2

packages:

  /@mapbox/node-pre-gyp@1.0.11:
    resolution: {integrity: sha512-Yhlar6v9WQgUp/He7BdgzOz8lqMQ8sU+jkCq7Wx8Myc5YFJLbEe7lgui/V7G1qB1DJykHSGwreceSaD60Y0PUQ==}
    hasBin: true
    dependencies:
      detect-libc: 2.0.2
    dev: false

  /@swc/core@1.4.0(@swc/helpers@0.5.6):
    resolution: {integrity: sha512-wc5DMI5BJftnK0Fyx9SNJKkA0+BZSJQx8430yutWmsILkHMBD3Yd9GhlMaxasab9RhgKqZp7Ht30hUYO5ZDvQg==}
    engines: {node: '>=10'}
    requiresBuild: true
    dev: false

  /argon2@0.31.2:
    resolution: {integrity: sha512-QSnJ8By5Mth60IEte45w9Y7v6bWcQw3YhRtJKKN8oNCxnTLDiv/AXXkDPf2srTMfxFVn3QJdVv2nhXESsUa+Yg==}
    engines: {node: '>=14.0.0'}
    requiresBuild: true
    dependencies:
      '@mapbox/node-pre-gyp': 1.0.11
    dev: false

  /esbuild@0.19.12:
    resolution: {integrity: sha512-aARqgq8roFBj054KvQr5f1sFu0D65G+miZRCuJyJ0G13Zwx7vRar5Zhn2tkQNzIXcBrNVsv/8stehpj+GAjgbg==}
    requiresBuild: true
    dev: true
`;

describe('native addons', () => {
  it('matches known addons among dependencies and devDependencies', () => {
    const facts = node({
      'package.json': {
        name: 'api',
        dependencies: { bcrypt: '^5.1.1', sharp: '^0.33.2', '@prisma/client': '^5.10.0', express: '^4.19.2' },
        devDependencies: { prisma: '^5.10.0', 'better-sqlite3': '^9.4.3', typescript: '^5.4.2' },
        optionalDependencies: { bufferutil: '^4.0.8' },
      },
    });
    expect(facts.nativeAddons).toEqual([
      '@prisma/client',
      'bcrypt',
      'better-sqlite3',
      'bufferutil',
      'prisma',
      'sharp',
    ]);
  });

  it('knows the usual suspects and whole native scopes', () => {
    for (const name of [
      'canvas',
      'sqlite3',
      'node-sass',
      're2',
      'node-pty',
      'kerberos',
      'libxmljs',
      'zeromq',
    ]) {
      expect(isKnownNativeAddon(name)).toBe(true);
    }
    for (const name of [
      'sodium-native',
      'cpu-features',
      'isolated-vm',
      'leveldown',
      '@tensorflow/tfjs-node',
    ]) {
      expect(isKnownNativeAddon(name)).toBe(true);
    }
    for (const name of [
      'onnxruntime-node',
      'farmhash',
      'microtime',
      'utf-8-validate',
      '@node-rs/argon2',
      '@img/sharp-linux-x64',
    ]) {
      expect(isKnownNativeAddon(name)).toBe(true);
    }
    expect(isKnownNativeAddon('express')).toBe(false);
  });

  it('reads non-dev install scripts from an npm v3 lockfile, nested and scoped, minus harmless ones', () => {
    expect(npmLockInstallScripts(NPM_LOCK_V3).sort()).toEqual(['@acme/native-hash', 'argon2', 'core-js']);
    const facts = node({
      'package.json': {
        name: 'api',
        dependencies: { argon2: '^0.31.2', express: '^4.19.2', 'core-js': '^3.36.0' },
      },
      'package-lock.json': NPM_LOCK_V3,
    });
    expect(facts.nativeAddons).toEqual(['@acme/native-hash', 'argon2']);
  });

  it('does not parse an npm lockfile that has no install scripts', () => {
    expect(npmLockInstallScripts('{ "lockfileVersion": 3, "packages": { not json')).toEqual([]);
    expect(npmLockInstallScripts('{ "hasInstallScript": true, not json')).toEqual([]);
  });

  it('reads requiresBuild from a pnpm lockfile by line scan, skipping dev packages', () => {
    expect(pnpmLockRequiresBuild(PNPM_LOCK_V6)).toEqual(['@swc/core', 'argon2']);
    expect(pnpmLockRequiresBuild(PNPM_LOCK_V6.replace(/\n/g, '\r\n'))).toEqual(['@swc/core', 'argon2']);
    expect(
      pnpmLockRequiresBuild(
        'lockfileVersion: 5.4\n\npackages:\n\n  /sharp/0.32.6:\n    resolution: {integrity: sha512-x}\n    requiresBuild: true\n    dev: false\n',
      ),
    ).toEqual(['sharp']);
    const facts = node({
      'package.json': { name: 'api', dependencies: { argon2: '^0.31.2' } },
      'pnpm-lock.yaml': PNPM_LOCK_V6,
    });
    expect(facts.nativeAddons).toEqual(['@swc/core', 'argon2']);
  });

  it('names pnpm lockfile keys of every lockfile version', () => {
    expect(pnpmKeyName('  /sharp/0.32.6:')).toBe('sharp');
    expect(pnpmKeyName('  /@node-rs/bcrypt/1.9.0_react@18.2.0:')).toBe('@node-rs/bcrypt');
    expect(pnpmKeyName('  /bcrypt@5.1.1:')).toBe('bcrypt');
    expect(pnpmKeyName("  '@swc/core@1.4.0(@swc/helpers@0.5.6)':")).toBe('@swc/core');
    expect(pnpmKeyName('  canvas@2.11.2:')).toBe('canvas');
    expect(pnpmKeyName('  link:../shared:')).toBeNull();
  });

  it('counts the packages pnpm and bun are allowed to build', () => {
    const facts = node({
      'package.json': {
        name: 'api',
        dependencies: { 'my-native': '^1.0.0' },
        pnpm: { onlyBuiltDependencies: ['my-native', 'esbuild'] },
        trustedDependencies: ['bun-native-thing'],
      },
    });
    expect(facts.nativeAddons).toEqual(['bun-native-thing', 'my-native']);
  });

  it("includes a workspace root's dependencies for a member", () => {
    const facts = node(
      {
        'package.json': {
          name: 'repo',
          private: true,
          workspaces: ['apps/*'],
          devDependencies: { sharp: '^0.33.2' },
        },
        'apps/api/package.json': { name: 'api', dependencies: { express: '^4.19.2' } },
      },
      dockerfileCopying('apps/api/package.json'),
    );
    expect(facts.nativeAddons).toEqual(['sharp']);
  });
});

function dockerfileCopying(src: string) {
  return dockerfile('FROM node:20-alpine', 'WORKDIR /app', 'COPY package.json ./', `COPY ${src} ${src}`);
}
