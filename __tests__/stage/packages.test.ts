import { installsCompilers, isBuildOnlyPackage, systemInstall } from '../../src/stage/packages';

describe('build-only system packages', () => {
  it('are compilers, headers, JDKs and build tools, whatever the kind, version pins ignored', () => {
    const buildOnly = [
      'build-essential',
      'gcc=4:12.2.0-3',
      'g++-12',
      'libpq-dev',
      'openssl-devel',
      'python3',
      'node-gyp',
      'git',
      'maven',
      'gradle',
      'ant',
      'openjdk-17-jdk',
      'openjdk-17-jdk-headless',
      'openjdk17',
      'default-jdk',
      'java-17-openjdk-devel',
    ];
    expect(buildOnly.filter((p) => !isBuildOnlyPackage(p))).toEqual([]);
  });

  it('leave what an app may use at run time', () => {
    const runtime = [
      'curl',
      'fontconfig',
      'openjdk-17-jre-headless',
      'default-jre',
      'tini',
      'libpq5',
      'ffmpeg',
    ];
    expect(runtime.filter(isBuildOnlyPackage)).toEqual([]);
  });

  it('tell a C/C++ toolchain, which builds native addons', () => {
    expect(installsCompilers(['curl', 'make=4.3-4.1'])).toBe(true);
    expect(installsCompilers(['build-base'])).toBe(true);
    expect(installsCompilers(['git', 'libpq-dev', 'openjdk-17-jdk'])).toBe(false);
  });
});

describe('systemInstall', () => {
  it.each([
    ['apt-get install -y curl', ['curl']],
    ['apt-get -y install --no-install-recommends ffmpeg imagemagick', ['ffmpeg', 'imagemagick']],
    ['apt-get -o Dpkg::Options::=--force-confold -qq install tini', ['tini']],
    ['apt-get -t bookworm-backports install git', ['git']],
    ['apt-get update', []],
    ['apk add --no-cache libc6-compat', ['libc6-compat']],
    ['apk add --virtual .build-deps python3 make g++', []],
  ])('%s installs %j', (command, packages) => {
    expect(systemInstall(command.split(' '))?.packages).toEqual(packages);
  });

  it('is null for another program', () => {
    expect(systemInstall(['npm', 'install'])).toBeNull();
  });
});
