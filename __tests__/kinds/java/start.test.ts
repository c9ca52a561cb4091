import { dockerfile } from '../helpers';
import { readJavaStart } from '../../../src/kinds/java/start';

const start = (...lines: string[]) =>
  readJavaStart(dockerfile('FROM eclipse-temurin:17-jdk', ...lines).stages[0], false);

describe('readJavaStart', () => {
  it('finds the jar in exec and shell forms, through sh -c, exec, env and tini', () => {
    expect(start('CMD ["java", "-jar", "target/app.jar"]')).toMatchObject({
      kind: 'jar',
      jar: 'target/app.jar',
      shell: false,
    });
    expect(start('ENTRYPOINT exec java $JAVA_OPTS -jar app.jar')).toMatchObject({
      kind: 'jar',
      jar: 'app.jar',
      shell: true,
    });
    expect(
      start('ENTRYPOINT ["sh", "-c", "cd /app && java ${JAVA_OPTS} -jar /app/app.jar \\"$@\\""]'),
    ).toMatchObject({
      kind: 'jar',
      jar: '/app/app.jar',
    });
    expect(start('ENTRYPOINT ["java", "-jar"]', 'CMD ["svc.jar", "--port=1"]')).toMatchObject({
      jar: 'svc.jar',
    });
    expect(start('ENTRYPOINT ["/usr/bin/tini", "--"]', 'CMD ["java", "-Xmx1g", "-jar", "x.jar"]').jar).toBe(
      'x.jar',
    );
    expect(start('CMD env A=1 java -Dx=y -jar x.jar').jar).toBe('x.jar');
  });

  it('reads class paths and agents', () => {
    expect(start('CMD ["java", "-cp", "app.jar:lib/*", "com.x.Main"]')).toMatchObject({
      kind: 'classpath',
      classpath: ['app.jar', 'lib/*'],
    });
    expect(start('CMD java -javaagent:/otel/agent.jar=x -jar app.jar')).toMatchObject({
      agents: ['/otel/agent.jar'],
    });
  });

  it('tells build tools, source files, JDK tools, scripts and servers apart', () => {
    expect(start('CMD ["./mvnw", "spring-boot:run"]').kind).toBe('build-tool');
    expect(start('CMD gradle run').kind).toBe('build-tool');
    expect(start('CMD ["java", "Main.java"]').kind).toBe('source-file');
    expect(start('CMD ["jshell"]').kind).toBe('jdk-tool');
    expect(start('ENTRYPOINT ["/entrypoint.sh"]').kind).toBe('script');
    expect(start('CMD ["catalina.sh", "run"]').kind).toBe('server');
    expect(start('CMD ["java", "com.x.Main"]').kind).toBe('other');
    expect(start('EXPOSE 8080').kind).toBe('none');
    expect(readJavaStart(dockerfile('FROM tomcat:9-jdk11').stages[0], true).kind).toBe('server');
  });
});
