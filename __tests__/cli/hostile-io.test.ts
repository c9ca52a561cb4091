// Hostile trees, run as a user would: the bytes on disk before and after, the exit code and each file's status.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, NODE_SERVICE, runCli, snapshot, tempProject } from '../helpers/cli';

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;
const REPLACEMENT_CHAR = Buffer.from('\ufffd', 'utf8');

type Entry = {
  path: string;
  status: string;
  reason: string | null;
  writes: string[];
  notes: { id: string }[];
};
const entries = (stdout: string): Record<string, Entry> =>
  Object.fromEntries(JSON.parse(stdout).files.map((f: Entry) => [f.path, f]));
const bytes = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel));
const service = (prefix: string) =>
  Object.fromEntries(Object.entries(NODE_SERVICE).map(([rel, text]) => [`${prefix}${rel}`, text]));
const tempFiles = (dir: string) => [...snapshot(dir).keys()].filter((rel) => rel.endsWith('.tmp'));

/** Every entry under `dir` without following links: file bytes (latin1), `-> target` for a link. */
function entriesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink()) out.set(path.relative(dir, p), `-> ${fs.readlinkSync(p)}`);
      else if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p).toString('latin1'));
    }
  };
  walk(dir);
  return out;
}

describe('an existing .dockerignore keeps its bytes', () => {
  const latin1 = Buffer.from('# r\xe8gles de l\xe9quipe \xab maison \xbb\nnode_modules\n*.log\n', 'latin1');

  it('appends to a file that is not UTF-8 without re-encoding a byte of it', () => {
    const dir = tempProject({ ...NODE_SERVICE, '.dockerignore': latin1 });
    const r = runCli(['migrate', '--write', '--json'], dir);
    expect(r.code).toBe(0);
    expect(entries(r.stdout)['Dockerfile']).toMatchObject({
      status: 'migrated',
      writes: ['Dockerfile', '.dockerignore'],
    });
    expect(entries(r.stdout)['Dockerfile'].notes.map((n) => n.id)).toContain('dockerignore-updated');
    const after = bytes(dir, '.dockerignore');
    expect(after.subarray(0, latin1.length)).toEqual(latin1);
    expect(after.includes(REPLACEMENT_CHAR)).toBe(false);
    expect(after.subarray(latin1.length).toString('utf8')).toMatch(/^\n# Added by dockerize-ms\n/);
    expect(runCli(['migrate', '--check'], dir).code).toBe(0);
  });

  it('prints a dry-run diff that git apply turns into the same bytes as --write', () => {
    const dir = tempProject({ ...NODE_SERVICE, '.dockerignore': latin1 });
    const written = tempProject({ ...NODE_SERVICE, '.dockerignore': latin1 });
    expect(runCli(['migrate', '--write'], written).code).toBe(0);
    const dry = runCli(['migrate'], dir);
    expect(dry.code).toBe(0);
    fs.writeFileSync(path.join(dir, '..', `${path.basename(dir)}.patch`), dry.stdout);
    const git = spawnSync('git', ['apply', path.join(dir, '..', `${path.basename(dir)}.patch`)], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(git.stderr).toBe('');
    expect(bytes(dir, '.dockerignore')).toEqual(bytes(written, '.dockerignore'));
    expect(bytes(dir, 'Dockerfile')).toEqual(bytes(written, 'Dockerfile'));
  });

  it('keeps a BOM and CRLF line endings', () => {
    const crlf = Buffer.from('\ufeff# ours\r\nnode_modules\r\n', 'utf8');
    const dir = tempProject({ ...NODE_SERVICE, '.dockerignore': crlf });
    expect(runCli(['migrate', '--write'], dir).code).toBe(0);
    const after = bytes(dir, '.dockerignore');
    expect(after.subarray(0, crlf.length)).toEqual(crlf);
    expect(after.subarray(crlf.length).toString('utf8')).toMatch(
      /^\r\n# Added by dockerize-ms\r\n(.+\r\n)+$/,
    );
  });
});

describe('an existing .dockerignore that cannot be read is an error, never "created"', () => {
  it('a folder where the file should be: the service fails, nothing is written, exit 2', () => {
    const dir = tempProject({ ...NODE_SERVICE, '.dockerignore/keep': 'x' });
    const before = snapshot(dir);
    for (const args of [['--json'], ['--write', '--json']]) {
      const r = runCli(['migrate', ...args], dir);
      expect(r.code).toBe(2);
      expect(entries(r.stdout)['Dockerfile']).toMatchObject({
        status: 'error',
        reason: 'cannot read .dockerignore: is a folder',
        writes: [],
      });
      expect(snapshot(dir)).toEqual(before);
    }
  });

  // Root reads a mode-000 file anyway: as root the run is switched to the `nobody` user (spawn's uid
  // option), which is what a normal user meets; as a normal user the mode alone does it.
  const root = process.getuid?.() === 0;
  const nobody = 65534;
  const canSwitch =
    !root ||
    spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], {
      uid: nobody,
      gid: nobody,
    }).status === 0;

  (canSwitch ? it : it.skip)('a file the user may not read (mode 000): error, both files untouched', () => {
    const dir = tempProject({ ...NODE_SERVICE, '.dockerignore': 'my-secret-rules\n' });
    fs.chmodSync(dir, 0o777);
    for (const rel of Object.keys(NODE_SERVICE)) fs.chmodSync(path.join(dir, rel), 0o666);
    fs.chmodSync(path.join(dir, '.dockerignore'), 0o000);
    const before = snapshot(dir);
    const r = spawnSync(process.execPath, [BIN, 'migrate', '--write', '--json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      ...(root ? { uid: nobody, gid: nobody } : {}),
    });
    expect(r.status).toBe(2);
    expect(entries(r.stdout)['Dockerfile']).toMatchObject({
      status: 'error',
      reason: 'cannot read .dockerignore: permission denied',
    });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(snapshot(dir)).toEqual(before);
    expect(fs.statSync(path.join(dir, '.dockerignore')).mode & 0o777).toBe(0);
  });
});

