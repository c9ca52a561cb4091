import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { NODE_SERVICE, runCli, snapshot, tempProject } from '../helpers/cli';

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

describe('dockerize-ms migrate (built binary)', () => {
  it('dry run prints a git-style diff that git apply accepts, and writes nothing', () => {
    const dir = tempProject(NODE_SERVICE);
    const before = snapshot(dir);
    const r = runCli(['migrate'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^diff --git a\/Dockerfile b\/Dockerfile\n--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /m,
    );
    expect(r.stdout).toMatch(
      /^diff --git a\/\.dockerignore b\/\.dockerignore\nnew file mode 100644\n--- \/dev\/null\n\+\+\+ b\/\.dockerignore\n@@ -0,0 \+1,\d+ @@/m,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(r.stderr).toMatch(/1 Dockerfile: 1 to migrate/);
    fs.writeFileSync(path.join(dir, 'change.patch'), r.stdout);
    const git = spawnSync('git', ['apply', '--check', '--verbose', 'change.patch'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(git.stderr).not.toMatch(/error/);
    expect(git.status).toBe(0);
  });

  it('--write writes atomically with the file mode kept, and a second run changes nothing', () => {
    const dir = tempProject(NODE_SERVICE);
    fs.chmodSync(path.join(dir, 'Dockerfile'), 0o640);
    const r = runCli(['migrate', '.', '--write'], dir);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(text).toMatch(/^FROM node:20 AS build$/m);
    expect(text).toMatch(/^FROM node:20-alpine AS runtime$/m);
    expect(fs.statSync(path.join(dir, 'Dockerfile')).mode & 0o777).toBe(0o640);
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const after = snapshot(dir);
    const again = runCli(['migrate', '.', '--write'], dir);
    expect(again.code).toBe(0);
    expect(snapshot(dir)).toEqual(after);
  });

  it('--check exits 1 when a file would change, 0 once migrated, and never writes', () => {
    const dir = tempProject(NODE_SERVICE);
    const before = snapshot(dir);
    const first = runCli(['migrate', '.', '--check'], dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
    runCli(['migrate', '.', '--write'], dir);
    expect(runCli(['migrate', '.', '--check'], dir).code).toBe(0);
  });

  it('--json prints the report on stdout and keeps progress on stderr', () => {
    const dir = tempProject({
      ...NODE_SERVICE,
      'go/Dockerfile': 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
      'multi/Dockerfile': 'FROM node:20 AS b\nRUN true\nFROM node:20-slim\nCOPY --from=b /x /x\n',
    });
    const r = runCli(['migrate', '.', '--json'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ files: 3, migrated: 1, skipped: 2, error: 0, dryRun: true });
    expect(typeof report.summary.ms).toBe('number');
    const byPath = Object.fromEntries(report.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath['Dockerfile']).toMatchObject({
      status: 'migrated',
      kind: 'node',
      reason: null,
      writes: ['Dockerfile', '.dockerignore'],
    });
    expect(byPath['Dockerfile'].notes.length).toBeGreaterThan(2);
    for (const note of byPath['Dockerfile'].notes)
      expect(note).toEqual({ id: expect.stringMatching(/^[a-z0-9-]+$/), message: expect.any(String) });
    expect(byPath['go/Dockerfile']).toMatchObject({
      status: 'skipped',
      kind: null,
      reason: expect.stringMatching(/not a Node or Java image/),
    });
    expect(byPath['multi/Dockerfile']).toMatchObject({ status: 'skipped', reason: 'already multi-stage' });
    expect(r.stderr).toMatch(/3 Dockerfiles/);
  });

  it('reports bad input per file with a one-line reason, carries on, and exits 2', () => {
    const dir = tempProject({
      ...NODE_SERVICE,
      'bin/Dockerfile': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
      'empty/Dockerfile': '',
      'nofrom/Dockerfile': 'RUN echo hi\n',
      'latin1/Dockerfile': Buffer.from('FROM node:20\n# caf\xe9\n', 'latin1'),
      'broken/Dockerfile': 'FROM\nRUN npm ci\n',
    });
    const before = snapshot(dir);
    const r = runCli(['migrate', '.', '--json', '--write'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const reasons = Object.fromEntries(
      JSON.parse(r.stdout).files.map((f: { path: string; reason: string }) => [f.path, f.reason]),
    );
    expect(reasons['bin/Dockerfile']).toMatch(/binary/);
    expect(reasons['empty/Dockerfile']).toMatch(/empty/);
    expect(reasons['nofrom/Dockerfile']).toMatch(/before the first FROM/);
    expect(reasons['latin1/Dockerfile']).toMatch(/UTF-8/);
    expect(reasons['broken/Dockerfile']).toMatch(/FROM without an image/);
    for (const bad of [
      'bin/Dockerfile',
      'empty/Dockerfile',
      'nofrom/Dockerfile',
      'latin1/Dockerfile',
      'broken/Dockerfile',
    ]) {
      expect(snapshot(dir).get(bad)).toBe(before.get(bad));
    }
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toMatch(/AS runtime/);
  });

  it('names a path that does not exist and exits 2', () => {
    const dir = tempProject(NODE_SERVICE);
    const r = runCli(['migrate', 'nowhere', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nowhere: no such file or folder/);
  });

  it('rejects bad usage with exit 2 and no stack trace', () => {
    const dir = tempProject(NODE_SERVICE);
    for (const args of [
      ['migrate', '--write', '--check'],
      ['migrate', '--transform', 'nope'],
      ['migrate', '--runtime', 'tiny'],
      ['frobnicate'],
      ['migrate', '--jobs', '0'],
      ['migrate', '--user', 'root'],
      ['migrate', '--user', 'two words'],
      ['migrate', '--report', 'html', 'review.html'],
      ['migrate', '--report', 'markdown'],
    ]) {
      const r = runCli(args, dir);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(/^dockerize-ms: /);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it('names the mapping file and line of a broken mapping file', () => {
    const dir = tempProject({ ...NODE_SERVICE, 'map.yaml': 'images:\n  node: mirror/node\nbogus: 1\n' });
    const r = runCli(['migrate', '--mappings', 'map.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/map\.yaml.*line 3/);
  });

  it('--no-dockerignore leaves the ignore file alone', () => {
    const dir = tempProject(NODE_SERVICE);
    const r = runCli(['migrate', '--write', '--no-dockerignore', '--json'], dir);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(false);
    expect(JSON.parse(r.stdout).files[0].writes).toEqual(['Dockerfile']);
  });

  it('runs a user transform module with the same contract', () => {
    const dir = tempProject({
      ...NODE_SERVICE,
      'label.js': `module.exports = {
        meta: { name: 'add-label', description: 'Adds a team label' },
        transform(model) {
          if (model.text.includes('LABEL team')) return { applicable: false, reason: 'already labelled' };
          return { edits: [{ start: model.text.length, end: model.text.length, text: 'LABEL team=payments\\n' }], notes: [{ id: 'label-added', message: 'team label added' }] };
        },
      };\n`,
    });
    const r = runCli(['migrate', '--transform', './label.js', '--json', '--write'], dir);
    expect(r.code).toBe(0);
    const [entry] = JSON.parse(r.stdout).files;
    expect(entry.notes.map((n: { id: string }) => n.id)).toContain('label-added');
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toMatch(
      /^FROM node:20\n[\s\S]*LABEL team=payments\n$/,
    );
    expect(runCli(['migrate', '--transform', './label.js', '--check'], dir).code).toBe(0);
  });

  it('colours only when asked or on a terminal, never with NO_COLOR', () => {
    const ESC = String.fromCharCode(27) + '[';
    const dir = tempProject(NODE_SERVICE);
    expect(runCli(['migrate'], dir).stdout).not.toContain(ESC);
    expect(runCli(['migrate', '--color'], dir).stdout).toContain(ESC);
    expect(runCli(['migrate'], dir, { NO_COLOR: '', FORCE_COLOR: '1' }).stdout).toContain(ESC);
  });

  it('--quiet prints only errors; --verbose prints every note', () => {
    const dir = tempProject(NODE_SERVICE);
    expect(runCli(['migrate', '--quiet'], dir).stderr).toBe('');
    expect(runCli(['migrate', '--verbose'], dir).stderr).toMatch(/- devDependencies removed after the build/);
  });

  it('--user keep adds no user, --user NAME creates and runs as it; a USER the original sets stays', () => {
    const dir = tempProject(NODE_SERVICE);
    const keep = runCli(['migrate', '--user', 'keep', '--json'], dir);
    expect(JSON.parse(keep.stdout).files[0].notes.map((n: { id: string }) => n.id)).toContain('user-kept');
    runCli(['migrate', '--write', '--user', 'svc'], dir);
    const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(text).toMatch(
      /^RUN id -u svc >\/dev\/null 2>&1 \|\| \(addgroup -S svc && adduser -S -G svc svc\)$/m,
    );
    expect(text).toMatch(/^COPY --from=build --chown=svc:svc /m);
    expect(text).toMatch(/^USER svc$/m);
    const own = tempProject({
      ...NODE_SERVICE,
      Dockerfile: NODE_SERVICE.Dockerfile.replace('EXPOSE', 'USER node\nEXPOSE'),
    });
    const r = JSON.parse(runCli(['migrate', '--user', 'svc', '--json'], own).stdout);
    expect(r.files[0].notes.find((n: { id: string }) => n.id === 'user-option-unused').message).toMatch(
      /the original sets USER node, which stays/,
    );
  });

  it('--report markdown FILE writes the review table; a folder that is not there stops the run first', () => {
    const dir = tempProject(NODE_SERVICE);
    const r = runCli(['migrate', '--report', 'markdown', 'review.md'], dir);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'review.md'), 'utf8')).toMatch(
      /^\| `Dockerfile` \| migrated \| `node:20` → `node:20-alpine` \| ~334 MB \(approx\.\) \|/m,
    );
    const bad = runCli(['migrate', '--report', 'markdown', 'no/such/folder/review.md'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'dockerize-ms: --report markdown no/such/folder/review.md: no folder no/such/folder; nothing was written\n',
    );
  });

  it('prints help with examples, and the version', () => {
    const dir = tempProject({});
    const help = runCli(['migrate', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    const version = runCli(['--version'], dir);
    expect(version.stdout.trim()).toBe(
      JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).version,
    );
  });
});
