import { gradleRelease, readGradle } from '../../../src/kinds/java/gradle';
import { assigned, evalString, readCatalogPlugins, topLevel } from '../../../src/kinds/java/gradle-script';
import { dockerfile, java, project } from '../helpers';

const BOOT_GROOVY = `plugins {
\tid 'java'
\tid 'org.springframework.boot' version '3.2.3'
\tid 'io.spring.dependency-management' version '1.1.4'
}

group = 'com.example'
version = '0.0.1-SNAPSHOT'

java {
\tsourceCompatibility = '17'
}

repositories {
\tmavenCentral()
}

dependencies {
\timplementation 'org.springframework.boot:spring-boot-starter-web'
\ttestImplementation 'org.springframework.boot:spring-boot-starter-test'
}

tasks.named('test') {
\tuseJUnitPlatform()
}
`;

const BOOT_KOTLIN = `import org.jetbrains.kotlin.gradle.tasks.KotlinCompile

plugins {
    id("org.springframework.boot") version "3.2.3"
    id("io.spring.dependency-management") version "1.1.4"
    kotlin("jvm") version "1.9.22"
    kotlin("plugin.spring") version "1.9.22"
}

group = "com.example"
version = "1.2.0"

java {
    toolchain {
        languageVersion = JavaLanguageVersion.of(21)
    }
}

tasks.withType<KotlinCompile> {
    kotlinOptions {
        freeCompilerArgs += "-Xjsr305=strict"
        jvmTarget = "21"
    }
}
`;

const BUILD_IN_IMAGE = dockerfile(
  'FROM gradle:8.6-jdk17',
  'WORKDIR /home/gradle/src',
  'COPY . .',
  'RUN gradle bootJar --no-daemon',
);

