// A 32-service monorepo with config files at three levels (root file, package.json key, nested files), run
// as a team would: per-path options, flags over them, --print-config, broken configs, quiet output, the report.
import fs from 'node:fs';
import path from 'node:path';
import { runCli, snapshot, tempCopy } from '../helpers/cli';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'config-monorepo');
const GOLDEN_JSON = path.join(__dirname, '..', 'fixtures', 'config-monorepo.report.json');
const GOLDEN_REVIEW = path.join(__dirname, '..', 'fixtures', 'config-monorepo.review.md');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');
const runtimeStage = (text: string) => text.slice(text.search(/^FROM .* AS runtime$/m));
const withoutTime = (stdout: string) => {
  const report = JSON.parse(stdout);
  report.summary.ms = 0;
  return report;
};
type Entry = { path: string; status: string; reason: string | null; writes: string[] };
const entries = (stdout: string): Record<string, Entry> =>
  Object.fromEntries(JSON.parse(stdout).files.map((f: Entry) => [f.path, f]));

describe('a monorepo with config files at three levels', () => {
  it('has at least 30 services', () => {
    const dockerfiles = [...snapshot(FIXTURE).keys()].filter((p) => path.basename(p) === 'Dockerfile');
    expect(dockerfiles.length).toBeGreaterThanOrEqual(30);
  });

  it('matches the golden report, with an estimate per migrated file and a total', () => {
    const r = runCli(['migrate', '.', '--json'], tempCopy(FIXTURE));
    expect(r.code).toBe(2); // broken/Dockerfile
    const report = withoutTime(r.stdout);
    if (UPDATE) fs.writeFileSync(GOLDEN_JSON, JSON.stringify(report, null, 2) + '\n');
    expect(report).toEqual(JSON.parse(fs.readFileSync(GOLDEN_JSON, 'utf8')));
    expect(report.summary.estimate).toMatchObject({ of: 'base image', services: 26, unknown: 3 });
    expect(report.summary.estimate.savedCompressedMB).toBeGreaterThan(5000);
  });

  it('gives each service the options of its config files, nearest first', () => {
    const dir = tempCopy(FIXTURE);
    const r = runCli(['migrate', '.', '--write', '--json'], dir);
    const files = entries(r.stdout);
    // Root file: alpine for all; package.json: user `app`, slim for svc-0* but svc-05.
    expect(runtimeStage(read(dir, 'services/svc-11/Dockerfile'))).toMatch(
      /^FROM node:20-alpine AS runtime\n[\s\S]*addgroup -S app && adduser -S -G app app[\s\S]*^USER app$/m,
    );
    expect(read(dir, 'services/svc-01/Dockerfile')).toMatch(
      /^FROM node:20-slim AS runtime$[\s\S]*^USER app$/m,
    );
    expect(read(dir, 'services/svc-05/Dockerfile')).toMatch(/^FROM node:20-alpine AS runtime$/m);
    // Root file override by folder.
    expect(read(dir, 'services/legacy-debian/Dockerfile')).toMatch(/^FROM node:20-slim AS runtime$/m);
    // package.json override: the original user (root), no USER added.
    expect(runtimeStage(read(dir, 'services/needs-root/Dockerfile'))).not.toMatch(/^USER/m);
    // Root file override by name: left alone, with the reason.
    expect(files['services/vendor/Dockerfile']).toMatchObject({
      status: 'skipped',
      reason: "vendor image, rebuilt by the vendor's pipeline",
    });
    expect(read(dir, 'services/vendor/Dockerfile')).toBe(read(FIXTURE, 'services/vendor/Dockerfile'));
    // Nested file: its own user, no ignore file, and its override for worker.
    expect(read(dir, 'services/payments/api/Dockerfile')).toMatch(
      /^FROM node:20-alpine AS runtime$[\s\S]*^USER payments$/m,
    );
    expect(files['services/payments/api/Dockerfile'].writes).toEqual(['services/payments/api/Dockerfile']);
    expect(fs.existsSync(path.join(dir, 'services/payments/api/.dockerignore'))).toBe(false);
    expect(read(dir, 'services/payments/worker/Dockerfile')).toMatch(
      /^FROM node:20-slim AS runtime$[\s\S]*^USER payments$/m,
    );
    // root: true in java/: the root file's alpine does not reach it.
    expect(runtimeStage(read(dir, 'java/orders/Dockerfile'))).toMatch(
      /^FROM eclipse-temurin:17-jre AS runtime\nRUN id -u svc [\s\S]*^USER svc$/m,
    );
    // Running again changes nothing.
    const after = snapshot(dir);
    runCli(['migrate', '.', '--write'], dir);
    expect(snapshot(dir)).toEqual(after);
  });

  it('lets flags win over the config files, and --no-config ignore them', () => {
    const dir = tempCopy(FIXTURE);
    runCli(['migrate', '.', '--write', '--runtime', 'slim', '--user', 'keep', '--dockerignore'], dir);
    expect(read(dir, 'services/svc-11/Dockerfile')).toMatch(/^FROM node:20-slim AS runtime$/m);
    expect(runtimeStage(read(dir, 'services/svc-11/Dockerfile'))).not.toMatch(/^USER/m);
    expect(runtimeStage(read(dir, 'services/payments/api/Dockerfile'))).not.toMatch(/^USER/m);
    expect(fs.existsSync(path.join(dir, 'services/payments/api/.dockerignore'))).toBe(true);
    // A skip is the config's to lift: flags about the rewrite do not.
    expect(read(dir, 'services/vendor/Dockerfile')).toBe(read(FIXTURE, 'services/vendor/Dockerfile'));

    const plain = entries(runCli(['migrate', '.', '--json', '--no-config'], tempCopy(FIXTURE)).stdout);
    expect(plain['services/vendor/Dockerfile'].status).toBe('migrated');
  });

  it('--print-config shows the options one Dockerfile gets and where each comes from', () => {
    const dir = tempCopy(FIXTURE);
    const r = runCli(['migrate', '--print-config', 'services/payments/worker', '--strict'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      dockerfile: 'services/payments/worker/Dockerfile',
      configFiles: [
        'dockerize-ms.config.yaml',
        'services/package.json',
        'services/payments/dockerize-ms.config.json',
      ],
      searchedUpTo: '.',
      options: {
        runtime: 'slim',
        user: 'payments',
        mappings: null,
        builtinMappings: true,
        transforms: null,
        springLayers: false,
        strict: true,
        dockerignore: false,
        skip: null,
      },
      from: {
        runtime: 'services/payments/dockerize-ms.config.json overrides[0]',
        user: 'services/payments/dockerize-ms.config.json',
        mappings: 'default',
        builtinMappings: 'default',
        transforms: 'default',
        springLayers: 'default',
        strict: 'command line',
        dockerignore: 'services/payments/dockerize-ms.config.json',
        skip: 'default',
      },
    });
    const java = JSON.parse(runCli(['migrate', '--print-config', 'java/orders/Dockerfile'], dir).stdout);
    expect(java.configFiles).toEqual(['java/dockerize-ms.config.json']);
    const vendor = JSON.parse(runCli(['migrate', '--print-config', 'services/vendor'], dir).stdout);
    expect(vendor.options.skip).toBe("vendor image, rebuilt by the vendor's pipeline");
    expect(vendor.from.skip).toBe('dockerize-ms.config.yaml overrides[1]');
  });

  it('without a terminal, prints one line per service that needs attention, then the tally', () => {
    const r = runCli(['migrate', '.'], tempCopy(FIXTURE));
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'error     broken/Dockerfile: FROM without an image (line 1)',
      "skipped   services/vendor/Dockerfile: vendor image, rebuilt by the vendor's pipeline",
      'skipped   tools/go-worker/Dockerfile: not a Node or Java image (FROM golang:1.22)',
    ]);
    expect(lines[3]).toMatch(/^32 Dockerfiles: 29 to migrate, 0 unchanged, 2 skipped, 1 error /);
    expect(lines[4]).toMatch(
      /^Estimated base-image saving: ~8\.5 GB \(approx\.\) less to pull over 26 services, 3 not estimated/,
    );
    expect(lines[4]).toMatch(/published sizes of the base images only, not the app/);
    // One rebuild hint for the batch, not one per file.
    expect(lines.filter((l) => /rebuild fresh/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^migrated /.test(l))).toEqual([]);
    expect(lines.length).toBeLessThan(9);
  });

  it('gives the same output with 1 and 4 jobs (settings per option set, in the workers too)', () => {
    const dir = tempCopy(FIXTURE);
    const one = runCli(['migrate', '.', '--jobs', '1'], dir);
    const four = runCli(['migrate', '.', '--jobs', '4'], dir);
    expect(four.stdout).toBe(one.stdout);
    expect(one.stdout).toMatch(/USER payments/);
    const json = (jobs: string) =>
      withoutTime(runCli(['migrate', '.', '--json', '--jobs', jobs], dir).stdout);
    expect(json('4')).toEqual(json('1'));
  });

  it('writes a review report that matches the golden file', () => {
    const dir = tempCopy(FIXTURE);
    const r = runCli(['migrate', '.', '--report', 'markdown', 'review.md'], dir);
    expect(r.code).toBe(2);
    const review = read(dir, 'review.md');
    if (UPDATE) fs.writeFileSync(GOLDEN_REVIEW, review);
    expect(review).toBe(fs.readFileSync(GOLDEN_REVIEW, 'utf8'));
    expect(review).toMatch(/^\| `services\/vendor\/Dockerfile` \| skipped \| {2}\| {2}\| vendor image/m);
    expect(review).toMatch(/not a measurement of the images: the app is not in it/);
  });
});

