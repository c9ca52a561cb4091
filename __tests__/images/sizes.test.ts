// The base-image estimate: the shipped table's rows, tag matching, the final base, and what the notes say.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { migrate } from '../../src';
import { parseDockerfile } from '../../src/dockerfile/model';
import {
  baseSize,
  checkSizeRows,
  estimateBase,
  estimateNotes,
  finalBase,
  isApproximate,
  sizeKey,
  type Estimate,
  type SizeRow,
} from '../../src/images/sizes';
import { Tally } from '../../src/pipeline/report';
import { tempProject } from '../helpers/cli';

const TABLE = path.join(__dirname, '../../src/images/base-sizes.yaml');

describe('the published size table', () => {
  const rows = checkSizeRows(YAML.parse(fs.readFileSync(TABLE, 'utf8')));

  it('gives every row a source page and the day its figure was read', () => {
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(row.source).toMatch(/^https:\/\/(?:hub\.docker\.com|github\.com)\//);
      expect(row.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // A figure that is not from a Docker Hub tag page says which table and tag it was read from, and when.
    for (const row of rows.filter((r) => !r.source.startsWith('https://hub.docker.com/')))
      expect(row.source).toMatch(/AMD64 table, .+; table published \d{4}-\d{2}-\d{2}/);
  });

  it('lists each tag once, and marks borrowed figures approximate', () => {
    const tags = rows.flatMap((r) => r.tags.map(sizeKey));
    expect(new Set(tags).size).toBe(tags.length);
    const borrowed = rows.filter((r) => r.approximate);
    expect(borrowed.length).toBeGreaterThan(0);
    // A borrowed figure is one the table measures for the tag it names.
    for (const row of borrowed)
      expect(rows.some((r) => !r.approximate && r.compressedMB === row.compressedMB)).toBe(true);
  });

  it('refuses a row without a source or a date', () => {
    expect(() =>
      checkSizeRows({ images: [{ tags: ['node:20'], compressedMB: 1, retrieved: '2026-01-01' }] }),
    ).toThrow(/row 1: source:/);
    expect(() =>
      checkSizeRows({
        images: [{ tags: ['node:20'], compressedMB: 1, source: 'https://x', retrieved: 'May' }],
      }),
    ).toThrow(/row 1: retrieved:/);
    expect(() =>
      checkSizeRows({ images: [{ tags: ['node:20'], source: 'https://x', retrieved: '2026-01-01' }] }),
    ).toThrow(/compressedMB: is missing/);
  });
});

describe('the shipped table on Java images', () => {
  it('estimates a Java runtime moved to alpine from published figures of both images', () => {
    const estimate = estimateBase(
      'eclipse-temurin:17.0.13_11-jre-jammy',
      'eclipse-temurin:17.0.13_11-jre-alpine',
    );
    expect(estimate).toMatchObject({
      from: { compressedMB: 89, uncompressedMB: 259, approximate: false },
      to: { compressedMB: 55, uncompressedMB: 156, approximate: false },
      savedCompressedMB: 34,
      savedUncompressedMB: 103,
    });
    const [note] = estimateNotes(estimate);
    expect(note.id).toBe('base-estimate');
    expect(note.message).toMatch(
      /~89 MB -> eclipse-temurin:17\.0\.13_11-jre-alpine ~55 MB, ~34 MB less to pull$/,
    );
  });

  it('borrows the jammy figure for the default JRE tag, and the debian11 one for distroless java17', () => {
    expect(baseSize('eclipse-temurin:17-jre')).toMatchObject({ compressedMB: 89, approximate: true });
    expect(baseSize('eclipse-temurin:17-jre-noble')).toMatchObject({ compressedMB: 89, approximate: true });
    expect(baseSize('gcr.io/distroless/java17-debian12')).toMatchObject({
      compressedMB: 82,
      approximate: true,
    });
    expect(baseSize('gcr.io/distroless/java17-debian11')).toMatchObject({
      compressedMB: 82,
      approximate: false,
    });
  });

  it('still says unknown for a build image: no published figure was found for maven or the JDKs', () => {
    for (const image of ['maven:3.9-eclipse-temurin-17', 'eclipse-temurin:17-jdk', 'gradle:8-jdk17'])
      expect(baseSize(image).compressedMB).toBeNull();
    expect(baseSize('eclipse-temurin:21-jre').compressedMB).toBeNull();
    const estimate = estimateBase('maven:3.9-eclipse-temurin-17', 'eclipse-temurin:17-jre');
    expect(estimate?.savedCompressedMB).toBeNull();
    expect(estimateNotes(estimate)[0].message).toMatch(
      /: maven:3\.9-eclipse-temurin-17 is not in the table of published sizes$/,
    );
  });

  it('gives a Java migration a numeric estimate in the report', async () => {
    const dir = tempProject({
      Dockerfile:
        'FROM eclipse-temurin:17.0.13_11-jre-jammy\nWORKDIR /app\nCOPY target/app.jar app.jar\nCMD ["java", "-jar", "app.jar"]\n',
    });
    const report = await migrate({ cwd: dir, runtime: 'alpine' });
    const [file] = report.files;
    expect(file).toMatchObject({ status: 'migrated', kind: 'java' });
    expect(file.estimate).toMatchObject({
      from: { image: 'eclipse-temurin:17.0.13_11-jre-jammy', compressedMB: 89 },
      to: { image: 'eclipse-temurin:17.0.13_11-jre-alpine', compressedMB: 55 },
      savedCompressedMB: 34,
    });
    expect(file.notes.map((n) => n.id)).toContain('base-estimate');
    expect(report.summary.estimate).toMatchObject({
      services: 1,
      unknown: 0,
      savedCompressedMB: 34,
      approximate: false,
    });
  });
});

describe('the batch total', () => {
  const migrated = (estimate: Estimate | null) => ({
    status: 'migrated' as const,
    kind: 'node' as const,
    notes: [],
    estimate,
  });
  const total = (...estimates: (Estimate | null)[]) => {
    const tally = new Tally();
    estimates.forEach((e) => tally.add(migrated(e)));
    return tally.summary(0, true).estimate;
  };
  const exact = estimateBase('eclipse-temurin:17-jre-jammy', 'eclipse-temurin:17-jre-alpine');
  const borrowed = estimateBase('node:20', 'node:20-alpine');

  it('is approximate when any counted figure is borrowed, as the per-file estimates say', () => {
    expect(borrowed && isApproximate(borrowed)).toBe(true);
    expect(total(exact)).toMatchObject({ services: 1, approximate: false });
    expect(total(exact, borrowed)).toMatchObject({ services: 2, approximate: true });
    expect(total()).toMatchObject({ services: 0, approximate: false });
  });

  it('is exact when the borrowed figure cancels out (the base stays) or is not counted (unknown)', () => {
    expect(total(exact, estimateBase('node:20', 'node:20'))).toMatchObject({
      services: 2,
      approximate: false,
    });
    const unknown = estimateBase('node:20', 'maven:3.9-eclipse-temurin-17');
    expect(total(exact, unknown)).toMatchObject({ services: 1, unknown: 1, approximate: false });
  });
});

describe('sizeKey', () => {
  it.each([
    ['node:20.11.1-bookworm', 'node:20-bookworm'],
    ['node:22-alpine3.21', 'node:22-alpine'],
    ['docker.io/library/node:20', 'node:20'],
    ['node:20@sha256:abc', 'node:20'],
    ['node', 'node:latest'],
    ['eclipse-temurin:17.0.9_9-jre', 'eclipse-temurin:17-jre'],
    ['eclipse-temurin:17.0.7_7-jre-jammy', 'eclipse-temurin:17-jre-jammy'],
    ['gcr.io/distroless/java17-debian12', 'gcr.io/distroless/java17-debian12:latest'],
    ['registry.example.com/node:20', 'registry.example.com/node:20'],
  ])('%s reads as %s', (image, key) => expect(sizeKey(image)).toBe(key));
});

describe('estimateBase', () => {
  const rows = new Map<string, SizeRow>(
    [
      {
        tags: ['node:20'],
        compressedMB: 389.5,
        uncompressedMB: 1100,
        source: 'https://a',
        retrieved: '2026-01-01',
      },
      {
        tags: ['node:20-alpine'],
        compressedMB: 55.78,
        uncompressedMB: 135,
        source: 'https://b',
        retrieved: '2026-01-01',
        approximate: 'borrowed',
      },
    ].map((r) => [sizeKey(r.tags[0]), r]),
  );

  it('gives both sizes and the difference, from the table', () => {
    expect(estimateBase('node:20.11.1', 'node:20.11.1-alpine', rows)).toEqual({
      of: 'base image',
      from: { image: 'node:20.11.1', compressedMB: 389.5, uncompressedMB: 1100, approximate: false },
      to: { image: 'node:20.11.1-alpine', compressedMB: 55.78, uncompressedMB: 135, approximate: true },
      savedCompressedMB: 333.7,
      savedUncompressedMB: 965,
    });
  });

  it('says unknown for an image not in the table, and 0 when the base stays', () => {
    expect(
      estimateBase('node:20', 'gcr.io/distroless/nodejs20-debian12', rows)?.savedCompressedMB,
    ).toBeNull();
    expect(baseSize('maven:3.9-eclipse-temurin-17', rows).compressedMB).toBeNull();
    expect(estimateBase('node:21', 'node:21', rows)?.savedCompressedMB).toBe(0);
    expect(estimateBase(null, 'node:20', rows)).toBeNull();
  });

  it('says in its note that it is an estimate of the base only, and when a figure is borrowed', () => {
    const [note] = estimateNotes(estimateBase('node:20', 'node:20-alpine', rows));
    expect(note.id).toBe('base-estimate');
    expect(note.message).toMatch(/the base only, not the app, and not measured/);
    expect(note.message).toMatch(
      /node:20 ~390 MB -> node:20-alpine ~56 MB, ~334 MB less to pull \(approximate/,
    );
    expect(estimateNotes(estimateBase('node:20', 'x:1', rows))[0]).toMatchObject({
      id: 'base-estimate-unknown',
      message: expect.stringMatching(/x:1 is not in the table of published sizes/),
    });
    expect(estimateNotes(estimateBase('node:21', 'node:21', rows))[0].id).toBe('base-unchanged');
  });
});

describe('finalBase', () => {
  it('fills in ARG defaults and follows stage names to their image', () => {
    const model = parseDockerfile(
      'ARG NODE=20\nFROM node:${NODE} AS build\nRUN npm ci\nFROM node:${NODE}-alpine AS base\nFROM base AS runtime\nCMD ["node"]\n',
    );
    expect(finalBase(model)).toBe('node:20-alpine');
  });

  it('is null for a variable without a default and for scratch', () => {
    expect(finalBase(parseDockerfile('ARG IMAGE\nFROM ${IMAGE}\n'))).toBeNull();
    expect(
      finalBase(parseDockerfile('FROM node:20 AS b\nRUN x\nFROM scratch\nCOPY --from=b /a /a\n')),
    ).toBeNull();
  });
});
