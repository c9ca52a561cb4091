// A user's transform module that misbehaves, through the built binary: it is loaded only in worker threads,
// so a hang, a timer or process.exit at its top level is a one-line error naming it (or harmless), and a
// transform that throws, returns garbage or exits fails its own file, named, while the batch carries on.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, NODE_SERVICE, snapshot, tempProject } from '../helpers/cli';

/** Generous: these tests prove "does not hang", not speed. */
const HANG_MS = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The CLI in a child process that is killed if it outlives HANG_MS. */
function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: HANG_MS,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.signal === 'SIGTERM' };
}

const reasons = (r: Run) =>
  Object.fromEntries(
    (JSON.parse(r.stdout).files as { path: string; status: string; reason: string | null }[]).map((f) => [
      f.path,
      f.status === 'error' ? f.reason : f.status,
    ]),
  );

/** A module: `top` runs when it loads; `body` is transform(model)'s, after `label` is the file's LABEL value. */
const transformModule = (name: string, body: string, top = '') => `${top}
module.exports = {
  meta: { name: '${name}', description: 'a test transform' },
  transform(model) {
    const label = (/LABEL case=(\\S+)/.exec(model.text) || [])[1];
    ${body}
    return { edits: [{ start: 0, end: 0, text: '# touched\\n' }], notes: [] };
  },
};
`;

/** Services a/ b/ ..., each with `LABEL case=<value>` (none for null). */
function services(cases: Record<string, string | null>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [dir, value] of Object.entries(cases))
    files[`${dir}/Dockerfile`] =
      `FROM node:20\n${value ? `LABEL case=${value}\n` : ''}CMD ["node", "x.js"]\n`;
  return files;
}

