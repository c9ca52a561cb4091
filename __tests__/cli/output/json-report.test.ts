import { jsonReportWriter } from '../../../src/cli/output/json-report';
import type { FileReport, Summary } from '../../../src/pipeline/report';

const summary: Summary = {
  files: 2,
  migrated: 1,
  reduced: 0,
  unchanged: 0,
  skipped: 1,
  error: 0,
  byKind: { node: 1, java: 0, other: 1 },
  estimate: {
    of: 'base image',
    services: 1,
    unknown: 0,
    savedCompressedMB: 333.7,
    savedUncompressedMB: null,
    approximate: true,
  },
  dryRun: true,
  ms: 12,
};
const file = (path: string): FileReport => ({
  path,
  status: 'migrated',
  kind: 'node',
  reason: null,
  notes: [{ id: 'a', message: 'line "quoted"\nnext' }],
  writes: [path],
  context: '.',
  rebuild: null,
  estimate: {
    of: 'base image',
    from: { image: 'node:20', compressedMB: 389.5, uncompressedMB: null, approximate: true },
    to: { image: 'node:20-alpine', compressedMB: 55.8, uncompressedMB: null, approximate: true },
    savedCompressedMB: 333.7,
    savedUncompressedMB: null,
  },
});

describe('jsonReportWriter', () => {
  it.each([[[]], [[file('Dockerfile')]], [[file('a/Dockerfile'), file('b/Dockerfile')]]])(
    'prints what JSON.stringify(report, null, 2) prints (%#)',
    (files) => {
      let out = '';
      const writer = jsonReportWriter((t) => (out += t));
      files.forEach((f) => writer.file(f));
      writer.end(summary);
      expect(out).toBe(JSON.stringify({ files, summary }, null, 2) + '\n');
    },
  );
});
