// Java project facts: build tool, module, release, artifact and Spring Boot, from the context and the Dockerfile.
import path from 'node:path';
import type { DockerfileModel } from '../../dockerfile/model';
import { copySources } from '../../dockerfile/sources';
import { joinPath, upwards } from '../../dockerfile/context-paths';
import { gradleArtifact, gradleRelease, gradleSpringBoot, readGradle } from './gradle';
import { gradleDependencyInputs, mavenDependencyInputs } from './deps';
import { GRADLE_ARTIFACT_TASKS, taskName } from './vocabulary';
import { artifactModule, javaHints, type JavaHints } from './hints';
import { contextNamed } from './context-named';
import { readPom, mavenRelease, mavenSpringBoot, type Pom } from './maven';
import { mavenArtifact } from './maven-artifact';
import type { ProjectView } from '../../contract/project-view';
import type { JavaBuildTool, JavaFacts } from '../../contract/facts';

const hasPom = (view: ProjectView, dir: string) => view.exists(joinPath(dir, 'pom.xml'));
const hasGradle = (view: ProjectView, dir: string) =>
  ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'].some((f) =>
    view.exists(joinPath(dir, f)),
  );

/** Facts about the Java project the Dockerfile builds or copies in. */
export function detectJava(view: ProjectView, model: DockerfileModel): JavaFacts {
  const hints = javaHints(model);
  const tool = chooseTool(view, hints, model);
  const base: JavaFacts = {
    buildTool: tool,
    wrapper: false,
    wrapperDir: null,
    kotlinDsl: false,
    moduleDir: '.',
    buildFile: null,
    modules: [],
    buildsInImage: hints.buildsInImage,
    copiedArtifact: hints.copiedArtifact,
    release: null,
    packaging: 'jar',
    artifactName: null,
    artifactDir: null,
    springBoot: null,
    shadow: false,
    fatJar: null,
    libDir: null,
    applicationPlugin: false,
    copiedDirs: [...new Set(copySources(model).filter((s) => s !== '.' && view.isDirectory(s)))],
  };
  const facts: JavaFacts =
    tool === 'maven'
      ? { ...base, ...maven(view, hints, model) }
      : tool === 'gradle'
        ? { ...base, ...gradle(view, hints, model) }
        : base;
  const named = contextNamed(view, model, facts.fatJar === 'spring-boot' || facts.springBoot !== null);
  return named.length ? { ...facts, contextNamed: named } : facts;
}

/** Maven or Gradle from the files in the context; when both are there, the Dockerfile decides, else Maven. */
function chooseTool(view: ProjectView, hints: JavaHints, model: DockerfileModel): JavaBuildTool | null {
  const dirs = ['.', ...copySources(model).filter((s) => view.isDirectory(s))];
  const module = artifactModule(hints.copiedArtifact);
  if (module) dirs.unshift(module);
  const pom = dirs.some((d) => hasPom(view, d));
  const gradle = dirs.some((d) => hasGradle(view, d));
  if (pom && gradle) return hints.tool ?? 'maven';
  return pom ? 'maven' : gradle ? 'gradle' : null;
}

/** The first of the candidate folders that holds a build file, else the root; copied folders last. */
function pickModule(
  view: ProjectView,
  candidates: Array<string | null>,
  model: DockerfileModel,
  has: typeof hasPom,
): string {
  for (const c of candidates) if (c && has(view, c)) return c;
  // A root without a build file: the first copied folder that has one (`COPY service/ .`).
  if (!has(view, '.')) {
    const copied = copySources(model).find((s) => s !== '.' && view.isDirectory(s) && has(view, s));
    if (copied) return copied;
  }
  return '.';
}

function wrapperIn(view: ProjectView, moduleDir: string, script: string, folder: string): string | null {
  return (
    upwards(moduleDir).find(
      (d) => view.exists(joinPath(d, script)) && view.isDirectory(joinPath(d, folder)),
    ) ?? null
  );
}

