import { Resources } from '../../src/verify/cleanup';
import { fakeDocker } from './fakes';

describe('Resources', () => {
  it('removes containers (by id, else found by name) before images, once each', async () => {
    const docker = fakeDocker((args) => {
      if (args[0] === 'ps') return { stdout: 'cid-late\n' };
      if (args[0] === 'image' && args[1] === 'inspect') return { stdout: '0\n' };
      return undefined;
    });
    const resources = new Resources(docker);
    resources.imageBuilt('img1');
    resources.containerStarting('a');
    resources.containerStarted('a', 'cid-a');
    resources.containerStarting('b');
    await resources.release();
    await resources.release();
    expect(docker.calls.filter((c) => c[0] !== 'image' || c[1] !== 'inspect')).toEqual([
      ['rm', '--force', '--volumes', 'cid-a'],
      ['ps', '--all', '--quiet', '--no-trunc', '--filter', 'name=^/b$'],
      ['rm', '--force', '--volumes', 'cid-late'],
      ['image', 'rm', 'img1'],
    ]);
    expect(resources.pending).toBe(0);
  });

  it('leaves kept images alone and never throws while releasing', async () => {
    const docker = fakeDocker(() => {
      throw new Error('engine gone');
    });
    const resources = new Resources(docker);
    resources.imageBuilt('kept');
    resources.keepImage('kept');
    resources.imageBuilt('other');
    await expect(resources.release()).resolves.toBeUndefined();
    expect(docker.calls).toEqual([['image', 'inspect', '--format', '{{len .RepoTags}}', 'other']]);
  });
});
