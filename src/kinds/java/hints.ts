// What a Java Dockerfile says about its build: the Maven/Gradle command it runs, or the jar it copies in.
import path from 'node:path';
import type { DockerfileModel } from '../../dockerfile/model';
import { copySources } from '../../dockerfile/sources';
import { optionValue, runCommands } from '../../dockerfile/hints';
import { contextPath, joinPath } from '../../dockerfile/context-paths';
import type { JavaBuildTool } from '../../contract/facts';
import { buildToolOf, goalsOf, projectDirOption } from './vocabulary';

export interface JavaHints {
  /** The tool a RUN runs, else the one the copied artifact's path suggests (`target/` or `build/libs/`). */
  tool: JavaBuildTool | null;
  /** A RUN runs mvn, mvnw, gradle or gradlew. */
  buildsInImage: boolean;
  /** Maven `-f`/`--file`, as a folder. */
  mavenDir: string | null;
  /** Maven `-pl`/`--projects` entries (folders or `:artifactId`), exclusions left out. */
  mavenProjects: string[];
  /** Gradle `-p`/`--project-dir`. */
  gradleDir: string | null;
  /** Gradle task arguments (`clean`, `:app:bootJar`). */
  gradleTasks: string[];
  /** The COPY/ADD source of a prebuilt .jar/.war, as written (normalised), or null. */
  copiedArtifact: string | null;
  /** The last WORKDIR before the build command (absolute path as written), or null. */
  workdir: string | null;
}

/** Reads the Java build hints from a Dockerfile. */
export function javaHints(model: DockerfileModel): JavaHints {
  const hints: JavaHints = {
    tool: null,
    buildsInImage: false,
    mavenDir: null,
    mavenProjects: [],
    gradleDir: null,
    gradleTasks: [],
    copiedArtifact: null,
    workdir: null,
  };
  let workdir: string | null = null;
  for (const ins of model.instructions) {
    if (ins.keyword === 'WORKDIR') {
      const dir = ins.body.replace(/^(["'])(.*)\1$/, '$2');
      workdir = dir.startsWith('/') || workdir === null ? dir : path.posix.join(workdir, dir);
    }
    if (ins.keyword !== 'RUN' || hints.buildsInImage) continue;
    const single = { ...model, instructions: [ins] };
    for (const words of runCommands(single)) {
      const tool = buildToolOf(words[0] ?? '');
      if (tool === 'maven') {
        hints.tool = 'maven';
        const dir = projectDirOption(words);
        if (dir) hints.mavenDir = joinPath(dir);
        const projects = optionValue(words, ['-pl', '--projects']);
        if (projects) hints.mavenProjects = projects.split(',').filter((p) => p && !/^[!-]/.test(p));
      } else if (tool === 'gradle') {
        hints.tool = 'gradle';
        const dir = projectDirOption(words);
        if (dir) hints.gradleDir = joinPath(dir);
        hints.gradleTasks = goalsOf(words);
      } else continue;
      hints.buildsInImage = true;
      hints.workdir = workdir;
      break;
    }
  }
  const artifact = copySources(model).find((src) => /\.(jar|war)$/i.test(src));
  if (artifact) {
    hints.copiedArtifact = artifact;
    if (!hints.tool && /(^|\/)target\//.test(artifact)) hints.tool = 'maven';
    if (!hints.tool && /(^|\/)build\/libs\//.test(artifact)) hints.tool = 'gradle';
  }
  return hints;
}

/** The module folder a copied artifact comes from: `orders/target/x.jar` -> `orders`. */
export function artifactModule(copied: string | null): string | null {
  const m = copied ? /^(.*?)\/?(?:target|build\/libs)\//.exec(copied) : null;
  return m ? contextPath(m[1] || '.') : null;
}
