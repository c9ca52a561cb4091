// Signals during a real `--write` on 500 services: every service ends all old or all new, no temp file stays.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, NODE_SERVICE, runCli, tempProject } from '../helpers/cli';

const SERVICES = 500;
const RUN_TIMEOUT_MS = 60_000;
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;
const CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
// Every other service has an ignore file of its own (not UTF-8), which the migration appends to.
const OWN_IGNORE = Buffer.from('# \xe9quipe\nnode_modules\n', 'latin1');
const name = (i: number) => `svc-${String(i).padStart(3, '0')}`;

type State = { dockerfile: Buffer; ignore: Buffer | null };
const stateOf = (dir: string): State => ({
  dockerfile: fs.readFileSync(path.join(dir, 'Dockerfile')),
  ignore: fs.existsSync(path.join(dir, '.dockerignore'))
    ? fs.readFileSync(path.join(dir, '.dockerignore'))
    : null,
});
const same = (a: State, b: State) =>
  a.dockerfile.equals(b.dockerfile) && (a.ignore === null ? b.ignore === null : !!b.ignore?.equals(a.ignore));

let template: string;
/** Every tree made here (5,000 files or so each), removed at the end. */
const made: string[] = [];
/** Old and new state of a service without (0) and with (1) an ignore file of its own. */
const old: State[] = [];
const migrated: State[] = [];

beforeAll(() => {
  template = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-signals-'));
  made.push(template);
  for (let i = 0; i < SERVICES; i++) {
    const dir = path.join(template, name(i));
    fs.mkdirSync(dir);
    for (const [rel, text] of Object.entries(NODE_SERVICE)) fs.writeFileSync(path.join(dir, rel), text);
    if (i % 2 === 1) fs.writeFileSync(path.join(dir, '.dockerignore'), OWN_IGNORE);
  }
  // The new state comes from an uninterrupted run over one service of each kind.
  const reference = tempProject({});
  for (const i of [0, 1])
    fs.cpSync(path.join(template, name(i)), path.join(reference, name(i)), { recursive: true });
  for (const i of [0, 1]) old.push(stateOf(path.join(reference, name(i))));
  expect(runCli(['migrate', '--write'], reference).code).toBe(0);
  for (const i of [0, 1]) migrated.push(stateOf(path.join(reference, name(i))));
  expect(migrated[1].ignore!.subarray(0, OWN_IGNORE.length)).toEqual(OWN_IGNORE);
});

afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  dir: string;
}

/**
 * Runs `migrate . --write` on a copy of the tree and sends `signals` when `when` says: after a number of
 * ms, or as soon as the first service is reported written.
 */
function interrupted(when: number | 'first-written', signals: NodeJS.Signals[], jobs = '1'): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-signals-run-'));
  made.push(dir);
  fs.cpSync(template, dir, { recursive: true });
  // Without a terminal only files that need attention are listed; --verbose lists each one as it is written.
  const verbose = when === 'first-written' ? ['--verbose'] : [];
  const child = spawn(process.execPath, [BIN, 'migrate', '.', '--write', '--jobs', jobs, ...verbose], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let sent = false;
  const send = () => {
    if (sent) return;
    sent = true;
    // The second a moment after the first: two pending signals of one kind would merge into one.
    signals.forEach((s, i) => (i === 0 ? child.kill(s) : setTimeout(() => child.kill(s), i)));
  };
  if (when === 'first-written') {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/^migrated /m.test(stderr)) send();
    });
  } else {
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    setTimeout(send, when);
  }
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr, dir })),
  );
}

/** Counts services by state; fails on any service that is neither all old nor all new. */
function check(dir: string): { old: number; new: number } {
  const counts = { old: 0, new: 0 };
  const torn: string[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const now = stateOf(path.join(dir, name(i)));
    if (same(old[i % 2], now)) counts.old++;
    else if (same(migrated[i % 2], now)) counts.new++;
    else torn.push(name(i));
  }
  expect(torn).toEqual([]);
  const temps: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.endsWith('.tmp')) temps.push(path.join(d, e.name));
      if (e.isDirectory()) walk(path.join(d, e.name));
    }
  };
  walk(dir);
  expect(temps).toEqual([]);
  return counts;
}

describe('signals during --write on 500 services', () => {
  /** The tree a single SIGINT left, for the run that finishes the job. */
  let leftBySigint: string | null = null;

  it.each([
    ['SIGINT', ['SIGINT']],
    ['SIGHUP', ['SIGHUP']],
    ['a second SIGINT right after the first', ['SIGINT', 'SIGINT']],
    ['SIGTERM and SIGINT right after it', ['SIGTERM', 'SIGINT']],
  ] as [string, NodeJS.Signals[]][])(
    '%s, once the first service is written: stops between services, exit 128+n',
    async (_name, signals) => {
      const run = await interrupted('first-written', signals);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      // A second signal that arrives before the run has ended ends it with its own code.
      expect(signals.map((s) => CODES[s])).toContain(run.code);
      const counts = check(run.dir);
      expect(counts.new).toBeGreaterThanOrEqual(1);
      if (signals.length === 1 && signals[0] === 'SIGINT') leftBySigint = run.dir;
      if (signals.length === 1) {
        expect(run.stderr).toContain(
          `dockerize-ms: interrupted by ${signals[0]}: ${counts.new} service(s) written whole, ${counts.old} Dockerfile(s) not reached and left as they were`,
        );
      }
    },
    // A run over 500 services takes seconds on a loaded machine; the default 5 s is for unit tests.
    RUN_TIMEOUT_MS,
  );

  it.each([
    [300, 'SIGTERM', '2'],
    [900, 'SIGINT', '1'],
    [1500, 'SIGHUP', '1'],
  ] as [number, NodeJS.Signals, string][])(
    'after %i ms, %s (--jobs %s): every service all old or all new',
    async (ms, signal, jobs) => {
      const run = await interrupted(ms, [signal], jobs);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      const counts = check(run.dir);
      // Killed before the handlers were set (start-up), stopped by them, or finished before the signal.
      if (run.code === 0) expect(counts.new).toBe(SERVICES);
      else if (run.signal === null) expect(run.code).toBe(CODES[signal]);
      else expect([run.signal, counts.new]).toEqual([signal, 0]);
    },
    // A run over 500 services takes seconds on a loaded machine; the default 5 s is for unit tests.
    RUN_TIMEOUT_MS,
  );

  it(
    'a run after an interruption finishes the job',
    () => {
      expect(leftBySigint).not.toBeNull();
      expect(runCli(['migrate', '.', '--write', '--jobs', '1', '--quiet'], leftBySigint!).code).toBe(0);
      expect(check(leftBySigint!)).toEqual({ old: 0, new: SERVICES });
    },
    RUN_TIMEOUT_MS,
  );
});
