import { execFileSync } from 'node:child_process';
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

  it('reads a .gitignore only as a regular file inside the root: not a FIFO, not a link out', () => {
    const outside = tempProject({ rules: 'b/\n' });
    const dir = tempProject({
      'a/Dockerfile': 'FROM x',
      'b/Dockerfile': 'FROM x',
      'c/x/Dockerfile': 'FROM x',
    });
    fs.symlinkSync(path.join(outside, 'rules'), path.join(dir, '.gitignore'));
    execFileSync('mkfifo', [path.join(dir, 'c', '.gitignore')]);
    const found = discoverDockerfiles(dir, ['.']);
    expect(rel(dir, found.dockerfiles)).toEqual(['a/Dockerfile', 'b/Dockerfile', 'c/x/Dockerfile']);
  });

  it('reads --ignore-pattern globs from the current folder or from the folder named', () => {
    const dir = tempProject({
      'services/legacy/Dockerfile': 'FROM x',
      'services/api/Dockerfile': 'FROM x',
      'services/api/old/Dockerfile': 'FROM x',
    });
    expect(rel(dir, discoverDockerfiles(dir, ['services'], ['services/legacy/**']).dockerfiles)).toEqual([
      'services/api/Dockerfile',
      'services/api/old/Dockerfile',
    ]);
    expect(rel(dir, discoverDockerfiles(dir, ['services'], ['api/old/**']).dockerfiles)).toEqual([
      'services/api/Dockerfile',
      'services/legacy/Dockerfile',
    ]);
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

  it('follows symlinks inside the folder but not out of it, and lists a file reached twice once', () => {
    const outside = tempProject({ Dockerfile: 'FROM x' });
    const dir = tempProject({ 'real/Dockerfile': 'FROM x', 'more/Dockerfile': 'FROM x' });
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'inside-link'));
    fs.symlinkSync(path.join(dir, 'more', 'Dockerfile'), path.join(dir, 'more', 'Dockerfile.prod'));
    fs.symlinkSync(outside, path.join(dir, 'outside-link'));
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(dir, 'Dockerfile'));
    fs.symlinkSync('..', path.join(dir, 'real', 'loop'));
    const found = discoverDockerfiles(dir, ['.'], []);
    // The path without a symlink in it wins; a link to a file found anyway adds nothing.
    expect(rel(dir, found.dockerfiles)).toEqual(['more/Dockerfile', 'real/Dockerfile']);
    const root = fs.realpathSync(dir);
    expect([...found.roots.values()]).toEqual([root, root]);
  });

  it('takes a named symlinked file at its real path, which is its own root', () => {
    const elsewhere = tempProject({ 'svc/Dockerfile': 'FROM x' });
    const dir = tempProject({});
    fs.symlinkSync(path.join(elsewhere, 'svc', 'Dockerfile'), path.join(dir, 'Dockerfile'));
    const found = discoverDockerfiles(dir, ['Dockerfile'], []);
    const real = fs.realpathSync(path.join(elsewhere, 'svc', 'Dockerfile'));
    expect(found.dockerfiles).toEqual([real]);
    expect(found.roots.get(real)).toBe(path.dirname(real));
  });

  it('matches globs below their fixed part, following symlinks only inside it', () => {
    const outside = tempProject({ 'svc/Dockerfile': 'FROM x', Dockerfile: 'FROM x' });
    const dir = tempProject({
      'services/api/Dockerfile': 'FROM x',
      'services/v2/web/Dockerfile': 'FROM x',
      'legacy/old/Dockerfile': 'FROM x',
    });
    fs.symlinkSync(path.join(dir, 'services', 'v2', 'web'), path.join(dir, 'services', 'web'));
    fs.symlinkSync(path.join(dir, 'legacy', 'old'), path.join(dir, 'services', 'old'));
    fs.symlinkSync(outside, path.join(dir, 'services', 'away'));
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(dir, 'services', 'api', 'Dockerfile.ext'));
    fs.symlinkSync('..', path.join(dir, 'services', 'api', 'up'));
    const one = discoverDockerfiles(dir, ['services/*/Dockerfile'], []);
    // `web` leads inside `services`; `old` leads to `legacy`, outside the glob's fixed part.
    expect(rel(dir, one.dockerfiles)).toEqual(['services/api/Dockerfile', 'services/web/Dockerfile']);
    expect(new Set(one.roots.values())).toEqual(new Set([fs.realpathSync(path.join(dir, 'services'))]));
    const all = discoverDockerfiles(dir, ['**/Dockerfile*'], []);
    expect(rel(dir, all.dockerfiles)).toEqual([
      'legacy/old/Dockerfile',
      'services/api/Dockerfile',
      'services/v2/web/Dockerfile',
    ]);
  });

  it('takes a name holding glob characters as it is when it exists', () => {
    const dir = tempProject({ 'svc[1]/Dockerfile': 'FROM x', 'svc1/Dockerfile': 'FROM x' });
    expect(rel(dir, discoverDockerfiles(dir, ['svc[1]'], []).dockerfiles)).toEqual(['svc[1]/Dockerfile']);
  });

  it('collects the compose files beside and above what a glob matched', () => {
    const dir = tempProject({
      'services/api/Dockerfile': 'FROM x',
      'services/api/compose.yaml': 'services: {}',
      'compose.yaml': 'services: {}',
    });
    expect(rel(dir, discoverDockerfiles(dir, ['services/*/Dockerfile'], []).composeFiles)).toEqual([
      'compose.yaml',
      'services/api/compose.yaml',
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
