import { detectProject } from '../../../src/pipeline/detect';
import { artifactModule, javaHints } from '../../../src/kinds/java/hints';
import { dockerfile, java, project } from '../helpers';

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>svc</artifactId>
  <version>1.0.0</version>
</project>
`;
const GRADLE = "plugins {\n    id 'java'\n}\nversion = '1.0.0'\n";

describe('detectJava', () => {
  it('chooses the build tool from the files, and the Dockerfile when both are there', () => {
    expect(java({ 'pom.xml': POM }).buildTool).toBe('maven');
    expect(java({ 'build.gradle': GRADLE }).buildTool).toBe('gradle');
    expect(
      java({ 'settings.gradle.kts': 'include("app")', 'app/build.gradle.kts': 'plugins { java }' }).buildTool,
    ).toBe('gradle');
    const both = { 'pom.xml': POM, 'build.gradle': GRADLE, 'settings.gradle': "rootProject.name = 'svc'" };
    expect(java(both, dockerfile('FROM gradle:8-jdk17', 'COPY . .', 'RUN gradle build'))).toMatchObject({
      buildTool: 'gradle',
      artifactName: 'svc-1.0.0.jar',
    });
    expect(java(both, dockerfile('FROM openjdk:17', 'COPY build/libs/svc-1.0.0.jar app.jar')).buildTool).toBe(
      'gradle',
    );
    expect(java(both, dockerfile('FROM openjdk:17', 'COPY . .')).buildTool).toBe('maven');
  });

  it('knows nothing without a build file', () => {
    expect(java({ 'app.jar': 'PK' })).toMatchObject({
      buildTool: null,
      artifactName: null,
      artifactDir: null,
      moduleDir: '.',
    });
  });

  it('uses a copied folder holding the build when the root has none', () => {
    const facts = java(
      { 'service/pom.xml': POM },
      dockerfile('FROM maven:3-eclipse-temurin-17', 'WORKDIR /src', 'COPY service/ .', 'RUN mvn -q package'),
    );
    expect(facts).toMatchObject({
      buildTool: 'maven',
      moduleDir: 'service',
      artifactName: 'svc-1.0.0.jar',
      artifactDir: 'service/target',
    });
  });

  it('finds the Gradle wrapper above the module', () => {
    const facts = java(
      {
        'settings.gradle': "include 'app'",
        gradlew: '#!/bin/sh',
        'gradle/wrapper/gradle-wrapper.properties': 'x',
        'app/build.gradle': GRADLE,
      },
      dockerfile('FROM eclipse-temurin:17', 'COPY . .', 'RUN sh ./gradlew :app:build'),
    );
    expect(facts).toMatchObject({
      moduleDir: 'app',
      wrapper: true,
      wrapperDir: '.',
      buildsInImage: true,
      artifactName: 'app-1.0.0.jar',
    });
  });
});

describe('javaHints', () => {
  it('reads Maven and Gradle commands, shell or exec form', () => {
    expect(
      javaHints(
        dockerfile('FROM maven:3', 'RUN ["sh", "-c", "mvn -B -f api/pom.xml -pl !docs,core package"]'),
      ),
    ).toMatchObject({
      tool: 'maven',
      buildsInImage: true,
      mavenDir: 'api',
      mavenProjects: ['core'],
    });
    expect(
      javaHints(
        dockerfile(
          'FROM gradle:8',
          'WORKDIR /w',
          'RUN chmod +x gradlew && ./gradlew clean shadowJar -x test --no-daemon',
        ),
      ),
    ).toMatchObject({
      tool: 'gradle',
      gradleTasks: ['clean', 'shadowJar'],
      workdir: '/w',
    });
    expect(
      javaHints(dockerfile('FROM openjdk:11', 'ADD target/app-*.war /usr/local/tomcat/webapps/ROOT.war')),
    ).toMatchObject({
      tool: 'maven',
      buildsInImage: false,
      copiedArtifact: 'target/app-*.war',
    });
  });

  it('reads a copied artifact through the ARG default that names it', () => {
    expect(
      javaHints(
        dockerfile(
          'FROM openjdk:17',
          'ARG JAR_FILE=target/*.jar',
          'COPY ${JAR_FILE} app.jar',
          'CMD java -jar app.jar',
        ),
      ),
    ).toMatchObject({ tool: 'maven', buildsInImage: false, copiedArtifact: 'target/*.jar' });
    expect(
      javaHints(dockerfile('ARG LIBS=build/libs', 'FROM openjdk:17', 'COPY $LIBS/svc.jar /svc.jar')),
    ).toMatchObject({ tool: 'gradle', copiedArtifact: 'build/libs/svc.jar' });
    expect(
      javaHints(dockerfile('FROM openjdk:17', 'ARG JAR_FILE', 'COPY ${JAR_FILE} app.jar')).copiedArtifact,
    ).toBeNull();
  });

  it('maps a copied artifact to its module', () => {
    expect(artifactModule('target/app.jar')).toBe('.');
    expect(artifactModule('orders/target/*.jar')).toBe('orders');
    expect(artifactModule('services/a/build/libs/a.jar')).toBe('services/a');
    expect(artifactModule('app.jar')).toBeNull();
    expect(artifactModule(null)).toBeNull();
  });

  it('lists the copied sources that are folders, the whole context left out', () => {
    const facts = java(
      {
        'pom.xml': POM,
        'src/main/App.java': 'class App {}',
        'docker/run.sh': '#!/bin/sh',
        'app.yml': 'a: 1',
      },
      dockerfile(
        'FROM maven:3-eclipse-temurin-17',
        'COPY . .',
        'COPY ./docker/ /opt/docker/',
        'COPY src src',
        'COPY app.yml /config/',
        'COPY ${CONF} /x/',
      ),
    );
    expect(facts.copiedDirs).toEqual(['docker', 'src']);
  });
});

describe('detectProject', () => {
  it('fills node or java facts by kind', () => {
    const nodeFacts = detectProject(
      project({ 'package.json': '{"name":"a"}' }),
      dockerfile('FROM node:20', 'COPY . .'),
    );
    expect(nodeFacts.kind).toBe('node');
    expect(nodeFacts.node?.name).toBe('a');
    expect(nodeFacts.java).toBeNull();
    const javaFacts = detectProject(
      project({ 'pom.xml': POM }),
      dockerfile('FROM eclipse-temurin:17', 'COPY target/svc-1.0.0.jar app.jar'),
    );
    expect(javaFacts.java?.artifactName).toBe('svc-1.0.0.jar');
    expect(javaFacts.node).toBeNull();
  });
});
