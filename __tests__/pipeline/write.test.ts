import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commitWrites, type PlannedWrite } from '../../src/pipeline/write';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'dms-write-'));
const bytes = (text: string) => Buffer.from(text);
const write = (dir: string, rel: string, before: string | null, after: string): PlannedWrite => ({
  path: path.join(dir, rel),
  display: rel,
  before: before === null ? null : bytes(before),
  after: bytes(after),
});
const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');

afterEach(() => jest.restoreAllMocks());

describe('commitWrites', () => {
  it('replaces files whole, keeps their mode, creates new ones and leaves no temp files', () => {
    const dir = tmp();
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o600);
    commitWrites([
      write(dir, 'Dockerfile', 'old', 'new'),
      write(dir, '.dockerignore', null, 'node_modules\n'),
    ]);
    expect(read(dir, 'Dockerfile')).toBe('new');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(read(dir, '.dockerignore')).toBe('node_modules\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['.dockerignore', 'Dockerfile']);
  });

  it('writes through a symlinked Dockerfile inside the root instead of replacing the link', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'real.Dockerfile'), 'old');
    fs.symlinkSync('real.Dockerfile', path.join(dir, 'Dockerfile'));
    commitWrites([write(dir, 'Dockerfile', 'old', 'new')], { root: fs.realpathSync(dir) });
    expect(fs.lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(read(dir, 'real.Dockerfile')).toBe('new');
  });

  it('leaves every file as it was when one write cannot happen', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    expect(() =>
      commitWrites([write(dir, 'Dockerfile', 'old', 'new'), write(dir, 'missing/x', null, 'x')]),
    ).toThrow('missing/x: its folder does not exist');
    expect(read(dir, 'Dockerfile')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('refuses the whole group when one target is a folder, leaving every file as it was', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    fs.mkdirSync(path.join(dir, '.dockerignore'));
    expect(() =>
      commitWrites([write(dir, 'Dockerfile', 'old', 'new'), write(dir, '.dockerignore', null, 'x')]),
    ).toThrow('.dockerignore is a folder');
    expect(read(dir, 'Dockerfile')).toBe('old');
    expect(fs.readdirSync(dir).sort()).toEqual(['.dockerignore', 'Dockerfile']);
  });
});

describe('commitWrites: files changed since they were read', () => {
  it.each([
    ['edited', (file: string) => fs.writeFileSync(file, 'edited by hand'), 'changed', 'edited by hand'],
    ['removed', (file: string) => fs.rmSync(file), 'was removed', null],
  ])('refuses the group when the Dockerfile was %s, and leaves it so', (_what, change, message, left) => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    change(path.join(dir, 'Dockerfile'));
    expect(() =>
      commitWrites([write(dir, 'Dockerfile', 'old', 'new'), write(dir, '.dockerignore', null, 'x')]),
    ).toThrow(`Dockerfile ${message} since it was read; left as it is`);
    expect(fs.existsSync(path.join(dir, 'Dockerfile')) ? read(dir, 'Dockerfile') : null).toBe(left);
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does not replace an ignore file that appeared since the run looked', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'mine\n');
    expect(() =>
      commitWrites([write(dir, 'Dockerfile', 'old', 'new'), write(dir, '.dockerignore', null, 'x')]),
    ).toThrow('.dockerignore appeared since it was read');
    expect(read(dir, 'Dockerfile')).toBe('old');
    expect(read(dir, '.dockerignore')).toBe('mine\n');
  });
});

describe('commitWrites: temp files', () => {
  it('creates them exclusively under unpredictable names, so a planted symlink is never followed', () => {
    const dir = tmp();
    const victim = path.join(tmp(), 'victim');
    fs.writeFileSync(victim, 'precious');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    // The names an earlier version used (pid and a counter), planted as links to a file outside.
    for (let n = 0; n < 3; n++) fs.symlinkSync(victim, path.join(dir, `.Dockerfile.${process.pid}.${n}.tmp`));
    const open = jest.spyOn(fs, 'openSync');
    commitWrites([write(dir, 'Dockerfile', 'old', 'new')]);
    commitWrites([write(dir, 'Dockerfile', 'new', 'newer')]);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(read(dir, 'Dockerfile')).toBe('newer');
    const temps = open.mock.calls.filter(([, flags]) => flags === 'wx').map(([file]) => String(file));
    expect(temps).toHaveLength(2);
    expect(new Set(temps).size).toBe(2);
    for (const temp of temps) expect(path.basename(temp)).toMatch(/^\.Dockerfile\.[0-9a-f]{16}\.tmp$/);
  });

  it('undoes the renames already made when a later one fails, and removes every temp file', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    fs.chmodSync(path.join(dir, 'Dockerfile'), 0o640);
    const rename = fs.renameSync;
    let calls = 0;
    jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++calls === 2) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      rename(from, to);
    });
    expect(() =>
      commitWrites([write(dir, 'Dockerfile', 'old', 'new'), write(dir, '.dockerignore', null, 'x')]),
    ).toThrow('.dockerignore: EIO: i/o error');
    expect(read(dir, 'Dockerfile')).toBe('old');
    expect(fs.statSync(path.join(dir, 'Dockerfile')).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('keeps the owner of a replaced file when it may (run as root)', () => {
    if (process.getuid?.() !== 0) return;
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    fs.chownSync(path.join(dir, 'Dockerfile'), 1234, 2345);
    commitWrites([write(dir, 'Dockerfile', 'old', 'new')]);
    const stat = fs.statSync(path.join(dir, 'Dockerfile'));
    expect([stat.uid, stat.gid]).toEqual([1234, 2345]);
  });
});

describe('commitWrites: the root', () => {
  it('refuses a target that leads outside the root, through the file or its folder', () => {
    const outside = tmp();
    fs.writeFileSync(path.join(outside, 'rules'), 'theirs\n');
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    fs.symlinkSync(path.join(outside, 'rules'), path.join(dir, '.dockerignore'));
    fs.symlinkSync(outside, path.join(dir, 'away'));
    const root = fs.realpathSync(dir);
    expect(() =>
      commitWrites(
        [write(dir, 'Dockerfile', 'old', 'new'), write(dir, '.dockerignore', 'theirs\n', 'theirs\nmore\n')],
        { root },
      ),
    ).toThrow(/leads to .*outside .*not followed/);
    expect(() => commitWrites([write(dir, 'away/Dockerfile', null, 'x')], { root })).toThrow(
      /outside .*not followed/,
    );
    expect(read(dir, 'Dockerfile')).toBe('old');
    expect(fs.readFileSync(path.join(outside, 'rules'), 'utf8')).toBe('theirs\n');
    expect(fs.readdirSync(outside)).toEqual(['rules']);
  });

  it('refuses to replace a broken symlink', () => {
    const dir = tmp();
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, '.dockerignore'));
    expect(() =>
      commitWrites([write(dir, '.dockerignore', null, 'x')], { root: fs.realpathSync(dir) }),
    ).toThrow(/broken symlink/);
    expect(fs.lstatSync(path.join(dir, '.dockerignore')).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });
});
