import {
  buildToolOf,
  goalsOf,
  isWrapper,
  makesArtifact,
  projectDirOption,
  taskName,
} from '../../../src/kinds/java/vocabulary';

describe('Java build vocabulary', () => {
  it('tells Maven and Gradle by program name, wrappers included', () => {
    expect(['mvn', './mvnw', '/usr/bin/mvn', 'mvnw.cmd'].map(buildToolOf)).toEqual([
      'maven',
      'maven',
      'maven',
      'maven',
    ]);
    expect(['gradle', './gradlew', 'gradlew.bat'].map(buildToolOf)).toEqual(['gradle', 'gradle', 'gradle']);
    expect(['java', 'mvnx', 'ant'].map(buildToolOf)).toEqual([null, null, null]);
    expect(['./mvnw', 'gradlew', 'mvn', 'gradle'].map(isWrapper)).toEqual([true, true, false, false]);
  });

  it('reads goals and tasks without option values', () => {
    expect(goalsOf(['mvn', '-B', '-pl', 'api', '-P', 'prod', 'clean', 'package'])).toEqual([
      'clean',
      'package',
    ]);
    expect(goalsOf(['./gradlew', '-p', 'app', '-x', 'test', ':app:bootJar'])).toEqual([':app:bootJar']);
    expect(taskName(':app:bootJar')).toBe('bootJar');
    expect(makesArtifact(['mvn', 'verify'])).toBe(true);
    expect(makesArtifact(['mvn', '-pl', 'package', 'test'])).toBe(false);
  });

  it("reads the project folder a command names, by the tool's own option", () => {
    expect(projectDirOption(['mvn', '-f', 'api/pom.xml', 'package'])).toBe('api');
    expect(projectDirOption(['./mvnw', '--file=services/orders', 'package'])).toBe('services/orders');
    expect(projectDirOption(['./gradlew', '-p', 'app', 'build'])).toBe('app');
    expect(projectDirOption(['mvn', '-fae', 'package'])).toBeNull();
    expect(projectDirOption(['mvn', 'package'])).toBeNull();
  });
});
