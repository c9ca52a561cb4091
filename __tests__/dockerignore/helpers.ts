// Test helpers: ProjectFacts with defaults, and a plan run over an in-memory project.
import { parseDockerfile } from '../../src/dockerfile/model';
import { memoryView } from '../../src/pipeline/project-view';
import type { JavaFacts, NodeFacts, ProjectFacts } from '../../src/contract/facts';
import { planIgnoreFile } from '../../src/dockerignore';
import { kindSupport } from '../../src/kinds';

export function nodeFacts(node: Partial<NodeFacts> = {}): ProjectFacts {
  return {
    kind: 'node',
    kindReason: null,
    startShells: [],
    startScripts: [],
    java: null,
    node: {
      packageManager: 'npm',
      yarnFlavor: null,
      packageManagerSource: 'lockfile',
      packageManagerVersion: null,
      yarnNodeLinker: null,
      yarnPath: null,
      yarnWorkspaceTools: false,
      yarnGlobalCache: null,
      yarnCacheFolder: null,
      lockfile: 'package-lock.json',
      packageManagerField: null,
      packageDir: '.',
      manifest: 'package.json',
      name: 'app',
      scripts: {},
      buildScript: null,
      startScript: null,
      dependencies: [],
      devDependencies: [],
      nativeAddons: [],
      nvmrc: null,
      nodeVersionFile: null,
      engines: null,
      framework: null,
      nextStandalone: false,
      nextContextFolders: [],
      browserDownloads: [],
      nextConfig: null,
      nextDistDir: null,
      nextPublicDir: false,
      hasServerJs: false,
      typescript: false,
      tsconfig: null,
      tsOutDir: null,
      bundler: null,
      workspaces: [],
      devOnly: [],
      devBins: {},
      devLoaded: [],
      sourceScanIncomplete: null,
      lockfileSync: null,
      ...node,
    },
  };
}

export function javaFacts(java: Partial<JavaFacts> = {}): ProjectFacts {
  return {
    kind: 'java',
    kindReason: null,
    startShells: [],
    startScripts: [],
    node: null,
    java: {
      buildTool: 'maven',
      wrapper: false,
      wrapperDir: null,
      moduleDir: '.',
      buildFile: null,
      modules: [],
      buildsInImage: false,
      copiedArtifact: null,
      kotlinDsl: false,
      release: 17,
      packaging: 'jar',
      artifactName: null,
      artifactDir: 'target',
      springBoot: null,
      shadow: false,
      fatJar: null,
      libDir: null,
      applicationPlugin: false,
      ...java,
    },
  };
}

export interface PlanCase {
  files: Record<string, string>;
  facts: ProjectFacts;
  /** Path of the Dockerfile in `files` (default `Dockerfile`). */
  dockerfile?: string;
  ignoreFile?: string;
}

/** Plans the ignore file for an in-memory project. */
export function plan(c: PlanCase) {
  const dockerfile = c.dockerfile ?? 'Dockerfile';
  return planIgnoreFile({
    view: memoryView(c.files),
    model: parseDockerfile(c.files[dockerfile]),
    facts: c.facts,
    ignoreFile: c.ignoreFile ?? '.dockerignore',
    dockerfile,
    kindRules: kindSupport(c.facts.kind)?.ignoreRules ?? null,
  });
}

/** Plans, writes the result into the project and plans again (the second run must add nothing). */
export function planTwice(c: PlanCase) {
  const first = plan(c);
  const ignoreFile = c.ignoreFile ?? '.dockerignore';
  const files = first.text === null ? c.files : { ...c.files, [ignoreFile]: first.text };
  return { first, second: plan({ ...c, files }), files };
}

/** Lines joined with LF and a final newline, for exact expectations. */
export const lines = (...items: string[]): string => items.map((l) => l + '\n').join('');
