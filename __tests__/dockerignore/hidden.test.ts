import { memoryView } from '../../src/pipeline/project-view';
import { hiddenSources } from '../../src/dockerignore';

const project = memoryView({
  'package.json': '{}',
  'package-lock.json': '{}',
  'src/index.ts': '',
  'src/secret/key.txt': '',
  'dist/index.js': '',
  'dist/util.js': '',
  'target/app.jar': '',
  'target/classes/A.class': '',
  'node_modules/express/index.js': '',
  'config/app.yml': '',
});

describe('hiddenSources', () => {
  it('keeps a folder some of whose files the rules hide', () => {
    expect(hiddenSources('src/secret', ['src'], project)).toEqual([]);
  });

  it('reports a folder the rules hide whole', () => {
    expect(hiddenSources('dist', ['dist', 'src'], project)).toEqual(['dist']);
    expect(hiddenSources('dist/**', ['dist'], project)).toEqual(['dist']);
    expect(hiddenSources('dist/*.js', ['./dist/'], project)).toEqual(['./dist/']);
  });

  it('keeps what an exception re-includes below an excluded folder', () => {
    expect(hiddenSources('dist\n!dist/index.js', ['dist', 'dist/index.js'], project)).toEqual([]);
    expect(hiddenSources('dist\n!dist/index.js', ['dist/util.js'], project)).toEqual(['dist/util.js']);
  });

  it('reports a glob when any file it matches is hidden', () => {
    expect(hiddenSources('package-lock.json', ['package*.json'], project)).toEqual(['package*.json']);
    expect(hiddenSources('target\n!target/*.jar', ['target/*.jar'], project)).toEqual([]);
    expect(hiddenSources('target', ['target/*.jar'], project)).toEqual(['target/*.jar']);
  });

  it('reads deny-all files with exceptions', () => {
    const rules = '*\n!src\n!package.json';
    expect(hiddenSources(rules, ['src', 'package.json', 'package*.json', 'config', '.'], project)).toEqual([
      'package*.json',
      'config',
    ]);
  });

  it('judges the whole context by its files', () => {
    expect(hiddenSources('**/node_modules\ndist', ['.'], project)).toEqual([]);
    expect(hiddenSources('*', ['.'], project)).toEqual(['.']);
  });

  it('checks the path itself when the context does not hold the source', () => {
    // A jar built by CI before `docker build`: the folder is not in the view.
    const empty = memoryView({ Dockerfile: 'FROM x' });
    expect(hiddenSources('build', ['build/libs/ledger.jar'], empty)).toEqual(['build/libs/ledger.jar']);
    expect(hiddenSources('build\n!build/libs/ledger.jar', ['build/libs/ledger.jar'], empty)).toEqual([]);
    expect(hiddenSources('target', ['target/*.jar'])).toEqual(['target/*.jar']);
    expect(hiddenSources('**/*.jar', ['target/app.jar'])).toEqual(['target/app.jar']);
    expect(hiddenSources('dist\n!dist/index.js', ['dist'])).toEqual([]);
    expect(hiddenSources('*', ['.'])).toEqual([]);
  });

  it('is case-sensitive, as on Linux', () => {
    expect(hiddenSources('Dist', ['dist'], project)).toEqual([]);
  });

  it('does not walk into an ignored folder no exception reaches', () => {
    let listed = 0;
    const counting = {
      ...project,
      list: (rel: string) => {
        listed++;
        return project.list(rel);
      },
    };
    expect(hiddenSources('node_modules', ['node_modules'], counting)).toEqual(['node_modules']);
    expect(listed).toBe(0);
  });
});
