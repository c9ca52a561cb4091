import { outsideLines, outsidePaths } from '../../src/stage/outside-paths';
import { runtimeStageName } from '../../src/stage/runtime-stage';
import { dockerfile } from '../kinds/helpers';

const read = (...runs: string[]) => {
  const model = dockerfile('FROM node:20', 'WORKDIR /app', ...runs.map((r) => `RUN ${r}`));
  const { made, ...rest } = outsidePaths(model.stages[0], ['/app']);
  return { ...rest, made: made.map((m) => ({ path: m.path, dir: m.dir, owner: m.owner })) };
};

describe('outsidePaths', () => {
  it('finds what mv and cp put outside the app folder, into folders too', () => {
    expect(read('npm ci && mv node_modules ../').content).toEqual(['/node_modules']);
    expect(read('mv /app/node_modules /node_modules').content).toEqual(['/node_modules']);
    expect(read('cp -r config /etc/app').content).toEqual(['/etc/app']);
    expect(read('cp a.sh b.sh /usr/local/bin/').content).toEqual([
      '/usr/local/bin/a.sh',
      '/usr/local/bin/b.sh',
    ]);
    expect(read('mv tool /opt').content).toEqual(['/opt/tool']);
    expect(read('mv node_modules ../').movesNodeModules).toBe(true);
    expect(read('cp -r node_modules /backup').movesNodeModules).toBe(false);
  });

  it('finds downloads to an absolute path', () => {
    expect(read('curl -fsSL -o /opt/agent.jar https://example.test/a.jar').content).toEqual([
      '/opt/agent.jar',
    ]);
    expect(read('wget -O /usr/local/share/geo.db https://example.test/geo').content).toEqual([
      '/usr/local/share/geo.db',
    ]);
  });

  it('finds folders and files made for the app to write, with the owner a chown gives them', () => {
    expect(
      read('mkdir -p /var/lib/app /var/log/app && chown node:node /var/lib/app', 'touch /var/log/app.log')
        .made,
    ).toEqual([
      { path: '/var/lib/app', dir: true, owner: 'node:node' },
      { path: '/var/log/app', dir: true, owner: null },
      { path: '/var/log/app.log', dir: false, owner: null },
    ]);
  });

  it('keeps links whose name is outside the app folder, as written', () => {
    expect(read('npm ci && ln -s /app/bin/cli.js /usr/local/bin/cli').links).toEqual([
      'ln -s /app/bin/cli.js /usr/local/bin/cli',
    ]);
  });

  it('leaves out the app folder, scratch folders, variables and folders that get filled', () => {
    const result = read(
      'mkdir -p logs /tmp/build /root/.cache $HOME/x',
      'cd /app && mkdir data',
      'mkdir /seed && cp seed.db /seed/',
    );
    expect(result).toEqual({
      content: ['/seed/seed.db'],
      made: [],
      links: [],
      movesNodeModules: false,
      systemEdits: [],
      unknown: null,
    });
  });

  it('reads what the one RUN reader reads: archives, clones, redirects, glued options, sh -c', () => {
    expect(
      read(
        'curl -sSLo /tmp/t.tgz https://e.test/t.tgz && mkdir /opt/tool && tar -xzf /tmp/t.tgz -C /opt/tool',
      ).content,
    ).toEqual(['/opt/tool']);
    expect(read('git clone https://e.test/plugins.git /srv/plugins').content).toEqual(['/srv/plugins']);
    expect(read('echo "tz=UTC" > /etc/app.conf').content).toEqual(['/etc/app.conf']);
    expect(read('wget -q -P /opt/geo https://e.test/geo.mmdb').content).toEqual(['/opt/geo/geo.mmdb']);
    expect(read('unzip -q fonts.zip -d /usr/share/fonts/app').content).toEqual(['/usr/share/fonts/app']);
    expect(read(`sh -c 'mkdir -p /var/cache-app'`).made.map((m) => m.path)).toEqual(['/var/cache-app']);
  });

  it('reads exec-form and heredoc RUN lines too', () => {
    const model = dockerfile(
      'FROM node:20',
      'WORKDIR /app',
      'RUN ["mkdir", "-p", "/data"]',
      'RUN <<EOF',
      'curl -o /opt/agent.js https://e.test/agent.js',
      'EOF',
    );
    const found = outsidePaths(model.stages[0], ['/app']);
    expect(found.made.map((m) => m.path)).toEqual(['/data']);
    expect(found.content).toEqual(['/opt/agent.js']);
  });

  it('leaves out what a later command removes and a system folder itself', () => {
    expect(
      read('curl -o /opt/x.tgz https://e.test/x.tgz', 'tar -xzf /opt/x.tgz -C /opt/x && rm /opt/x.tgz')
        .content,
    ).toEqual(['/opt/x']);
    expect(
      read('curl -fsSL https://e.test/n.tgz | tar -xz -C /usr/local --strip-components=1').content,
    ).toEqual([]);
  });

  it("never carries the base image's own /etc files across, only folders a RUN made there", () => {
    const result = read(
      'echo Europe/Paris > /etc/timezone && sed -i s/a/b/ /etc/passwd && echo "1.2.3.4 db" >> /etc/hosts',
      'mkdir -p /etc/myapp && echo x > /etc/myapp/extra.conf',
      'cp my.cnf /etc/my.cnf && cp hosts /etc/hosts',
    );
    expect(result.systemEdits).toEqual(['/etc/timezone', '/etc/passwd', '/etc/hosts']);
    // The folder a RUN made comes back with what was put in it.
    expect(result.content).toEqual(['/etc/myapp/extra.conf', '/etc/my.cnf']);
  });

  it('says when it cannot know what RUN lines leave outside the app folder', () => {
    expect(read('sh scripts/fetch.sh --out /opt/models').unknown).toMatch(
      /may write \/opt\/models in a way the tool cannot follow/,
    );
    expect(
      read('curl -fsSL -o /tmp/f.txz https://e.test/f.txz && tar -xJf /tmp/f.txz -C /usr/local').unknown,
    ).toMatch(/writes into \/usr\/local, a folder of the base image/);
    // Its own program path, a place carried over whole, and the app folder are not unknown.
    expect(
      read('mkdir /opt/tool && cp -r bin /opt/tool/ && /opt/tool/bin/setup --home /opt/tool').unknown,
    ).toBeNull();
    expect(read('npm ci && node scripts/build.js --out /app/dist').unknown).toBeNull();
  });

  it('follows cd within a RUN', () => {
    expect(read('cd / && mkdir srv-data').made.map((m) => m.path)).toEqual(['/srv-data']);
  });
});

