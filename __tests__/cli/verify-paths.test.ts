// `verify` and `migrate --verify` from another folder, on a name with spaces: the engine is a script that
// records what it is asked and fails every build a little later, so no Docker is needed.
import fs from 'node:fs';
import path from 'node:path';
import { planTargets } from '../../src/verify/plan';
import { NODE_SERVICE, runCli, tempProject } from '../helpers/cli';

const SERVICE = 'my svc';

/** A parent folder holding the service in `my svc`, and a fake docker that logs each call as one line. */
function setup() {
  const parent = tempProject(
    Object.fromEntries(Object.entries(NODE_SERVICE).map(([name, text]) => [`${SERVICE}/${name}`, text])),
  );
  const bin = tempProject({});
  const docker = path.join(bin, 'docker');
  const log = path.join(bin, 'calls.log');
  // Each argument in brackets, so one with spaces stays one. The build takes a moment, then fails.
  fs.writeFileSync(
    docker,
    [
      '#!/bin/sh',
      'for a in "$@"; do printf "[%s]" "$a"; done >> "$DOCKER_LOG"; echo >> "$DOCKER_LOG"',
      'case "$1" in',
      '  version) echo 27.0.0 ;;',
      '  network) echo bridge ;;',
      '  build) sleep 0.3; echo "ERROR: failed to solve: no engine here" >&2; exit 1 ;;',
      'esac',
      'exit 0',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const env = { DOCKER: docker, DOCKER_LOG: log };
  const builds = () =>
    fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('[build]'));
  return { parent, env, builds };
}

describe('verify from a parent folder, on a path with spaces', () => {
  it('planning pairs the files by their absolute paths', async () => {
    const { parent } = setup();
    const [planned] = await planTargets({ cwd: parent, paths: [SERVICE], jobs: 1 });
    expect(planned.report).toMatchObject({ path: `${SERVICE}/Dockerfile`, status: 'migrated' });
    expect(planned.target?.context).toBe(path.join(parent, SERVICE));
    expect(planned.target?.original.dockerfile.toString('utf8')).toBe(NODE_SERVICE.Dockerfile);
  });

  it('`verify` builds from the service folder', () => {
    const { parent, env, builds } = setup();
    const r = runCli(['verify', SERVICE], parent, env);
    expect(r.stderr).toMatch(/the original Dockerfile does not build/);
    expect(builds()).toHaveLength(1);
    expect(builds()[0].endsWith(`[${path.join(parent, SERVICE)}]`)).toBe(true);
  });

  it('`migrate --verify` reports the time the run took, and writes nothing when it fails', () => {
    const { parent, env, builds } = setup();
    const r = runCli(['migrate', '--verify', '--write', SERVICE], parent, env);
    expect(r.code).toBe(2);
    expect(builds()[0].endsWith(`[${path.join(parent, SERVICE)}]`)).toBe(true);
    const summary = /^1 Dockerfile: 0 verified, 1 failed, 0 not compared in (\d+\.\d) s$/m.exec(r.stderr);
    expect(summary).not.toBeNull();
    // The build alone took 0.3 s.
    expect(Number(summary![1])).toBeGreaterThanOrEqual(0.3);
    expect(fs.readFileSync(path.join(parent, SERVICE, 'Dockerfile'), 'utf8')).toBe(NODE_SERVICE.Dockerfile);
  });

  it('`migrate --verify` without --write verifies too', () => {
    const { parent, env, builds } = setup();
    const r = runCli(['migrate', '--verify', SERVICE], parent, env);
    expect(builds()).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Verification failed: nothing written\.$/m);
  });
});
