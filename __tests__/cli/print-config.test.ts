// `--print-config PATH` answers for a Dockerfile that exists: a file, or the one Dockerfile a folder holds.
import fs from 'node:fs';
import path from 'node:path';
import { optionsFor, PathError } from '../../src';
import { NODE_SERVICE, runCli, tempProject } from '../helpers/cli';

const printed = (dir: string, target: string) => {
  const r = runCli(['migrate', '--print-config', target], dir);
  return { ...r, json: r.code === 0 ? (JSON.parse(r.stdout) as { dockerfile: string }) : null };
};

describe('--print-config PATH', () => {
  const dir = tempProject({
    'services/api/Dockerfile': NODE_SERVICE.Dockerfile,
    'services/worker/worker.Dockerfile': NODE_SERVICE.Dockerfile,
    'services/two/Dockerfile': NODE_SERVICE.Dockerfile,
    'services/two/Dockerfile.dev': NODE_SERVICE.Dockerfile,
    'services/empty/README.md': 'no Dockerfile here\n',
  });

  it('takes a file whatever its name, and a folder holding exactly one Dockerfile', () => {
    expect(printed(dir, 'services/two/Dockerfile.dev').json?.dockerfile).toBe('services/two/Dockerfile.dev');
    expect(printed(dir, 'services/api').json?.dockerfile).toBe('services/api/Dockerfile');
    expect(printed(dir, 'services/worker/').json?.dockerfile).toBe('services/worker/worker.Dockerfile');
  });

  it.each([
    ['nonexist', 'nonexist: no such file or folder'],
    ['services', 'services: a folder with no Dockerfile in it; name the Dockerfile'],
    ['services/empty', 'services/empty: a folder with no Dockerfile in it; name the Dockerfile'],
    [
      'services/two',
      'services/two: a folder with 2 Dockerfiles (Dockerfile, Dockerfile.dev); name the one to show',
    ],
  ])('%s is a one-line error, exit 2, nothing on stdout', (target, why) => {
    const r = printed(dir, target);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`dockerize-ms: --print-config ${why}\n`);
  });

  it('optionsFor throws PathError for the library too', async () => {
    await expect(optionsFor('services', { cwd: dir })).rejects.toBeInstanceOf(PathError);
    await expect(optionsFor('services/api', { cwd: dir })).resolves.toMatchObject({
      dockerfile: 'services/api/Dockerfile',
    });
    expect(fs.existsSync(path.join(dir, 'services/api/.dockerignore'))).toBe(false);
  });
});
