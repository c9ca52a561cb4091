import { parseDockerfile } from '../../../src/dockerfile/model';
import type { JavaFacts } from '../../../src/contract/facts';
import { javaProgramLeftBehind } from '../../../src/kinds/java/left-behind';
import { readJavaStage, resolveIn } from '../../../src/kinds/java/stage';

const java = { copiedDirs: [] } as unknown as JavaFacts;

/** The start program left behind when the runtime stage copies `copies` and repeats no RUN. */
function leftBehind(text: string, copies: string[]): string | null {
  const reading = readJavaStage(parseDockerfile(text), java);
  const copied = copies.map((c) => resolveIn(reading.finalWorkdir, c));
  return javaProgramLeftBehind(reading, copied, () => false)?.program ?? null;
}

describe('javaProgramLeftBehind', () => {
  it('finds a server a RUN unpacks outside what is copied', () => {
    const text = [
      'FROM maven:3.9-eclipse-temurin-17',
      'WORKDIR /build',
      'RUN mvn package',
      'RUN wget -q https://x/tomcat.tar.gz && mkdir -p /opt/tomcat && tar xzf tomcat.tar.gz -C /opt/tomcat',
      'CMD ["/opt/tomcat/bin/catalina.sh", "run"]',
      '',
    ].join('\n');
    expect(leftBehind(text, ['/build'])).toBe('/opt/tomcat/bin/catalina.sh');
    // Copied along, it is there.
    expect(leftBehind(text, ['/build', '/opt/tomcat'])).toBeNull();
  });

  it('lets through java, installed packages, copied scripts and the app folder', () => {
    const start = (cmd: string, runs: string[] = []) =>
      ['FROM maven:3.9-eclipse-temurin-17', 'WORKDIR /app', 'RUN mvn package', ...runs, cmd, ''].join('\n');
    expect(leftBehind(start('CMD ["java", "-jar", "target/app.jar"]'), ['target/app.jar'])).toBeNull();
    expect(
      leftBehind(
        start('ENTRYPOINT ["tini", "--", "java", "-jar", "app.jar"]', ['RUN apt-get install -y tini']),
        ['app.jar'],
      ),
    ).toBeNull();
    expect(leftBehind(start('CMD ["./bin/run.sh"]', ['RUN chmod +x bin/run.sh']), ['/app'])).toBeNull();
    expect(
      leftBehind(
        start('CMD ["dbmate", "up"]', [
          'RUN curl -o /usr/local/bin/dbmate https://x && chmod +x /usr/local/bin/dbmate',
        ]),
        ['/app'],
      ),
    ).toBe('dbmate');
  });
});
