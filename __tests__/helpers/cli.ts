// Runs the built `dockerize-ms` binary the way a user does, on temp copies of fixture projects.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BIN = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'bin.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp folder holding the given files (path -> content, Buffer for bytes). */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** A temp copy of a folder. */
export function tempCopy(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-cli-'));
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

/** Every file under `dir` (relative path -> bytes as latin1), for before/after comparisons. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p).toString('latin1'));
    }
  };
  walk(dir);
  return out;
}

/** A small npm service whose Dockerfile migrates. */
export const NODE_SERVICE: Record<string, string> = {
  Dockerfile:
    'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
  'package.json': JSON.stringify({
    name: 'svc',
    version: '1.0.0',
    dependencies: { express: '^4.19.2' },
    devDependencies: { eslint: '^8.57.0' },
  }),
  'package-lock.json': JSON.stringify({ name: 'svc', lockfileVersion: 3, requires: true, packages: {} }),
  'server.js': 'require("http").createServer((q, r) => r.end("ok")).listen(3000);\n',
};
