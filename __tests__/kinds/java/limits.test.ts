// Hostile build files: each limit gives an error naming the file, in bounded time, never a crash.
import { InputError } from '../../../src/errors';
import { blocks, MAX_BUILD_FILE_CHARS } from '../../../src/kinds/code-text';
import { gradleArtifact, gradleRelease, readGradle } from '../../../src/kinds/java/gradle';
import { readCatalogPlugins, readProperties } from '../../../src/kinds/java/gradle-script';
import { readPom, MAX_EXPANSION_CHARS } from '../../../src/kinds/java/maven';
import { mavenArtifact } from '../../../src/kinds/java/maven-artifact';
import { parseXml, MAX_XML_DEPTH } from '../../../src/kinds/java/xml';
import { java, project } from '../helpers';

/** Generous: the point is "finishes", not how fast. */
const FINISHES_MS = 10_000;

function timed<T>(run: () => T): { value: T | Error; ms: number } {
  const started = Date.now();
  let value: T | Error;
  try {
    value = run();
  } catch (error) {
    value = error as Error;
  }
  return { value, ms: Date.now() - started };
}

const laughs = () => {
  let props = '<a0>lol</a0>';
  for (let i = 1; i < 10; i++) props += `<a${i}>${('${a' + (i - 1) + '}').repeat(10)}</a${i}>`;
  return `<project><artifactId>app</artifactId><version>1</version><properties>${props}</properties><build><finalName>\${a9}</finalName></build></project>`;
};

describe('pom.xml limits', () => {
  it('stops properties that expand each other tenfold (billion laughs) with an error naming the file', () => {
    expect(laughs().length).toBeLessThan(700);
    const pom = readPom(project({ 'pom.xml': laughs() }), 'pom.xml')!;
    const { value, ms } = timed(() => mavenArtifact(pom));
    expect(value).toBeInstanceOf(InputError);
    expect((value as Error).message).toMatch(
      new RegExp(`^pom\\.xml: \\$\\{a\\d\\} expands to more than ${MAX_EXPANSION_CHARS} characters`),
    );
    expect(ms).toBeLessThan(FINISHES_MS);
  });

  it('still expands ordinary nested properties', () => {
    const pom = readPom(
      project({
        'pom.xml':
          '<project><artifactId>app</artifactId><version>${rev}</version><properties><major>2</major><rev>${major}.1</rev></properties></project>',
      }),
      'pom.xml',
    )!;
    expect(mavenArtifact(pom).name).toBe('app-2.1.jar');
  });

  it.each([20_000, 200_000])('refuses elements nested %i deep, at once', (depth) => {
    const text = `<project><artifactId>a</artifactId>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</project>`;
    const { value, ms } = timed(() => java({ 'pom.xml': text }));
    expect(value).toBeInstanceOf(InputError);
    expect((value as Error).message).toBe(
      `pom.xml: elements nested more than ${MAX_XML_DEPTH} deep (a limit of this tool)`,
    );
    expect(ms).toBeLessThan(FINISHES_MS);
  });

  it('reads a pom nested to the limit', () => {
    const depth = MAX_XML_DEPTH - 2;
    const doc = parseXml(`<project>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</project>`);
    expect(doc.children[0].children).toHaveLength(1);
  });

  it.each([
    ['unclosed declarations', '<!x'.repeat(1_000_000)],
    ['unclosed tags', '<a x '.repeat(1_000_000)],
    ['unclosed attribute values', '<a x="'.repeat(1_000_000)],
    ['stray closing tags', '<a>' + '</b>'.repeat(1_000_000)],
    ['stray closers under deep nesting', '<a>'.repeat(200) + '</x>'.repeat(1_000_000)],
  ])('scans %s in linear time', (_name, text) => {
    const { value, ms } = timed(() => parseXml(text));
    expect(value).not.toBeInstanceOf(Error);
    expect(ms).toBeLessThan(FINISHES_MS);
  });

  it('keeps a character reference beyond Unicode as written instead of throwing', () => {
    expect(parseXml('<a>&#99999999;&#x41;</a>').children[0].text).toBe('&#99999999;A');
  });

  it('refuses a build file over the size limit with its name', () => {
    const huge = '<project>' + ' '.repeat(MAX_BUILD_FILE_CHARS) + '</project>';
    expect(() => java({ 'pom.xml': huge })).toThrow(/^pom\.xml: 2\.0 MB, more than the 2 MB this tool reads/);
  });
});

