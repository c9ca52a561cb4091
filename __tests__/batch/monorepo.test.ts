// The fixture monorepo end to end: discovery, contexts, statuses and the report, as a team would run it.
import fs from 'node:fs';
import path from 'node:path';
import { runCli, tempCopy } from '../helpers/cli';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'monorepo');
const GOLDEN = path.join(__dirname, '..', 'fixtures', 'monorepo.report.json');

/** The fixture plus what git would not keep: a node_modules folder and a .gitignored one, each with a Dockerfile. */
function monorepo(): string {
  const dir = tempCopy(FIXTURE);
  for (const rel of ['node_modules/left-pad/Dockerfile', 'generated/Dockerfile']) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), 'FROM node:20\nCMD ["node"]\n');
  }
  return dir;
}

const withoutTime = (stdout: string) => {
  const report = JSON.parse(stdout);
  report.summary.ms = 0;
  return report;
};

describe('monorepo batch', () => {
  it('matches the golden report', () => {
    const dir = monorepo();
    const r = runCli(['migrate', '.', '--json'], dir);
    expect(r.code).toBe(2);
    const report = withoutTime(r.stdout);
    if (process.env.UPDATE_FIXTURES === '1') fs.writeFileSync(GOLDEN, JSON.stringify(report, null, 2) + '\n');
    expect(report).toEqual(JSON.parse(fs.readFileSync(GOLDEN, 'utf8')));
  });

  it('skips node_modules and .gitignored folders, and lists files in a stable order', () => {
    const r = runCli(['migrate', '.', '--json'], monorepo());
    const paths = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths.some((p: string) => p.startsWith('node_modules/') || p.startsWith('generated/'))).toBe(
      false,
    );
  });

  it('takes build contexts from compose files and COPY sources, and gives shared contexts their own ignore files', () => {
    const dir = monorepo();
    const report = JSON.parse(runCli(['migrate', '.', '--json'], dir).stdout);
    const entry = (p: string) => report.files.find((f: { path: string }) => f.path === p);
    expect(entry('apps/api/Dockerfile')).toMatchObject({
      context: '.',
      writes: ['apps/api/Dockerfile', 'apps/api/Dockerfile.dockerignore'],
    });
    expect(entry('apps/web/Dockerfile')).toMatchObject({
      context: 'apps/web',
      writes: ['apps/web/Dockerfile', 'apps/web/Dockerfile.dockerignore'],
    });
    expect(entry('apps/web/Dockerfile.dev')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/development image/),
    });
    expect(entry('services/legacy/Dockerfile')).toMatchObject({
      status: 'skipped',
      reason: 'already multi-stage',
    });
    expect(entry('tools/go-worker/Dockerfile')).toMatchObject({ status: 'skipped', kind: null });
    expect(entry('broken/Dockerfile')).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/FROM/),
    });
  });

  it('infers the repository root as context when the COPY sources only resolve there', () => {
    const dir = monorepo();
    fs.rmSync(path.join(dir, 'compose.yaml'));
    const report = JSON.parse(runCli(['migrate', 'apps/api', '--json'], dir).stdout);
    expect(report.files[0]).toMatchObject({ path: 'apps/api/Dockerfile', context: '.' });
    expect(report.files[0].notes.map((n: { id: string }) => n.id)).toContain('context-inferred');
  });

  it('--context forces one context for every file', () => {
    const dir = monorepo();
    const report = JSON.parse(
      runCli(['migrate', 'apps/web/Dockerfile', '--context', 'apps/web', '--json'], dir).stdout,
    );
    expect(report.files[0].context).toBe('apps/web');
    expect(runCli(['migrate', '--context', 'nowhere'], dir).code).toBe(2);
  });

  it('--ignore-pattern leaves matching paths out', () => {
    const report = JSON.parse(
      runCli(
        ['migrate', '.', '--json', '--ignore-pattern', 'apps/**', '--ignore-pattern', 'broken'],
        monorepo(),
      ).stdout,
    );
    expect(report.files.map((f: { path: string }) => f.path)).toEqual([
      'services/billing/Dockerfile',
      'services/legacy/Dockerfile',
      'tools/go-worker/Dockerfile',
    ]);
  });

  it('writes a whole batch and a second run changes nothing', () => {
    const dir = monorepo();
    expect(runCli(['migrate', '.', '--write'], dir).code).toBe(2);
    const again = runCli(['migrate', '.', '--check', '--json'], dir);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).summary.migrated).toBe(0);
  });
});
