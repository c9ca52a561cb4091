// Gradle: plugins, Java release, Spring Boot version and the archive a build script produces, read as text.
import { blocks, readBuildFile, stripComments } from '../code-text';
import { joinPath } from '../../dockerfile/context-paths';
import {
  assigned,
  evalString,
  readCatalogPlugins,
  readProperties,
  readSettings,
  scriptVariables,
  JAR_TYPES,
  taskHeader,
  topLevel,
  type GradleSettings,
} from './gradle-script';
import type { ProjectView } from '../../contract/project-view';
import type { FatJar } from '../../contract/facts';

/** One Gradle project (the module the image runs) with the root build around it. */
export interface GradleBuild {
  dir: string;
  /** Its build script, relative to the context, or null. */
  file: string | null;
  kotlin: boolean;
  /** Its build script without comments ('' when there is none). */
  text: string;
  /** The root build script without comments (the same text when dir is the root). */
  rootText: string;
  settings: GradleSettings;
  /** gradle.properties values (root, then the module's) and simple variables the scripts define. */
  vars: Map<string, string>;
  /** Applied plugin ids -> version when declared. */
  plugins: Map<string, string | null>;
}

const SHADOW_IDS = ['com.github.johnrengelman.shadow', 'com.gradleup.shadow', 'io.github.goooler.shadow'];
const BOOT_ID = 'org.springframework.boot';

function script(view: ProjectView, dir: string): { file: string | null; text: string } {
  for (const name of ['build.gradle.kts', 'build.gradle']) {
    const file = joinPath(dir, name);
    const raw = readBuildFile(view, file);
    if (raw !== null) return { file, text: stripComments(raw) };
  }
  return { file: null, text: '' };
}

/** Reads the Gradle project in `dir` (relative to the context root, which holds the settings). */
export function readGradle(view: ProjectView, dir: string): GradleBuild {
  const own = script(view, dir);
  const root = dir === '.' ? own : script(view, '.');
  const props = new Map([
    ...readProperties(readBuildFile(view, 'gradle.properties')),
    ...(dir === '.' ? [] : readProperties(readBuildFile(view, joinPath(dir, 'gradle.properties')))),
  ]);
  const settingsText = stripComments(
    readBuildFile(view, 'settings.gradle.kts') ?? readBuildFile(view, 'settings.gradle') ?? '',
  );
  const vars = scriptVariables(own.text + '\n' + root.text + '\n' + settingsText, props);
  const catalog = readCatalogPlugins(readBuildFile(view, 'gradle/libs.versions.toml'));
  const plugins = new Map<string, string | null>();
  // The root's and the settings' declarations only lend versions (`apply false`); the module's own
  // and those the root applies to every project (`allprojects`, `subprojects` for a module) apply.
  const versions = pluginsIn(root.text + '\n' + settingsText, vars, catalog, false);
  const shared = blocks(root.text, dir === '.' ? 'allprojects' : 'allprojects|subprojects').join('\n');
  for (const [id, version] of pluginsIn(own.text + '\n' + shared, vars, catalog, true))
    plugins.set(id, version ?? versions.get(id) ?? null);
  return {
    dir,
    file: own.file,
    kotlin: own.file?.endsWith('.kts') ?? false,
    text: own.text,
    rootText: root.text,
    settings: readSettings(view, vars),
    vars,
    plugins,
  };
}

