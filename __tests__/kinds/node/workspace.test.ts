import { workspaceMembers, type WorkspaceRoot } from '../../../src/kinds/node/workspace';
import { project } from '../helpers';

const root = (patterns: string[], dir = '.'): WorkspaceRoot => ({ dir, pkg: {}, patterns, pnpm: null });
const member = (name: string) => ({ name, version: '1.0.0' });
const dirs = (files: Record<string, string | object>, patterns: string[], dir = '.') =>
  workspaceMembers(project(files), root(patterns, dir)).members.map((m) => m.dir);

describe('workspaceMembers', () => {
  const files = {
    'package.json': { name: 'root' },
    'packages/api/package.json': member('api'),
    'packages/lib/package.json': member('lib'),
    'packages/docs/README.md': 'no package.json: no member',
    'packages/api/node_modules/dep/package.json': member('dep'),
    'apps/web/package.json': member('web'),
    'apps/tools/cli/package.json': member('cli'),
    'apps/tools/cli/test/fixture/package.json': member('fixture'),
    'apps/.cache/x/package.json': member('cached'),
  };

  it('expands `*`, `**` and plain folders to folders holding a package.json, never into node_modules', () => {
    expect(dirs(files, ['packages/*'])).toEqual(['packages/api', 'packages/lib']);
    expect(dirs(files, ['./apps/**/'])).toEqual([
      'apps/tools/cli',
      'apps/tools/cli/test/fixture',
      'apps/web',
    ]);
    expect(dirs(files, ['apps/web', 'packages/l*'])).toEqual(['apps/web', 'packages/lib']);
    expect(dirs(files, ['packages/*', 'packages/api'])).toEqual(['packages/api', 'packages/lib']);
  });

  it('drops what a `!` pattern excludes, and reads patterns from the root folder', () => {
    expect(dirs(files, ['apps/**', '!**/test/**'])).toEqual(['apps/tools/cli', 'apps/web']);
    expect(dirs(files, ['packages/*', '!packages/api'])).toEqual(['packages/lib']);
    const nested = { 'repo/packages/a/package.json': member('a'), 'packages/b/package.json': member('b') };
    expect(dirs(nested, ['packages/*'], 'repo')).toEqual(['repo/packages/a']);
  });

  it('returns the manifests it read', () => {
    const found = workspaceMembers(project(files), root(['packages/lib']));
    expect(found).toEqual({ members: [{ dir: 'packages/lib', pkg: member('lib') }], incomplete: null });
  });

  it('says the list is incomplete rather than guess: braces, a climb out, too many members or folders', () => {
    const view = project(files);
    expect(workspaceMembers(view, root(['packages/{api,lib}'])).incomplete).toMatch(/cannot be expanded/);
    expect(workspaceMembers(view, root(['../shared/*'])).incomplete).toMatch(/cannot be expanded/);
    expect(workspaceMembers(view, root(['packages/*']), { members: 1, folders: 100 })).toEqual({
      members: [{ dir: 'packages/api', pkg: member('api') }],
      incomplete: 'the workspace has more than 1 members',
    });
    expect(workspaceMembers(view, root(['**']), { members: 100, folders: 3 }).incomplete).toBe(
      'the workspace patterns reach more than 3 folders',
    );
    const broken = project({ 'packages/a/package.json': '{ not json' });
    expect(workspaceMembers(broken, root(['packages/*'])).incomplete).toBe(
      'packages/a/package.json could not be read',
    );
  });
});
