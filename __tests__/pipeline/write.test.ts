import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commitWrites } from '../../src/pipeline/write';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'dms-write-'));

describe('commitWrites', () => {
  it('replaces files whole, keeps their mode, creates new ones and leaves no temp files', () => {
    const dir = tmp();
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o600);
    commitWrites([
      { path: file, display: 'Dockerfile', before: Buffer.from('old'), after: Buffer.from('new') },
      {
        path: path.join(dir, '.dockerignore'),
        display: '.dockerignore',
        before: null,
        after: Buffer.from('node_modules\n'),
      },
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8')).toBe('node_modules\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['.dockerignore', 'Dockerfile']);
  });

  it('writes through a symlinked Dockerfile instead of replacing the link', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'real.Dockerfile'), 'old');
    fs.symlinkSync('real.Dockerfile', path.join(dir, 'Dockerfile'));
    commitWrites([
      { path: path.join(dir, 'Dockerfile'), display: 'Dockerfile', before: null, after: Buffer.from('new') },
    ]);
    expect(fs.lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'real.Dockerfile'), 'utf8')).toBe('new');
  });

  it('leaves every file as it was when one write cannot happen', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    expect(() =>
      commitWrites([
        {
          path: path.join(dir, 'Dockerfile'),
          display: 'Dockerfile',
          before: null,
          after: Buffer.from('new'),
        },
        { path: path.join(dir, 'missing', 'x'), display: 'missing/x', before: null, after: Buffer.from('x') },
      ]),
    ).toThrow();
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['Dockerfile']);
  });
});

describe('commitWrites before renaming', () => {
  it('refuses the whole group when one target is a folder, leaving every file as it was', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-write-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'old');
    fs.mkdirSync(path.join(dir, '.dockerignore'));
    expect(() =>
      commitWrites([
        {
          path: path.join(dir, 'Dockerfile'),
          display: 'Dockerfile',
          before: null,
          after: Buffer.from('new'),
        },
        {
          path: path.join(dir, '.dockerignore'),
          display: '.dockerignore',
          before: null,
          after: Buffer.from('x'),
        },
      ]),
    ).toThrow('.dockerignore is a folder');
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe('old');
    expect(fs.readdirSync(dir).sort()).toEqual(['.dockerignore', 'Dockerfile']);
  });
});
