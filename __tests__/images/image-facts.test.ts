import { parseDockerfile } from '../../src/dockerfile/model';
import { loadMappings } from '../../src/images/load-mappings';
import { emptyMappings } from '../../src/images/mappings';
import {
  buildImageFor,
  distrolessProblem,
  imageFamily,
  javaReleaseOf,
  lifecycleNotes,
  nodeMajor,
  withRegistry,
} from '../../src/images/runtime-image';

const none = new Map<string, string>();
const mappings = loadMappings(null, true);

describe('imageFamily', () => {
  it.each([
    ['node:20', 'debian'],
    ['node:20-alpine', 'alpine'],
    ['node:20-alpine3.19', 'alpine'],
    ['node:20-bookworm-slim', 'debian'],
    ['node:20-slim', 'debian'],
    ['eclipse-temurin:17-jre', 'ubuntu'],
    ['eclipse-temurin:17-jre-jammy', 'ubuntu'],
    ['eclipse-temurin:21-jre-alpine', 'alpine'],
    ['eclipse-temurin:21-jdk-ubi9-minimal', 'unknown'],
    ['openjdk:8-jdk-alpine', 'alpine'],
    ['openjdk:11-jdk', 'debian'],
    ['openjdk:17', 'unknown'],
    ['openjdk:17-jdk-slim', 'debian'],
    ['maven:3.9-eclipse-temurin-17', 'ubuntu'],
    ['maven:3.6.3-jdk-8', 'debian'],
    ['gradle:8-jdk17-alpine', 'alpine'],
    ['amazoncorretto:17', 'unknown'],
    ['bellsoft/liberica-openjre-alpine:17', 'alpine'],
    ['bellsoft/liberica-openjre-debian:17', 'debian'],
    ['tomcat:9-jdk11', 'ubuntu'],
    ['tomcat:8.5-jdk8-openjdk', 'debian'],
    ['tomcat:9.0-jdk17-corretto', 'unknown'],
    ['ubuntu:22.04', 'ubuntu'],
    ['debian:bookworm-slim', 'debian'],
    ['gcr.io/distroless/nodejs20-debian12', 'distroless'],
    ['gcr.io/distroless/java17-debian12:nonroot', 'distroless'],
    ['registry.example.com:5000/node:20-alpine', 'alpine'],
    ['scratch', 'unknown'],
    ['${BASE}', 'unknown'],
    ['node:${V}-alpine', 'alpine'],
  ])('%s -> %s', (image, family) => {
    expect(imageFamily(image, none)).toBe(family);
  });

  it('reads ARG defaults', () => {
    expect(imageFamily('node:${V}', new Map([['V', '20-alpine']]))).toBe('alpine');
    expect(imageFamily('node:${V}', new Map([['V', '20']]))).toBe('debian');
  });
});

describe('nodeMajor', () => {
  it.each([
    ['node:18.19.0-bullseye', 18],
    ['node:20', 20],
    ['node:iron-alpine', 20],
    ['node:hydrogen', 18],
    ['node:lts', null],
    ['node', null],
    ['node:current-alpine', null],
    ['docker.io/library/node:22.1.0', 22],
    ['gcr.io/distroless/nodejs20-debian12', 20],
    ['eclipse-temurin:17', null],
  ])('%s -> %s', (image, major) => {
    expect(nodeMajor(image, none)).toBe(major);
  });

  it('reads ARG defaults', () => {
    expect(nodeMajor('node:${NODE_VERSION}-alpine', new Map([['NODE_VERSION', '16.20.2']]))).toBe(16);
    expect(nodeMajor('node:${NODE_VERSION}', none)).toBeNull();
  });
});

describe('javaReleaseOf', () => {
  it.each([
    ['maven:3.8-openjdk-17', 17],
    ['maven:3.9-eclipse-temurin-21-alpine', 21],
    ['maven:3.6.3-jdk-8', 8],
    ['maven:3.9.6-amazoncorretto-21', 21],
    ['maven:3-sapmachine-17', 17],
    ['maven:3.9', null],
    ['gradle:8-jdk17', 17],
    ['gradle:8.5-jdk21-jammy', 21],
    ['gradle:jdk11', 11],
    ['gradle:8', null],
    ['openjdk:8-jdk-alpine', 8],
    ['openjdk:8u342-jdk', 8],
    ['openjdk:11.0.16-jdk-slim', 11],
    ['eclipse-temurin:17.0.9_9-jdk-jammy', 17],
    ['amazoncorretto:21-alpine', 21],
    ['ibm-semeru-runtimes:open-17-jdk-focal', 17],
    ['sapmachine:21', 21],
    ['azul/zulu-openjdk-alpine:11', 11],
    ['bellsoft/liberica-openjdk-alpine:17', 17],
    ['adoptopenjdk/openjdk11:alpine', 11],
    ['java:openjdk-8-jdk', 8],
    ['tomcat:9-jdk11', 11],
    ['tomcat:10.1-jre21-temurin-noble', 21],
    ['tomcat:9', null],
    ['gcr.io/distroless/java17-debian12', 17],
    ['registry.access.redhat.com/ubi9/openjdk-17:1.18', 17],
    ['node:20', null],
  ])('%s -> %s', (image, release) => {
    expect(javaReleaseOf(image, none)).toBe(release);
  });
});

