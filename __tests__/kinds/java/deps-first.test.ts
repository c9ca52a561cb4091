import { applyEdits } from '../../../src/dockerfile/edits';
import { planDependenciesFirst, wholeContextCopy } from '../../../src/kinds/java/deps-first';
import { readJavaStage } from '../../../src/kinds/java/stage';
import { dockerfile, java } from '../helpers';

const POM =
  '<project><modelVersion>4.0.0</modelVersion><artifactId>svc</artifactId><version>1</version></project>';
const MAVEN = { 'pom.xml': POM, 'src/main/java/A.java': 'class A {}' };
const WRAPPER = { ...MAVEN, mvnw: '#!/bin/sh', '.mvn/wrapper/maven-wrapper.properties': 'x' };
const GRADLE = { 'settings.gradle': "rootProject.name = 'svc'", 'build.gradle': "plugins { id 'java' }" };

/** The Dockerfile with the lines inserted, the reason when not, or null when there is no whole-context copy. */
function plan(files: Record<string, string>, ...lines: string[]) {
  const model = dockerfile(...lines);
  const facts = java(files, model);
  const reading = readJavaStage(model, facts);
  const copy = wholeContextCopy(reading);
  if (!copy) return null;
  const result = planDependenciesFirst(model, facts, reading, copy);
  return 'edit' in result ? applyEdits(model.text, [result.edit]).trimEnd().split('\n') : result;
}

