// Ignore rules for a Java build: Maven/Gradle output the image rebuilds, Gradle caches, IDE project files.
import type { JavaFacts } from '../../contract/facts';
import {
  entry,
  outputDirEntry,
  runScripts,
  within,
  type IgnoreEntry,
  type KindRules,
  type RuleContext,
} from '../../dockerignore/entry';
import { contextPath } from '../../dockerfile/context-paths';
import { javaRunBuilds } from './commands';
import { escapePattern } from '../../dockerignore/matcher';

/** Build plugins that read `.git` (commit id, version from tags); without it the build fails. */
const GIT_PLUGINS: [RegExp, string][] = [
  [/git-commit-id/, 'git-commit-id-maven-plugin'],
  [/gradle-git-properties|com\.gorylenko/, 'gradle-git-properties'],
  [/com\.palantir\.git-version/, 'com.palantir.git-version'],
  [/org\.ajoberstar\.grgit|org\.ajoberstar\.reckon/, 'grgit'],
];
/** Files a Java build reads; never ignored. */
const KEEP = [
  'pom.xml',
  'mvnw',
  '.mvn/wrapper/maven-wrapper.properties',
  '.mvn/maven.config',
  '.mvn/jvm.config',
  '.mvn/extensions.xml',
  'gradlew',
  'gradle/wrapper/gradle-wrapper.jar',
  'gradle/wrapper/gradle-wrapper.properties',
  'gradle/libs.versions.toml',
  'build.gradle',
  'build.gradle.kts',
  'settings.gradle',
  'settings.gradle.kts',
  'gradle.properties',
  'src',
];

/** The Java rule list, in the order it is written. */
export function javaRules(ctx: RuleContext): KindRules {
  const java = ctx.facts.java;
  const tool = java ? buildTool(java) : null;
  const rebuilds = runScripts(ctx.model).some(javaRunBuilds);
  const read = (rel: string) => ctx.view.readText(rel) ?? '';
  const entries: (IgnoreEntry | null)[] = [];
  // Each module of a multi-module build has its own output folder; `**/target` could hit a Java package.
  const modules = (java?.modules ?? []).map((m) => contextPath(m)).filter((m) => m !== '.');
  const perModule = (dir: string) =>
    [...new Set(modules)]
      .sort()
      .map((m) => outputDirEntry(`${escapePattern(m)}/${dir}`, ctx.sources, rebuilds));
  if (tool === 'maven') {
    entries.push(outputDirEntry('target', ctx.sources, rebuilds), ...perModule('target'));
    const wrapperDir = java?.wrapperDir ?? '.';
    const jar = within(wrapperDir, '.mvn/wrapper/maven-wrapper.jar')!;
    if (java?.wrapper && ctx.view.exists(jar) && wrapperJarIsDownloaded(read, wrapperDir))
      entries.push(entry(jar));
  }
  if (tool === 'gradle') {
    entries.push(outputDirEntry('build', ctx.sources, rebuilds), ...perModule('build'), entry('.gradle'));
  }
  entries.push(entry('**/*.iml'), entry('.classpath'), entry('.project'), entry('.settings'));
  const files = ['pom.xml', 'build.gradle', 'build.gradle.kts', ...(java?.buildFile ? [java.buildFile] : [])];
  const scripts = files.map(read).join('\n');
  const plugin = rebuilds ? GIT_PLUGINS.find(([re]) => re.test(scripts))?.[1] : undefined;
  // Files the app reads that the runtime stage copies from the build stage (a config folder, a key).
  const named = java?.contextNamed ?? [];
  return {
    entries: entries.filter((e): e is IgnoreEntry => e !== null),
    notes: [],
    keep: [...KEEP, ...named.map((n) => n.source)],
    keepGit: plugin ?? null,
    envAtBuild: false,
  };
}

/** Maven or Gradle; for a context holding only a prebuilt jar, the folder the artifact sits in tells. */
function buildTool(java: JavaFacts): 'maven' | 'gradle' | null {
  if (java.buildTool) return java.buildTool;
  if (java.artifactDir?.split('/')[0] === 'target') return 'maven';
  if (java.artifactDir?.split('/')[0] === 'build') return 'gradle';
  return null;
}

/**
 * The Maven wrapper script fetches its jar when it is missing (its download code reads `wrapperUrl`), or
 * uses none (`distributionType=only-script`); only then may the committed jar stay out of the context.
 */
function wrapperJarIsDownloaded(read: (rel: string) => string, wrapperDir: string): boolean {
  const properties = read(within(wrapperDir, '.mvn/wrapper/maven-wrapper.properties')!);
  return (
    /distributionType\s*=\s*only-script/.test(properties) ||
    /wrapperUrl/.test(read(within(wrapperDir, 'mvnw')!))
  );
}
