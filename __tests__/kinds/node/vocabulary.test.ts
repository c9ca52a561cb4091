import { nodeRunBuilds, readNodeRun } from '../../../src/kinds/node/commands';
import { detectBundler } from '../../../src/kinds/node/frameworks';
import {
  packageRunnerCommand,
  runsBuildProgram,
  scriptRun,
  scriptRunsBuild,
} from '../../../src/kinds/node/vocabulary';

describe('Node build vocabulary', () => {
  it('tells the programs that build, directly or through a package runner', () => {
    const builds = [
      ['tsc', '-p', '.'],
      ['npx', 'webpack', '--mode', 'production'],
      ['pnpm', 'exec', 'next', 'build'],
      ['yarn', 'dlx', 'ncc', 'build'],
      ['bunx', 'ng', 'build'],
      ['nx', 'run', 'api:build'],
      ['turbo', 'run', 'build', '--filter=api'],
      ['npx', '-y', 'prisma', 'generate'],
    ];
    expect(builds.filter((w) => !runsBuildProgram(w))).toEqual([]);
    const others = [
      ['npx', 'next', 'telemetry', 'disable'],
      ['next', 'start'],
      ['vite'],
      ['turbo', 'prune', 'web', '--docker'],
      ['npm', 'run', 'build'],
    ];
    expect(others.filter((w) => runsBuildProgram(w))).toEqual([]);
  });

  it('finds the package script a command runs, options before it skipped', () => {
    expect(scriptRun(['npm', 'run', 'build'])).toBe('build');
    expect(scriptRun(['npm', '--workspace', 'apps/api', 'run', 'build'])).toBe('build');
    expect(scriptRun(['pnpm', '--filter', '@acme/api', 'build'])).toBe('build');
    expect(scriptRun(['yarn', 'start'])).toBe('start');
    expect(scriptRun(['npm', 'start'])).toBe('start');
    expect(scriptRun(['bun', 'build', './src/index.ts'])).toBe('build');
    expect(scriptRun(['yarn', 'install', '--frozen-lockfile'])).toBeNull();
    expect(scriptRun(['yarn', 'workspace', 'api', 'build'])).toBeNull();
    expect(scriptRun(['npm', 'ci'])).toBeNull();
    expect(scriptRun(['node', 'run', 'x'])).toBeNull();
  });

  it('unwraps package runners', () => {
    expect(packageRunnerCommand(['npx', '-p', 'typescript', 'tsc', '-v'])).toEqual(['tsc', '-v']);
    expect(packageRunnerCommand(['/usr/local/bin/npx', 'x'])).toEqual(['x']);
    expect(packageRunnerCommand(['npm', 'exec', '--', 'tsc'])).toEqual(['tsc']);
    expect(packageRunnerCommand(['npm', 'x'])).toBeNull();
  });

  it('reads script text for build programs', () => {
    expect(scriptRunsBuild('rimraf dist && tsc -p tsconfig.build.json')).toBe(true);
    expect(scriptRunsBuild('cross-env NODE_ENV=production webpack')).toBe(true);
    expect(scriptRunsBuild('nx run-many --target=build')).toBe(true);
    expect(scriptRunsBuild('next start -p 3000')).toBe(false);
  });

  it('uses the same words for a RUN line, the ignore rules and the bundler', () => {
    expect(readNodeRun('ng build --configuration production').build).toBe(true);
    expect(readNodeRun('npx next telemetry disable').build).toBe(false);
    expect(nodeRunBuilds('npm run build:server')).toBe(true);
    expect(nodeRunBuilds('npm run compile', { compile: 'babel src -d lib' })).toBe(true);
    expect(nodeRunBuilds('npm run compile', { compile: 'node scripts/compile.js' })).toBe(false);
    // A script that runs another build program says nothing of a bundler among the dependencies.
    expect(detectBundler('babel src -d dist', new Set(['webpack']))).toBeNull();
    expect(detectBundler('node build.js', new Set(['webpack']))).toBe('webpack');
    expect(detectBundler('ncc build index.js', new Set())).toBe('ncc');
  });
});
