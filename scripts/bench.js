#!/usr/bin/env node
// Benchmark: a synthetic monorepo of N services, migrated as a user would, against the floor of just
// reading and parsing every Dockerfile. Usage: npm run bench [-- --services 10000 --jobs 2 --keep]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { generateMonorepo } = require('./bench-monorepo');

const root = path.join(__dirname, '..');
const bin = path.join(root, 'dist', 'src', 'cli', 'bin.js');
const probe = path.join(__dirname, 'rss-probe.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Runs the CLI with stdout thrown away; returns wall time and the child's peak RSS. */
function runCli(args, cwd) {
  const rssFile = path.join(os.tmpdir(), `dms-bench-rss-${process.pid}-${Date.now()}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: `--require ${probe}`, DMS_RSS_OUT: rssFile, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const rssKb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : NaN;
  fs.rmSync(rssFile, { force: true });
  return { ms, rssMb: rssKb / 1024, code: r.status, stderr: r.stderr.toString() };
}

/** The floor: read and parse every Dockerfile with dockerfile-ast, in this process. */
function floor(files) {
  const { DockerfileParser } = require('dockerfile-ast');
  const started = performance.now();
  for (const file of files) DockerfileParser.parse(fs.readFileSync(file, 'utf8'));
  return performance.now() - started;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main() {
  if (!fs.existsSync(bin)) throw new Error('run `npm run build` first');
  const services = Number(arg('services', '10000'));
  const jobs = arg('jobs', String(os.availableParallelism()));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-bench-'));
  const repo = path.join(work, 'repo');
  const t0 = performance.now();
  const files = generateMonorepo(repo, services);
  const genMs = performance.now() - t0;
  console.log(
    `generated ${services} services (${files.length} Dockerfiles) in ${(genMs / 1000).toFixed(1)} s`,
  );

  // Warm the file cache the same way for every measurement.
  floor(files);
  const floorMs = median([floor(files), floor(files), floor(files)]);

  const dry = runCli(['migrate', '.', '--json', '--jobs', jobs], repo);
  const copy = path.join(work, 'copy');
  fs.cpSync(repo, copy, { recursive: true });
  const write = runCli(['migrate', '.', '--write', '--json', '--jobs', jobs], copy);

  const small = path.join(work, 'small');
  fs.mkdirSync(small);
  fs.writeFileSync(
    path.join(small, 'Dockerfile'),
    'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n',
  );
  fs.writeFileSync(path.join(small, 'package.json'), '{"name":"small","version":"1.0.0"}\n');
  const nodeStart = median(Array.from({ length: 9 }, () => timeSpawn([process.execPath, '-e', '0'])));
  const single = median(
    Array.from({ length: 9 }, () => timeSpawn([process.execPath, bin, 'migrate', small])),
  );

  const rate = (ms) => `${Math.round(files.length / (ms / 1000))} files/s`;
  const rows = [
    ['(a) floor: read + parse (in process)', floorMs, rate(floorMs), '-'],
    [`(b) migrate --json (--jobs ${jobs})`, dry.ms, rate(dry.ms), `${dry.rssMb.toFixed(0)} MB`],
    [`(c) migrate --write (--jobs ${jobs})`, write.ms, rate(write.ms), `${write.rssMb.toFixed(0)} MB`],
  ];
  console.log('\n| run | wall | rate | peak RSS |\n|---|---:|---:|---:|');
  for (const [name, ms, r, rss] of rows)
    console.log(`| ${name} | ${(ms / 1000).toFixed(2)} s | ${r} | ${rss} |`);
  console.log(`\nratio (b)/(a): ${(dry.ms / floorMs).toFixed(2)}   (target: within 2x)`);
  console.log(`peak RSS of (b): ${dry.rssMb.toFixed(0)} MB   (target: under 300 MB at 10,000 files)`);
  console.log(
    `single small Dockerfile: ${single.toFixed(0)} ms vs node -e 0: ${nodeStart.toFixed(0)} ms = ${(single / nodeStart).toFixed(2)}x   (target: under 3x)`,
  );
  for (const r of [dry, write])
    if (r.code !== 0 && r.code !== 2) console.log(`warning: exit ${r.code}: ${r.stderr.slice(-500)}`);
  if (process.argv.includes('--keep')) console.log(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

function timeSpawn(argv) {
  const started = performance.now();
  spawnSync(argv[0], argv.slice(1), { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  return performance.now() - started;
}

main();
