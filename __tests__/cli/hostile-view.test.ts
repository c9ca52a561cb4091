// The project files a migration reads (manifests, lockfiles, sources), made hostile: links out of the tree,
// files that cannot be read. Each fails its own service in one line; the others are migrated.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, NODE_SERVICE, runCli, snapshot, tempProject } from '../helpers/cli';

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;
const SECRET = 'outside-secret-7f3a';

type Entry = { path: string; status: string; reason: string | null };
const entries = (stdout: string): Record<string, Entry> =>
  Object.fromEntries(JSON.parse(stdout).files.map((f: Entry) => [f.path, f]));
const service = (prefix: string, files: Record<string, string> = NODE_SERVICE) =>
  Object.fromEntries(Object.entries(files).map(([rel, text]) => [`${prefix}${rel}`, text]));

const JAVA_SERVICE: Record<string, string> = {
  Dockerfile:
    'FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY pom.xml .\nCOPY src ./src\nRUN mvn -B package -DskipTests\nCMD ["java", "-jar", "target/app-1.jar"]\n',
  'pom.xml':
    '<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>app</artifactId><version>1</version></project>\n',
  'src/main/java/a/M.java': 'package a; class M {}\n',
};
/** A pom whose final name is not the jar the start command runs: the service is skipped, not migrated. */
const OTHER_FINAL_NAME = JAVA_SERVICE['pom.xml'].replace(
  '</version>',
  '</version><build><finalName>other</finalName></build>',
);
/** A development image: the start command runs nodemon through the `dev` script, so it is skipped. */
const DEV_SERVICE: Record<string, string> = {
  ...NODE_SERVICE,
  Dockerfile: NODE_SERVICE.Dockerfile.replace('CMD ["node", "server.js"]', 'CMD ["npm", "run", "dev"]'),
  'package.json': JSON.stringify({
    name: 'dev',
    scripts: { dev: 'nodemon server.js' },
    dependencies: { express: '^4.19.2' },
    devDependencies: { nodemon: '^3.1.0' },
  }),
};

describe('a project file that leads out of the tree', () => {
  /** Each service but `ok` has one file that is a link to a file outside, which holds SECRET. */
  function tree() {
    const outside = tempProject({
      'package.json': JSON.stringify({ name: SECRET, dependencies: { express: '^4.19.2' } }),
      'lock.json': JSON.stringify({ name: SECRET, lockfileVersion: 3, packages: {} }),
      'pom.xml': JAVA_SERVICE['pom.xml'].replace('<version>1', `<version>1-${SECRET}`),
      'server.js': `require('${SECRET}');\n`,
    });
    const dir = tempProject({
      ...service('pkg/'),
      ...service('lock/'),
      ...service('source/'),
      ...service('java/', JAVA_SERVICE),
      ...service('ok/'),
    });
    const link = (file: string, rel: string) => {
      fs.rmSync(path.join(dir, rel));
      fs.symlinkSync(path.join(outside, file), path.join(dir, rel));
    };
    link('package.json', 'pkg/package.json');
    link('lock.json', 'lock/package-lock.json');
    link('server.js', 'source/server.js');
    link('pom.xml', 'java/pom.xml');
    return { dir, outside, outsideBefore: snapshot(outside) };
  }

  it.each([[['--write', '--json']], [['--json']], [[]], [['--no-config', '--json']]])(
    'migrate %j: that service fails, naming the file; the others go on; no outside byte is shown',
    (args) => {
      const { dir, outside, outsideBefore } = tree();
      const before = snapshot(dir);
      const r = runCli(['migrate', ...args], dir);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(snapshot(outside)).toEqual(outsideBefore);
      if (!args.includes('--json')) {
        // Text: the diff (stdout) is the one service's; each failure is one line on stderr.
        expect(r.stdout).toContain('ok/Dockerfile');
        expect(r.stdout).not.toMatch(/(pkg|lock|source|java)\/Dockerfile/);
        expect(r.stderr).toMatch(
          /^error +lock\/Dockerfile: lock\/package-lock\.json leads to .*; not followed$/m,
        );
        return;
      }
      const report = entries(r.stdout);
      const out = (rel: string, svc: string) =>
        new RegExp(`^${rel} leads to .*, outside ${svc}( \\(the build context\\))?; not followed$`);
      expect(report['pkg/Dockerfile']).toMatchObject({
        status: 'error',
        reason: expect.stringMatching(out('pkg/package.json', '.*')),
      });
      expect(report['lock/Dockerfile'].reason).toMatch(out('lock/package-lock.json', 'lock'));
      expect(report['source/Dockerfile'].reason).toMatch(out('source/server.js', 'source'));
      expect(report['java/Dockerfile'].reason).toMatch(out('java/pom.xml', 'java'));
      expect(report['ok/Dockerfile'].status).toBe('migrated');
      // The failed services are left as they were; only `ok` is written.
      const after = snapshot(dir);
      for (const rel of before.keys())
        if (!rel.startsWith('ok/')) expect(after.get(rel)).toBe(before.get(rel));
    },
  );

  it('a build context a compose file names outside the repository: that service fails', () => {
    const away = tempProject(NODE_SERVICE);
    const dir = tempProject({ ...service('api/'), ...service('ok/'), '.git/HEAD': 'ref: refs/heads/main\n' });
    fs.writeFileSync(
      path.join(dir, 'compose.yaml'),
      `services:\n  api:\n    build:\n      context: ${JSON.stringify(away)}\n      dockerfile: ${JSON.stringify(path.join(dir, 'api', 'Dockerfile'))}\n`,
    );
    const r = runCli(['migrate', '--json'], dir);
    expect(r.code).toBe(2);
    expect(entries(r.stdout)['api/Dockerfile'].reason).toMatch(
      /^the build context .* a compose file names is outside \. \(the repository top or current folder\); not followed$/,
    );
    expect(entries(r.stdout)['ok/Dockerfile'].status).toBe('migrated');
  });
});

