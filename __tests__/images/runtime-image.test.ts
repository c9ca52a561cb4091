import { parseDockerfile } from '../../src/dockerfile/model';
import { preambleArgs } from '../../src/dockerfile/scope';
import { loadMappings } from '../../src/images/load-mappings';
import { runtimeImage, type ImageRequest } from '../../src/images/runtime-image';
import type { RuntimeFlavour } from '../../src/contract/transform';

const mappings = loadMappings(null, true);

interface Row {
  /** FROM lines as found in real Dockerfiles (ARG lines above them when the image uses one). */
  from: string;
  kind: 'node' | 'java';
  flavour?: RuntimeFlavour;
  /** The image to write, or the refusal's reason. */
  want: string | RegExp;
  /** Note ids the choice must carry. */
  notes?: string[];
  extra?: Partial<ImageRequest>;
}

/** Reads the FROM line the way a transform does and asks for its runtime image. */
function choose(row: Row) {
  const model = parseDockerfile(row.from + '\n');
  const stage = model.stages[model.stages.length - 1];
  return runtimeImage({
    image: stage.image!.value,
    args: preambleArgs(model),
    kind: row.kind,
    flavour: row.flavour ?? null,
    platform: stage.platform,
    mappings,
    ...row.extra,
  });
}

const node: Row[] = [
  {
    from: 'FROM node:18.19.0-bullseye',
    kind: 'node',
    want: 'node:18.19.0-alpine',
    notes: ['runtime-base-changed'],
  },
  { from: 'FROM node:18.19.0-bullseye', kind: 'node', flavour: 'slim', want: 'node:18.19.0-bullseye-slim' },
  { from: 'FROM node:lts', kind: 'node', want: 'node:lts-alpine' },
  { from: 'FROM node:lts', kind: 'node', flavour: 'slim', want: 'node:lts-slim' },
  { from: 'FROM node:20-bookworm', kind: 'node', want: 'node:20-alpine' },
  { from: 'FROM node:20-bookworm', kind: 'node', flavour: 'slim', want: 'node:20-bookworm-slim' },
  { from: 'FROM node:16', kind: 'node', want: 'node:16-alpine' },
  { from: 'FROM node', kind: 'node', want: 'node:alpine' },
  { from: 'FROM node:latest', kind: 'node', want: 'node:alpine' },
  { from: 'FROM node:iron-bookworm', kind: 'node', want: 'node:iron-alpine' },
  { from: 'FROM node:20-alpine', kind: 'node', want: 'node:20-alpine', notes: ['runtime-base-kept'] },
  { from: 'FROM node:18-alpine3.18', kind: 'node', want: 'node:18-alpine3.18' },
  { from: 'FROM node:20-slim', kind: 'node', want: 'node:20-slim', notes: ['runtime-base-kept'] },
  { from: 'FROM node:20-slim', kind: 'node', flavour: 'alpine', want: 'node:20-alpine' },
  { from: 'FROM node:20-bullseye-slim', kind: 'node', flavour: 'alpine', want: 'node:20-alpine' },
  { from: 'FROM node:20-alpine', kind: 'node', flavour: 'slim', want: 'node:20-alpine' },
  { from: 'FROM --platform=linux/amd64 node:18-bullseye AS build', kind: 'node', want: 'node:18-alpine' },
  {
    from: 'FROM --platform=$BUILDPLATFORM node:20.11.1 AS builder',
    kind: 'node',
    want: 'node:20.11.1-alpine',
  },
  { from: 'FROM node:20 AS base', kind: 'node', want: 'node:20-alpine' },
  { from: 'FROM docker.io/library/node:18', kind: 'node', want: 'docker.io/library/node:18-alpine' },
  {
    from: 'FROM registry.example.com:5000/node:20',
    kind: 'node',
    want: 'registry.example.com:5000/node:20-alpine',
  },
  {
    from: 'FROM node:20.11.1-bookworm@sha256:9d3b4f3e4f5c1d2e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f',
    kind: 'node',
    want: 'node:20.11.1-alpine',
    notes: ['runtime-base-changed', 'digest-dropped'],
  },
  {
    from: 'FROM node:20-alpine@sha256:9d3b4f3e4f5c1d2e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f',
    kind: 'node',
    want: 'node:20-alpine@sha256:9d3b4f3e4f5c1d2e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f',
  },
  { from: 'FROM node@sha256:9d3b4f3e4f5c1d2e8a7b6c5d4e3f2a1b', kind: 'node', want: /pinned by digest only/ },
  {
    from: 'ARG NODE_VERSION=20.11.1\nFROM node:${NODE_VERSION}',
    kind: 'node',
    want: 'node:${NODE_VERSION}-alpine',
    notes: ['arg-default-used'],
  },
  {
    from: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-bookworm',
    kind: 'node',
    want: 'node:${NODE_VERSION}-alpine',
  },
  {
    from: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-bookworm',
    kind: 'node',
    flavour: 'slim',
    want: 'node:${NODE_VERSION}-bookworm-slim',
  },
  {
    from: 'ARG NODE_VERSION=20-bookworm\nFROM node:${NODE_VERSION}',
    kind: 'node',
    want: /ARG NODE_VERSION \(default 20-bookworm\)/,
  },
  {
    from: 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}',
    kind: 'node',
    want: /ARG NODE_VERSION has no default/,
  },
  {
    from: 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}-alpine',
    kind: 'node',
    want: 'node:${NODE_VERSION}-alpine',
  },
  { from: 'FROM node:${NODE_VERSION:-20}', kind: 'node', want: 'node:${NODE_VERSION:-20}-alpine' },
  {
    from: 'ARG BASE=node:20-alpine\nFROM ${BASE}',
    kind: 'node',
    want: '${BASE}',
    notes: ['runtime-base-kept'],
  },
  { from: 'ARG NODE_IMAGE=node:18.17.1\nFROM ${NODE_IMAGE}', kind: 'node', want: '${NODE_IMAGE}-alpine' },
  {
    from: 'ARG REGISTRY=registry.example.com\nFROM ${REGISTRY}/node:20',
    kind: 'node',
    want: '${REGISTRY}/node:20-alpine',
  },
  { from: 'FROM node:20', kind: 'node', flavour: 'distroless', want: 'gcr.io/distroless/nodejs20-debian12' },
  {
    from: 'FROM node:22.3.0-bookworm',
    kind: 'node',
    flavour: 'distroless',
    want: 'gcr.io/distroless/nodejs22-debian12',
  },
  { from: 'FROM node:lts', kind: 'node', flavour: 'distroless', want: /names no Node major/ },
  { from: 'FROM node:19', kind: 'node', flavour: 'distroless', want: /no distroless image for Node 19/ },
  { from: 'FROM node:20', kind: 'node', flavour: 'jre', want: /--runtime jre is for Java/ },
  {
    from: 'FROM gcr.io/distroless/nodejs20-debian12',
    kind: 'node',
    want: 'gcr.io/distroless/nodejs20-debian12',
  },
  { from: 'FROM scratch', kind: 'node', want: 'scratch', notes: ['runtime-base-kept'] },
  {
    from: 'FROM mycorp/node-base:20',
    kind: 'node',
    want: 'mycorp/node-base:20',
    notes: ['runtime-base-kept'],
  },
  {
    from: 'FROM node:20-windowsservercore-ltsc2022',
    kind: 'node',
    want: 'node:20-windowsservercore-ltsc2022',
  },
];

