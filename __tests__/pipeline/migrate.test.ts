// The library's write phase: an abort signal stops it between services; each service is all old or all new.
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from '../../src/pipeline/migrate';
import { NODE_SERVICE, snapshot, tempProject } from '../helpers/cli';

const services = (count: number) => {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++)
    for (const [rel, text] of Object.entries(NODE_SERVICE)) files[`svc-${i}/${rel}`] = text;
  return files;
};

describe('migrate({ signal })', () => {
  it('rejects at once and writes nothing when the signal has fired already', async () => {
    const dir = tempProject(services(2));
    const before = snapshot(dir);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(migrate({ cwd: dir, write: true, jobs: 1, signal: controller.signal })).rejects.toThrow(
      'stop',
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('stops writing after the service in hand when aborted mid-write', async () => {
    const dir = tempProject(services(6));
    const controller = new AbortController();
    const written: string[] = [];
    const run = migrate({
      cwd: dir,
      write: true,
      jobs: 1,
      signal: controller.signal,
      onEvent(event) {
        if (event.type !== 'file') return;
        written.push(event.report.path);
        if (written.length === 2) controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
    expect(written).toEqual(['svc-0/Dockerfile', 'svc-1/Dockerfile']);
    for (let i = 0; i < 6; i++) {
      const dockerfile = fs.readFileSync(path.join(dir, `svc-${i}`, 'Dockerfile'), 'utf8');
      const ignore = fs.existsSync(path.join(dir, `svc-${i}`, '.dockerignore'));
      expect({ i, migrated: /AS runtime/.test(dockerfile), ignore }).toEqual({
        i,
        migrated: i < 2,
        ignore: i < 2,
      });
    }
  });

  it('reports a file edited between the read and the write as an error and leaves the edit', async () => {
    const dir = tempProject(services(2));
    const edited = path.join(dir, 'svc-0', 'Dockerfile');
    const report = await migrate({
      cwd: dir,
      write: true,
      jobs: 1,
      onEvent(event) {
        // Every file has been read once the last progress event arrives; no write has happened yet.
        if (event.type === 'progress' && event.done === event.total) fs.appendFileSync(edited, '# mine\n');
      },
    });
    expect(report.files.map((f) => [f.path, f.status, f.reason])).toEqual([
      [
        'svc-0/Dockerfile',
        'error',
        'could not write: svc-0/Dockerfile changed since it was read; left as it is',
      ],
      ['svc-1/Dockerfile', 'migrated', null],
    ]);
    expect(fs.readFileSync(edited, 'utf8')).toBe(NODE_SERVICE.Dockerfile + '# mine\n');
    expect(report.summary).toMatchObject({ migrated: 1, error: 1 });
  });
});

describe('migrate: the ignore file of a folder with several Dockerfiles', () => {
  it('gives a Dockerfile its own ignore file when another Dockerfile beside it is not migrated this run', async () => {
    const dir = tempProject({
      ...NODE_SERVICE,
      'Dockerfile.dev': 'FROM node:20\nCMD ["node", "index.js"]\n',
    });
    const report = await migrate({ cwd: dir, paths: ['Dockerfile'], write: true, jobs: 1 });
    expect(report.files.map((f) => f.path)).toEqual(['Dockerfile']);
    expect(fs.existsSync(path.join(dir, 'Dockerfile.dockerignore'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(false);
  });

  it('uses the context root file when the Dockerfile is alone in its folder', async () => {
    const dir = tempProject(NODE_SERVICE);
    await migrate({ cwd: dir, paths: ['Dockerfile'], write: true, jobs: 1 });
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(true);
  });
});
