// What a Java Dockerfile says about its build: the Maven/Gradle command it runs, or the jar it copies in.
import path from 'node:path';
import type { DockerfileModel } from '../../dockerfile/model';
import { copySources } from '../../dockerfile/sources';
import { optionValue, programOf, runCommands } from '../../dockerfile/hints';
import { contextPath, dirOf, joinPath } from '../../dockerfile/context-paths';
import type { JavaBuildTool } from '../../contract/facts';

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

const MAVEN = /^mvnw?(\.cmd)?$/;
const GRADLE = /^gradlew?(\.bat)?$/;

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
    for (const raw of runCommands(single)) {
      // `sh ./mvnw package` runs the wrapper too.
      const words =
        /^(ba)?sh$/.test(programOf(raw)) && raw[1] && !raw[1].startsWith('-') ? raw.slice(1) : raw;
      const program = programOf(words);
      if (MAVEN.test(program)) {
        hints.tool = 'maven';
        const file = optionValue(words, ['-f', '--file']);
        if (file) hints.mavenDir = file.endsWith('.xml') ? dirOf(file) : joinPath(file);
        const projects = optionValue(words, ['-pl', '--projects']);
        if (projects) hints.mavenProjects = projects.split(',').filter((p) => p && !/^[!-]/.test(p));
      } else if (GRADLE.test(program)) {
        hints.tool = 'gradle';
        const dir = optionValue(words, ['-p', '--project-dir']);
        if (dir) hints.gradleDir = joinPath(dir);
        hints.gradleTasks = taskWords(words);
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

/** Gradle's non-option arguments: the tasks (options with a separate value are skipped with it). */
function taskWords(words: string[]): string[] {
  const tasks: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (
      /^(-p|--project-dir|-x|--exclude-task|-b|--build-file|-c|--settings-file|-g|--gradle-user-home|-I|--init-script)$/.test(
        w,
      )
    )
      i++;
    else if (!w.startsWith('-')) tasks.push(w);
  }
  return tasks;
}

/** The module folder a copied artifact comes from: `orders/target/x.jar` -> `orders`. */
export function artifactModule(copied: string | null): string | null {
  const m = copied ? /^(.*?)\/?(?:target|build\/libs)\//.exec(copied) : null;
  return m ? contextPath(m[1] || '.') : null;
}