const java: Row[] = [
  {
    from: 'FROM openjdk:11-jdk',
    kind: 'java',
    want: 'eclipse-temurin:11-jre',
    notes: ['runtime-base-changed', 'runtime-variant'],
  },
  { from: 'FROM openjdk:8-jdk-alpine', kind: 'java', want: 'eclipse-temurin:8-jre-alpine' },
  { from: 'FROM openjdk:17-jdk-slim', kind: 'java', want: 'eclipse-temurin:17-jre' },
  {
    from: 'FROM openjdk:11.0.16-jdk-slim',
    kind: 'java',
    want: 'eclipse-temurin:11-jre',
    notes: ['version-not-kept'],
  },
  { from: 'FROM openjdk:17', kind: 'java', flavour: 'alpine', want: 'eclipse-temurin:17-jre-alpine' },
  { from: 'FROM openjdk:11-jre-slim', kind: 'java', want: 'eclipse-temurin:11-jre' },
  { from: 'FROM java:8', kind: 'java', want: 'eclipse-temurin:8-jre' },
  { from: 'FROM adoptopenjdk:11-jre-hotspot', kind: 'java', want: 'eclipse-temurin:11-jre' },
  { from: 'FROM adoptopenjdk/openjdk11:alpine', kind: 'java', want: 'eclipse-temurin:11-jre-alpine' },
  { from: 'FROM maven:3.9-eclipse-temurin-21 AS build', kind: 'java', want: 'eclipse-temurin:21-jre-alpine' },
  { from: 'FROM maven:3.8-openjdk-17', kind: 'java', want: 'eclipse-temurin:17-jre' },
  { from: 'FROM maven:3.6.3-jdk-8', kind: 'java', want: 'eclipse-temurin:8-jre' },
  { from: 'FROM maven:3.9.6-eclipse-temurin-17-alpine', kind: 'java', want: 'eclipse-temurin:17-jre-alpine' },
  { from: 'FROM maven:3-amazoncorretto-21', kind: 'java', want: 'eclipse-temurin:21-jre-alpine' },
  { from: 'FROM maven:3.9-sapmachine-17', kind: 'java', want: 'sapmachine:17-jre' },
  { from: 'FROM maven:3.9.6-ibm-semeru-17-focal', kind: 'java', want: 'ibm-semeru-runtimes:open-17-jre' },
  { from: 'FROM maven:latest', kind: 'java', want: 'eclipse-temurin:17-jre', extra: { javaRelease: 17 } },
  { from: 'FROM maven:latest', kind: 'java', want: /Java release of maven:latest is unknown/ },
  { from: 'FROM gradle:8.5-jdk17', kind: 'java', want: 'eclipse-temurin:17-jre' },
  { from: 'FROM gradle:8-jdk17-alpine', kind: 'java', want: 'eclipse-temurin:17-jre-alpine' },
  { from: 'FROM gradle:7.6.1-jdk11 AS builder', kind: 'java', want: 'eclipse-temurin:11-jre' },
  { from: 'FROM gradle:8.10-jdk21', kind: 'java', flavour: 'jre', want: 'eclipse-temurin:21-jre' },
  { from: 'FROM eclipse-temurin:21-jdk', kind: 'java', want: 'eclipse-temurin:21-jre-alpine' },
  { from: 'FROM eclipse-temurin:21-jdk', kind: 'java', flavour: 'slim', want: 'eclipse-temurin:21-jre' },
  { from: 'FROM eclipse-temurin:17-jdk-jammy', kind: 'java', want: 'eclipse-temurin:17-jre-jammy' },
  {
    from: 'FROM eclipse-temurin:17-jdk-jammy',
    kind: 'java',
    flavour: 'alpine',
    want: 'eclipse-temurin:17-jre-alpine',
  },
  {
    from: 'FROM eclipse-temurin:17.0.9_9-jdk-focal',
    kind: 'java',
    want: 'eclipse-temurin:17.0.9_9-jre-focal',
  },
  {
    from: 'FROM eclipse-temurin:17-jre',
    kind: 'java',
    want: 'eclipse-temurin:17-jre',
    notes: ['runtime-base-kept'],
  },
  { from: 'FROM eclipse-temurin:11', kind: 'java', want: 'eclipse-temurin:11-jre' },
  { from: 'FROM amazoncorretto:17', kind: 'java', want: 'eclipse-temurin:17-jre' },
  { from: 'FROM amazoncorretto:21-alpine', kind: 'java', want: 'eclipse-temurin:21-jre-alpine' },
  { from: 'FROM tomcat:9-jdk11', kind: 'java', want: 'tomcat:9-jre11', extra: { packaging: 'war' } },
  { from: 'FROM tomcat:9.0-jdk17-temurin-jammy', kind: 'java', want: 'tomcat:9.0-jre17-temurin-jammy' },
  { from: 'FROM tomcat:8.5-jdk8-openjdk', kind: 'java', want: 'tomcat:8.5-jre8', notes: ['runtime-variant'] },
  {
    from: 'FROM tomcat:9',
    kind: 'java',
    want: 'tomcat:9-jre11',
    extra: { javaRelease: 11, packaging: 'war' },
  },
  { from: 'FROM tomcat:10.1-jdk21', kind: 'java', flavour: 'alpine', want: /no alpine tomcat image/ },
  { from: 'FROM ibm-semeru-runtimes:open-17-jdk', kind: 'java', want: 'ibm-semeru-runtimes:open-17-jre' },
  {
    from: 'FROM ibm-semeru-runtimes:open-11-jdk-focal',
    kind: 'java',
    want: 'ibm-semeru-runtimes:open-11-jre-focal',
  },
  {
    from: 'FROM ibm-semeru-runtimes:open-17-jdk',
    kind: 'java',
    flavour: 'alpine',
    want: /IBM Semeru publishes no alpine JRE/,
  },
  { from: 'FROM sapmachine:17', kind: 'java', want: 'sapmachine:17-jre' },
  {
    from: 'FROM bellsoft/liberica-openjdk-alpine:17',
    kind: 'java',
    want: 'bellsoft/liberica-openjre-alpine:17',
  },
  {
    from: 'FROM bellsoft/liberica-openjdk-debian:21',
    kind: 'java',
    want: 'bellsoft/liberica-openjre-debian:21',
  },
  { from: 'FROM azul/zulu-openjdk:17', kind: 'java', want: 'azul/zulu-openjdk:17-jre' },
  {
    from: 'FROM azul/zulu-openjdk:17',
    kind: 'java',
    flavour: 'alpine',
    want: 'azul/zulu-openjdk-alpine:17-jre',
  },
  { from: 'FROM azul/zulu-openjdk-alpine:11', kind: 'java', want: 'azul/zulu-openjdk-alpine:11-jre' },
  {
    from: 'FROM --platform=linux/arm64 eclipse-temurin:17-jdk',
    kind: 'java',
    flavour: 'alpine',
    want: /amd64 only/,
  },
  {
    from: 'FROM --platform=linux/arm64 eclipse-temurin:21-jdk',
    kind: 'java',
    flavour: 'alpine',
    want: 'eclipse-temurin:21-jre-alpine',
  },
  {
    from: 'ARG JAVA_VERSION=17\nFROM eclipse-temurin:${JAVA_VERSION}-jdk',
    kind: 'java',
    want: 'eclipse-temurin:${JAVA_VERSION}-jre',
  },
  {
    from: 'ARG JAVA_VERSION=17\nFROM openjdk:${JAVA_VERSION}',
    kind: 'java',
    want: 'eclipse-temurin:${JAVA_VERSION}-jre',
  },
  {
    from: 'ARG MAVEN_VERSION=3.9.6\nARG JAVA_VERSION=21\nFROM maven:${MAVEN_VERSION}-eclipse-temurin-${JAVA_VERSION} AS build',
    kind: 'java',
    want: 'eclipse-temurin:${JAVA_VERSION}-jre-alpine',
  },
  {
    from: 'ARG REGISTRY=registry.example.com/mirror\nARG JAVA_VERSION=17\nFROM ${REGISTRY}/openjdk:${JAVA_VERSION}',
    kind: 'java',
    want: '${REGISTRY}/eclipse-temurin:${JAVA_VERSION}-jre',
  },
  {
    from: 'FROM eclipse-temurin:21-jdk-ubi9-minimal',
    kind: 'java',
    want: 'eclipse-temurin:21-jre-ubi9-minimal',
  },
  {
    from: 'FROM eclipse-temurin:17-jdk-alpine',
    kind: 'java',
    want: 'eclipse-temurin:17-jre-alpine',
    notes: ['runtime-variant'],
  },
  {
    from: 'ARG BASE_IMAGE=openjdk:17\nFROM ${BASE_IMAGE}',
    kind: 'java',
    want: /ARG BASE_IMAGE \(default openjdk:17\)/,
  },
  {
    from: 'FROM registry.example.com/mirror/openjdk:17',
    kind: 'java',
    want: 'registry.example.com/mirror/eclipse-temurin:17-jre',
  },
  {
    from: 'FROM localhost:5000/eclipse-temurin:21-jdk',
    kind: 'java',
    want: 'localhost:5000/eclipse-temurin:21-jre-alpine',
  },
  { from: 'FROM gcr.io/distroless/java17-debian12', kind: 'java', want: 'gcr.io/distroless/java17-debian12' },
  {
    from: 'FROM maven:3.9-eclipse-temurin-17',
    kind: 'java',
    flavour: 'distroless',
    want: 'gcr.io/distroless/java17-debian12',
  },
  {
    from: 'FROM eclipse-temurin:21-jdk',
    kind: 'java',
    flavour: 'distroless',
    want: 'gcr.io/distroless/java21-debian13',
  },
  { from: 'FROM openjdk:11', kind: 'java', flavour: 'distroless', want: /no distroless image for Java 11/ },
  { from: 'FROM quay.io/keycloak/keycloak:22.0', kind: 'java', want: 'quay.io/keycloak/keycloak:22.0' },
];