function pluginsIn(
  text: string,
  vars: ReadonlyMap<string, string>,
  catalog: ReturnType<typeof readCatalogPlugins>,
  applied: boolean,
): Map<string, string | null> {
  const found = new Map<string, string | null>();
  const add = (id: string, version: string | null) => {
    if (!found.has(id) || (version && !found.get(id))) found.set(id, version);
  };
  for (const body of blocks(text, 'plugins')) {
    // Every `\s*` is followed by something that is not a blank: no two of them share a run of blanks.
    const idRe =
      /\bid\s*(?:\(\s*)?["']([\w.-]+)["']\s*(?:\)\s*)?(?:version\s*(?:\(\s*)?("[^"\n]*"|'[^'\n]*'|[\w.]+)\s*(?:\)\s*)?)?(apply\s*(?:\(\s*)?false)?/g;
    for (const m of body.matchAll(idRe)) {
      // `apply false` only declares the version for the projects that apply it.
      if (m[3] && applied) continue;
      add(m[1], m[2] ? evalString(m[2], vars) : null);
    }
    for (const m of body.matchAll(
      /(?:^|[\n;{])[ \t]*`?(java|java-library|war|application)`?[ \t]*(?=$|[\n;}])/g,
    ))
      add(m[1], null);
    for (const m of body.matchAll(/\bkotlin\(\s*"([\w-]+)"\s*\)/g)) add(`org.jetbrains.kotlin.${m[1]}`, null);
    for (const m of body.matchAll(/\balias\(\s*\w+\.plugins\.([\w.]+)\s*\)\s*(apply\s*(?:\(\s*)?false)?/g)) {
      const entry = catalog.get(m[1]);
      if (entry && !(m[2] && applied)) add(entry.id, entry.version);
    }
  }
  for (const m of text.matchAll(/\bapply\s*(?:\(\s*)?plugin\s*[:=]\s*["']([\w.-]+)["']/g)) add(m[1], null);
  return found;
}

function javaVersionOf(expr: string | undefined, vars: ReadonlyMap<string, string>): number | null {
  if (expr === undefined) return null;
  const e = expr.trim();
  const constant = /JavaVersion\.VERSION_(?:1_)?(\d+)\b/.exec(e) ?? /JvmTarget\.JVM_(?:1_)?(\d+)\b/.exec(e);
  if (constant) return Number(constant[1]);
  const inner = /JavaVersion\.toVersion\(\s*([^)\s]+)/.exec(e)?.[1] ?? e;
  const value = /^[\d.]+$/.test(inner) ? inner : evalString(inner, vars);
  const m = /^(?:1\.)?(\d+)(?:\.\d+)*$/.exec(value ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * The Java release: a toolchain (`JavaLanguageVersion.of(17)`, `jvmToolchain(17)`), then `options.release`,
 * then target and source compatibility, then Kotlin's `jvmTarget`; the module's script before the root's.
 */
export function gradleRelease(build: GradleBuild): number | null {
  for (const text of build.dir === '.' ? [build.text] : [build.text, build.rootText]) {
    // Arguments stop at any parenthesis, so a call left open costs a scan to the next one, not to the end.
    const toolchain =
      /JavaLanguageVersion\.of\(([^()]*)\)/.exec(text) ?? /\bjvmToolchain\(([^()]*)\)/.exec(text);
    const release =
      /\boptions\.release(?:\.set\(\s*|\s*=\s*)([^)\n;]+)/.exec(text) ??
      /\brelease\.set\(([^()\n;]+)\)/.exec(text);
    const assignment = (key: string) =>
      new RegExp(`(?:^|[^\\w.])(?:java\\.)?${key}(?:\\s*=\\s*|\\.set\\(\\s*|[ \\t]+)([^\\n;)]+)`).exec(
        text,
      )?.[1];
    const candidates = [
      toolchain?.[1],
      release?.[1],
      assignment('targetCompatibility'),
      assignment('sourceCompatibility'),
      /\bjvmTarget(?:\s*=\s*|\.set\(\s*)([^\n;)]+)/.exec(text)?.[1],
    ];
    for (const c of candidates) {
      const major = javaVersionOf(c, build.vars);
      if (major !== null) return major;
    }
  }
  return null;
}

/** Spring Boot version: the plugin's, else the `spring-boot-dependencies` BOM's (`mavenBom`, `platform`). */
export function gradleSpringBoot(build: GradleBuild): string | null {
  const plugin = build.plugins.get(BOOT_ID);
  if (plugin) return plugin;
  for (const text of [build.text, build.rootText]) {
    // The legacy buildscript classpath carries the version for `apply plugin:`.
    const classpath = /["']org\.springframework\.boot:spring-boot-gradle-plugin:([^"'\s)]+)["']/.exec(text);
    if (classpath && build.plugins.has(BOOT_ID)) return evalString(`"${classpath[1]}"`, build.vars);
    const bom = /["']org\.springframework\.boot:spring-boot-dependencies:([^"'\s)]+)["']/.exec(text);
    if (bom) return evalString(`"${bom[1]}"`, build.vars);
  }
  return null;
}

export interface GradleArtifact {
  name: string | null;
  packaging: 'jar' | 'war';
  fatJar: FatJar | null;
  applicationPlugin: boolean;
  shadow: boolean;
  /** The task that builds it (`bootJar`, `shadowJar`, `jar`, `war`, `bootWar`). */
  task: string;
}

/**
 * The archive the build makes: Spring Boot's bootJar/bootWar when the plugin is applied, else shadowJar,
 * else war or jar (`taskHint`, a task the Dockerfile runs, picks among them). The name follows Gradle:
 * `archiveFileName`, else base[-appendix][-version][-classifier].ext, with the base from `archivesName` or
 * the project name; a `-plain` jar (Spring Boot's thin one) is never the answer, so it gives null.
 */
export function gradleArtifact(
  build: GradleBuild,
  projectName: string | null,
  taskHint: string | null,
): GradleArtifact {
  const boot = build.plugins.has(BOOT_ID);
  const shadow = SHADOW_IDS.some((id) => build.plugins.has(id));
  const war = build.plugins.has('war');
  const applicationPlugin = build.plugins.has('application');
  const packaging = war ? 'war' : 'jar';
  const bootTask = war ? 'bootWar' : 'bootJar';
  const bootDisabled = blocks(build.text, taskHeader(bootTask)).some((b) =>
    /\benabled\s*(?:=|\.set\()\s*false/.test(b),
  );
  let task = boot && !bootDisabled ? bootTask : shadow ? 'shadowJar' : packaging;
  if (
    taskHint &&
    ((taskHint === 'shadowJar' && shadow) ||
      (/^boot(Jar|War)$/.test(taskHint) && boot) ||
      taskHint === 'jar' ||
      taskHint === 'war')
  )
    task = taskHint;
  const fatJar: FatJar | null = task.startsWith('boot')
    ? 'spring-boot'
    : task === 'shadowJar'
      ? 'shadow'
      : null;
  const ext = task === 'war' || task === 'bootWar' ? 'war' : 'jar';
  const result = { packaging: ext as 'jar' | 'war', fatJar, applicationPlugin, shadow, task };

  const own = blocks(build.text, taskHeader(task)).map(topLevel);
  const typed = task === 'war' || task === 'bootWar' ? [] : blocks(build.text, JAR_TYPES).map(topLevel);
  // Later blocks override earlier ones; a block for this very task overrides one for every Jar.
  const bodies = [...own.reverse(), ...typed.reverse()];
  const setting = (...keys: string[]): string | null | undefined => {
    for (const body of bodies) {
      for (const key of keys) {
        const expr = assigned(body, key);
        if (expr !== undefined) return evalString(expr, nameVars(build, projectName));
      }
    }
    return undefined;
  };

  const fileName = setting('archiveFileName', 'archiveName');
  if (fileName !== undefined) return { ...result, name: plainOrNull(fileName) };

  // Unset (undefined) falls back to the default; set but not readable (null) makes the name unknown.
  const or = <T>(value: string | null | undefined, fallback: () => T) =>
    value === undefined ? fallback() : value;
  const base = or(setting('archiveBaseName', 'baseName'), () => archivesName(build, projectName));
  const appendix = or(setting('archiveAppendix', 'appendix'), () => '');
  const version = or(setting('archiveVersion', 'version'), () => projectVersion(build));
  const defaultClassifier =
    task === 'shadowJar' ? 'all' : boot && (task === 'jar' || task === 'war') ? 'plain' : '';
  const classifier = or(setting('archiveClassifier', 'classifier'), () => defaultClassifier);
  const extension = or(setting('archiveExtension', 'extension'), () => ext);
  if ([base, appendix, version, classifier, extension].some((v) => v === null))
    return { ...result, name: null };
  const parts = [base, appendix, version, classifier].filter((p): p is string => !!p && p !== 'unspecified');
  return { ...result, name: plainOrNull(`${parts.join('-')}.${extension}`) };
}

const plainOrNull = (name: string | null) => (name && !/-plain\.(jar|war)$/.test(name) ? name : null);

function nameVars(build: GradleBuild, projectName: string | null): Map<string, string> {
  const vars = new Map(build.vars);
  const version = projectVersion(build);
  if (projectName)
    vars.set('name', projectName).set('project.name', projectName).set('archivesBaseName', projectName);
  if (build.settings.rootName) vars.set('rootProject.name', build.settings.rootName);
  if (version) vars.set('version', version).set('project.version', version);
  return vars;
}

/** `archivesName` / `archivesBaseName` when set, else the project name; null when unknown. */
function archivesName(build: GradleBuild, projectName: string | null): string | null {
  const statements = [topLevel(build.text), ...blocks(build.text, 'base').map(topLevel)].join('\n');
  const expr =
    assigned(statements, 'archivesName') ??
    assigned(statements, 'base.archivesName') ??
    assigned(statements, 'archivesBaseName');
  return expr === undefined ? projectName : evalString(expr, nameVars(build, projectName));
}

/**
 * The project version: the module's top-level `version`, the root's `allprojects`/`subprojects` blocks,
 * then gradle.properties. '' when none is set (Gradle's "unspecified", left out of archive names); null
 * when it is computed in code.
 */
export function projectVersion(build: GradleBuild): string | null {
  const scopes = [topLevel(build.text)];
  const shared = build.dir === '.' ? 'allprojects' : 'allprojects|subprojects';
  scopes.push(...blocks(build.rootText, shared).map(topLevel));
  for (const statements of scopes) {
    const expr = assigned(statements, 'version');
    if (expr !== undefined) return evalString(expr, build.vars);
  }
  return build.vars.get('version') ?? '';
}