describe('broken config files stop the run before anything is written', () => {
  it.each([
    [
      'a YAML error in the root file',
      'dockerize-ms.config.yaml',
      'runtime: alpine\noverrides:\n  - files: [services\n',
      /^dockerize-ms: config file dockerize-ms\.config\.yaml line 4: /,
    ],
    [
      'an unknown option under the package.json key',
      'services/package.json',
      '{\n  "name": "services",\n  "dockerize-ms": {\n    "user": "app",\n    "runtim": "slim"\n  }\n}\n',
      /^dockerize-ms: config file services\/package\.json line 5: unknown key "runtim"/,
    ],
    [
      'a bad override in a nested file',
      'services/payments/dockerize-ms.config.json',
      '{\n  "overrides": [\n    { "files": "worker", "user": "root" }\n  ]\n}\n',
      /^dockerize-ms: config file services\/payments\/dockerize-ms\.config\.json line 3: overrides\[0\]\.user: `root`/,
    ],
    [
      'a module with a syntax error',
      'java/dockerize-ms.config.mjs',
      "export default {\n  root: true,\n  user: svc'\n};\n",
      /^dockerize-ms: config file java\/dockerize-ms\.config\.mjs line 3: /,
    ],
  ])('%s: exit 2, the file and line, nothing written', (_what, rel, text, message) => {
    const dir = tempCopy(FIXTURE);
    if (rel.endsWith('.mjs')) fs.rmSync(path.join(dir, 'java/dockerize-ms.config.json'));
    fs.writeFileSync(path.join(dir, rel), text);
    const before = snapshot(dir);
    const r = runCli(['migrate', '.', '--write'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Nothing was written\.\n$/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(snapshot(dir)).toEqual(before);
  });

  it('two config files in one folder are refused', () => {
    const dir = tempCopy(FIXTURE);
    fs.writeFileSync(path.join(dir, 'java/dockerize-ms.config.yaml'), 'root: true\n');
    const r = runCli(['migrate', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /java\/dockerize-ms\.config\.json and java\/dockerize-ms\.config\.yaml: two config files/,
    );
  });

  it('a config module is loaded like the JSON file it replaces', () => {
    const dir = tempCopy(FIXTURE);
    const json = runCli(['migrate', 'java', '--json'], dir).stdout;
    fs.rmSync(path.join(dir, 'java/dockerize-ms.config.json'));
    fs.writeFileSync(
      path.join(dir, 'java/dockerize-ms.config.mjs'),
      "export default { root: true, user: 'svc' };\n",
    );
    const mjs = runCli(['migrate', 'java', '--json'], dir).stdout;
    expect(withoutTime(mjs)).toEqual(withoutTime(json));
    fs.writeFileSync(
      path.join(dir, 'java/dockerize-ms.config.mjs'),
      "export default { root: true, user: 'root' };\n",
    );
    expect(runCli(['migrate', 'java'], dir).stderr).toMatch(
      /^dockerize-ms: config file java\/dockerize-ms\.config\.mjs: user: `root` is not a user to add/,
    );
  });
});
