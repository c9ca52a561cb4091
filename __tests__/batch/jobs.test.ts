// Parallel runs give exactly the output of a sequential one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateMonorepo } = require('../../scripts/bench-monorepo') as {
  generateMonorepo: (root: string, count: number) => string[];
};

describe('--jobs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-jobs-'));
  beforeAll(() => generateMonorepo(dir, 120));

  it('prints the same diff with 1 and 4 jobs', () => {
    const one = runCli(['migrate', '.', '--jobs', '1'], dir);
    const four = runCli(['migrate', '.', '--jobs', '4'], dir);
    expect(one.code).toBe(0);
    expect(four.code).toBe(one.code);
    expect(four.stdout).toBe(one.stdout);
    expect(one.stdout.length).toBeGreaterThan(10000);
  });

  it('prints the same report with 1 and 4 jobs', () => {
    const report = (jobs: string) => {
      const parsed = JSON.parse(runCli(['migrate', '.', '--json', '--jobs', jobs], dir).stdout);
      parsed.summary.ms = 0;
      return parsed;
    };
    const one = report('1');
    expect(report('4')).toEqual(one);
    expect(one.summary.files).toBe(120);
  });

  it('writes the same files with 1 and 4 jobs', () => {
    const copies = ['1', '4'].map((jobs) => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-jobs-copy-'));
      fs.cpSync(dir, copy, { recursive: true });
      runCli(['migrate', '.', '--write', '--jobs', jobs], copy);
      return copy;
    });
    const contents = (root: string) => {
      const out: Record<string, string> = {};
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else out[path.relative(root, p)] = fs.readFileSync(p, 'utf8');
        }
      };
      walk(root);
      return out;
    };
    expect(contents(copies[1])).toEqual(contents(copies[0]));
  });
});