describe('Gradle limits', () => {
  const BOOT = "plugins { id 'org.springframework.boot' version '3.2.0'\n id 'java' }\n";

  it('reads 30,000 nested bootJar blocks in linear time', () => {
    const view = project({ 'build.gradle': BOOT + 'bootJar {\n'.repeat(30_000) });
    const { value, ms } = timed(() => gradleArtifact(readGradle(view, '.'), 'app', null));
    expect(value).toMatchObject({ task: 'bootJar', fatJar: 'spring-boot' });
    expect(ms).toBeLessThan(FINISHES_MS);
  });

  it('reads 30,000 closed bootJar blocks, the last one winning', () => {
    const many = 'bootJar {\n  archiveFileName = "a.jar"\n}\n'.repeat(30_000);
    const view = project({ 'build.gradle': BOOT + many + 'bootJar { archiveFileName = "last.jar" }\n' });
    const { value, ms } = timed(() => gradleArtifact(readGradle(view, '.'), 'app', null));
    expect(value).toMatchObject({ name: 'last.jar' });
    expect(ms).toBeLessThan(FINISHES_MS);
  });

  it('returns outermost blocks only: a block inside another is part of its body', () => {
    expect(blocks('a {\n x\n a {\n  y\n }\n}\na { z }\n', 'a')).toEqual(['\n x\n a {\n  y\n }\n', ' z ']);
  });

  it.each([
    ['gradle.properties', 'a=' + ' '.repeat(3_000) + '\u0000' + ' '.repeat(3_000) + 'x'],
    ['gradle/libs.versions.toml', 'a=' + ' '.repeat(3_000) + '=' + ' '.repeat(3_000) + '\n'],
    ['build.gradle', 'java { toolchain { languageVersion = JavaLanguageVersion.of(' + '\t'.repeat(50_000)],
    ['build.gradle', 'kotlin { jvmToolchain(' + ' '.repeat(50_000)],
    ['build.gradle', 'plugins {\n' + "id 'x'\n".repeat(1) + ' \n'.repeat(200_000) + 's'],
    ['build.gradle', 'tasks.named' + '\v'.repeat(200_000) + '){jar{'],
    ['build.gradle', 'version = "${'.repeat(100_000)],
    ['settings.gradle', 'include(e\t'.repeat(100_000)],
    ['settings.gradle', 'project("p").projectDir=new\tFile(l'.repeat(40_000)],
  ])('reads a hostile %s in bounded time', (file, text) => {
    const view = project({ 'build.gradle': BOOT, [file]: text });
    const { value, ms } = timed(() => {
      const build = readGradle(view, '.');
      return [gradleRelease(build), gradleArtifact(build, 'app', null)];
    });
    expect(value).not.toBeInstanceOf(Error);
    expect(ms).toBeLessThan(FINISHES_MS);
  });

  it('still reads ordinary properties and catalog entries', () => {
    expect(readProperties(' version = 1.2.3  \n# c=d\nname: app\n')).toEqual(
      new Map([
        ['version', '1.2.3'],
        ['name', 'app'],
      ]),
    );
    expect(
      readCatalogPlugins(
        '[versions]\nboot = "3.2.0" # pinned\n[plugins]\nspring-boot = { id = "org.springframework.boot", version.ref = "boot" }\n',
      ),
    ).toEqual(new Map([['spring.boot', { id: 'org.springframework.boot', version: '3.2.0' }]]));
  });

  it('refuses a build script over the size limit with its name', () => {
    const view = project({ 'build.gradle': '//' + 'x'.repeat(MAX_BUILD_FILE_CHARS) });
    expect(() => readGradle(view, '.')).toThrow(/^build\.gradle: 2\.0 MB, more than the 2 MB/);
  });
});
