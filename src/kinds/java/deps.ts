// What resolving a Java build's dependencies reads at the project root, and what keeps those files from being enough.
import { readBuildFile, stripComments } from '../code-text';
import type { GradleBuild } from './gradle';
import type { Pom } from './maven';
import type { ProjectView } from '../../contract/project-view';
import type { JavaDependencyInput, JavaDependencyInputs } from '../../contract/facts';
import { descendants, textAt } from './xml';

/** Property references that mean "a path inside the project". */
const PROJECT_DIR = /\$\{(project\.)?(basedir|baseUri)\}|\$\{maven\.multiModuleProjectDirectory\}/;
/** Maven options whose value is a file the build reads. */
const MAVEN_FILE_OPTIONS = /^(-s|--settings|-gs|--global-settings|-t|--toolchains|-f|--file)$/;
/** Plugins that read `.git` while the build is configured, which is not there before the sources come. */
const GIT_AT_CONFIGURATION = [
  'com.palantir.git-version',
  'org.ajoberstar.grgit',
  'org.ajoberstar.reckon',
  'nebula.release',
  'pl.allegro.tech.build.axion-release',
];
/** A build script that reads a file or runs a command while it is configured. */
const READS_WHILE_CONFIGURED =
  /\b[Ff]iles?\s*\([^()]*\)\s*\.\s*(text|readText|readLines|readBytes|inputStream|newInputStream|withInputStream|newReader|withReader|eachLine|forEachLine|useLines|bufferedReader|reader)\b|\bfileContents\s*\(|\.load\s*\(|\.execute\s*\(|\bproviders\s*\.\s*exec\b|\bProcessBuilder\s*\(|\bRuntime\s*\.\s*getRuntime\b/;

const file = (path: string, wrapperOnly = false): JavaDependencyInput => ({ path, dir: false, wrapperOnly });
/** A folder; only the wrapper needs it when `wrapper/` is all it holds. */
const folder = (view: ProjectView, path: string): JavaDependencyInput => ({
  path,
  dir: true,
  wrapperOnly: view.list(path).every((name) => name === 'wrapper'),
});
const isFile = (view: ProjectView, rel: string) => view.exists(rel) && !view.isDirectory(rel);

/** Maven at the root: `.mvn/`, `mvnw`, `pom.xml`; blocked by project-local jars, repositories or parents. */
export function mavenDependencyInputs(view: ProjectView, pom: Pom | null): JavaDependencyInputs {
  const files: JavaDependencyInput[] = [];
  if (view.isDirectory('.mvn')) files.push(folder(view, '.mvn'));
  if (isFile(view, 'mvnw')) files.push(file('mvnw', true));
  if (isFile(view, 'pom.xml')) files.push(file('pom.xml'));
  return { files, blocker: pom ? mavenBlocker(view, pom) : 'there is no pom.xml at the root' };
}

function mavenBlocker(view: ProjectView, pom: Pom): string | null {
  for (const el of descendants(pom.project, 'systemPath')) {
    const value = el.text.trim();
    if (PROJECT_DIR.test(value) || !/^[/$]/.test(value))
      return `a dependency's <systemPath> (${value}) is a file in the project`;
  }
  const repositories = [
    ...descendants(pom.project, 'repository'),
    ...descendants(pom.project, 'pluginRepository'),
  ];
  for (const repo of repositories) {
    const url = textAt(repo, 'url') ?? '';
    if (PROJECT_DIR.test(url)) return `the repository ${url} is a folder in the project`;
  }
  // A parent beside pom.xml (`../pom.xml` is outside the context, so the build never sees it either).
  if (pom.parentPom && !pom.parentPom.path.startsWith('../'))
    return `the parent pom ${pom.parentPom.path} is in the project`;
  const config = readBuildFile(view, '.mvn/maven.config');
  if (config !== null) {
    const words = config.split(/\s+/).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const [flag, inline] = words[i].startsWith('--') ? words[i].split(/=(.*)/s) : [words[i], undefined];
      if (!MAVEN_FILE_OPTIONS.test(flag)) continue;
      const value = (inline ?? words[++i] ?? '').replace(/^\.\//, '');
      if (!value.startsWith('.mvn/') && !value.startsWith('/'))
        return `.mvn/maven.config names ${value}, a file outside .mvn/`;
    }
  }
  return null;
}

/** Gradle at the root: `gradle/`, `gradlew`, the settings and build scripts, `gradle.properties`. */
export function gradleDependencyInputs(view: ProjectView, build: GradleBuild): JavaDependencyInputs {
  const files: JavaDependencyInput[] = [];
  if (view.isDirectory('gradle')) files.push(folder(view, 'gradle'));
  if (isFile(view, 'gradlew')) files.push(file('gradlew', true));
  const scripts = ['settings.gradle.kts', 'settings.gradle', 'build.gradle.kts', 'build.gradle'];
  for (const name of [...scripts, 'gradle.properties']) if (isFile(view, name)) files.push(file(name));
  return { files, blocker: gradleBlocker(view, build, files) };
}

function gradleBlocker(
  view: ProjectView,
  build: GradleBuild,
  files: readonly JavaDependencyInput[],
): string | null {
  if (view.isDirectory('buildSrc')) return 'buildSrc/ is compiled while the build is configured';
  const copied = (p: string) => {
    const rel = p.replace(/^\.\//, '');
    return rel.startsWith('gradle/') || files.some((f) => f.path === rel);
  };
  const texts: [string, string][] = [];
  for (const name of ['settings.gradle.kts', 'settings.gradle', 'build.gradle.kts', 'build.gradle']) {
    const raw = readBuildFile(view, name);
    if (raw !== null) texts.push([name, stripComments(raw)]);
  }
  for (const [name, text] of texts) {
    if (/\bincludeBuild\b/.test(text)) return `${name} includes another build (includeBuild)`;
    for (const m of text.matchAll(/\bapply\s*(?:\(\s*)?from\s*[:=]\s*(?:file\(\s*)?["']([^"']+)["']/g))
      if (!/^https?:/.test(m[1]) && !copied(m[1])) return `${name} applies ${m[1]}, a script of the project`;
    if (name.startsWith('settings'))
      for (const m of text.matchAll(/\bfiles?\s*\(\s*["']([^"']+)["']/g))
        if (!copied(m[1])) return `${name} reads ${m[1]}, a file of the project`;
    const reads = READS_WHILE_CONFIGURED.exec(text);
    if (reads) return `${name} reads a file or runs a command while it is configured (\`${reads[0]}\`)`;
  }
  const git = GIT_AT_CONFIGURATION.find((id) => build.plugins.has(id));
  return git ? `the ${git} plugin reads .git while the build is configured` : null;
}