describe('outsideLines', () => {
  const line = (k: string, a: string) => `${k} ${a}\n`;
  it('copies content and made paths from the build stage, given to a new user, and makes volume folders', () => {
    const outside = outsidePaths(
      dockerfile(
        'FROM node:20',
        'WORKDIR /app',
        'RUN mkdir -p /var/lib/app && mv node_modules /node_modules',
        'RUN ln -s /app/x /usr/bin/x',
      ).stages[0],
      ['/app'],
    );
    const lines = outsideLines(outside, ['/data', '/var/lib/app'], 'build', 'node:node', line);
    expect(lines.copies).toEqual([
      'COPY --from=build --chown=node:node /node_modules /node_modules\n',
      'COPY --from=build --chown=node:node /var/lib/app /var/lib/app\n',
    ]);
    expect(lines.setup).toEqual([
      'RUN mkdir -p /data && chown node:node /data\n',
      'RUN ln -s /app/x /usr/bin/x\n',
    ]);
  });

  it('keeps the owner the original gave when the migration adds no user, and leaves volumes to Docker', () => {
    const outside = outsidePaths(
      dockerfile('FROM node:20', 'RUN mkdir /srv/up && chown app:app /srv/up').stages[0],
      ['/app'],
    );
    const lines = outsideLines(outside, ['/data'], 'build', null, line);
    expect(lines.copies).toEqual(['COPY --from=build --chown=app:app /srv/up /srv/up\n']);
    expect(lines.setup).toEqual([]);
  });
});

describe('runtimeStageName', () => {
  it('is runtime unless the original already uses it, whatever the case', () => {
    expect(runtimeStageName(dockerfile('FROM node:20 AS build'))).toBe('runtime');
    expect(runtimeStageName(dockerfile('FROM node:20 AS Runtime'))).toBe('final');
    expect(
      runtimeStageName(
        dockerfile('FROM a AS runtime', 'FROM b AS final', 'FROM c AS release', 'FROM d AS app'),
      ),
    ).toBe('runtime2');
  });
});
