// The GitHub Action and the pre-commit hook run `migrate --check` as their files say, on a real project.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { isDockerfileName } from '../../src/pipeline/discover';
import { BIN, NODE_SERVICE, runCli, tempProject } from '../helpers/cli';

const ROOT = path.join(__dirname, '..', '..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

describe('action.yml', () => {
  const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  const steps: Step[] = action.runs.steps;
  const check = steps.find((s) => s.run?.includes('migrate --check'))!;

  /** Runs the check step's script as the runner would: bash, the inputs in its env, the action's checkout. */
  function runStep(cwd: string, inputs: { paths?: string; args?: string; summary?: string }) {
    const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dms-summary-')), 'summary.md');
    fs.writeFileSync(summary, '');
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NO_COLOR: '1',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_STEP_SUMMARY: summary,
      DMS_PATHS: inputs.paths ?? action.inputs.paths.default,
      DMS_ARGS: inputs.args ?? action.inputs.args.default,
      DMS_SUMMARY: inputs.summary ?? action.inputs.summary.default,
    };
    const r = spawnSync('bash', ['-e', '-c', check.run!], { cwd, env, encoding: 'utf8' });
    return { code: r.status, stderr: r.stderr, summary: fs.readFileSync(summary, 'utf8') };
  }

  it('is a composite action whose inputs reach the script as variables only', () => {
    expect(action.runs.using).toBe('composite');
    expect(check.shell).toBe('bash');
    expect(check.env).toEqual({
      DMS_PATHS: '${{ inputs.paths }}',
      DMS_ARGS: '${{ inputs.args }}',
      DMS_SUMMARY: '${{ inputs.summary }}',
    });
    for (const step of steps) expect(step.run ?? '').not.toMatch(/\$\{\{\s*inputs\./);
  });

  it('fails while a Dockerfile is left to migrate, with the table in the job summary; passes once migrated', () => {
    const dir = tempProject(
      Object.fromEntries(Object.entries(NODE_SERVICE).map(([k, v]) => [`svc/${k}`, v])),
    );
    const first = runStep(dir, {});
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^migrated {2}svc\/Dockerfile \(node\)$/m);
    expect(first.summary).toMatch(/^\| `svc\/Dockerfile` \| migrated \| `node:20` → `node:20-alpine` \|/m);
    expect(runCli(['migrate', '--write'], dir).code).toBe(0);
    expect(runStep(dir, {}).code).toBe(0);
  });

  it('passes globs and flags through as written, and can leave the summary alone', () => {
    const service = (at: string) => Object.entries(NODE_SERVICE).map(([k, v]) => [`${at}/${k}`, v]);
    const dir = tempProject(Object.fromEntries([...service('apps/api'), ...service('node_modules/pad')]));
    const quiet = runStep(dir, { paths: '*/*/Dockerfile', summary: 'false' });
    expect(quiet.code).toBe(1);
    expect(quiet.summary).toBe('');
    // Expanded by bash, the glob would name node_modules/pad/Dockerfile; migrate's own search skips it.
    const r = runStep(dir, { paths: '*/*/Dockerfile', args: '--runtime slim' });
    expect(r.code).toBe(1);
    expect(r.summary).toMatch(/^\| `apps\/api\/Dockerfile` \| migrated \| `node:20` → `node:20-slim` \|/m);
    expect(r.summary).not.toMatch(/node_modules/);
  });

  it('reads args and paths quoted as in a shell, as the README shows them', () => {
    const service = (at: string) => Object.entries(NODE_SERVICE).map(([k, v]) => [`${at}/${k}`, v]);
    const dir = tempProject(Object.fromEntries([...service('services/api'), ...service('legacy')]));
    const r = runStep(dir, { paths: "'services/*/Dockerfile' legacy", args: "--ignore-pattern 'legacy/**'" });
    expect(r.code).toBe(1);
    expect(r.summary).toMatch(/`services\/api\/Dockerfile` \| migrated/);
    expect(r.summary).not.toMatch(/legacy\/Dockerfile/);
    expect(runStep(dir, { paths: 'legacy', args: "--ignore-pattern 'legacy/**'" }).code).toBe(0);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const [hook] = YAML.parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
  const files = new RegExp(hook.files);
  const exclude = new RegExp(hook.exclude);
  const selected = (name: string) => files.test(name) && !exclude.test(name);

  it('selects the files migrate looks for in folders, and nothing else', () => {
    const names = [
      'Dockerfile',
      'svc/Dockerfile',
      'svc/Dockerfile.prod',
      'api.Dockerfile',
      'svc/web.dockerfile',
      'Containerfile',
      'svc/Dockerfile.dockerignore',
      '.dockerignore',
      'docs/Dockerfile.md/readme',
      'package.json',
      'svc/notDockerfile',
    ];
    for (const name of names)
      expect({ name, selected: selected(name) }).toEqual({
        name,
        selected: isDockerfileName(path.posix.basename(name)),
      });
  });

  it('runs migrate --check on the files it is given: exit 1 and the file named until it is migrated', () => {
    expect(hook.language).toBe('node');
    expect(hook.pass_filenames).toBe(true);
    const [command, ...args] = hook.entry.split(' ');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin[command]).toBe('dist/src/cli/bin.js');
    const dir = tempProject(NODE_SERVICE);
    const hookRun = () =>
      spawnSync(process.execPath, [BIN, ...args, 'Dockerfile'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const first = hookRun();
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/^migrated {2}Dockerfile \(node\)$/m);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(NODE_SERVICE.Dockerfile);
    runCli(['migrate', '--write'], dir);
    expect(hookRun().status).toBe(0);
  });
});
