// The bundled examples, migrated and verified for real: both images build and answer, and the new one is smaller.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { verify, type VerifiedFile, type VerifyReport } from '../../src/verify';
import { formatTable } from '../../src/cli/verify-table';
import { colors } from '../../src/cli/output/colors';
import {
  copyExample,
  describeWithEngine,
  engine,
  leftovers,
  removeDir,
  repoRoot,
  requireImages,
} from './helpers';

/** The size factors the Node and Java issues promise, measured on the stand-in base images. */
const EXAMPLES = [
  { name: 'node-express', base: 'node:20', factor: 4, via: 'cli' },
  { name: 'node-typescript', base: 'node:22-bookworm', factor: 4, via: 'library' },
  { name: 'java-maven', base: 'maven:3.9-eclipse-temurin-17', factor: 2, via: 'library' },
] as const;

const BIN = path.join(repoRoot, 'dist', 'src', 'cli', 'bin.js');
// Maven and npm installs inside the build: generous, but bounded.
const TIMEOUT_S = 120;

describeWithEngine('examples, before and after migration', () => {
  const dirs: string[] = [];
  let before: string[];
  beforeAll(() => {
    requireImages(EXAMPLES.map((e) => e.base));
    before = leftovers();
  });
  afterAll(() => dirs.forEach(removeDir));

  it.each(EXAMPLES)(
    '$name: builds, answers, and shrinks at least $factor x',
    async ({ name, factor, via }) => {
      const dir = copyExample(name);
      dirs.push(dir);
      const file = via === 'cli' ? runCli(dir) : await runLibrary(dir);
      console.log(`${name}:\n${formatTable([file], colors(false)).join('\n')}`);
      expect({ status: file.status, reason: file.reason }).toEqual({ status: 'migrated', reason: null });
      const v = file.verify!;
      expect({ problem: v.problem, before: v.before.smoke, after: v.after?.smoke }).toEqual({
        problem: null,
        before: 'ok',
        after: 'ok',
      });
      expect(v.before.status).toBe(200);
      expect(v.after?.status).toBe(200);
      expect(v.ratio).toBeGreaterThanOrEqual(factor);
      // The verify run left the example as it was: a dry run.
      expect(fs.readFileSync(path.join(dir, 'Dockerfile'))).toEqual(
        fs.readFileSync(path.join(repoRoot, 'examples', name, 'Dockerfile')),
      );
      expect(leftovers().filter((id) => !before.includes(id))).toEqual([]);
    },
  );
});

async function runLibrary(dir: string): Promise<VerifiedFile> {
  const report = await verify({
    cwd: dir,
    paths: ['Dockerfile'],
    probe: '/',
    timeout: TIMEOUT_S,
    trapSignals: false,
  });
  expect(report.files).toHaveLength(1);
  return report.files[0];
}

/** The built command, as a user runs it: exit code, JSON on stdout, the table on stderr. */
function runCli(dir: string): VerifiedFile {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  const result = spawnSync(
    process.execPath,
    [BIN, 'verify', 'Dockerfile', '--json', '--probe', '/', '--timeout', String(TIMEOUT_S)],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, DOCKER: engine.docker! }, timeout: 15 * 60_000 },
  );
  console.log(result.stderr);
  const report = JSON.parse(result.stdout) as VerifyReport;
  expect(report.files).toHaveLength(1);
  expect(result.stderr).toMatch(/^file +before +after +ratio +build s +layers +user +smoke ok$/m);
  expect(result.status).toBe(report.files[0].verify?.ok ? 0 : 2);
  return report.files[0];
}
