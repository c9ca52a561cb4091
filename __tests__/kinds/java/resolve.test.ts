import { resolveCommand } from '../../../src/kinds/java/resolve';

const text = (line: string, project = '/app') => {
  const r = resolveCommand(line, project);
  return 'why' in r ? r : r.text;
};

describe('resolveCommand', () => {
  it('uses the build launcher with go-offline or dependencies', () => {
    expect(text('mvn -B package')).toBe('mvn -B dependency:go-offline');
    expect(text('mvn package')).toBe('mvn -B dependency:go-offline');
    expect(text('./mvnw --batch-mode clean verify')).toBe('./mvnw --batch-mode dependency:go-offline');
    expect(text('gradle build --no-daemon -x test')).toBe('gradle dependencies --no-daemon');
    expect(text('./gradlew bootJar')).toBe('./gradlew dependencies --no-daemon');
    expect(text('sh gradlew bootJar')).toBe('sh gradlew dependencies --no-daemon');
    expect(text('exec mvn -q package')).toBe('mvn -B -q dependency:go-offline');
  });

  it('says whether the wrapper is executed', () => {
    expect(resolveCommand('./mvnw package', '/app')).toMatchObject({
      wrapper: true,
      executes: true,
      tool: 'maven',
    });
    expect(resolveCommand('sh mvnw package', '/app')).toMatchObject({ wrapper: true, executes: false });
    expect(resolveCommand('gradle build', '/app')).toMatchObject({
      wrapper: false,
      executes: false,
      tool: 'gradle',
    });
  });

  it('carries the Maven options that change what is resolved, and the files they name', () => {
    expect(
      resolveCommand(
        './mvnw -B -s ci/settings.xml -Pprod,docker -Drevision=1.2 -DskipTests -T 4 package',
        '/app',
      ),
    ).toMatchObject({
      text: './mvnw -B -s ci/settings.xml -Pprod,docker -Drevision=1.2 dependency:go-offline',
      files: ['ci/settings.xml'],
    });
    expect(resolveCommand('mvn --settings=/app/settings.xml -P prod package', '/app')).toMatchObject({
      text: 'mvn -B --settings=/app/settings.xml -P prod dependency:go-offline',
      files: ['settings.xml'],
    });
    expect(resolveCommand('mvn -ssettings.xml -fae package', '/app')).toMatchObject({
      text: 'mvn -B -ssettings.xml dependency:go-offline',
      files: ['settings.xml'],
    });
    // Image files need no copy; the project's own pom needs no -f.
    expect(
      resolveCommand('mvn -gs /usr/share/maven/ref/settings.xml -f pom.xml package', '/app'),
    ).toMatchObject({
      text: 'mvn -B -gs /usr/share/maven/ref/settings.xml dependency:go-offline',
      files: [],
    });
    expect(resolveCommand('mvn -f /app/pom-docker.xml package', '/app')).toMatchObject({
      text: 'mvn -B -f /app/pom-docker.xml dependency:go-offline',
      files: ['pom-docker.xml'],
    });
    expect(text('MAVEN_OPTS=-Xmx1g mvn -ntp -Dmaven.test.skip=true package')).toBe(
      'MAVEN_OPTS=-Xmx1g mvn -B -ntp dependency:go-offline',
    );
  });

  it('carries the Gradle options that change what is resolved or where it is cached', () => {
    expect(
      text('gradle -p /app -Pprofile=prod -Dorg.gradle.jvmargs=-Xmx1g -g /cache --console=plain build'),
    ).toBe(
      'gradle -Pprofile=prod -Dorg.gradle.jvmargs=-Xmx1g -g /cache --console=plain dependencies --no-daemon',
    );
    expect(text('./gradlew --project-prop env=ci --exclude-task test assemble')).toBe(
      './gradlew --project-prop env=ci dependencies --no-daemon',
    );
  });

  it('says why it cannot', () => {
    expect(text('mvn -s ../settings.xml package')).toMatchObject({
      why: expect.stringMatching(/cannot place/),
    });
    expect(text('mvn -s $SETTINGS package')).toMatchObject({ why: expect.stringMatching(/cannot place/) });
    expect(text('mvn "-Dname=a b" package')).toMatchObject({ why: expect.stringMatching(/quote/) });
    expect(text('gradle -c other-settings.gradle build')).toMatchObject({ why: expect.stringMatching(/-c/) });
    expect(text('gradle --init-script=ci.gradle build')).toMatchObject({
      why: expect.stringMatching(/init-script/),
    });
    expect(text('/app/mvnw package')).toMatchObject({ why: expect.stringMatching(/wrapper/) });
    expect(text('mvnw.cmd package')).toMatchObject({ why: expect.stringMatching(/not a plain/) });
    expect(text('mvn -s')).toMatchObject({ why: expect.stringMatching(/no value/) });
  });
});
