import fs from 'node:fs';
import { buildImage, explainBuildFailure, parseImageInspect, removeImage } from '../../src/verify/build';
import { fakeDocker, imageJson } from './fakes';

// BuildKit plain progress from dockerd 20.10, as captured from a failing build.
const FAILED_STEP = `#5 [build 2/3] RUN echo step one
#5 sha256:6f3f1136aa76e2724e2a9beb7c8a7a45e46c2120eb0c189a5be4a4fa49e07820
#5 0.093 step one
#5 DONE 0.1s

#6 [runtime 3/3] RUN npm ci && false
#6 sha256:c337588c293d58a16a7066e1bbc34f1ff5ddaca4183502f38a8e70b2698368e1
#6 0.092 npm ERR! code ENOLOCK
#6 0.092 npm ERR! missing package-lock.json
#6 ERROR: executor failed running [/bin/sh -c npm ci && false]: exit code: 1
------
 > [runtime 3/3] RUN npm ci && false:
------
executor failed running [/bin/sh -c npm ci && false]: exit code: 1
`;

describe('explainBuildFailure', () => {
  it('names the failing step and keeps only its own output', () => {
    expect(explainBuildFailure(FAILED_STEP)).toEqual({
      problem:
        'step [runtime 3/3] RUN npm ci && false failed: executor failed running [/bin/sh -c npm ci && false]: exit code: 1',
      log: [
        '[runtime 3/3] RUN npm ci && false',
        'npm ERR! code ENOLOCK',
        'npm ERR! missing package-lock.json',
        'ERROR: executor failed running [/bin/sh -c npm ci && false]: exit code: 1',
      ],
    });
  });

  it('hints at the local image store when a base image cannot be fetched', () => {
    const output = `#3 [internal] load metadata for docker.io/library/node:99
#3 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/library/node/manifests/99": dial tcp: lookup registry-1.docker.io: no such host
------
failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to do request
`;
    expect(explainBuildFailure(output).problem).toMatch(
      /^step \[internal\] load metadata for docker.io\/library\/node:99 failed: .*\(a base image is not in the local image store/,
    );
  });

  it('falls back to the last lines when no step failed', () => {
    const output =
      '#1 [internal] load build definition from Dockerfile\nfailed to solve with frontend dockerfile.v0: failed to create LLB definition: dockerfile parse error line 3: unknown flag: link\n';
    const explained = explainBuildFailure(output);
    expect(explained.problem).toBe(
      'build failed: failed to solve with frontend dockerfile.v0: failed to create LLB definition: dockerfile parse error line 3: unknown flag: link',
    );
    expect(explained.log).toHaveLength(2);
  });
});

describe('buildImage', () => {
  it('builds a temp copy with its ignore rules beside it, against the real context', async () => {
    let seen: { dockerfile: string; ignore: string } | null = null;
    const docker = fakeDocker((args) => {
      const file = args[args.indexOf('-f') + 1];
      seen = {
        dockerfile: fs.readFileSync(file, 'utf8'),
        ignore: fs.readFileSync(`${file}.dockerignore`, 'utf8'),
      };
      fs.writeFileSync(args[args.indexOf('--iidfile') + 1], 'sha256:abc');
      return { ms: 1234 };
    });
    const outcome = await buildImage(docker, {
      version: { dockerfile: Buffer.from('FROM x\n'), ignore: null },
      context: '/ctx',
      network: 'host',
      label: 'dockerize-ms.verify=t',
      timeoutMs: 1000,
      noCache: false,
    });
    expect(outcome).toEqual({ ok: true, id: 'sha256:abc', ms: 1234 });
    expect(seen).toEqual({ dockerfile: 'FROM x\n', ignore: '' });
    const args = docker.calls[0];
    expect(args.slice(0, 3)).toEqual(['build', '--progress', 'plain']);
    expect(args).toEqual(expect.arrayContaining(['--network', 'host', '--label', 'dockerize-ms.verify=t']));
    expect(args.at(-1)).toBe('/ctx');
    // The temp folder is gone afterwards.
    expect(fs.existsSync(args[args.indexOf('-f') + 1])).toBe(false);
  });

  it('returns the explained failure, or the timeout', async () => {
    const version = { dockerfile: Buffer.from('FROM x\n'), ignore: Buffer.from('node_modules\n') };
    const request = {
      version,
      context: '/ctx',
      network: null,
      label: 'l',
      timeoutMs: 900_000,
      noCache: true,
    };
    const failing = fakeDocker(() => ({ code: 1, stderr: FAILED_STEP }));
    expect(await buildImage(failing, request)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^step \[runtime 3\/3\]/),
    });
    expect(failing.calls[0]).toContain('--no-cache');
    expect(failing.calls[0]).not.toContain('--network');
    const slow = fakeDocker(() => ({ code: null, timedOut: true }));
    expect(await buildImage(slow, request)).toMatchObject({
      ok: false,
      problem: 'the build took longer than 900 s and was stopped',
    });
  });
});

describe('parseImageInspect', () => {
  it('reads size, layers, user, TCP ports and the healthcheck', () => {
    const facts = parseImageInspect(
      imageJson({
        size: 123,
        layers: 4,
        user: '',
        ports: ['9090/tcp', '8080/tcp', '53/udp'],
        healthcheck: ['CMD', 'true'],
      }),
    );
    expect(facts).toEqual({ bytes: 123, layers: 4, user: 'root', ports: [8080, 9090], healthcheck: true });
    expect(parseImageInspect(imageJson({ size: 1, healthcheck: ['NONE'], user: 'node' }))).toMatchObject({
      healthcheck: false,
      user: 'node',
    });
  });
});

describe('removeImage', () => {
  it('removes an untagged image and leaves a tagged one alone', async () => {
    const untagged = fakeDocker((args) => (args[1] === 'inspect' ? { stdout: '0\n' } : undefined));
    await removeImage(untagged, 'sha256:a');
    expect(untagged.calls.at(-1)).toEqual(['image', 'rm', 'sha256:a']);
    const tagged = fakeDocker((args) => (args[1] === 'inspect' ? { stdout: '1\n' } : undefined));
    await removeImage(tagged, 'sha256:b');
    expect(tagged.calls).toHaveLength(1);
  });
});
