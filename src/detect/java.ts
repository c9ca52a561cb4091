// Java project facts. (Minimal for now: the build tool.)
import type { DockerfileModel } from '../dockerfile/model';
import type { ProjectView } from './project-view';
import type { JavaFacts } from './types';

export function detectJava(view: ProjectView, _model: DockerfileModel): JavaFacts {
  const maven = view.exists('pom.xml');
  const gradle = view.exists('build.gradle') || view.exists('build.gradle.kts');
  return {
    buildTool: maven ? 'maven' : gradle ? 'gradle' : null,
    wrapper: view.exists('mvnw') || view.exists('gradlew'),
    kotlinDsl: view.exists('build.gradle.kts'),
    release: null,
    packaging: 'jar',
    artifactName: null,
    artifactDir: maven ? 'target' : gradle ? 'build/libs' : null,
    springBoot: null,
    shadow: false,
  };
}
