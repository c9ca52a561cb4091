// Node project facts. (Minimal for now: package manager and scripts.)
import type { DockerfileModel } from '../dockerfile/model';
import type { ProjectView } from './project-view';
import type { NodeFacts } from './types';

export function detectNode(view: ProjectView, _model: DockerfileModel): NodeFacts {
  let pkg: Record<string, unknown> = {};
  try {
    pkg = JSON.parse(view.readText('package.json') ?? '{}');
  } catch {
    pkg = {};
  }
  const lockfile = [
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lockb',
    'bun.lock',
  ].find((f) => view.exists(f));
  const pm = lockfile?.startsWith('yarn')
    ? 'yarn'
    : lockfile?.startsWith('pnpm')
      ? 'pnpm'
      : lockfile?.startsWith('bun')
        ? 'bun'
        : 'npm';
  return {
    packageManager: pm,
    yarnFlavor: pm === 'yarn' ? 'classic' : null,
    lockfile: lockfile ?? null,
    packageManagerField: typeof pkg.packageManager === 'string' ? pkg.packageManager : null,
    packageDir: '.',
    name: typeof pkg.name === 'string' ? pkg.name : null,
    scripts: (pkg.scripts as Record<string, string>) ?? {},
    dependencies: Object.keys((pkg.dependencies as object) ?? {}),
    devDependencies: Object.keys((pkg.devDependencies as object) ?? {}),
    nativeAddons: [],
    nvmrc: null,
    engines: null,
    framework: null,
    nextStandalone: false,
    tsOutDir: null,
    workspaces: [],
  };
}
