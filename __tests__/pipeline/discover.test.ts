import fs from 'node:fs';
import path from 'node:path';
import { discoverDockerfiles, isDockerfileName } from '../../src/pipeline/discover';
import { tempProject } from '../helpers/cli';

describe('isDockerfileName', () => {
  it.each([
    ['Dockerfile', true],
    ['Dockerfile.prod', true],
    ['api.Dockerfile', true],
    ['worker.dockerfile', true],
    ['Containerfile', true],
    ['Dockerfile.dockerignore', false],
    ['api.Dockerfile.dockerignore', false],
    ['.dockerignore', false],
    ['dockerfile', false],
    ['Dockerfiles', false],
    ['README.md', false],
  ])('%s -> %s', (name, expected) => expect(isDockerfileName(name)).toBe(expected));
});

describe('discoverDockerfiles', () => {
  const rel = (dir: string, files: string[]) =>
    files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

  it('searches folders, skipping node_modules, .git, .gitignored paths and --ignore-pattern globs, sorted', () => {
    const dir = tempProject({
      'b/Dockerfile': 'FROM x',
      'a/Dockerfile.dev': 'FROM x',
      'a/api.Dockerfile': 'FROM x',
      'a/Dockerfile.dockerignore': 'x',
      Containerfile: 'FROM x',
      'node_modules/m/Dockerfile': 'FROM x',
      '.git/Dockerfile': 'FROM x',
      'build/Dockerfile': 'FROM x',
      'vendor/Dockerfile': 'FROM x',
      'sub/.gitignore': 'local/\n',
      'sub/local/Dockerfile': 'FROM x',
      '.gitignore': 'build/\n',
    });
    const found = discoverDockerfiles(dir, ['.'], ['vendor/**']);
    expect(rel(dir, found.dockerfiles)).toEqual([
      'Containerfile',
      'a/Dockerfile.dev',
      'a/api.Dockerfile',
      'b/Dockerfile',
    ]);
    expect(found.missing).toEqual([]);
  });

  it('takes a named file whatever its name, expands globs, and reports paths that name nothing', () => {
    const dir = tempProject({
      'svc/one/Dockerfile': 'FROM x',
      'svc/two/Dockerfile': 'FROM x',
      'docker/web.df': 'FROM x',
    });
    const found = discoverDockerfiles(
      dir,
      ['docker/web.df', 'svc/*/Dockerfile', 'nope', 'none/*/Dockerfile'],
      [],
    );
    expect(rel(dir, found.dockerfiles)).toEqual([
      'docker/web.df',
      'svc/one/Dockerfile',
      'svc/two/Dockerfile',
    ]);
    expect(found.missing).toEqual(['nope', 'none/*/Dockerfile']);
  });

  it('follows symlinks inside the folder but not out of it', () => {
    const outside = tempProject({ Dockerfile: 'FROM x' });
    const dir = tempProject({ 'real/Dockerfile': 'FROM x' });
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'inside-link'));
    fs.symlinkSync(outside, path.join(dir, 'outside-link'));
    expect(rel(dir, discoverDockerfiles(dir, ['.'], []).dockerfiles)).toEqual([
      'inside-link/Dockerfile',
      'real/Dockerfile',
    ]);
  });

  it('collects compose files in the folders searched and above them', () => {
    const dir = tempProject({
      'compose.yaml': 'services: {}',
      'apps/web/docker-compose.yml': 'services: {}',
      'apps/web/Dockerfile': 'FROM x',
    });
    expect(rel(dir, discoverDockerfiles(dir, ['apps/web'], []).composeFiles)).toEqual([
      'apps/web/docker-compose.yml',
      'compose.yaml',
    ]);
  });
});
