// The kind rule lists on their own: which output folders count, when the image rebuilds them, secrets.
import { outputDirs } from '../../src/kinds/node/ignore-rules';
import { javaFacts, lines, nodeFacts, plan } from './helpers';

const ruleSet = (text: string | null) => new Set((text ?? '').split('\n'));

describe('Node output folders', () => {
  const node = (partial: Parameters<typeof nodeFacts>[0]) => nodeFacts(partial).node!;

  it('uses the tsconfig outDir, else dist when there is a build, else nothing', () => {
    expect(outputDirs(node({ tsOutDir: './lib/', buildScript: 'tsc' }))).toEqual(['lib']);
    expect(outputDirs(node({ buildScript: 'vite build' }))).toEqual(['dist']);
    expect(outputDirs(node({ framework: 'nest' }))).toEqual(['dist']);
    expect(outputDirs(node({ scripts: { start: 'node index.js' } }))).toEqual([]);
  });

  it('counts build only when something says so, and .next (or its distDir) for Next.js', () => {
    expect(outputDirs(node({ buildScript: 'react-scripts build', dependencies: ['react-scripts'] }))).toEqual(
      ['dist', 'build'],
    );
    expect(outputDirs(node({ buildScript: 'babel src --out-dir build' }))).toEqual(['dist', 'build']);
    expect(
      outputDirs(node({ framework: 'next', buildScript: 'next build', nextDistDir: 'out/next' })),
    ).toEqual(['out/next']);
  });

  it('resolves an outDir outside the package folder against it', () => {
    const facts = nodeFacts({ packageDir: 'packages/api', tsOutDir: '../../dist/api', buildScript: 'tsc' });
    const { text } = plan({
      facts,
      files: {
        Dockerfile: lines('FROM node:20', 'COPY . .', 'RUN npm ci && npm run build -w packages/api'),
        'packages/api/package.json': '{}',
      },
    });
    expect(ruleSet(text)).toContain('dist/api');
    expect(ruleSet(text)).toContain('packages/api/coverage');
  });

  it('sees a build through a script with another name', () => {
    const facts = nodeFacts({ scripts: { compile: 'tsc -p .' }, tsOutDir: 'out' });
    const files = (run: string) => ({
      Dockerfile: lines('FROM node:20', 'COPY . .', run),
      'package.json': '{}',
    });
    expect(ruleSet(plan({ facts, files: files('RUN npm run compile') }).text)).toContain('out');
    // Not rebuilt and copied with the rest: the prebuilt folder must stay.
    expect(ruleSet(plan({ facts, files: files('RUN npm ci') }).text)).not.toContain('out');
  });
});

describe('.npmrc', () => {
  const dockerfile = lines('FROM node:20', 'COPY package.json ./', 'RUN npm ci', 'COPY . .');

  it('is left alone when it holds no token, or only a reference to one', () => {
    for (const npmrc of ['registry=https://npm.acme.dev/\n', '//npm.acme.dev/:_authToken=${NPM_TOKEN}\n']) {
      const result = plan({ facts: nodeFacts(), files: { Dockerfile: dockerfile, '.npmrc': npmrc } });
      expect(ruleSet(result.text)).not.toContain('.npmrc');
      expect(result.notes.map((n) => n.id)).not.toContain('npmrc-excluded');
    }
  });

  it('is kept out when it holds a token, with advice on a secret mount', () => {
    const result = plan({
      facts: nodeFacts(),
      files: { Dockerfile: dockerfile, '.npmrc': '_auth=dXNlcjpwYXNz\n' },
    });
    expect(ruleSet(result.text)).toContain('.npmrc');
    expect(result.notes.find((n) => n.id === 'npmrc-excluded')?.message).toMatch(/--mount=type=secret/);
  });

  it('stays when a COPY brings it before an install, which may need it', () => {
    for (const copy of ['COPY . .', 'COPY .npm* ./', 'ADD . /app']) {
      const result = plan({
        facts: nodeFacts(),
        files: {
          Dockerfile: lines('FROM node:20', copy, 'RUN yarn install'),
          '.npmrc': '_auth=dXNlcjpwYXNz\n',
        },
      });
      expect(ruleSet(result.text)).not.toContain('.npmrc');
      expect(result.notes.map((n) => n.id)).toContain('npmrc-secret-mount');
    }
  });
});

describe('Java', () => {
  it('excludes the output folder of each module of a multi-module build', () => {
    const { text } = plan({
      facts: javaFacts({ modules: ['orders', 'billing/api'] }),
      files: {
        Dockerfile: lines(
          'FROM maven:3.9 AS build',
          'COPY . .',
          'RUN mvn -B package',
          'FROM eclipse-temurin:17-jre',
        ),
        'pom.xml': '<project/>',
      },
    });
    expect(text).toContain('\ntarget\nbilling/api/target\norders/target\n');
  });

  it('keeps .git when a build plugin reads it, but only when the image builds', () => {
    const pom = '<project><build><plugins><plugin><artifactId>git-commit-id-maven-plugin</artifactId>';
    const build = lines('FROM maven:3.9', 'COPY . .', 'RUN ./mvnw -B verify');
    const prebuilt = lines('FROM eclipse-temurin:17-jre', 'COPY target/app.jar /app.jar');
    const built = plan({ facts: javaFacts(), files: { Dockerfile: build, 'pom.xml': pom } });
    expect(ruleSet(built.text)).not.toContain('.git');
    expect(built.notes.find((n) => n.id === 'dockerignore-git-kept')?.message).toContain('git-commit-id');
    expect(
      ruleSet(plan({ facts: javaFacts(), files: { Dockerfile: prebuilt, 'pom.xml': pom } }).text),
    ).toContain('.git');
  });
});
