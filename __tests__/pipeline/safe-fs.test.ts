import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isInside } from '../../src/host-paths';
import { readRegularFile, resolveInside } from '../../src/pipeline/safe-fs';

const tmp = () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dms-safe-')));
const show = (dir: string) => (file: string) => path.relative(dir, file) || '.';

describe('isInside', () => {
  it.each([
    ['/a/b', '/a/b', true],
    ['/a/b', '/a/b/c', true],
    ['/a/b', '/a/bc', false],
    ['/a/b', '/a', false],
    ['/a/b', '/a/b/..c', true],
    ['/a/b', '/a/b/../c', false],
  ])('%s holds %s: %s', (dir, p, expected) => expect(isInside(dir, p)).toBe(expected));
});

describe('resolveInside', () => {
  it('resolves links inside the root, is null for nothing, and refuses links out and broken links', () => {
    const outside = tmp();
    fs.writeFileSync(path.join(outside, 'rules'), 'x');
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'real'), 'x');
    fs.symlinkSync('real', path.join(dir, 'inside'));
    fs.symlinkSync(path.join(outside, 'rules'), path.join(dir, 'out'));
    fs.symlinkSync('nowhere', path.join(dir, 'broken'));
    expect(resolveInside(path.join(dir, 'inside'), dir, show(dir))).toBe(path.join(dir, 'real'));
    expect(resolveInside(path.join(dir, 'missing'), dir, show(dir))).toBeNull();
    expect(() => resolveInside(path.join(dir, 'out'), dir, show(dir))).toThrow(
      /^out leads to .*rules, outside \. \(the folder searched\); not followed$/,
    );
    expect(resolveInside(path.join(dir, 'out'), null, show(dir))).toBe(path.join(outside, 'rules'));
    expect(() => resolveInside(path.join(dir, 'broken'), dir, show(dir))).toThrow(
      'broken is a broken symlink; not followed',
    );
  });
});

describe('readRegularFile', () => {
  it('reads bytes as they are, and is null for a missing file', () => {
    const dir = tmp();
    const bytes = Buffer.from([0x23, 0xe9, 0xff, 0x0a]);
    fs.writeFileSync(path.join(dir, 'f'), bytes);
    expect(readRegularFile(path.join(dir, 'f'))).toEqual(bytes);
    expect(readRegularFile(path.join(dir, 'none'))).toBeNull();
  });

  it('refuses a folder and a FIFO without waiting for a writer', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'folder'));
    expect(() => readRegularFile(path.join(dir, 'folder'))).toThrow('is a folder');
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    expect(() => readRegularFile(path.join(dir, 'fifo'))).toThrow('is not a regular file');
  });

  it('does not open a symlink swapped in after the path was resolved', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'target'), 'x');
    fs.symlinkSync('target', path.join(dir, 'link'));
    expect(() => readRegularFile(path.join(dir, 'link'))).toThrow(/symlink/);
  });
});
