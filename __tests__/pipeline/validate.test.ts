import { parseDockerfile } from '../../src/dockerfile/model';
import { validateOutput } from '../../src/pipeline/validate';

const input = parseDockerfile('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n');
const withRuntimeRun = (run: string) =>
  ['FROM node:20 AS build', 'WORKDIR /app', 'COPY . .', 'FROM node:20-alpine AS runtime', run, ''].join('\n');
const codes = (run: string) => validateOutput(input, withRuntimeRun(run)).map((p) => p.code);

describe('validateOutput: no build step in the runtime stage', () => {
  it.each([
    'RUN npm run build',
    'RUN yarn build:server',
    'RUN npx tsc -p tsconfig.build.json',
    'RUN pnpm exec next build',
    'RUN ./mvnw -B package -DskipTests',
    'RUN ./gradlew :app:bootWar',
    "RUN sh -c 'gradle installDist'",
    'RUN <<EOF\nset -e\nnpm run build\nEOF',
  ])('finds `%s`, in any kind\u2019s words', (run) => {
    expect(codes(run)).toContain('build-in-runtime');
  });

  it.each([
    'RUN npm install -g pnpm@9.1.0',
    'RUN npm test',
    'RUN java -Djarmode=layertools -jar app.jar extract',
    'RUN ./mvnw -B dependency:go-offline',
    'RUN echo "npm run build"',
  ])('leaves `%s` alone', (run) => {
    expect(codes(run)).not.toContain('build-in-runtime');
  });

  it('judges only the runtime stage of a multi-stage output', () => {
    expect(validateOutput(input, 'FROM node:20\nRUN npm run build\n')).toEqual([]);
  });
});
