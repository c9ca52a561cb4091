// `--report markdown FILE`: a file that cannot be written stops the run before anything is planned or written;
// a write that still fails at the end says the Dockerfiles were written.
import fs from 'node:fs';
import path from 'node:path';
import { checkReportFile, writeReport } from '../../src/cli/output/report-file';
import { PathError } from '../../src/errors';
import { NODE_SERVICE, runCli, snapshot, tempProject } from '../helpers/cli';

describe('--report markdown FILE, checked first', () => {
  it.each([
    ['no/such/dir/out.md', 'no folder no/such/dir'],
    ['sub', 'a folder, not a file'],
    ['Dockerfile/out.md', 'a part of the path is not a folder'],
    ['Dockerfile', 'that is a Dockerfile or ignore file name, which the report would replace'],
    ['.dockerignore', 'that is a Dockerfile or ignore file name, which the report would replace'],
  ])('%s: --write writes nothing and says why in one line', (target, why) => {
    const dir = tempProject({ ...NODE_SERVICE, 'sub/keep.txt': 'x' });
    const before = snapshot(dir);
    const r = runCli(['migrate', '--write', '--report', 'markdown', target], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dockerize-ms: --report markdown ${target}: ${why}; nothing was written\n`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a symlink, which would write wherever it leads (outside the tree too)', () => {
    const outside = tempProject({ 'victim.txt': 'keep\n' });
    const dir = tempProject(NODE_SERVICE);
    fs.symlinkSync(path.join(outside, 'victim.txt'), path.join(dir, 'review.md'));
    const r = runCli(['migrate', '--report', 'markdown', 'review.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'dockerize-ms: --report markdown review.md: a symbolic link; name the file itself; nothing was written\n',
    );
    expect(fs.readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe('keep\n');
  });

  it('lets a new file in an existing folder, and an existing file, through', () => {
    const dir = tempProject({ 'reports/old.md': 'old\n' });
    expect(() => checkReportFile(path.join(dir, 'reports/new.md'))).not.toThrow();
    expect(() => checkReportFile(path.join(dir, 'reports/old.md'))).not.toThrow();
    expect(() => checkReportFile(path.join(dir, 'reports'))).toThrow(PathError);
  });
});

describe('writeReport at the end', () => {
  it('says the Dockerfiles were written when the report is not', () => {
    const dir = tempProject({});
    const gone = path.join(dir, 'gone', 'review.md');
    expect(writeReport(gone, 'text', 3)).toMatch(
      /^dockerize-ms: the Dockerfiles were written \(3 services\), but the report could not be written to .*review\.md: no such file or directory$/,
    );
    expect(writeReport(gone, 'text', 0)).toMatch(/^dockerize-ms: the report could not be written to /);
    expect(writeReport(path.join(dir, 'ok.md'), 'text', 1)).toBeNull();
    expect(fs.readFileSync(path.join(dir, 'ok.md'), 'utf8')).toBe('text');
  });
});