describe('planDependenciesFirst', () => {
  it('copies the build files and resolves before the whole context, in the same folder', () => {
    expect(
      plan(MAVEN, 'FROM maven:3-eclipse-temurin-17', 'WORKDIR /app', 'COPY . .', 'RUN mvn package'),
    ).toEqual([
      'FROM maven:3-eclipse-temurin-17',
      'WORKDIR /app',
      'COPY pom.xml ./',
      'RUN mvn -B dependency:go-offline',
      'COPY . .',
      'RUN mvn package',
    ]);
  });

  it('copies to the destination as written and runs there, with the copy flags but not --link', () => {
    expect(
      plan(
        GRADLE,
        'FROM gradle:8-jdk17',
        'COPY --link --chown=gradle . /home/gradle/src/',
        'WORKDIR /home/gradle/src',
        'RUN gradle build',
      ),
    ).toEqual([
      'FROM gradle:8-jdk17',
      'COPY --chown=gradle settings.gradle build.gradle /home/gradle/src/',
      'RUN cd /home/gradle/src && gradle dependencies --no-daemon',
      'COPY --link --chown=gradle . /home/gradle/src/',
      'WORKDIR /home/gradle/src',
      'RUN gradle build',
    ]);
  });

  it('repeats wrapper chores instead of adding its own chmod', () => {
    expect(
      plan(
        WRAPPER,
        'FROM eclipse-temurin:17-jdk',
        'WORKDIR /app',
        'COPY . .',
        'RUN chmod +x mvnw',
        'RUN ./mvnw package',
      ),
    ).toContain('RUN chmod +x mvnw && ./mvnw -B dependency:go-offline');
    expect(
      plan(
        WRAPPER,
        'FROM eclipse-temurin:17-jdk',
        'WORKDIR /app',
        'COPY . .',
        "RUN sed -i 's/\\r$//' mvnw && ./mvnw package",
      ),
    ).toContain("RUN sed -i 's/\\r$//' mvnw && chmod +x mvnw && ./mvnw -B dependency:go-offline");
  });

  it('leaves chmod out for a non-root user, who may not own the wrapper', () => {
    expect(
      plan(
        WRAPPER,
        'FROM eclipse-temurin:17-jdk',
        'USER app',
        'WORKDIR /app',
        'COPY . .',
        'RUN ./mvnw package',
      ),
    ).toContain('RUN ./mvnw -B dependency:go-offline');
  });

  it('copies a settings file the build names', () => {
    const files = { ...MAVEN, 'ci/settings.xml': '<settings/>' };
    expect(
      plan(
        files,
        'FROM maven:3-eclipse-temurin-17',
        'WORKDIR /app',
        'COPY . .',
        'RUN mvn -s ci/settings.xml package',
      ),
    ).toEqual([
      'FROM maven:3-eclipse-temurin-17',
      'WORKDIR /app',
      'COPY pom.xml ./',
      'COPY ci/settings.xml ci/',
      'RUN mvn -B -s ci/settings.xml dependency:go-offline',
      'COPY . .',
      'RUN mvn -s ci/settings.xml package',
    ]);
  });

  it('runs in the folder the context goes to, whatever the WORKDIR', () => {
    expect(
      plan(
        MAVEN,
        'FROM maven:3-eclipse-temurin-17',
        'WORKDIR /work',
        'COPY . /src',
        'RUN mvn -f /src/pom.xml package',
      ),
    ).toContain('RUN cd /src && mvn -B dependency:go-offline');
  });

  it('is not asked without a whole-context copy', () => {
    expect(
      plan(MAVEN, 'FROM maven:3-eclipse-temurin-17', 'COPY pom.xml .', 'COPY src src', 'RUN mvn package'),
    ).toBeNull();
  });

  it('stays quiet when the build RUN has a cache mount', () => {
    expect(
      plan(
        MAVEN,
        'FROM maven:3-eclipse-temurin-17',
        'COPY . .',
        'RUN --mount=type=cache,target=/root/.m2 mvn package',
      ),
    ).toEqual({ why: null });
  });

  it.each([
    [
      'an ENV between the copy and the build',
      ['COPY . .', 'ENV MAVEN_OPTS=-Xmx1g', 'RUN mvn package'],
      /ENV MAVEN_OPTS/,
    ],
    ['a RUN between', ['COPY . .', 'RUN apt-get update', 'RUN mvn package'], /apt-get update/],
    ['a COPY between', ['COPY . .', 'COPY settings.xml /root/.m2/', 'RUN mvn package'], /settings\.xml/],
    [
      'an earlier copy into the folder',
      ['WORKDIR /app', 'COPY pom.xml .', 'COPY . .', 'RUN mvn package'],
      /puts files in \/app/,
    ],
    ['ADD', ['ADD . .', 'RUN mvn package'], /ADD/],
    ['several sources', ['COPY . extra.txt /app/', 'WORKDIR /app', 'RUN mvn package'], /other sources/],
    [
      'a variable destination',
      ['ARG DIR=/app', 'COPY . $DIR', 'WORKDIR /app', 'RUN mvn package'],
      /plain path/,
    ],
    ['a build elsewhere', ['COPY . /src', 'RUN mvn -f /other/pom.xml package'], /runs in/],
    ['other commands first in the build RUN', ['COPY . .', 'RUN ./setup.sh && mvn package'], /setup\.sh/],
    ['a secret mount', ['COPY . .', 'RUN --mount=type=secret,id=m2 mvn package'], /flags/],
  ])('says why not: %s', (_what, lines, why) => {
    expect(plan(MAVEN, 'FROM maven:3-eclipse-temurin-17', ...lines)).toMatchObject({
      why: expect.stringMatching(why),
    });
  });

  it('says why not for modules and blockers', () => {
    const modules = {
      ...MAVEN,
      'pom.xml': POM.replace('</project>', '<modules><module>api</module></modules></project>'),
      'api/pom.xml': POM,
    };
    expect(plan(modules, 'FROM maven:3-eclipse-temurin-17', 'COPY . .', 'RUN mvn package')).toMatchObject({
      why: expect.stringMatching(/modules api/),
    });
    expect(
      plan({ ...GRADLE, 'buildSrc/build.gradle': '' }, 'FROM gradle:8-jdk17', 'COPY . .', 'RUN gradle build'),
    ).toMatchObject({ why: expect.stringMatching(/buildSrc/) });
    expect(plan(MAVEN, 'FROM maven:3-eclipse-temurin-17', 'COPY . .', 'RUN ./mvnw package')).toMatchObject({
      why: expect.stringMatching(/mvnw, which is not at the root/),
    });
  });
});