describe('Gradle', () => {
  it('reads a Spring Boot Groovy build: bootJar name, release, Boot version, wrapper', () => {
    const facts = java({
      'build.gradle': BOOT_GROOVY,
      'settings.gradle': "rootProject.name = 'demo'\n",
      gradlew: '#!/bin/sh',
      'gradle/wrapper/gradle-wrapper.properties':
        'distributionUrl=https\\://services.gradle.org/distributions/gradle-8.6-bin.zip',
    });
    expect(facts).toEqual({
      buildTool: 'gradle',
      wrapper: true,
      wrapperDir: '.',
      kotlinDsl: false,
      moduleDir: '.',
      buildFile: 'build.gradle',
      modules: [],
      buildsInImage: false,
      copiedArtifact: 'target/*.jar',
      release: 17,
      packaging: 'jar',
      artifactName: 'demo-0.0.1-SNAPSHOT.jar',
      artifactDir: 'build/libs',
      springBoot: '3.2.3',
      shadow: false,
      fatJar: 'spring-boot',
      libDir: null,
      applicationPlugin: false,
      copiedDirs: [],
      dependencyInputs: {
        files: [
          { path: 'gradle', dir: true, wrapperOnly: true },
          { path: 'gradlew', dir: false, wrapperOnly: true },
          { path: 'settings.gradle', dir: false, wrapperOnly: false },
          { path: 'build.gradle', dir: false, wrapperOnly: false },
        ],
        blocker: null,
      },
    });
  });

  it('reads the Kotlin DSL: toolchain, archiveFileName, and never the -plain jar', () => {
    const files = {
      'build.gradle.kts': BOOT_KOTLIN,
      'settings.gradle.kts': 'rootProject.name = "inventory"\n',
    };
    expect(java(files, BUILD_IN_IMAGE)).toMatchObject({
      kotlinDsl: true,
      release: 21,
      artifactName: 'inventory-1.2.0.jar',
      buildsInImage: true,
      springBoot: '3.2.3',
    });
    const named = {
      ...files,
      'build.gradle.kts': BOOT_KOTLIN + '\ntasks.bootJar {\n    archiveFileName.set("app.jar")\n}\n',
    };
    expect(java(named).artifactName).toBe('app.jar');
    const disabled = {
      ...files,
      'build.gradle.kts': BOOT_KOTLIN + '\ntasks.getByName<BootJar>("bootJar") {\n    enabled = false\n}\n',
    };
    expect(java(disabled).artifactName).toBeNull();
    // `gradle jar` in the Dockerfile asks for the plain jar: not a runnable artifact.
    expect(java(files, dockerfile('FROM gradle:8', 'COPY . .', 'RUN gradle jar')).artifactName).toBeNull();
  });

  it('names the shadow jar with -all, honouring a classifier override', () => {
    const build = `plugins {
    id 'java'
    id 'application'
    id 'com.github.johnrengelman.shadow' version '8.1.1'
}

version = '1.4.0'
sourceCompatibility = JavaVersion.VERSION_11

application {
    mainClass = 'com.acme.ingest.Main'
}
`;
    const files = { 'build.gradle': build, 'settings.gradle': "rootProject.name = 'ingest'" };
    expect(java(files)).toMatchObject({
      artifactName: 'ingest-1.4.0-all.jar',
      shadow: true,
      fatJar: 'shadow',
      applicationPlugin: true,
      release: 11,
    });
    const unclassified = {
      ...files,
      'build.gradle':
        build + "\nshadowJar {\n    archiveClassifier.set('')\n    archiveBaseName = 'ingest-app'\n}\n",
    };
    expect(java(unclassified).artifactName).toBe('ingest-app-1.4.0.jar');
  });

  it('builds a war with the war plugin, bootWar under Spring Boot', () => {
    const war = "plugins {\n  id 'war'\n}\nversion = '2.0'\n";
    expect(java({ 'build.gradle': war, 'settings.gradle': "rootProject.name = 'portal'" })).toMatchObject({
      packaging: 'war',
      artifactName: 'portal-2.0.war',
      fatJar: null,
    });
    const bootWar =
      "plugins {\n  id 'war'\n  id 'org.springframework.boot' version '2.7.18'\n}\nversion = '2.0'\n";
    expect(java({ 'build.gradle': bootWar, 'settings.gradle': "rootProject.name = 'portal'" })).toMatchObject(
      {
        packaging: 'war',
        artifactName: 'portal-2.0.war',
        fatJar: 'spring-boot',
        springBoot: '2.7.18',
      },
    );
  });

  it('reads a legacy buildscript: apply plugin, classpath version, sourceCompatibility 1.8, bootJar baseName', () => {
    const build = `buildscript {
    ext {
        springBootVersion = '2.1.4.RELEASE'
    }
    repositories {
        mavenCentral()
    }
    dependencies {
        classpath("org.springframework.boot:spring-boot-gradle-plugin:\${springBootVersion}")
    }
}

apply plugin: 'java'
apply plugin: 'org.springframework.boot'
apply plugin: 'io.spring.dependency-management'

bootJar {
    baseName = 'gs-spring-boot'
    version =  '0.1.0'
}

sourceCompatibility = 1.8
targetCompatibility = 1.8
`;
    expect(java({ 'build.gradle': build })).toMatchObject({
      springBoot: '2.1.4.RELEASE',
      release: 8,
      artifactName: 'gs-spring-boot-0.1.0.jar',
      fatJar: 'spring-boot',
    });
  });

  it('gives null when the version is computed, and leaves an unset version out', () => {
    const computed = "plugins { id 'java' }\nversion = \"1.0.${System.getenv('BUILD_NUMBER') ?: 0}\"\n";
    expect(
      java({ 'build.gradle': computed, 'settings.gradle': "rootProject.name = 'x'" }).artifactName,
    ).toBeNull();
    expect(
      java({
        'build.gradle': "plugins { id 'java' }\nversion = gitVersion()\n",
        'settings.gradle': "rootProject.name = 'x'",
      }).artifactName,
    ).toBeNull();
    expect(
      java({ 'build.gradle': "plugins { id 'java' }\n", 'settings.gradle': "rootProject.name = 'x'" })
        .artifactName,
    ).toBe('x.jar');
    expect(
      java({
        'build.gradle': "plugins { id 'java' }\n",
        'settings.gradle': "rootProject.name = 'x'",
        'gradle.properties': 'version=3.1.0\norg.gradle.jvmargs=-Xmx2g\n',
      }).artifactName,
    ).toBe('x-3.1.0.jar');
  });

  it("names the root project after the image's WORKDIR only when the build runs there", () => {
    const files = { 'build.gradle': "plugins { id 'java' }\nversion = '1.0'\n" };
    expect(java(files, BUILD_IN_IMAGE).artifactName).toBe('src-1.0.jar');
    expect(java(files).artifactName).toBeNull();
  });

  it('finds the module of a multi-project build from a :project:task, -p or the copied jar', () => {
    const files = {
      'settings.gradle.kts':
        'rootProject.name = "shop"\ninclude("services:orders", "libs:common")\ninclude(":services:payments")\n',
      'build.gradle.kts':
        'plugins {\n    id("org.springframework.boot") version "3.2.0" apply false\n}\n\nsubprojects {\n    version = "2.0.1"\n}\n',
      'services/orders/build.gradle.kts':
        'plugins {\n    java\n    id("org.springframework.boot")\n}\n\njava.sourceCompatibility = JavaVersion.VERSION_17\n',
      'services/payments/build.gradle.kts': 'plugins {\n    `java-library`\n}\n',
      'libs/common/build.gradle.kts': 'plugins {\n    `java-library`\n}\n',
      gradlew: '#!/bin/sh',
      'gradle/wrapper/gradle-wrapper.jar': 'PK',
    };
    const expected = {
      moduleDir: 'services/orders',
      buildFile: 'services/orders/build.gradle.kts',
      modules: ['services/orders', 'libs/common', 'services/payments'],
      artifactName: 'orders-2.0.1.jar',
      artifactDir: 'services/orders/build/libs',
      springBoot: '3.2.0',
      release: 17,
      wrapper: true,
      wrapperDir: '.',
    };
    expect(
      java(
        files,
        dockerfile(
          'FROM eclipse-temurin:17-jdk',
          'COPY . .',
          'RUN ./gradlew :services:orders:bootJar --no-daemon -x test',
        ),
      ),
    ).toMatchObject(expected);
    expect(
      java(
        files,
        dockerfile('FROM eclipse-temurin:17-jdk', 'COPY . .', 'RUN ./gradlew -p services/orders bootJar'),
      ),
    ).toMatchObject(expected);
    expect(
      java(files, dockerfile('FROM eclipse-temurin:17-jre', 'COPY services/orders/build/libs/*.jar app.jar')),
    ).toMatchObject(expected);
  });

  it('reads plugins and versions from a version catalog', () => {
    const files = {
      'gradle/libs.versions.toml': `[versions]
springBoot = "3.2.2"
shadow = "8.1.1"

[libraries]
spring-boot-starter-web = { module = "org.springframework.boot:spring-boot-starter-web" }

[plugins]
spring-boot = { id = "org.springframework.boot", version.ref = "springBoot" }
shadow = "com.github.johnrengelman.shadow:8.1.1"
`,
      'build.gradle.kts':
        'plugins {\n    java\n    alias(libs.plugins.spring.boot)\n}\nversion = "0.3.0"\njava { toolchain { languageVersion.set(JavaLanguageVersion.of(17)) } }\n',
      'settings.gradle.kts': 'rootProject.name = "catalog-svc"\n',
    };
    expect(java(files)).toMatchObject({
      springBoot: '3.2.2',
      artifactName: 'catalog-svc-0.3.0.jar',
      release: 17,
    });
    expect(readCatalogPlugins(files['gradle/libs.versions.toml']).get('shadow')).toEqual({
      id: 'com.github.johnrengelman.shadow',
      version: '8.1.1',
    });
  });

  it('reads every way of writing the Java release', () => {
    const release = (text: string) => gradleRelease(readGradle(project({ 'build.gradle.kts': text }), '.'));
    expect(release('kotlin {\n    jvmToolchain(17)\n}\n')).toBe(17);
    expect(release('java { toolchain { languageVersion.set(JavaLanguageVersion.of("21")) } }')).toBe(21);
    expect(release('tasks.withType<JavaCompile> {\n    options.release.set(11)\n}\n')).toBe(11);
    expect(
      release(
        'java {\n    sourceCompatibility = JavaVersion.VERSION_1_8\n    targetCompatibility = JavaVersion.VERSION_1_8\n}\n',
      ),
    ).toBe(8);
    expect(release("sourceCompatibility = '17'")).toBe(17);
    expect(
      release('val javaVersion = "21"\njava { sourceCompatibility = JavaVersion.toVersion(javaVersion) }\n'),
    ).toBe(21);
    expect(release('// java { toolchain { languageVersion = JavaLanguageVersion.of(8) } }\n')).toBeNull();
  });

  it('evaluates simple Groovy and Kotlin strings', () => {
    const vars = new Map([
      ['version', '1.0'],
      ['name', 'app'],
    ]);
    expect(evalString("'plain'", vars)).toBe('plain');
    expect(evalString('"${project.name}-$version.jar"', vars)).toBe('app-1.0.jar');
    expect(evalString("name + '-' + version", vars)).toBe('app-1.0');
    expect(evalString('"${rootProject.name}"', vars)).toBeNull();
    expect(assigned(topLevel('version = "1"\njar {\n  version = "2"\n}\n'), 'version')).toBe('"1"');
    expect(assigned("archiveFileName.set('a.jar')", 'archiveFileName')).toBe("'a.jar'");
  });
});

describe('Gradle archive names', () => {
  const settings = "rootProject.name = 'svc'\n";
  it('gives null when a name part is set but not readable', () => {
    const build =
      "plugins { id 'java' }\nversion = '1.0'\njar {\n    archiveClassifier = computeClassifier()\n}\n";
    expect(java({ 'build.gradle': build, 'settings.gradle': settings }).artifactName).toBeNull();
  });

  it('uses archivesName from the base block and withType(Jar) settings', () => {
    const build =
      'plugins {\n    java\n}\nversion = "1.0"\nbase {\n    archivesName.set("svc-core")\n}\ntasks.withType<Jar> {\n    archiveVersion.set("")\n}\n';
    expect(java({ 'build.gradle.kts': build, 'settings.gradle.kts': settings }).artifactName).toBe(
      'svc-core.jar',
    );
  });

  it('does not apply a plugin declared with apply false at the root', () => {
    const build =
      "plugins {\n    id 'java'\n    id 'org.springframework.boot' version '3.2.0' apply false\n}\nversion = '1.0'\n";
    expect(java({ 'build.gradle': build, 'settings.gradle': settings })).toMatchObject({
      fatJar: null,
      artifactName: 'svc-1.0.jar',
      springBoot: null,
    });
  });
});