describe('runtimeImage: Node FROM lines', () => {
  it.each(node)('$from ($flavour)', (row) => check(row));
});

describe('runtimeImage: Java FROM lines', () => {
  it.each(java)('$from ($flavour)', (row) => check(row));
});

function check(row: Row) {
  const choice = choose(row);
  if (row.want instanceof RegExp) {
    expect(choice).toEqual({ ok: false, reason: expect.stringMatching(row.want) });
    return;
  }
  expect(choice).toMatchObject({ ok: true, image: row.want });
  if (choice.ok) expect(choice.notes.map((n) => n.id)).toEqual(expect.arrayContaining(row.notes ?? []));
}

describe('runtimeImage: families and notes', () => {
  it('reports the family of the chosen image', () => {
    const pick = (from: string, kind: 'node' | 'java', flavour: RuntimeFlavour | null = null) => {
      const choice = choose({ from, kind, flavour: flavour ?? undefined, want: '' });
      return choice.ok ? choice.family : choice.reason;
    };
    expect(pick('FROM node:20', 'node')).toBe('alpine');
    expect(pick('FROM node:20', 'node', 'slim')).toBe('debian');
    expect(pick('FROM node:20', 'node', 'distroless')).toBe('distroless');
    expect(pick('FROM openjdk:17', 'java')).toBe('ubuntu');
    expect(pick('FROM bellsoft/liberica-openjdk-debian:17', 'java')).toBe('debian');
  });

  it('explains a base change with old image, new image and why', () => {
    const choice = choose({ from: 'FROM openjdk:11-jdk', kind: 'java', want: '' });
    expect(choice.ok && choice.notes[0]).toEqual({
      id: 'runtime-base-changed',
      message: expect.stringMatching(
        /^runtime base openjdk:11-jdk -> eclipse-temurin:11-jre: openjdk is retired .*JRE of Java 11/,
      ),
    });
    const variant = choice.ok ? choice.notes.find((n) => n.id === 'runtime-variant') : undefined;
    expect(variant?.message).toMatch(/amd64 only/);
  });

  it('says why Java 21 gets the alpine JRE', () => {
    const choice = choose({ from: 'FROM eclipse-temurin:21-jdk', kind: 'java', want: '' });
    expect(choice.ok && choice.notes.find((n) => n.id === 'runtime-variant')?.message).toMatch(
      /amd64 and arm64/,
    );
  });

  it('refuses distroless when the runtime stage needs a shell', () => {
    const model = parseDockerfile('FROM node:20\nRUN adduser -D app\nCMD ["node", "server.js"]\n');
    const ask = (instructions = model.stages[0].instructions) =>
      runtimeImage({
        image: 'node:20',
        args: new Map(),
        kind: 'node',
        flavour: 'distroless',
        mappings,
        runtimeInstructions: instructions,
      });
    expect(ask()).toEqual({ ok: false, reason: expect.stringMatching(/RUN cannot run there \(no shell\)/) });
    expect(ask(model.stages[0].instructions.slice(1))).toEqual({
      ok: false,
      reason: expect.stringMatching(/CMD must start at the script/),
    });
    const fine = parseDockerfile('FROM node:20\nUSER nonroot\nCMD ["server.js"]\n');
    expect(ask(fine.stages[0].instructions)).toMatchObject({
      ok: true,
      image: 'gcr.io/distroless/nodejs20-debian12',
    });
  });
});