describe('a transform module that misbehaves at its top level', () => {
  it('a loop that never ends is stopped at the load limit: one line naming it, nothing written', () => {
    const dir = tempProject({ ...NODE_SERVICE, 'loop.js': 'for (;;) {}\n' });
    const before = snapshot(dir);
    const r = run(['migrate', '.', '--write', '-t', './loop.js'], dir, { DOCKERIZE_MS_LOAD_TIMEOUT: '1' });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^dockerize-ms: cannot load transform \.\/loop\.js: still running (after 1 s of CPU time|1 s after it started) \(a loop at its top level\?\)\nNothing was written\.\n$/,
    );
    expect(r.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });

  it('while one loops, the main thread is free: Ctrl-C ends the run at once, nothing written', async () => {
    // The module says it has started looping (a file), so the signal comes while it loops.
    const top = "require('fs').writeFileSync(process.env.MARK, ''); for (;;) {}\n";
    const dir = tempProject({ ...NODE_SERVICE, 'loop.js': top });
    const mark = path.join(dir, 'looping');
    const before = snapshot(dir);
    const child = spawn(process.execPath, [BIN, 'migrate', '.', '--write', '-t', './loop.js'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', MARK: mark },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    while (!fs.existsSync(mark)) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    // Well before the 30 s load limit: the handler ran while the module looped in its own thread.
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await ended;
    clearTimeout(killer);
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT: 0 service\(s\) written whole/);
    fs.rmSync(mark);
    expect(snapshot(dir)).toEqual(before);
  }, 30_000);

  it('process.exit ends only its thread: --check fails with one line naming it', () => {
    const dir = tempProject({ ...NODE_SERVICE, 'exit.js': 'process.exit(0);\n' });
    const r = run(['migrate', '.', '--check', '-t', './exit.js'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'dockerize-ms: cannot load transform ./exit.js: it ended the thread loading it (exit code 0)\nNothing was written.\n',
    );
  });

  it('a module that exports no transform is named', () => {
    const dir = tempProject({ ...NODE_SERVICE, 'none.js': 'module.exports = { hello: 1 };\n' });
    const r = run(['migrate', '.', '-t', './none.js'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^dockerize-ms: transform \.\/none\.js must export \{ meta: .*\nNothing was written\.\n$/,
    );
  });

  it('a timer it leaves running does not keep the process alive', () => {
    const top = 'setInterval(() => {}, 50);';
    const dir = tempProject({
      ...services({ a: null, b: null, c: null }),
      'tick.js': transformModule('ticker', '', top),
    });
    for (const jobs of ['1', '3']) {
      const r = run(['migrate', '.', '--json', '-t', './tick.js', '--jobs', jobs], dir);
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(0);
      expect(reasons(r)).toEqual({
        'a/Dockerfile': 'migrated',
        'b/Dockerfile': 'migrated',
        'c/Dockerfile': 'migrated',
      });
    }
  });
});

describe('a transform that fails on one file fails that file, named; the others are migrated', () => {
  it.each([
    [
      'throws (first line of the message)',
      `if (label === 'bad') throw new Error('boom\\nsecond line');`,
      'failed: boom',
    ],
    ['throws a string', `if (label === 'bad') throw 'plain';`, 'failed: plain'],
    ['calls process.exit', `if (label === 'bad') process.exit(3);`, 'failed: it called process.exit(3)'],
  ])('one that %s', (_what, body, reason) => {
    const dir = tempProject({
      ...services({ a: null, b: 'bad', c: null }),
      'x.js': transformModule('xform', body),
    });
    for (const jobs of ['1', '2']) {
      const r = run(['migrate', '.', '--json', '-t', './x.js', '--jobs', jobs], dir);
      expect(r.code).toBe(2);
      expect(reasons(r)).toEqual({
        'a/Dockerfile': 'migrated',
        'b/Dockerfile': `transform xform (./x.js) ${reason}`,
        'c/Dockerfile': 'migrated',
      });
    }
  });

  it('one that returns garbage: what is wrong is said', () => {
    const body = `
    switch (label) {
      case 'null': return null;
      case 'promise': return Promise.resolve({ edits: [], notes: [] });
      case 'noreason': return { applicable: false };
      case 'noedits': return { notes: [] };
      case 'range': return { edits: [{ start: 0, end: 1e6, text: '' }], notes: [] };
      case 'overlap': return { edits: [{ start: 0, end: 5, text: 'a' }, { start: 3, end: 8, text: 'b' }], notes: [] };
      case 'note': return { edits: [], notes: [{ id: 7 }] };
      case 'content': return { content: 42, notes: [] };
    }`;
    const cases = ['null', 'promise', 'noreason', 'noedits', 'range', 'overlap', 'note', 'content'];
    const dir = tempProject({
      ...services({ ...Object.fromEntries(cases.map((c) => [c, c])), ok: null }),
      'g.js': transformModule('garbage', body),
    });
    const r = run(['migrate', '.', '--json', '-t', './g.js'], dir);
    expect(r.code).toBe(2);
    const returned = (what: string) => `transform garbage (./g.js) returned ${what}`;
    expect(reasons(r)).toEqual({
      'content/Dockerfile': returned('content that is not a string (got a number)'),
      'noedits/Dockerfile': returned('neither edits (a list) nor content (a string)'),
      'noreason/Dockerfile': returned('applicable: false without a reason'),
      'note/Dockerfile': returned('note 0: needs an id and a message, both strings'),
      'null/Dockerfile': returned('not a result object (got null)'),
      'ok/Dockerfile': 'migrated',
      'overlap/Dockerfile': returned('edits 0 and 1 overlap'),
      'promise/Dockerfile': returned('a promise: transform() must return its result, not a promise'),
      'range/Dockerfile': expect.stringMatching(
        /^transform garbage \(\.\/g\.js\) returned edit 0: 0\.\.1000000 is not a range of the \d+-character file$/,
      ),
    });
  });
});

describe('the per-file time limit', () => {
  it('stops a transform that waits without end (no CPU used), naming it', () => {
    const body = `if (label === 'wait') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);`;
    const dir = tempProject({ ...services({ a: 'wait', b: null }), 'w.js': transformModule('waiter', body) });
    const r = run(['migrate', '.', '--json', '-t', './w.js'], dir, { DOCKERIZE_MS_FILE_TIMEOUT: '1' });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(reasons(r)).toEqual({
      'a/Dockerfile': expect.stringMatching(
        /^stopped: still running(, using almost no CPU for 1 s \(waiting on something\?\)| 1 s after it started), in transform waiter \(\.\/w\.js\)$/,
      ),
      'b/Dockerfile': 'migrated',
    });
  });

  it('does not depend on --jobs: CPU-bound files under the limit pass with 1 thread or 4 per CPU', () => {
    // A fixed amount of work per file, about a third of the limit. With 8 threads on 2 CPUs each file took
    // 4 times as long on the wall clock and all were stopped; now the pool has no more threads than CPUs,
    // and the limit counts each thread's own CPU time where the OS tells.
    const body = 'let x = 0; for (let i = 0; i < 4e8; i++) x += i & 1; if (x < 0) return null;';
    const count = 8;
    const cases = Object.fromEntries(Array.from({ length: count }, (_, i) => [`s${i}`, null]));
    const dir = tempProject({ ...services(cases), 'cpu.js': transformModule('cpu', body) });
    const report = (jobs: number) => {
      const r = run(['migrate', '.', '--json', '-t', './cpu.js', '--jobs', String(jobs)], dir, {
        DOCKERIZE_MS_FILE_TIMEOUT: '1',
      });
      expect(r.code).toBe(0);
      const parsed = JSON.parse(r.stdout);
      parsed.summary.ms = 0;
      return { parsed, stderr: r.stderr };
    };
    const one = report(1);
    expect(one.parsed.summary).toMatchObject({ files: count, migrated: count, error: 0 });
    const cpus = os.availableParallelism();
    const jobs = Math.max(count, cpus + 1);
    const many = report(jobs);
    expect(many.parsed).toEqual(one.parsed);
    expect(many.stderr).toMatch(`--jobs ${jobs} is more than this machine can use; using ${cpus}`);
  });
});
