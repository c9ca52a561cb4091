import { planLayers, withLauncher } from '../../../src/kinds/java/layers';
import type { JavaFacts } from '../../../src/contract/facts';

const facts = (springBoot: string | null, extra: Partial<JavaFacts> = {}) =>
  ({ fatJar: 'spring-boot', packaging: 'jar', springBoot, ...extra }) as JavaFacts;
const jar = { from: '/app/target/app.jar', to: 'target/app.jar' };

describe('planLayers', () => {
  it('uses the tools jarmode from Boot 3.3, keeping java -jar', () => {
    const plan = planLayers(facts('3.3.1'), jar, '/app', 'java -jar target/app.jar');
    expect(plan).toMatchObject({
      extract:
        'java -Djarmode=tools -jar /app/target/app.jar extract --layers --destination /app/target/extracted',
      launcher: null,
    });
    expect('copies' in plan && plan.copies.map((c) => c.to)).toEqual(Array(4).fill('target/'));
  });

  it('uses layertools and the launcher of the Boot version before 3.3', () => {
    expect(planLayers(facts('3.2.4'), jar, '/app', 'java -jar target/app.jar')).toMatchObject({
      launcher: 'org.springframework.boot.loader.launch.JarLauncher',
    });
    expect(planLayers(facts('2.7.18'), jar, '/app', 'java -jar target/app.jar')).toMatchObject({
      launcher: 'org.springframework.boot.loader.JarLauncher',
    });
  });

  it('says why not', () => {
    expect(planLayers(facts('2.3.0'), jar, '/app', 'x')).toMatchObject({ id: 'spring-layers-skipped' });
    expect(planLayers(facts(null), jar, '/app', 'x')).toMatchObject({ id: 'spring-layers-skipped' });
    expect(planLayers(facts('3.3.0', { fatJar: 'shadow' }), jar, '/app', 'x')).toMatchObject({
      id: 'spring-layers-skipped',
    });
    expect(planLayers(facts('3.1.0'), jar, '/', 'x')).toMatchObject({ id: 'spring-layers-skipped' });
  });
});

describe('withLauncher', () => {
  it('replaces -jar and the jar in exec and shell forms', () => {
    const launcher = 'org.springframework.boot.loader.JarLauncher';
    expect(withLauncher('ENTRYPOINT ["java", "-Xmx1g", "-jar", "app.jar"]', 'app.jar', launcher)).toBe(
      `ENTRYPOINT ["java", "-Xmx1g", "${launcher}"]`,
    );
    expect(withLauncher('ENTRYPOINT exec java $JAVA_OPTS -jar app.jar --x', 'app.jar', launcher)).toBe(
      `ENTRYPOINT exec java $JAVA_OPTS ${launcher} --x`,
    );
    expect(withLauncher('CMD java -jar other.jar', 'app.jar', launcher)).toBeNull();
  });
});
