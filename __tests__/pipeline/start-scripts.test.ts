import { parseDockerfile } from '../../src/dockerfile/model';
import { memoryView } from '../../src/pipeline/project-view';
import { readStartScripts, startScriptShells, START_SCRIPT_LIMITS } from '../../src/pipeline/start-scripts';

const model = (...lines: string[]) =>
  parseDockerfile(['FROM node:20', 'WORKDIR /app', ...lines].join('\n') + '\n');
const summary = (files: Record<string, string>, ...lines: string[]) =>
  readStartScripts(memoryView(files), model(...lines)).map((s) => ({
    path: s.path,
    interpreter: s.interpreter,
    read: s.text !== null,
    unread: s.unread,
  }));

describe('readStartScripts', () => {
  it('finds a script by the path the start names, under the WORKDIR, or by the COPY that renamed it', () => {
    const files = {
      'docker-entrypoint.sh': '#!/bin/bash\nexec "$@"\n',
      'docker/run': '#!/bin/sh\nnode x.js\n',
    };
    expect(summary(files, 'COPY . .', 'ENTRYPOINT ["./docker-entrypoint.sh"]')).toEqual([
      { path: 'docker-entrypoint.sh', interpreter: 'bash', read: true, unread: null },
    ]);
    expect(summary(files, 'COPY . .', 'CMD ["/app/docker-entrypoint.sh"]').map((s) => s.path)).toEqual([
      'docker-entrypoint.sh',
    ]);
    expect(
      summary(files, 'COPY docker/run /usr/local/bin/app-run', 'CMD ["app-run"]').map((s) => s.path),
    ).toEqual(['docker/run']);
  });

  it('reads a script a shell runs without taking its #! line, and the scripts it runs in turn', () => {
    const files = {
      'scripts/start.sh': '#!/bin/bash\n. ./scripts/env.sh\n./scripts/migrate.sh && exec node x.js\n',
      'scripts/env.sh': 'export A=1\n',
      'scripts/migrate.sh': '#!/usr/bin/env bash\nnpx prisma migrate deploy\n',
    };
    expect(summary(files, 'COPY . .', 'CMD ["sh", "scripts/start.sh"]')).toEqual([
      { path: 'scripts/start.sh', interpreter: null, read: true, unread: null },
      { path: 'scripts/env.sh', interpreter: null, read: true, unread: null },
      { path: 'scripts/migrate.sh', interpreter: 'bash', read: true, unread: null },
    ]);
  });

  it('does not read binaries, programs of other languages, or paths out of the context', () => {
    const files = {
      app: 'ELF\0\0\0binary',
      'bin/server': '#!/usr/bin/env node\nrequire("x")\n',
      'etc/passwd': 'x',
    };
    expect(summary(files, 'COPY . .', 'CMD ["./app"]')).toEqual([]);
    expect(summary(files, 'COPY . .', 'CMD ["bin/server"]')).toEqual([
      { path: 'bin/server', interpreter: 'node', read: false, unread: null },
    ]);
    expect(summary(files, 'CMD ["../../etc/passwd"]').map((s) => s.path)).toEqual(['etc/passwd']);
  });

  it('says when a script is too large to read, or one too many', () => {
    const big = { 'entry.sh': '#!/bin/sh\n' + '#'.repeat(START_SCRIPT_LIMITS.bytes) };
    expect(summary(big, 'COPY . .', 'ENTRYPOINT ["./entry.sh"]')).toEqual([
      { path: 'entry.sh', interpreter: 'sh', read: false, unread: 'is larger than 256 KB' },
    ]);
    const chain: Record<string, string> = {};
    for (let i = 0; i < 20; i++) chain[`s${i}.sh`] = `./s${i + 1}.sh\n`;
    const scripts = readStartScripts(memoryView(chain), model('COPY . .', 'CMD ["./s0.sh"]'));
    expect(scripts).toHaveLength(START_SCRIPT_LIMITS.scripts + 1);
    expect(scripts[scripts.length - 1].unread).toMatch(/more than 16 scripts/);
  });
});

describe('startScriptShells', () => {
  it('names the interpreters of the scripts run directly, once each', () => {
    const files = { 'a.sh': '#!/bin/bash\n./b.sh\n', 'b.sh': '#!/usr/bin/env bash\n' };
    const scripts = readStartScripts(memoryView(files), model('COPY . .', 'CMD ["./a.sh"]'));
    expect(startScriptShells(scripts)).toEqual(['bash']);
  });
});
