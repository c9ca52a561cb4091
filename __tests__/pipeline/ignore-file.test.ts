// The ignore file's bytes through a merge: what exists is kept byte for byte, what cannot be read is an error.
import fs from 'node:fs';
import path from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/model';
import { detectProject } from '../../src/pipeline/detect';
import { planIgnoreWrite } from '../../src/pipeline/ignore-file';
import { diskView } from '../../src/pipeline/project-view';
import { NODE_SERVICE, tempProject } from '../helpers/cli';

function plan(files: Record<string, string | Buffer>, dockerfile = 'Dockerfile', siblings = 0) {
  const dir = fs.realpathSync(tempProject(files));
  const model = parseDockerfile(NODE_SERVICE.Dockerfile);
  const view = diskView(dir);
  return planIgnoreWrite({
    dockerfile: path.join(dir, dockerfile),
    context: dir,
    siblings,
    root: dir,
    display: (file) => path.relative(dir, file),
    view,
    model,
    facts: detectProject(view, model),
  });
}

describe('planIgnoreWrite', () => {
  const latin1 = Buffer.from('# \xe9quipe\r\ndist\r\n', 'latin1');

  it('keeps the bytes of a file that is not UTF-8 and appends in its line endings', () => {
    const { write } = plan({ ...NODE_SERVICE, '.dockerignore': latin1 });
    expect(write!.before).toEqual(latin1);
    expect(write!.after.subarray(0, latin1.length)).toEqual(latin1);
    expect(write!.after.subarray(latin1.length).toString()).toMatch(/^\r\n# Added by dockerize-ms\r\n/);
  });

  it('starts a new per-Dockerfile file from the bytes of the context root file', () => {
    const { write, notes } = plan(
      { ...NODE_SERVICE, 'api.Dockerfile': NODE_SERVICE.Dockerfile, '.dockerignore': latin1 },
      'api.Dockerfile',
      1,
    );
    expect(write!.display).toBe('api.Dockerfile.dockerignore');
    expect(write!.before).toBeNull();
    expect(write!.after.subarray(0, latin1.length)).toEqual(latin1);
    expect(notes.map((n) => n.id)).toContain('dockerignore-seeded');
  });

  it('is an InputError for an ignore file over 1 MB, before its rules are compiled', () => {
    const big = 'dist\n'.repeat(300_000);
    expect(() => plan({ ...NODE_SERVICE, '.dockerignore': big })).toThrow(
      'cannot read .dockerignore: 1.4 MB, more than this tool reads of such a file',
    );
  });

  it('is an InputError for an ignore file it cannot read, and for a broken symlink', () => {
    expect(() => plan({ ...NODE_SERVICE, '.dockerignore/x': 'x' })).toThrow(
      'cannot read .dockerignore: is a folder',
    );
    const dir = tempProject(NODE_SERVICE);
    fs.symlinkSync('nowhere', path.join(dir, 'Dockerfile.dockerignore'));
    const model = parseDockerfile(NODE_SERVICE.Dockerfile);
    const view = diskView(dir);
    expect(() =>
      planIgnoreWrite({
        dockerfile: path.join(dir, 'Dockerfile'),
        context: dir,
        siblings: 0,
        root: fs.realpathSync(dir),
        display: (file) => path.relative(dir, file),
        view,
        model,
        facts: detectProject(view, model),
      }),
    ).toThrow('Dockerfile.dockerignore is a broken symlink; not followed');
  });
});

describe('planIgnoreWrite seeds', () => {
  it('does not follow a context ignore file that leads out of the build context', () => {
    const outside = fs.realpathSync(tempProject({ secret: 'token=abc\n' }));
    const dir = fs.realpathSync(tempProject({ ...NODE_SERVICE, 'api.Dockerfile': NODE_SERVICE.Dockerfile }));
    fs.symlinkSync(path.join(outside, 'secret'), path.join(dir, '.dockerignore'));
    const model = parseDockerfile(NODE_SERVICE.Dockerfile);
    const view = diskView(dir);
    expect(() =>
      planIgnoreWrite({
        dockerfile: path.join(dir, 'api.Dockerfile'),
        context: dir,
        siblings: 1,
        root: null,
        display: (file) => path.relative(dir, file),
        view,
        model,
        facts: detectProject(view, model),
      }),
    ).toThrow(/^\.dockerignore leads to .*secret, outside the build context; not followed$/);
  });
});

describe('planIgnoreWrite on a repository checkout', () => {
  it('keeps .git in the context of a Node build whose script runs git, and says why', () => {
    const dockerfile =
      'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/index.js"]\n';
    const files = {
      ...NODE_SERVICE,
      Dockerfile: dockerfile,
      'package.json': JSON.stringify({
        name: 'svc',
        scripts: { build: 'node scripts/version.js && tsc' },
        devDependencies: { typescript: '^5.0.0' },
      }),
      'scripts/version.js': "require('child_process').execSync('git rev-parse --short HEAD');\n",
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/config': '[core]\n',
    };
    const dir = fs.realpathSync(tempProject(files));
    try {
      const model = parseDockerfile(dockerfile);
      const view = diskView(dir);
      const { write, notes } = planIgnoreWrite({
        dockerfile: path.join(dir, 'Dockerfile'),
        context: dir,
        siblings: 0,
        root: dir,
        display: (file) => path.relative(dir, file),
        view,
        model,
        facts: detectProject(view, model),
      });
      expect(write!.after.toString().split('\n')).not.toContain('.git');
      expect(notes.find((n) => n.id === 'dockerignore-git-kept')?.message).toBe(
        'git in scripts/version.js (run by the package script build) reads .git during the build, so .git stays in the build context (it makes the context bigger).',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
