import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlannedWrite } from '../../src/pipeline/write';
import { effectiveIgnore, targetFromWrites } from '../../src/verify/target';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-target-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, before: string | null, after: string): PlannedWrite => ({
  path: path.join(dir, name),
  display: name,
  before: before === null ? null : Buffer.from(before),
  after: Buffer.from(after),
});
const text = (b: Buffer | null) => (b === null ? null : b.toString('utf8'));

describe('targetFromWrites', () => {
  it('pairs the text before and after, with the ignore rules of each side', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM old\n');
    const target = targetFromWrites({
      path: 'Dockerfile',
      dockerfile: path.join(dir, 'Dockerfile'),
      context: dir,
      writes: [
        write('Dockerfile', 'FROM old\n', 'FROM new\n'),
        write('.dockerignore', null, 'node_modules\n'),
      ],
    });
    expect(target?.path).toBe('Dockerfile');
    expect(target?.context).toBe(dir);
    expect(text(target!.original.dockerfile)).toBe('FROM old\n');
    expect(target!.original.ignore).toBeNull();
    expect(text(target!.migrated.dockerfile)).toBe('FROM new\n');
    expect(text(target!.migrated.ignore)).toBe('node_modules\n');
  });

  it('works after the writes reached the disk (migrate --write --verify)', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM new\n');
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'new rules\n');
    const target = targetFromWrites({
      path: 'Dockerfile',
      dockerfile: path.join(dir, 'Dockerfile'),
      context: dir,
      writes: [
        write('Dockerfile', 'FROM old\n', 'FROM new\n'),
        write('.dockerignore', 'old rules\n', 'new rules\n'),
      ],
    });
    expect(text(target!.original.dockerfile)).toBe('FROM old\n');
    expect(text(target!.original.ignore)).toBe('old rules\n');
    expect(text(target!.migrated.ignore)).toBe('new rules\n');
  });

  it('is null when the Dockerfile itself does not change', () => {
    const only = [write('.dockerignore', null, 'x\n')];
    expect(
      targetFromWrites({
        path: 'Dockerfile',
        dockerfile: path.join(dir, 'Dockerfile'),
        context: dir,
        writes: only,
      }),
    ).toBeNull();
  });
});

describe('effectiveIgnore', () => {
  it('prefers <Dockerfile>.dockerignore beside the Dockerfile over the context .dockerignore', () => {
    const files: Record<string, string> = {
      [path.join(dir, 'ctx', '.dockerignore')]: 'context rules',
      [path.join(dir, 'df', 'Dockerfile.prod.dockerignore')]: 'own rules',
    };
    const read = (f: string) => (f in files ? Buffer.from(files[f]) : null);
    expect(text(effectiveIgnore(path.join(dir, 'df', 'Dockerfile.prod'), path.join(dir, 'ctx'), read))).toBe(
      'own rules',
    );
    expect(text(effectiveIgnore(path.join(dir, 'df', 'Dockerfile'), path.join(dir, 'ctx'), read))).toBe(
      'context rules',
    );
    expect(effectiveIgnore(path.join(dir, 'Dockerfile'), dir, read)).toBeNull();
  });
});
