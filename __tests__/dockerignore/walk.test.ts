// The one bounded context walk: breadth first, only into folders it is let into, node_modules last.
import { memoryView } from '../../src/pipeline/project-view';
import { walkContext, WALK_LIMIT } from '../../src/dockerignore/walk';
import { withClosed } from '../helpers/closed-view';

const paths = (view: ReturnType<typeof memoryView>, enter = () => true) =>
  [...walkContext(view, '.', enter)].map((e) => e.rel);

describe('walkContext', () => {
  it('goes breadth first and enters node_modules folders after every other folder', () => {
    const view = memoryView({
      'node_modules/a/index.js': '',
      'src/deep/x.js': '',
      'config/.env': '',
      'package.json': '',
    });
    expect(paths(view)).toEqual([
      'config',
      'node_modules',
      'package.json',
      'src',
      'config/.env',
      'src/deep',
      'src/deep/x.js',
      'node_modules/a',
      'node_modules/a/index.js',
    ]);
  });

  it('enters only the folders it is let into, and marks folders', () => {
    const view = memoryView({ 'dist/a.js': '', 'src/b.js': '' });
    const entries = [...walkContext(view, '.', (e) => e.name !== 'dist')];
    expect(entries.map((e) => [e.rel, e.isDir])).toEqual([
      ['dist', true],
      ['src', true],
      ['src/b.js', false],
    ]);
  });

  it('passes over a folder below that cannot be listed (Docker cannot send it either); the start must list', () => {
    const view = withClosed(memoryView({ 'data/pgdata/PG_VERSION': '', 'src/a.js': '' }), [
      'data/pgdata',
      '.',
    ]);
    expect(() => paths(view)).toThrow('cannot read .: permission denied');
    const below = [...walkContext(view, 'data', () => true)].map((e) => e.rel);
    expect(below).toEqual(['data/pgdata']);
  });

  it('stops after the limit, having seen the shallow files', () => {
    const files: Record<string, string> = { '.env': '' };
    for (let i = 0; i < WALK_LIMIT + 10; i++) files[`node_modules/p${i}/index.js`] = '';
    const seen = paths(memoryView(files));
    expect(seen.length).toBe(WALK_LIMIT);
    expect(seen).toContain('.env');
  });
});
