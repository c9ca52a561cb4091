import fs from 'node:fs';
import path from 'node:path';
import { planTargets } from '../../src/verify/plan';
import { NODE_SERVICE, tempProject } from '../helpers/cli';

describe('planTargets', () => {
  it('pairs each migrated Dockerfile with its text before and after, without writing', async () => {
    const dir = tempProject({ ...NODE_SERVICE, 'go/Dockerfile': 'FROM golang:1.22\nCMD ["/app"]\n' });
    const planned = await planTargets({ cwd: dir, jobs: 1 });
    expect(planned.map((p) => [p.report.path, p.report.status, p.target !== null])).toEqual([
      ['Dockerfile', 'migrated', true],
      ['go/Dockerfile', 'skipped', false],
    ]);
    const target = planned[0].target!;
    expect(target.original.dockerfile.toString('utf8')).toBe(NODE_SERVICE.Dockerfile);
    expect(target.migrated.dockerfile.toString('utf8')).toMatch(/AS runtime/);
    expect(target.migrated.ignore?.toString('utf8') ?? '').toMatch(/node_modules/);
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(false);
  });
});
