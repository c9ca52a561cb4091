// What the Java runtime stage gets beside the jar: RUN outputs, named files, folders the app writes.
import { kit } from '../../../src/kit';
import { applyEdits } from '../../../src/dockerfile/edits';
import { parseDockerfile } from '../../../src/dockerfile/model';
import { loadMappings } from '../../../src/images/load-mappings';
import { javaMultistage } from '../../../src/kinds/java/transform';
import { detectProject } from '../../../src/pipeline/detect';
import type { TransformOptions } from '../../../src/contract/transform';
import { project } from '../helpers';

const POM = `<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>svc</artifactId>
<version>1.0</version></project>`;

/** The migrated text (or the skip reason) of a Maven project built in /app with these lines after the build. */
function migrate(
  lines: string[],
  options: Partial<TransformOptions> = {},
  files: Record<string, string> = {},
) {
  const text = [
    'FROM maven:3.9-eclipse-temurin-17',
    'WORKDIR /app',
    'COPY pom.xml .',
    'COPY src src',
    'RUN mvn -B package',
    ...lines,
    '',
  ].join('\n');
  const model = parseDockerfile(text);
  const facts = detectProject(
    project({ 'pom.xml': POM, 'src/main/java/A.java': 'class A {}', ...files }),
    model,
  );
  const result = javaMultistage.transform(
    model,
    facts,
    { runtime: null, strict: false, springLayers: false, mappings: loadMappings(null, true), ...options },
    kit,
  );
  if ('reason' in result) return { text: null, reason: result.reason, notes: [] };
  if (!('edits' in result)) throw new Error('content results are not expected');
  const runtime = applyEdits(text, result.edits).split(/\n\n(?=FROM)/)[1] ?? '';
  return { text: runtime, reason: null, notes: result.notes.map((n) => n.id) };
}

const START = 'CMD ["java", "-jar", "target/svc-1.0.jar"]';

describe('the Java runtime stage needs', () => {
  it('does not copy what a later RUN removes, nor scratch files', () => {
    const { text } = migrate([
      'RUN curl -fsSL -o /opt/tool.jar https://x/t.jar && curl -o /tmp/a.tgz https://x/a.tgz && rm /opt/tool.jar',
      START,
    ]);
    expect(text).not.toMatch(/tool\.jar|a\.tgz/);
  });

  it('gives a folder holding files touched for writing to the user, with the copy or after a repeated RUN', () => {
    const built = migrate([
      'RUN mvn -B verify && mkdir -p /var/log/svc && touch /var/log/svc/svc.log',
      START,
    ]);
    expect(built.text).toContain('COPY --from=build --chown=app:app /var/log/svc /var/log/svc\n');
    expect(built.text).not.toMatch(/chown -R/);
    const repeated = migrate(['RUN mkdir -p /var/log/svc && touch /var/log/svc/svc.log', START]);
    expect(repeated.text).toContain(
      'RUN mkdir -p /var/log/svc && touch /var/log/svc/svc.log\nRUN mkdir -p /var/log/svc && chown -R app:app /var/log/svc\nUSER app\n',
    );
  });

  it('only makes the folders when the original keeps running as root', () => {
    const { text, notes } = migrate(['RUN mvn -B verify && mkdir -p /var/lib/svc', 'USER root', START]);
    expect(text).toContain('RUN mkdir -p /var/lib/svc\n');
    expect(text).not.toMatch(/chown/);
    expect(notes).toContain('dirs-made');
  });

  it('copies a config folder a RUN fills without making it writable', () => {
    const { text, notes } = migrate([
      'RUN mkdir -p /etc/svc && cp src/main/resources/*.yml /etc/svc/',
      START,
    ]);
    expect(text).toContain('COPY --from=build /etc/svc /etc/svc\n');
    expect(text).not.toMatch(/chown/);
    expect(notes).toContain('run-output-copied');
  });

  it('copies a jar that lands in a folder a RUN fills once, with that folder', () => {
    const { text } = migrate([
      'RUN mkdir -p /opt/svc && cp target/svc-1.0.jar /opt/svc/svc.jar && cp src/main/resources/*.yml /opt/svc/',
      'CMD ["java", "-jar", "/opt/svc/svc.jar"]',
    ]);
    expect(text?.match(/^COPY .*$/gm)).toEqual(['COPY --from=build /opt/svc /opt/svc']);
  });

  it('leaves out a named path nothing makes (a mount at run time), and skips when an unread RUN may make it', () => {
    const mounted = migrate(['CMD ["java", "-javaagent:/agents/dd.jar", "-jar", "target/svc-1.0.jar"]']);
    expect(mounted.text).not.toMatch(/COPY.*dd\.jar/);
    const unread = migrate([
      'RUN ./get-agent.sh',
      'CMD ["java", "-javaagent:/agents/dd.jar", "-jar", "target/svc-1.0.jar"]',
    ]);
    expect(unread.reason).toMatch(
      /\/agents\/dd\.jar \(named by -javaagent in the start command\) is made by nothing/,
    );
  });

  it('skips a RUN that changes a file of the JDK image in a way it cannot read', () => {
    const { reason } = migrate([
      'RUN ./bin/setup --scratch /tmp/x && setcap cap_net_bind_service=+ep /opt/java/openjdk/bin/java',
      START,
    ]);
    expect(reason).toMatch(
      /may change \/opt\/java\/openjdk\/bin\/java in a way the tool cannot read \(`setcap /,
    );
    expect(migrate(['RUN sed -i s/a/b/ $JAVA_HOME/conf/security/java.security', START]).reason).toMatch(
      /may change \$JAVA_HOME\/conf\/security\/java.security/,
    );
  });

  it('refuses writable folders on distroless, which cannot run the RUN that makes them', () => {
    const { reason } = migrate(['VOLUME /data', START], { runtime: 'distroless' });
    expect(reason).toMatch(/^--runtime distroless: RUN cannot run there/);
  });

  it('copies what Spring Boot reads beside the working folder only when the context holds it', () => {
    const spring = {
      'pom.xml': POM.replace(
        '</version>',
        '</version><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.2.5</version></parent>',
      ),
    };
    const lines = ['COPY . .', 'RUN mvn -B package', START];
    expect(migrate(lines, {}, spring).text).not.toMatch(/config/);
    const withConfig = migrate(lines, {}, { ...spring, 'application.yml': 'a: 1' });
    expect(withConfig.text).toContain('COPY --from=build /app/application.yml /app/application.yml\n');
  });
});
