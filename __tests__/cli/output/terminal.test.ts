// The end-of-run text: the tally, the estimated saving, files grouped by status on a terminal, one rebuild hint.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createColors } from 'picocolors';
import { emptyGroups, estimateLine, fileLines, summaryLines } from '../../../src/cli/output/terminal';
import type { FileReport, Summary } from '../../../src/pipeline/report';
import { BIN, tempCopy } from '../../helpers/cli';

const plain = createColors(false);

const report = (p: string, over: Partial<FileReport> = {}): FileReport => ({
  path: p,
  status: 'migrated',
  kind: 'node',
  reason: null,
  notes: [{ id: 'user-added', message: 'the runtime runs as the non-root user `node`' }],
  writes: [p],
  context: '.',
  rebuild: `docker build --pull --no-cache -f ${p} .`,
  estimate: null,
  ...over,
});

const summary = (over: Partial<Summary> = {}): Summary => ({
  files: 4,
  migrated: 2,
  reduced: 0,
  unchanged: 0,
  skipped: 1,
  error: 1,
  byKind: { node: 3, java: 0, other: 1 },
  estimate: {
    of: 'base image',
    services: 2,
    unknown: 0,
    savedCompressedMB: 667.4,
    savedUncompressedMB: null,
    approximate: false,
  },
  dryRun: true,
  ms: 1500,
  ...over,
});

describe('summaryLines', () => {
  const groups = () => {
    const g = emptyGroups();
    g.skipped.push(
      report('tools/go/Dockerfile', { status: 'skipped', kind: null, reason: 'not a Node or Java image' }),
    );
    g.error.push(
      report('broken/Dockerfile', { status: 'error', kind: null, reason: 'FROM without an image' }),
    );
    return g;
  };

  it('on a terminal: the tally, the estimate, then only the files that need attention, by status', () => {
    const lines = summaryLines(
      {
        summary: summary(),
        groups: groups(),
        verbose: false,
        mode: 'dry-run',
        rebuild: { first: 'docker build --pull --no-cache -f a/Dockerfile a', count: 2 },
      },
      plain,
    );
    expect(lines).toEqual([
      '4 Dockerfiles: 2 to migrate, 0 unchanged, 1 skipped, 1 error (node 3, java 0, other 1) in 1.50 s',
      'Estimated base-image saving: ~667 MB less to pull over 2 services; from published sizes of the base images only, not the app (`verify` measures)',
      'Skipped (1):',
      '  tools/go/Dockerfile: not a Node or Java image',
      'Errors (1):',
      '  broken/Dockerfile: FROM without an image',
      'Dry run: nothing written. Run again with --write to apply.',
      "rebuild fresh (base images are cached): docker build --pull --no-cache -f <Dockerfile> <context> for each of the 2 migrated; --json gives each file's command",
    ]);
  });

  it('with --verbose, lists the migrated files and their notes too', () => {
    const g = groups();
    g.migrated.push(report('api/Dockerfile'));
    const lines = summaryLines(
      { summary: summary(), groups: g, verbose: true, mode: 'write', rebuild: { first: null, count: 0 } },
      plain,
    );
    expect(lines).toContain('Migrated (1):');
    const check = summaryLines(
      { summary: summary(), groups: g, verbose: false, mode: 'check', rebuild: { first: null, count: 0 } },
      plain,
    );
    expect(check).toContain('Would change (1):');
    expect(check).toContain('  api/Dockerfile (node)');
    expect(check).not.toContain('    - the runtime runs as the non-root user `node`');
    expect(lines).toContain('  api/Dockerfile (node)');
    expect(lines).toContain('    - the runtime runs as the non-root user `node`');
  });

  it('gives the one migrated file its own rebuild command, and none in --check', () => {
    const one = summary({ files: 1, migrated: 1, skipped: 0, error: 0 });
    const cmd = 'docker build --pull --no-cache -f Dockerfile .';
    const input = { summary: one, groups: null, verbose: false, rebuild: { first: cmd, count: 1 } };
    expect(summaryLines({ ...input, mode: 'write' }, plain).at(-1)).toBe(
      `rebuild fresh (base images are cached): ${cmd}`,
    );
    expect(summaryLines({ ...input, mode: 'check' }, plain).join('\n')).not.toMatch(/rebuild/);
  });
});

describe('estimateLine', () => {
  it('says how many could not be estimated, and nothing when nothing migrates', () => {
    const some = summary({
      estimate: {
        of: 'base image',
        services: 1,
        unknown: 2,
        savedCompressedMB: 1234,
        savedUncompressedMB: null,
        approximate: false,
      },
    });
    expect(estimateLine(some)).toMatch(
      /^Estimated base-image saving: ~1\.2 GB less to pull over 1 service, 2 not estimated/,
    );
    expect(estimateLine(summary({ migrated: 0 }))).toBeNull();
    const none = summary({
      estimate: {
        of: 'base image',
        services: 0,
        unknown: 2,
        savedCompressedMB: 0,
        savedUncompressedMB: null,
        approximate: false,
      },
    });
    expect(estimateLine(none)).toMatch(/^Estimated base-image saving: unknown, 2 not estimated/);
  });

  it('says approx. when a counted figure is borrowed from a close tag', () => {
    const borrowed = summary({ estimate: { ...summary().estimate, approximate: true } });
    expect(estimateLine(borrowed)).toMatch(
      /^Estimated base-image saving: ~667 MB \(approx\.\) less to pull over 2 services;/,
    );
    expect(estimateLine(summary())).not.toMatch(/approx/);
  });
});

describe('fileLines', () => {
  it('is one line per file (notes when verbose), without a rebuild command', () => {
    expect(fileLines(report('api/Dockerfile'), plain, false)).toEqual(['migrated  api/Dockerfile (node)']);
    expect(fileLines(report('api/Dockerfile'), plain, true)).toEqual([
      'migrated  api/Dockerfile (node)',
      '          - the runtime runs as the non-root user `node`',
    ]);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

(hasScript ? it : it.skip)('on a real terminal, groups the files that need attention after the run', () => {
  const dir = tempCopy(path.join(__dirname, '..', '..', 'fixtures', 'config-monorepo'));
  fs.writeFileSync(
    path.join(dir, 'run.sh'),
    `"${process.execPath}" "${BIN}" migrate . --no-color >/dev/null\n`,
  );
  // `script` gives the command a terminal (stderr is one); its transcript is what a person would see.
  const r = spawnSync('script', ['-qec', `sh ${path.join(dir, 'run.sh')}`, '/dev/null'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '100' },
  });
  // The bar redraws with a carriage return and clears with ESC [ K: each redraw on a line of its own here.
  // eslint-disable-next-line no-control-regex
  const screen = r.stdout.replace(/\r\n?/g, '\n').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  expect(screen).toMatch(
    /^32 Dockerfiles: 29 to migrate[^\n]*\nEstimated base-image saving[^\n]*\nSkipped \(2\):\n {2}services\/vendor\/Dockerfile: vendor image[^\n]*\n {2}tools\/go-worker\/Dockerfile: [^\n]*\nErrors \(1\):\n {2}broken\/Dockerfile: FROM without an image/m,
  );
  // Nothing per file while it ran: the bar, then the summary.
  expect(screen).not.toMatch(/^(migrated|skipped|error) {2,}/m);
  expect(screen).toMatch(/\[[#.]+\] \d+\/32 Dockerfiles/);
});