describe('a project file that is there but cannot be read', () => {
  it('a FIFO as package.json or a folder as pom.xml: an error at once, never "missing"', () => {
    const dir = tempProject({ ...service('fifo/'), ...service('java/', JAVA_SERVICE), ...service('ok/') });
    fs.rmSync(path.join(dir, 'fifo', 'package.json'));
    spawnSync('mkfifo', [path.join(dir, 'fifo', 'package.json')]);
    fs.rmSync(path.join(dir, 'java', 'pom.xml'));
    fs.mkdirSync(path.join(dir, 'java', 'pom.xml'));
    const r = runCli(['migrate', '--json'], dir);
    expect(r.code).toBe(2);
    const report = entries(r.stdout);
    expect(report['fifo/Dockerfile'].reason).toBe('cannot read fifo/package.json: is not a regular file');
    expect(report['java/Dockerfile'].reason).toBe('cannot read java/pom.xml: is a folder');
    expect(report['ok/Dockerfile'].status).toBe('migrated');
  });

  // Root reads a mode-000 file anyway: as root the run is switched to `nobody` (spawn's uid option).
  const root = process.getuid?.() === 0;
  const nobody = 65534;
  const canSwitch =
    !root ||
    spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], {
      uid: nobody,
      gid: nobody,
    }).status === 0;
  const runAs = (args: string[], cwd: string) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      ...(root ? { uid: nobody, gid: nobody } : {}),
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  /** Skipped and dev services that would be migrated if their manifests were taken for missing. */
  function locked() {
    const dir = tempProject({
      ...service('java/', { ...JAVA_SERVICE, 'pom.xml': OTHER_FINAL_NAME }),
      ...service('dev/', DEV_SERVICE),
      ...service('ok/'),
    });
    // The other user must reach every folder; the two manifests alone are then closed.
    const open = (p: string) => {
      fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o777 : 0o666);
      if (fs.statSync(p).isDirectory()) for (const n of fs.readdirSync(p)) open(path.join(p, n));
    };
    open(dir);
    const readable = entries(runAs(['migrate', '--json'], dir).stdout);
    expect([readable['java/Dockerfile'].status, readable['dev/Dockerfile'].status]).toEqual([
      'skipped',
      'skipped',
    ]);
    fs.chmodSync(path.join(dir, 'java', 'pom.xml'), 0o000);
    fs.chmodSync(path.join(dir, 'dev', 'package.json'), 0o000);
    return dir;
  }

  (canSwitch ? it : it.skip)(
    'mode 000 manifests (--no-config): errors for those services, not migrated',
    () => {
      const dir = locked();
      const r = runAs(['migrate', '--no-config', '--json'], dir);
      expect(r.code).toBe(2);
      const report = entries(r.stdout);
      expect(report['java/Dockerfile']).toMatchObject({
        status: 'error',
        reason: 'cannot read java/pom.xml: permission denied',
      });
      expect(report['dev/Dockerfile']).toMatchObject({
        status: 'error',
        reason: 'cannot read dev/package.json: permission denied',
      });
      expect(report['ok/Dockerfile'].status).toBe('migrated');
      expect(r.stderr).not.toMatch(STACK_TRACE);
    },
  );

  (canSwitch ? it : it.skip)(
    'a mode 000 package.json met while loading config: one line for that service',
    () => {
      const dir = locked();
      const before = snapshot(dir);
      const r = runAs(['migrate', '--write', '--json'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr).not.toMatch(/internal error/);
      const report = entries(r.stdout);
      expect(report['dev/Dockerfile']).toMatchObject({
        status: 'error',
        reason: 'cannot read dev/package.json (looking for "dockerize-ms" options): permission denied',
      });
      expect(report['java/Dockerfile'].reason).toBe('cannot read java/pom.xml: permission denied');
      expect(report['ok/Dockerfile'].status).toBe('migrated');
      const after = snapshot(dir);
      for (const rel of before.keys())
        if (!rel.startsWith('ok/')) expect(after.get(rel)).toBe(before.get(rel));
      expect(after.get('ok/Dockerfile')).toMatch(/AS runtime/);
    },
  );
});
