import { colors } from '../../src/cli/output/colors';
import { formatBytes, formatTable, problemLines, summaryLine } from '../../src/cli/verify-table';
import type { ImageResult, VerifiedFile, VerifySummary } from '../../src/verify/types';

const plain = colors(false);

const image = (over: Partial<ImageResult> = {}): ImageResult => ({
  bytes: 1_096_885_227,
  buildMs: 12_345,
  smoke: 'ok',
  layers: 10,
  user: 'root',
  port: 3000,
  readiness: 'port',
  status: 200,
  log: [],
  ...over,
});

const file = (path: string, over: Partial<VerifiedFile> = {}): VerifiedFile => ({
  path,
  status: 'migrated',
  kind: 'node',
  reason: null,
  notes: [],
  writes: [path],
  context: '.',
  rebuild: null,
  estimate: null,
  verify: null,
  ...over,
});

const FILES: VerifiedFile[] = [
  file('api/Dockerfile', {
    verify: {
      before: image(),
      after: image({ bytes: 168_126_586, buildMs: 8_400, layers: 7, user: 'node' }),
      ratio: 6.52,
      ok: true,
      problem: null,
    },
  }),
  file('java/Dockerfile', {
    kind: 'java',
    verify: {
      before: image({ bytes: 700_000_000, buildMs: 61_000, user: 'root' }),
      after: image({
        bytes: null,
        buildMs: 3_000,
        smoke: 'not run: the image did not build',
        layers: null,
        user: null,
        log: ['[runtime 3/4] RUN java -version', 'ERROR: exit code: 127'],
      }),
      ratio: null,
      ok: false,
      problem:
        'the migrated Dockerfile does not build: step [runtime 3/4] RUN java -version failed: exit code: 127',
    },
  }),
  file('web/Dockerfile', { status: 'skipped', reason: 'already multi-stage', writes: [] }),
];

describe('formatTable', () => {
  it('lines up one row per file, before / after pairs, and smoke results', () => {
    expect(formatTable(FILES, plain)).toEqual([
      'file               before     after  ratio     build s  layers         user  smoke ok',
      'api/Dockerfile    1.10 GB  168.1 MB  6.52x  12.3 / 8.4  10 / 7  root / node  ok / ok',
      'java/Dockerfile  700.0 MB         -      -  61.0 / 3.0  10 / -     root / -  ok / FAIL',
      'web/Dockerfile          -         -      -           -       -            -  skipped',
    ]);
  });

  it('paints without moving the columns', () => {
    const painted = formatTable(FILES, colors(true));
    // eslint-disable-next-line no-control-regex
    expect(painted.map((l) => l.replace(/\x1b\[\d+m/g, ''))).toEqual(formatTable(FILES, plain));
  });
});

describe('problemLines', () => {
  it('gives the reason and the failing step for failures, and why others were not compared', () => {
    expect(problemLines(FILES, plain)).toEqual([
      'failed java/Dockerfile: the migrated Dockerfile does not build: step [runtime 3/4] RUN java -version failed: exit code: 127',
      '  migrated, last lines:',
      '    [runtime 3/4] RUN java -version',
      '    ERROR: exit code: 127',
      'skipped web/Dockerfile: nothing to compare (already multi-stage)',
    ]);
  });
});

it('summaryLine counts verified, failed and not compared', () => {
  const summary: VerifySummary = {
    files: 3,
    migrated: 2,
    reduced: 0,
    unchanged: 0,
    skipped: 1,
    error: 0,
    byKind: { node: 2, java: 1, other: 0 },
    estimate: {
      of: 'base image',
      services: 0,
      unknown: 0,
      savedCompressedMB: 0,
      savedUncompressedMB: null,
      approximate: false,
    },
    dryRun: true,
    ms: 84_210,
    verified: 1,
    failed: 1,
  };
  expect(summaryLine(summary, plain)).toBe('3 Dockerfiles: 1 verified, 1 failed, 1 not compared in 84.2 s');
});

it('formatBytes uses the units docker images shows', () => {
  expect([null, 999, 168_126_586, 1_096_885_227].map(formatBytes)).toEqual([
    '-',
    '1.0 kB',
    '168.1 MB',
    '1.10 GB',
  ]);
});

it('the JSON entry carries verify.before/after with bytes, buildMs and smoke, and the ratio', () => {
  const entry = JSON.parse(JSON.stringify(FILES[0]));
  expect(entry.verify).toMatchObject({
    before: { bytes: 1_096_885_227, buildMs: 12_345, smoke: 'ok' },
    after: { bytes: 168_126_586, buildMs: 8_400, smoke: 'ok' },
    ratio: 6.52,
  });
});
