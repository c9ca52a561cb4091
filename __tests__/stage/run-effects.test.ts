import { javaRunEffects as runEffects } from '../../src/kinds/java/run-effects';
import { runEffects as neutralEffects } from '../../src/stage/run-effects';

const vars = new Map([['APP_HOME', '/opt/app']]);
const fx = (script: string, workdir = '/app') => runEffects(script, workdir, vars);
const writes = (script: string, workdir = '/app') => fx(script, workdir).writes;

describe('runEffects', () => {
  it('reads what downloads and copies write, relative paths against the working folder', () => {
    expect(writes('curl -fsSL -o /opt/agent.jar https://x/agent.jar')).toEqual([
      { path: '/opt/agent.jar', kind: 'content' },
    ]);
    expect(writes('curl -sSLo agent.jar https://x/a.jar')).toEqual([
      { path: '/app/agent.jar', kind: 'content' },
    ]);
    expect(writes('curl -fsSLO https://x/dd-java-agent.jar?v=1')).toEqual([
      { path: '/app/dd-java-agent.jar', kind: 'content' },
    ]);
    expect(writes('wget -qO /opt/otel.jar https://x/otel.jar')).toEqual([
      { path: '/opt/otel.jar', kind: 'content' },
    ]);
    expect(writes('wget -q -P /opt/agents https://x/a.jar')).toEqual([
      { path: '/opt/agents/a.jar', kind: 'content' },
    ]);
    expect(writes('wget -qO- https://x/a.tgz | tar xz -C $APP_HOME')).toEqual([
      { path: '/opt/app', kind: 'content' },
    ]);
    expect(writes('cp target/app.jar /srv/app.jar && mv conf ../etc/app')).toEqual([
      { path: '/srv/app.jar', kind: 'content' },
      { path: '/etc/app', kind: 'content' },
    ]);
  });

  it('puts a copy inside a folder made before, a system folder or a slash-ended destination', () => {
    expect(writes('mkdir -p /opt/ext && cp lib/*.jar /opt/ext')).toEqual([
      { path: '/opt/ext', kind: 'dir' },
      { path: '/opt/ext/*.jar', kind: 'content' },
    ]);
    expect(writes('cp libfoo.so /usr/lib')).toEqual([{ path: '/usr/lib/libfoo.so', kind: 'content' }]);
    expect(writes('install -m 755 run.sh /usr/local/bin/')).toEqual([
      { path: '/usr/local/bin/run.sh', kind: 'content' },
    ]);
    expect(writes('cp -t /opt/conf a.yml b.yml')).toEqual([
      { path: '/opt/conf/a.yml', kind: 'content' },
      { path: '/opt/conf/b.yml', kind: 'content' },
    ]);
  });

  it('follows cd, subshells, sh -c, redirections and links', () => {
    expect(writes('cd /srv && touch ready')).toEqual([{ path: '/srv/ready', kind: 'empty' }]);
    expect(writes('mkdir -p target/dependency && (cd target/dependency; jar -xf ../*.jar)')).toEqual([
      { path: '/app/target/dependency', kind: 'dir' },
      { path: '/app/target/dependency', kind: 'content' },
    ]);
    expect(writes(`sh -c 'echo Asia/Tokyo > /etc/timezone'`)).toEqual([
      { path: '/etc/timezone', kind: 'content' },
    ]);
    expect(writes('ln -sf /usr/share/zoneinfo/Asia/Tokyo /etc/localtime 2>/dev/null')).toEqual([
      { path: '/etc/localtime', kind: 'content' },
    ]);
    expect(writes('mvn -B package dependency:copy-dependencies -DoutputDirectory=/opt/lib')).toEqual([
      { path: '/opt/lib', kind: 'content' },
    ]);
  });

  it('records removals and moved sources', () => {
    expect(fx('mv /tmp/a.jar /opt/a.jar && rm -rf /tmp/*.tgz').removes).toEqual(['/tmp/a.jar', '/tmp/*.tgz']);
  });

  it('names what it cannot read, and the paths such commands name', () => {
    expect(fx('mvn -B package && java -version && find . -name "*.jar"').unread).toEqual([]);
    const script = fx('./install.sh /opt/tool');
    expect(script.unread).toEqual([{ text: './install.sh /opt/tool', paths: ['/opt/tool'] }]);
    const keytool = fx('keytool -importcert -cacerts -noprompt -file /tmp/ca.crt');
    expect(keytool.unread.map((u) => u.paths)).toEqual([["the JDK's trust store (cacerts)"]]);
    expect(fx('keytool -genkeypair -keystore /etc/app/ks.p12').writes).toEqual([
      { path: '/etc/app/ks.p12', kind: 'content' },
    ]);
    const unknown = fx('cp x.so $JAVA_HOME/lib/');
    expect(unknown.writes).toEqual([]);
    expect(unknown.unread).toEqual([
      { text: 'a write to $JAVA_HOME/lib/x.so', paths: ['$JAVA_HOME/lib/x.so'] },
    ]);
  });
});