describe('a file changed by someone while --write runs', () => {
  // A transform module runs between the reads and the writes: for the second service it edits the
  // first service's Dockerfile, as a person editing during a long run would.
  const editor = `module.exports = {
    meta: { name: 'editor', description: 'edits another file mid-run' },
    transform(model) {
      if (model.text.includes('# b')) require('fs').appendFileSync(process.env.EDIT, '# edited by hand\\n');
      return { applicable: false, reason: 'only edits' };
    },
  };\n`;

  it('is reported as an error and left with the edit; the others are written; exit 2', () => {
    const dir = tempProject({
      ...service('a/'),
      ...service('b/'),
      'b/Dockerfile': NODE_SERVICE.Dockerfile + '# b\n',
      'editor.js': editor,
    });
    const r = runCli(
      ['migrate', 'a', 'b', '--write', '--json', '-j', '1', '-t', './editor.js', '-t', 'node-multistage'],
      dir,
      { EDIT: path.join(dir, 'a', 'Dockerfile') },
    );
    expect(r.code).toBe(2);
    const report = entries(r.stdout);
    expect(report['a/Dockerfile']).toMatchObject({
      status: 'error',
      reason: 'could not write: a/Dockerfile changed since it was read; left as it is',
      writes: [],
    });
    expect(bytes(dir, 'a/Dockerfile').toString()).toBe(NODE_SERVICE.Dockerfile + '# edited by hand\n');
    expect(fs.existsSync(path.join(dir, 'a', '.dockerignore'))).toBe(false);
    expect(report['b/Dockerfile'].status).toBe('migrated');
    expect(bytes(dir, 'b/Dockerfile').toString()).toMatch(/AS runtime/);
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('nothing is read or written through a symlink that leaves the root', () => {
  /** A tree with a service inside and links out: a folder link, and a service folder whose link leads out. */
  function tree() {
    const outside = tempProject({ ...service('svc/'), rules: 'their-rules\n' });
    const dir = tempProject({ ...service('services/api/') });
    fs.symlinkSync(path.join(outside, 'svc'), path.join(dir, 'services', 'ext'));
    fs.symlinkSync(outside, path.join(dir, 'away'));
    return { dir, outside, outsideBefore: entriesOf(outside) };
  }

  it.each([
    ['a folder', ['.']],
    ['a glob over the tree', ['**/Dockerfile']],
    ['a glob with a fixed part', ['services/*/Dockerfile']],
    ['a folder inside the tree', ['services']],
  ])('%s: only the service inside is migrated; outside keeps every byte', (_form, paths) => {
    const { dir, outside, outsideBefore } = tree();
    const r = runCli(['migrate', ...paths, '--write', '--json'], dir);
    expect(r.code).toBe(0);
    expect(Object.keys(entries(r.stdout))).toEqual(['services/api/Dockerfile']);
    expect(bytes(dir, 'services/api/Dockerfile').toString()).toMatch(/AS runtime/);
    expect(entriesOf(outside)).toEqual(outsideBefore);
  });

  it('a symlinked .dockerignore leading out: the service fails and neither file changes', () => {
    const { dir, outside, outsideBefore } = tree();
    fs.symlinkSync(path.join(outside, 'rules'), path.join(dir, 'services', 'api', '.dockerignore'));
    const before = entriesOf(dir);
    const r = runCli(['migrate', 'services/api', '--write', '--json'], dir);
    expect(r.code).toBe(2);
    expect(entries(r.stdout)['services/api/Dockerfile']).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(
        /^services\/api\/\.dockerignore leads to .*rules, outside services\/api .*not followed$/,
      ),
    });
    expect(entriesOf(dir)).toEqual(before);
    expect(entriesOf(outside)).toEqual(outsideBefore);
    expect(fs.readFileSync(path.join(outside, 'rules'), 'utf8')).toBe('their-rules\n');
  });

  it('a named symlinked Dockerfile: resolved, reported and written at its real path, the link kept', () => {
    const { dir, outside } = tree();
    fs.symlinkSync(path.join(outside, 'svc', 'Dockerfile'), path.join(dir, 'Dockerfile'));
    const r = runCli(['migrate', 'Dockerfile', '--write', '--json'], dir);
    expect(r.code).toBe(0);
    const real = path.relative(dir, fs.realpathSync(path.join(outside, 'svc', 'Dockerfile')));
    expect(entries(r.stdout)[real]).toMatchObject({
      status: 'migrated',
      writes: [real, path.join(path.dirname(real), '.dockerignore')],
    });
    expect(fs.lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(outside, 'svc', 'Dockerfile'), 'utf8')).toMatch(/AS runtime/);
    expect(fs.existsSync(path.join(outside, 'svc', '.dockerignore'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(false);
  });
});

describe('names', () => {
  it.each([
    ['a tab', 'svc\tone'],
    ['a newline', 'svc\none'],
    ['quotes and a backslash', 'svc "one" \\ two'],
  ])('a folder name with %s: the diff applies with git apply, as --write would write', (_what, name) => {
    const dir = tempProject(service(`${name}/`));
    const written = tempProject(service(`${name}/`));
    expect(runCli(['migrate', '--write'], written).code).toBe(0);
    const dry = runCli(['migrate'], dir);
    expect(dry.code).toBe(0);
    expect(dry.stderr).not.toMatch(/[\t]|svc\none/);
    const patch = path.join(dir, '..', `${path.basename(dir)}.patch`);
    fs.writeFileSync(patch, dry.stdout);
    const git = spawnSync('git', ['apply', patch], { cwd: dir, encoding: 'utf8' });
    expect(git.stderr).toBe('');
    expect(snapshot(dir)).toEqual(snapshot(written));
  });

  it('a folder named -dash: the rebuild hint cannot be read as a flag, and `-- -dash` names it', () => {
    const dir = tempProject({ ...service('-dash/'), ...service('other/') });
    const r = runCli(['migrate', '--json', '--', '-dash'], dir);
    expect(r.code).toBe(0);
    const report = entries(r.stdout);
    expect(Object.keys(report)).toEqual(['-dash/Dockerfile']);
    expect((report['-dash/Dockerfile'] as unknown as { rebuild: string }).rebuild).toBe(
      'docker build --pull --no-cache -f ./-dash/Dockerfile ./-dash',
    );
  });
});

describe('a closed stdout', () => {
  it('ends the run quietly: no EPIPE stack trace, exit 141', async () => {
    // Enough services that the diff is far larger than a pipe holds.
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) Object.assign(files, service(`svc-${i}/`));
    const dir = tempProject(files);
    const child = spawn(process.execPath, [BIN, 'migrate', '-j', '1'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(141);
  });
});
