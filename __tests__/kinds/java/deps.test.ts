import { dockerfile, java } from '../helpers';

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>svc</artifactId>
  <version>1.0.0</version>
  DEPS
</project>
`;
const MAVEN_BUILD = dockerfile(
  'FROM maven:3-eclipse-temurin-17',
  'WORKDIR /app',
  'COPY . .',
  'RUN mvn -B package',
);
const GRADLE_BUILD = dockerfile('FROM gradle:8-jdk17', 'WORKDIR /app', 'COPY . .', 'RUN gradle build');
const pom = (deps = '') => POM.replace('DEPS', deps);
const paths = (facts: ReturnType<typeof java>) =>
  facts.dependencyInputs?.files.map(
    (f) => `${f.path}${f.dir ? '/' : ''}${f.wrapperOnly ? ' (wrapper)' : ''}`,
  );

describe('dependencyInputs', () => {
  it('lists the Maven files the context holds', () => {
    expect(paths(java({ 'pom.xml': pom() }, MAVEN_BUILD))).toEqual(['pom.xml']);
    const wrapper = {
      'pom.xml': pom(),
      mvnw: '#!/bin/sh',
      '.mvn/wrapper/maven-wrapper.properties': 'x',
    };
    expect(paths(java(wrapper, MAVEN_BUILD))).toEqual(['.mvn/ (wrapper)', 'mvnw (wrapper)', 'pom.xml']);
    const config = { ...wrapper, '.mvn/maven.config': '-Drevision=1.0' };
    expect(paths(java(config, MAVEN_BUILD))).toEqual(['.mvn/', 'mvnw (wrapper)', 'pom.xml']);
    expect(java(config, MAVEN_BUILD).dependencyInputs?.blocker).toBeNull();
  });

  it('lists the Gradle files the context holds', () => {
    const files = {
      'settings.gradle.kts': 'rootProject.name = "svc"',
      'build.gradle.kts': 'plugins { java }',
      'gradle.properties': 'org.gradle.caching=true',
      gradlew: '#!/bin/sh',
      'gradle/wrapper/gradle-wrapper.properties': 'x',
      'gradle/libs.versions.toml': '[versions]',
      'src/main/java/A.java': 'class A {}',
    };
    expect(paths(java(files, GRADLE_BUILD))).toEqual([
      'gradle/',
      'gradlew (wrapper)',
      'settings.gradle.kts',
      'build.gradle.kts',
      'gradle.properties',
    ]);
    expect(java(files, GRADLE_BUILD).dependencyInputs?.blocker).toBeNull();
  });

  it('is absent when the module is not the root', () => {
    const facts = java(
      { 'service/pom.xml': pom() },
      dockerfile('FROM maven:3-eclipse-temurin-17', 'COPY service/ .', 'RUN mvn package'),
    );
    expect(facts.moduleDir).toBe('service');
    expect(facts.dependencyInputs).toBeUndefined();
  });

  it.each([
    [
      'a system-scope jar in the project',
      {
        'pom.xml': pom(
          '<dependencies><dependency><systemPath>${project.basedir}/lib/x.jar</systemPath></dependency></dependencies>',
        ),
      },
      /systemPath/,
    ],
    [
      'a repository in the project',
      {
        'pom.xml': pom(
          '<repositories><repository><url>file://${basedir}/repo</url></repository></repositories>',
        ),
      },
      /repository/,
    ],
    [
      'maven.config naming a file outside .mvn/',
      { 'pom.xml': pom(), '.mvn/maven.config': '-s ci/settings.xml' },
      /ci\/settings\.xml/,
    ],
    [
      'a parent pom in the project',
      {
        'pom.xml': POM.replace('DEPS', '').replace(
          '<groupId>com.acme</groupId>',
          '<parent><groupId>com.acme</groupId><artifactId>base</artifactId><version>1</version><relativePath>base/pom.xml</relativePath></parent>',
        ),
        'base/pom.xml': POM.replace('svc', 'base').replace('DEPS', ''),
      },
      /parent pom base\/pom\.xml/,
    ],
  ])('says why Maven cannot resolve from the build files alone: %s', (_what, files, why) => {
    expect(java(files, MAVEN_BUILD).dependencyInputs?.blocker).toMatch(why);
  });

  it.each([
    ['buildSrc/', { 'build.gradle': "plugins { id 'java' }", 'buildSrc/build.gradle': '' }, /buildSrc/],
    [
      'an included build',
      { 'settings.gradle': "includeBuild('build-logic')", 'build.gradle': '' },
      /includeBuild/,
    ],
    [
      'a script applied from the project',
      { 'build.gradle': "apply from: 'ci/publish.gradle'" },
      /ci\/publish\.gradle/,
    ],
    [
      'a catalog outside gradle/',
      { 'settings.gradle.kts': 'from(files("deps.toml"))', 'build.gradle.kts': '' },
      /deps\.toml/,
    ],
    [
      'a file read while configuring',
      { 'build.gradle.kts': 'version = file("VERSION").readText().trim()' },
      /readText/,
    ],
    [
      'a command run while configuring',
      { 'build.gradle': "version = 'git describe'.execute().text" },
      /execute/,
    ],
    [
      'a plugin reading .git',
      { 'build.gradle': "plugins { id 'com.palantir.git-version' version '3.0.0' }" },
      /git-version/,
    ],
  ])('says why Gradle cannot resolve from the build files alone: %s', (_what, files, why) => {
    expect(java(files, GRADLE_BUILD).dependencyInputs?.blocker).toMatch(why);
  });

  it('accepts scripts applied from gradle/ or a URL', () => {
    const files = { 'build.gradle': "apply from: 'gradle/publish.gradle'\napply from: 'https://x/y.gradle'" };
    expect(java(files, GRADLE_BUILD).dependencyInputs?.blocker).toBeNull();
  });
});
