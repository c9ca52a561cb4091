// The ARG/ENV values in scope: expanded where declared, the image's own stage last, preamble ARGs as fallback.
import { parseDockerfile } from '../../src/dockerfile/model';
import { finalVariables, preambleArgs, valuesSetBy } from '../../src/dockerfile/scope';

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('finalVariables', () => {
  it('expands a value from the ones declared before it, as Docker does', () => {
    const model = parseDockerfile(
      lines(
        'ARG VERSION=1.2.0',
        'FROM eclipse-temurin:17',
        'ARG VERSION',
        'ENV APP_HOME=/opt/app',
        'ENV JAR=${APP_HOME}/app-${VERSION}.jar',
      ),
    );
    expect(finalVariables(model).get('JAR')).toBe('/opt/app/app-1.2.0.jar');
  });

  it('takes the final stage over an earlier one, and reads the legacy `ENV NAME value` form', () => {
    const model = parseDockerfile(
      lines(
        'FROM maven:3.9 AS build',
        'ENV OUT=/build',
        'FROM eclipse-temurin:17',
        'ENV OUT /srv/app',
        'ENV LOGS=${OUT}/logs',
      ),
    );
    const vars = finalVariables(model);
    expect(vars.get('OUT')).toBe('/srv/app');
    expect(vars.get('LOGS')).toBe('/srv/app/logs');
  });
});

describe('valuesSetBy', () => {
  it('reads the values one line sets, quotes removed; leaves out a default-less ARG and a value using a variable', () => {
    const model = parseDockerfile(lines('FROM scratch', 'ENV A=1 B="x y" C=$A', 'ARG NAME'));
    const [env, arg] = model.stages[0].instructions;
    expect([...valuesSetBy(env)]).toEqual([
      ['A', '1'],
      ['B', 'x y'],
    ]);
    expect(valuesSetBy(arg).size).toBe(0);
  });
});

describe('preambleArgs', () => {
  it('reads every name of a line that declares several, quotes removed', () => {
    const model = parseDockerfile(
      lines('ARG NODE_VERSION=20 DEBIAN="bookworm"', 'ARG TAG=${NODE_VERSION}-${DEBIAN}', 'FROM node:$TAG'),
    );
    expect([...preambleArgs(model)]).toEqual([
      ['NODE_VERSION', '20'],
      ['DEBIAN', 'bookworm'],
      ['TAG', '20-bookworm'],
    ]);
  });
});

describe('expansion limits', () => {
  it('takes a value past 64 KB as unknown instead of building it (ARGs that double each other)', () => {
    const args = Array.from({ length: 40 }, (_, i) => `ARG A${i + 2}=\${A${i + 1}}\${A${i + 1}}`);
    const model = parseDockerfile(lines('FROM node:20', 'ARG A1=xxxxxxxxxx', ...args, 'ENV E=${A41}'));
    const vars = finalVariables(model);
    expect(vars.get('A13')).toHaveLength(10 * 2 ** 12);
    expect(vars.has('A14')).toBe(false);
    expect(vars.has('E')).toBe(false);
  });
});
