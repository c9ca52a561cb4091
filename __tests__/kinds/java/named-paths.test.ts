import { dockerfile, project } from '../helpers';
import { namedPaths } from '../../../src/kinds/java/named-paths';
import { contextNamed } from '../../../src/kinds/java/context-named';
import { readJavaStart } from '../../../src/kinds/java/start';

/** The named paths of a stage whose final WORKDIR is /app. */
function named(lines: string[], springBoot = false, vars: Record<string, string> = {}) {
  const stage = dockerfile('FROM eclipse-temurin:17-jdk', 'WORKDIR /app', ...lines).stages[0];
  return namedPaths(stage, readJavaStart(stage, false), '/app', new Map(Object.entries(vars)), springBoot);
}
const paths = (lines: string[], use: 'read' | 'optional' | 'write') =>
  named(lines)
    .filter((n) => n.use === use)
    .map((n) => n.path);

describe('namedPaths', () => {
  it('reads agents, loader paths, Spring and logging locations from the start command', () => {
    expect(
      paths(
        [
          'CMD ["java", "-javaagent:/opt/otel.jar=x", "-Dloader.path=lib/,/opt/ext", "-Dlogging.config=file:conf/logback.xml", "-jar", "app.jar", "--spring.config.additional-location=optional:file:./config/"]',
        ],
        'read',
      ),
    ).toEqual(['/opt/otel.jar', '/app/lib', '/opt/ext', '/app/conf/logback.xml', '/app/config']);
  });

  it('reads JVM options from ENV, Spring relaxed names and library paths', () => {
    expect(
      paths(
        [
          'ENV JAVA_TOOL_OPTIONS="-javaagent:/opt/agent.jar" LOADER_PATH=/opt/plugins',
          'ENV JAVA_OPTS=-Djava.library.path=/usr/lib/native:/opt/native',
          'ENV SPRING_CONFIG_LOCATION=classpath:/,file:/etc/app/',
          'CMD java $JAVA_OPTS -jar app.jar',
        ],
        'read',
      ),
    ).toEqual(['/opt/agent.jar', '/opt/plugins', '/usr/lib/native', '/opt/native', '/etc/app']);
  });

  it('reads the folders logging, temp and dump options write to', () => {
    expect(
      paths(
        [
          'ENV LOGGING_FILE_NAME=/var/log/app/app.log',
          'CMD ["java", "-Djava.io.tmpdir=/data/tmp", "-XX:HeapDumpPath=/dumps/heap.hprof", "-Xlog:gc*:file=/var/log/gc/gc.log", "-jar", "app.jar"]',
        ],
        'write',
      ),
    ).toEqual(['/data/tmp', '/dumps', '/var/log/gc', '/var/log/app']);
  });

  it("adds Spring Boot's default config locations, only for Spring Boot apps", () => {
    const start = ['CMD ["java", "-jar", "app.jar"]'];
    expect(named(start)).toEqual([]);
    expect(named(start, true).map((n) => `${n.use} ${n.path}`)).toEqual([
      'optional /app/config',
      'optional /app/application.properties',
      'optional /app/application.yml',
      'optional /app/application.yaml',
    ]);
  });

  it('fills in variables and leaves out what it cannot place', () => {
    expect(
      paths(
        [
          'CMD java -javaagent:${AGENT} -javaagent:$UNKNOWN/x.jar -Dlogging.config=classpath:l.xml -jar a.jar',
        ],
        'read',
      ),
    ).toEqual([]);
    expect(
      named(['CMD java -javaagent:${AGENT} -jar a.jar'], false, { AGENT: '/opt/a.jar' }).map((n) => n.path),
    ).toEqual(['/opt/a.jar']);
  });
});

describe('contextNamed', () => {
  it('maps named paths back through the COPY lines to what the context holds', () => {
    const model = dockerfile(
      'FROM maven:3.9-eclipse-temurin-17',
      'WORKDIR /app',
      'COPY . .',
      'COPY docker/agent.jar /opt/agent.jar',
      'RUN mvn -B package',
      'CMD ["java", "-javaagent:/opt/agent.jar", "-Dloader.path=plugins", "-cp", "conf", "-jar", "target/a.jar"]',
    );
    const view = project({
      'pom.xml': '<project/>',
      'config/application.yml': 'a: 1',
      'docker/agent.jar': 'x',
      'conf/x': '',
    });
    expect(contextNamed(view, model, true)).toEqual([
      { image: '/app/conf', source: 'conf' },
      { image: '/app/config', source: 'config' },
      { image: '/opt/agent.jar', source: 'docker/agent.jar' },
    ]);
    expect(contextNamed(view, model, false).map((n) => n.image)).toEqual(['/app/conf', '/opt/agent.jar']);
  });
});