function maven(view: ProjectView, hints: JavaHints, model: DockerfileModel): Partial<JavaFacts> {
  const root = readPom(view, 'pom.xml');
  const byArtifactId = (ref: string): string | null => {
    const id = ref.replace(/^[^:]*:/, '');
    for (const dir of root?.modules ?? [])
      if (readPom(view, joinPath(dir, 'pom.xml'))?.artifactId === id) return dir;
    return null;
  };
  const projects = hints.mavenProjects.map((p) =>
    p.includes(':') ? byArtifactId(p) : joinPath(hints.mavenDir ?? '.', p),
  );
  // `-pl a,b` builds several modules: only one of them can be the image's, and nothing says which.
  const fromProjects = projects.length === 1 ? projects[0] : null;
  const moduleDir = pickModule(
    view,
    [fromProjects, hints.mavenDir, artifactModule(hints.copiedArtifact)],
    model,
    hasPom,
  );
  const pom: Pom | null = readPom(view, joinPath(moduleDir, 'pom.xml'));
  const wrapperDir = wrapperIn(view, moduleDir, 'mvnw', '.mvn');
  const artifact = pom ? mavenArtifact(pom) : null;
  return {
    wrapper: wrapperDir !== null,
    wrapperDir,
    moduleDir,
    buildFile: pom ? pom.path : null,
    modules: root?.modules ?? pom?.modules ?? [],
    release: pom ? mavenRelease(pom) : null,
    packaging: artifact?.packaging ?? 'jar',
    artifactName: artifact?.name ?? null,
    artifactDir: joinPath(moduleDir, 'target'),
    springBoot: pom ? mavenSpringBoot(pom) : null,
    fatJar: artifact?.fatJar ?? null,
    libDir: artifact?.libDir ? joinPath(moduleDir, artifact.libDir) : null,
    ...(moduleDir === '.' ? { dependencyInputs: mavenDependencyInputs(view, pom) } : {}),
  };
}

function gradle(view: ProjectView, hints: JavaHints, model: DockerfileModel): Partial<JavaFacts> {
  const settings = readGradle(view, '.').settings;
  // `:services:orders:bootJar` names the project `:services:orders`.
  const taskProject = hints.gradleTasks
    .map((t) => /^(:[\w:.-]+):[\w-]+$/.exec(t)?.[1])
    .find((p): p is string => !!p);
  const fromTask = taskProject
    ? (settings.projects.get(taskProject) ?? taskProject.slice(1).replace(/:/g, '/'))
    : null;
  const hasBuild = (v: ProjectView, d: string) => hasGradle(v, d);
  const moduleDir = pickModule(
    view,
    [hints.gradleDir, fromTask, artifactModule(hints.copiedArtifact)],
    model,
    hasBuild,
  );
  const build = readGradle(view, moduleDir);
  const taskHint = hints.gradleTasks.map(taskName).find((t) => GRADLE_ARTIFACT_TASKS.includes(t)) ?? null;
  const artifact = gradleArtifact(build, projectName(build.settings, moduleDir, hints), taskHint);
  const wrapperDir = wrapperIn(view, moduleDir, 'gradlew', 'gradle/wrapper');
  return {
    wrapper: wrapperDir !== null,
    wrapperDir,
    kotlinDsl: build.kotlin,
    moduleDir,
    buildFile: build.file,
    modules: [...settings.projects.values()],
    release: gradleRelease(build),
    packaging: artifact.packaging,
    artifactName: artifact.name,
    artifactDir: joinPath(moduleDir, 'build/libs'),
    springBoot: gradleSpringBoot(build),
    shadow: artifact.shadow,
    fatJar: artifact.fatJar,
    applicationPlugin: artifact.applicationPlugin,
    ...(moduleDir === '.' ? { dependencyInputs: gradleDependencyInputs(view, build) } : {}),
  };
}

/**
 * A Gradle project's name: an included project's last path part, the root's `rootProject.name`, else
 * the folder's name. The root folder's name is only known when the build runs in the image (its WORKDIR).
 */
function projectName(
  settings: { rootName: string | null; projects: Map<string, string> },
  dir: string,
  hints: JavaHints,
): string | null {
  if (dir !== '.') {
    for (const [projectPath, projectDir] of settings.projects)
      if (projectDir === dir) return projectPath.replace(/^.*:/, '');
    return path.posix.basename(dir);
  }
  if (settings.rootName) return settings.rootName;
  const workdir = hints.buildsInImage && !hints.gradleDir ? hints.workdir : null;
  const name = workdir && !workdir.includes('$') ? path.posix.basename(path.posix.normalize(workdir)) : '';
  return name && name !== '.' ? name : null;
}