describe('runEffects on build-tool homes and piped writes', () => {
  it('drops writes into the build tools homes, reads tee as a writer', () => {
    expect(fx('mkdir -p ~/.m2 && cp settings.xml $MAVEN_CONFIG/settings.xml').unread).toEqual([]);
    expect(fx('mkdir -p ~/.m2 && cp settings.xml ${GRADLE_USER_HOME}/init.gradle').writes).toEqual([]);
    expect(writes('echo "a=b" | tee /etc/app.conf')).toEqual([{ path: '/etc/app.conf', kind: 'content' }]);
  });
});

describe('runEffects, language-neutral', () => {
  it("knows no variable unless told, and no kind's programs", () => {
    const fx = neutralEffects('cp x.so $LIB/ && mvn package', '/app');
    expect(fx.writes).toEqual([]);
    expect(fx.unread.map((u) => u.text)).toEqual(['a write to $LIB/x.so', 'mvn package']);
  });

  it('tells links, moves and owners beside the writes', () => {
    const fx = neutralEffects(
      'ln -s /app/bin/cli.js /usr/local/bin/cli && mv node_modules ../ && chown -R app:app /data',
      '/app',
    );
    expect(fx.links).toEqual([
      { path: '/usr/local/bin/cli', command: 'ln -s /app/bin/cli.js /usr/local/bin/cli' },
    ]);
    expect(fx.moves).toEqual([{ from: '/app/node_modules', to: '/node_modules' }]);
    expect(fx.owners).toEqual([{ path: '/data', owner: 'app:app' }]);
  });

  it('puts a copy to `.` or `..` inside that folder', () => {
    expect(neutralEffects('cp /tmp/agent.jar .', '/opt/app').writes).toEqual([
      { path: '/opt/app/agent.jar', kind: 'content' },
    ]);
    expect(neutralEffects('mv build/app ..', '/srv/x').writes).toEqual([
      { path: '/srv/app', kind: 'content' },
    ]);
  });
});

describe('argument orders', () => {
  it('reads tar with -C before the mode, and git clone with options before the URL', () => {
    expect(writes('tar -C /opt/otel -xzf agent.tgz')).toEqual([{ path: '/opt/otel', kind: 'content' }]);
    expect(writes('tar xzf agent.tgz -C /opt/otel')).toEqual([{ path: '/opt/otel', kind: 'content' }]);
    expect(writes('tar -czf /backup/a.tgz -C /app .')).toEqual([{ path: '/backup/a.tgz', kind: 'content' }]);
    expect(writes('git clone -b main --depth 1 https://e.test/geo.git /opt/geo-data')).toEqual([
      { path: '/opt/geo-data', kind: 'content' },
    ]);
    expect(writes('git clone --depth=1 https://e.test/geo.git')).toEqual([
      { path: '/app/geo', kind: 'content' },
    ]);
  });
});