describe('lifecycleNotes', () => {
  it('notes an end-of-life Node major and keeps it', () => {
    expect(lifecycleNotes('node:16-bullseye', none, mappings)).toEqual([
      {
        id: 'eol-node-major',
        message: expect.stringMatching(/^Node 16 \(node:16-bullseye\) is end-of-life since 2023-09-11/),
      },
    ]);
    expect(lifecycleNotes('node:20', none, mappings).map((n) => n.id)).toEqual(['eol-node-major']);
    expect(lifecycleNotes('node:${V}', new Map([['V', '23.1.0']]), mappings).map((n) => n.id)).toEqual([
      'eol-node-major',
    ]);
  });

  it('says nothing about supported majors', () => {
    expect(lifecycleNotes('node:22-alpine', none, mappings)).toEqual([]);
    expect(lifecycleNotes('node:24', none, mappings)).toEqual([]);
    expect(lifecycleNotes('node:lts', none, mappings)).toEqual([]);
  });

  it.each([
    [
      'openjdk:17-jdk-slim',
      'openjdk:17-jdk-slim is a retired image (no updates since 2022-07): use eclipse-temurin',
    ],
    ['java:8', 'java:8 is a retired image (no updates since 2017-01): use eclipse-temurin'],
    [
      'adoptopenjdk:11-jre-hotspot',
      'adoptopenjdk:11-jre-hotspot is a retired image (no updates since 2021-08): use eclipse-temurin',
    ],
    [
      'adoptopenjdk/openjdk8:alpine',
      'adoptopenjdk/openjdk8:alpine is a retired image (no updates since 2021-08): use eclipse-temurin',
    ],
    [
      'maven:3.8-openjdk-17',
      'maven:3.8-openjdk-17 is a retired image (no updates since 2022-07): use maven:<version>-eclipse-temurin-<release>',
    ],
    [
      'maven:3.6.3-jdk-8',
      'maven:3.6.3-jdk-8 is a retired image (no updates since 2022-07): use maven:<version>-eclipse-temurin-<release>',
    ],
  ])('names %s as retired', (image, message) => {
    expect(lifecycleNotes(image, none, mappings)).toEqual([{ id: 'retired-image', message }]);
  });

  it('uses the built-in facts when given no mappings', () => {
    expect(lifecycleNotes('node:18', none).map((n) => n.id)).toEqual(['eol-node-major']);
    expect(lifecycleNotes('eclipse-temurin:17-jdk', none)).toEqual([]);
    expect(lifecycleNotes('maven:3.9-eclipse-temurin-17', none)).toEqual([]);
  });
});

describe('buildImageFor', () => {
  it.each([
    ['maven', 17, 'maven:3.9-eclipse-temurin-17'],
    ['maven', 8, 'maven:3.9-eclipse-temurin-8'],
    ['gradle', 17, 'gradle:8-jdk17'],
    ['gradle', 21, 'gradle:8-jdk21'],
    ['gradle', 25, 'gradle:9-jdk25'],
  ] as const)('%s for Java %s -> %s', (tool, release, image) => {
    expect(buildImageFor(tool, release, mappings)).toBe(image);
  });

  it('puts the registry prefix in front', () => {
    const mirrored = { ...mappings, registry: 'registry.example.com/mirror' };
    expect(buildImageFor('maven', 21, mirrored)).toBe(
      'registry.example.com/mirror/maven:3.9-eclipse-temurin-21',
    );
  });
});

describe('withRegistry', () => {
  const mirrored = { ...emptyMappings(), registry: 'registry.example.com/mirror' };
  it.each([
    ['node:20-alpine', 'registry.example.com/mirror/node:20-alpine'],
    [
      'bellsoft/liberica-openjre-alpine:17',
      'registry.example.com/mirror/bellsoft/liberica-openjre-alpine:17',
    ],
    ['docker.io/library/node:20', 'registry.example.com/mirror/node:20'],
    ['node:20-alpine@sha256:abcd', 'registry.example.com/mirror/node:20-alpine@sha256:abcd'],
    ['gcr.io/distroless/nodejs20-debian12', 'gcr.io/distroless/nodejs20-debian12'],
    ['localhost:5000/node:20', 'localhost:5000/node:20'],
    ['scratch', 'scratch'],
  ])('%s -> %s', (image, want) => {
    expect(withRegistry(image, mirrored)).toBe(want);
  });

  it('leaves images alone without a registry', () => {
    expect(withRegistry('node:20-alpine', emptyMappings())).toBe('node:20-alpine');
  });
});

describe('distrolessProblem', () => {
  const stage = (text: string) => parseDockerfile(`FROM x\n${text}\n`).stages[0].instructions;
  it.each([
    ['node', 'CMD ["server.js"]', null],
    ['node', 'USER 65532:65532\nCMD ["dist/main.js"]', null],
    ['node', 'CMD node server.js', /CMD in shell form needs \/bin\/sh/],
    ['node', 'CMD ["npm", "start"]', /CMD runs npm/],
    ['node', 'CMD ["node", "server.js"]', /CMD must start at the script/],
    ['node', 'ENTRYPOINT ["node", "server.js"]', /ENTRYPOINT runs node by name/],
    ['node', 'USER app', /USER app does not exist there/],
    ['node', 'COPY --chown=app:app . /app', /--chown=app:app/],
    ['node', 'HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1', /HEALTHCHECK in shell form/],
    ['java', 'CMD ["app.jar"]', null],
    ['java', 'ENTRYPOINT ["java", "-jar", "/app/app.jar"]', null],
    ['java', 'CMD ["java", "-jar", "app.jar"]', /CMD must be the jar/],
    ['java', 'RUN mkdir /data', /RUN cannot run there/],
  ] as const)('%s: %s', (kind, text, want) => {
    const problem = distrolessProblem(kind, stage(text));
    if (want === null) expect(problem).toBeNull();
    else expect(problem).toMatch(want);
  });
});
