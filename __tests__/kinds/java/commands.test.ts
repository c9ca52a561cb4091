import { javaRunBuilds, readJavaRun } from '../../../src/kinds/java/commands';

describe('readJavaRun', () => {
  it('sees builds through wrappers, sh and cd, with the folder they run in', () => {
    expect(readJavaRun('./mvnw -B package -DskipTests')).toMatchObject({
      build: true,
      plainTool: null,
      buildDirs: ['.'],
    });
    expect(readJavaRun('cd service && mvn -f core/pom.xml package')).toMatchObject({
      build: true,
      plainTool: 'maven',
      buildDirs: ['service/core'],
    });
    expect(readJavaRun('cd /src && mvn package').buildDirs).toEqual(['/src']);
    expect(readJavaRun('cd app && mvn -f /src/pom.xml package').buildDirs).toEqual(['/src']);
    expect(readJavaRun('sh ./gradlew bootJar')).toMatchObject({
      build: true,
      buildCommand: 'sh ./gradlew bootJar',
    });
  });

  it('knows an install of the build tool alone, and the packages installed', () => {
    expect(readJavaRun('apk add --no-cache maven').installsOnly).toBe('maven');
    expect(
      readJavaRun('apt-get update && apt-get install -y maven && rm -rf /var/lib/apt/lists/*').installsOnly,
    ).toBe('maven');
    expect(readJavaRun('apk add --no-cache maven git')).toMatchObject({
      installsOnly: null,
      systemPackages: ['maven', 'git'],
    });
    expect(readJavaRun('microdnf install shadow-utils').systemManager).toBe('other');
  });

  it('reads setup lines, wrapper chores and JDK tools', () => {
    expect(readJavaRun('mkdir -p /data && chown -R app:app /data')).toMatchObject({
      setupOnly: true,
      setupPaths: ['/data', '/data'],
      created: ['/data'],
    });
    expect(readJavaRun('chmod +x mvnw').wrapperOnly).toBe(true);
    expect(readJavaRun('chmod +x mvnw && ./mvnw package').wrapperOnly).toBe(false);
    expect(readJavaRun('jar xf app.jar').jdkTool).toBe('jar');
    expect(readJavaRun('groupadd app && useradd -g app app').userCommands).toHaveLength(2);
  });

  it('keeps the setup commands of a line that creates a user, to repeat them once the user exists', () => {
    const run = readJavaRun(
      'groupadd -r svc && useradd -r -g svc -m svc && mkdir -p /var/lib/app && chown svc /var/lib/app',
    );
    expect(run).toMatchObject({
      setupCommands: ['mkdir -p /var/lib/app', 'chown svc /var/lib/app'],
      usersAndSetupOnly: true,
      created: ['/var/lib/app'],
    });
    // After a `cd` the paths mean something else; other work in the line is not repeated.
    expect(readJavaRun('useradd app && cd /srv && mkdir data').setupCommands).toEqual([]);
    expect(readJavaRun('useradd app && cd /srv && mkdir data').usersAndSetupOnly).toBe(false);
    expect(readJavaRun('useradd app && curl -o /x https://e.x && chmod +x /x').usersAndSetupOnly).toBe(false);
  });
});

describe('javaRunBuilds', () => {
  it('is a Maven phase from package on or a Gradle build task, also through sh -c', () => {
    expect(javaRunBuilds('./mvnw -B -pl api -am package -DskipTests')).toBe(true);
    expect(javaRunBuilds('mvn -f api/pom.xml install')).toBe(true);
    expect(javaRunBuilds('./gradlew :app:bootWar --no-daemon')).toBe(true);
    expect(javaRunBuilds('gradle installDist')).toBe(true);
    expect(javaRunBuilds("sh -c './gradlew build -x test'")).toBe(true);
  });

  it('is not a command that only resolves, tests or names an artifact task as an option value', () => {
    expect(javaRunBuilds('./mvnw -B dependency:go-offline')).toBe(false);
    expect(javaRunBuilds('mvn test')).toBe(false);
    expect(javaRunBuilds('./gradlew dependencies -x jar')).toBe(false);
    expect(javaRunBuilds('echo package')).toBe(false);
  });
});
