import { parseDockerfile } from '../../src/dockerfile/model';
import {
  scriptCommandWords,
  scriptsRun,
  startPrograms,
  startScriptsRun,
} from '../../src/dockerfile/start-programs';

const stage = (...lines: string[]) => parseDockerfile(['FROM node:20', ...lines].join('\n') + '\n').stages[0];
const words = (runs: { word: string; direct: boolean }[]) =>
  runs.map((r) => `${r.word}${r.direct ? '' : ' (via shell)'}`);

describe('startPrograms', () => {
  it('looks through wrappers, their options, the user of gosu and su-exec, and variables', () => {
    expect(startPrograms(stage('ENTRYPOINT ["/sbin/tini", "-s", "--", "app"]'))).toEqual(['app']);
    expect(startPrograms(stage('CMD ["gosu", "node", "/usr/local/bin/server"]'))).toEqual([
      '/usr/local/bin/server',
    ]);
    expect(startPrograms(stage('CMD ["env", "-u", "X", "PORT=80", "node", "a.js"]'))).toEqual(['node']);
    expect(startPrograms(stage('CMD su-exec app:app exec ./run'))).toEqual(['./run']);
  });
});

describe('scriptsRun', () => {
  it('names the program, run directly, and later .sh words an entrypoint may run', () => {
    expect(words(scriptsRun(['./docker-entrypoint.sh', './start.sh']))).toEqual([
      './docker-entrypoint.sh',
      './start.sh',
    ]);
    expect(words(scriptsRun(['tini', '--', 'app-entrypoint', 'node', 'x.js']))).toEqual(['app-entrypoint']);
    expect(scriptsRun(['$APP_HOME/bin/run'])).toEqual([]);
  });

  it('names the file a shell runs or sources, and the scripts of a -c string', () => {
    expect(words(scriptsRun(['sh', 'start.sh']))).toEqual(['start.sh (via shell)']);
    expect(words(scriptsRun(['bash', '-e', '-o', 'pipefail', 'scripts/start.sh', 'x']))).toEqual([
      'scripts/start.sh (via shell)',
    ]);
    expect(words(scriptsRun(['.', './env.sh']))).toEqual(['./env.sh (via shell)']);
    expect(words(scriptsRun(['/bin/sh', '-ec', './migrate.sh && exec node x.js']))).toEqual([
      './migrate.sh',
      'node',
    ]);
    expect(scriptsRun(['sh'])).toEqual([]);
  });
});

describe('startScriptsRun', () => {
  it('reads the ENTRYPOINT with the CMD it is given', () => {
    const s = stage('ENTRYPOINT ["./entry.sh"]', 'CMD ["bash", "./serve.sh"]');
    expect(words(startScriptsRun(s))).toEqual(['./entry.sh', './entry.sh', './serve.sh']);
  });
});

describe('scriptCommandWords', () => {
  it('reads a script as commands: comments out, compound words off the front', () => {
    const text = [
      '#!/bin/sh',
      'set -e # stop on errors',
      'if [ -n "$DB" ]; then',
      '  npx prisma migrate deploy',
      'fi',
      'for f in a b; do ./hook.sh "$f"; done',
      'exec node dist/index.js',
    ].join('\n');
    expect(scriptCommandWords(text)).toEqual([
      ['set', '-e'],
      ['[', '-n', '$DB', ']'],
      ['npx', 'prisma', 'migrate', 'deploy'],
      ['./hook.sh', '$f'],
      ['exec', 'node', 'dist/index.js'],
    ]);
  });
});
