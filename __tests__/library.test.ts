// The library API: `import { migrate } from 'dockerize-ms'` with typed options and the report returned.
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, migrate, optionsFor, UsageError, type MigrateEvent } from '../src';
import { NODE_SERVICE, snapshot, tempProject } from './helpers/cli';

describe('migrate() as a library', () => {
  it('returns the report and streams events in order, writing nothing on a dry run', async () => {
    const dir = tempProject({ ...NODE_SERVICE, 'go/Dockerfile': 'FROM golang:1.22\nCMD ["/x"]\n' });
    const before = snapshot(dir);
    const events: MigrateEvent['type'][] = [];
    const report = await migrate({ cwd: dir, onEvent: (e) => events.push(e.type) });
    expect(events).toEqual(['start', 'file', 'file', 'done']);
    expect(report.files.map((f) => [f.path, f.status])).toEqual([
      ['Dockerfile', 'migrated'],
      ['go/Dockerfile', 'skipped'],
    ]);
    expect(report.summary).toMatchObject({ files: 2, migrated: 1, skipped: 1, dryRun: true });
    expect(snapshot(dir)).toEqual(before);
  });

  it('writes when asked, honours options, and throws UsageError for bad ones', async () => {
    const dir = tempProject(NODE_SERVICE);
    const report = await migrate({ cwd: dir, write: true, runtime: 'slim', dockerignore: false });
    expect(report.summary.dryRun).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toMatch(/^FROM node:20-slim AS runtime$/m);
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(false);
    await expect(migrate({ cwd: dir, transforms: ['nope'] })).rejects.toBeInstanceOf(UsageError);
  });

  it('reads config files unless told not to; its own options win; optionsFor says what applies', async () => {
    const dir = tempProject({
      ...NODE_SERVICE,
      'dockerize-ms.config.json': '{ "runtime": "slim", "user": "keep" }',
    });
    const runtimeBase = (r: Awaited<ReturnType<typeof migrate>>) => r.files[0].estimate?.to.image;
    expect(runtimeBase(await migrate({ cwd: dir }))).toBe('node:20-slim');
    expect(runtimeBase(await migrate({ cwd: dir, config: false }))).toBe('node:20-alpine');
    expect(runtimeBase(await migrate({ cwd: dir, runtime: 'alpine' }))).toBe('node:20-alpine');
    const options = await optionsFor('.', { cwd: dir, user: 'svc' });
    expect(options.options).toMatchObject({ runtime: 'slim', user: { name: 'svc' } });
    expect(options.from).toMatchObject({ runtime: 'dockerize-ms.config.json', user: 'command line' });
    await expect(migrate({ cwd: dir, user: 'root' })).rejects.toBeInstanceOf(UsageError);
    fs.writeFileSync(path.join(dir, 'dockerize-ms.config.json'), '{ "runtime": 1 }');
    await expect(migrate({ cwd: dir })).rejects.toBeInstanceOf(ConfigError);
  });
});
