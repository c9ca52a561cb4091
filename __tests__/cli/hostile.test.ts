// Hostile input through the built binary: each attack ends fast with a per-file error or a usage error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/model';
import { validateOutput } from '../../src/pipeline/validate';
import { BIN, NODE_SERVICE, runCli, tempProject } from '../helpers/cli';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
/** Generous: these tests prove "does not hang", not speed. */
const HANG_MS = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The CLI in a child process that is killed if it outlives `ms`. */
function runBounded(args: string[], cwd: string, env: Record<string, string> = {}, ms = HANG_MS): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: ms,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.signal === 'SIGTERM' };
}

const files = (r: Run) =>
  JSON.parse(r.stdout).files as { path: string; status: string; reason: string | null }[];

const withDockerfile = (dockerfile: string) => tempProject({ ...NODE_SERVICE, Dockerfile: dockerfile });

describe('Dockerfiles Docker refuses', () => {
  const HEAD = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';

  it.each([
    ['USER', 'USER requires exactly one argument (line 5)'],
    ['ENV', 'ENV requires at least one argument (line 5)'],
    ['COPY', 'COPY requires at least two arguments: the sources and a destination (line 5)'],
    ['WORKDIR', 'WORKDIR requires exactly one argument (line 5)'],
    ['LABEL', 'LABEL requires at least one argument (line 5)'],
    ['EXPOSE', 'EXPOSE requires at least one argument (line 5)'],
    ['ARG', 'ARG requires at least one argument (line 5)'],
    ['ADD', 'ADD requires at least two arguments: the sources and a destination (line 5)'],
    ['VOLUME', 'VOLUME requires at least one argument (line 5)'],
    ['HEALTHCHECK', 'HEALTHCHECK requires at least one argument (line 5)'],
    ['STOPSIGNAL', 'STOPSIGNAL requires exactly one argument (line 5)'],
    ['ONBUILD', 'ONBUILD requires at least one argument (line 5)'],
    ['SHELL', 'SHELL requires at least one argument (line 5)'],
    ['MAINTAINER', 'MAINTAINER requires exactly one argument (line 5)'],
  ])('a bare %s is an error for that file, with its line, and nothing is written', (keyword, reason) => {
    const text = `${HEAD}${keyword}\nCMD ["node", "server.js"]\n`;
    const dir = withDockerfile(text);
    const r = runBounded(['migrate', '.', '--json', '--write'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(files(r)).toEqual([expect.objectContaining({ path: 'Dockerfile', status: 'error', reason })]);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(text);
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(false);
  });

  it('an unterminated heredoc is an error; no runtime stage lands in it, however often it is run', () => {
    const text = `${HEAD}RUN <<EOF\necho building\nCMD ["node", "server.js"]\n`;
    const dir = withDockerfile(text);
    for (let run = 0; run < 2; run++) {
      const r = runBounded(['migrate', '.', '--json', '--write'], dir);
      expect(r.code).toBe(2);
      expect(files(r)[0]).toMatchObject({ status: 'error', reason: 'unterminated heredoc <<EOF (line 5)' });
    }
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(text);
  });

  it('a 70 KB line is an error naming the line, and one 50 MB line ends at once', () => {
    const long = withDockerfile(`${HEAD}RUN echo ${'x'.repeat(70_000)}\nCMD ["node", "server.js"]\n`);
    const r = runBounded(['migrate', '.', '--json'], long);
    expect(r.code).toBe(2);
    expect(files(r)[0].reason).toBe(
      'line of 70009 bytes: Docker reads lines of at most 65535 bytes (line 5)',
    );

    const huge = withDockerfile(`${HEAD}RUN echo ${'x'.repeat(50 * 1024 * 1024)}\n`);
    const h = runBounded(['migrate', '.', '--json'], huge);
    expect(h.timedOut).toBe(false);
    expect(h.code).toBe(2);
    expect(files(h)[0].reason).toMatch(/^file of 50\.0 MB: Dockerfiles over 1 MB are not read/);
  });

  it('accepts a last line ending in \\ without a final newline; the output is valid and a second run changes nothing', () => {
    const text = `${HEAD}CMD ["node", "server.js"]\nRUN echo done \\`;
    const dir = withDockerfile(text);
    const first = runBounded(['migrate', '.', '--json', '--write'], dir);
    expect(first.code).toBe(0);
    expect(files(first)[0].status).toBe('migrated');
    const written = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(written).toContain('RUN echo done\n');
    expect(written).not.toContain('\\');
    expect(validateOutput(parseDockerfile(text), written)).toEqual([]);
    expect(parseDockerfile(written).stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    const second = runBounded(['migrate', '.', '--json', '--write'], dir);
    expect(files(second)[0].status).toBe('skipped');
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(written);
  });
});

describe('hostile project files', () => {
  const MAVEN =
    'FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY pom.xml .\nCOPY src ./src\nRUN mvn -B package\nCMD ["java", "-jar", "target/app.jar"]\n';
  const pomProject = (pom: string) => tempProject({ Dockerfile: MAVEN, 'pom.xml': pom, 'src/A.java': '' });

  it('a 500-byte pom whose properties expand tenfold is an error for that service, not a crash', () => {
    let props = '<a0>x</a0>';
    for (let i = 1; i < 10; i++) props += `<a${i}>${('${a' + (i - 1) + '}').repeat(10)}</a${i}>`;
    const pom = `<project><artifactId>app</artifactId><version>1</version><properties>${props}</properties><build><finalName>\${a9}</finalName></build></project>`;
    const r = runBounded(['migrate', '.', '--json'], pomProject(pom));
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(files(r)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/^pom\.xml: .* expands to more than 10000 characters/),
    });
  });

  it.each([20_000, 200_000])('a pom nested %i deep is an error for that service, at once', (depth) => {
    const pom = `<project><artifactId>app</artifactId>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</project>`;
    const r = runBounded(['migrate', '.', '--json'], pomProject(pom));
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(files(r)[0]).toMatchObject({
      status: 'error',
      reason: 'pom.xml: elements nested more than 256 deep (a limit of this tool)',
    });
  });

  it('a build.gradle with 30,000 bootJar blocks migrates without stalling', () => {
    const dir = tempProject({
      Dockerfile:
        'FROM gradle:8-jdk17\nWORKDIR /app\nCOPY . .\nRUN gradle bootJar\nCMD ["java", "-jar", "build/libs/app.jar"]\n',
      'build.gradle':
        "plugins { id 'org.springframework.boot' version '3.2.0'\n id 'java' }\n" +
        'bootJar {\n'.repeat(30_000),
      'settings.gradle': "rootProject.name = 'app'\n",
    });
    const r = runBounded(['migrate', '.', '--json'], dir);
    expect(r.timedOut).toBe(false);
    expect(files(r)[0].status).toBe('migrated');
  });

  it('an alias bomb in --mappings is a usage error: exit 2, one line, no stack trace', () => {
    let bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 0; i < 9; i++)
      bomb += `b${i}: &b${i} [${Array(10)
        .fill(i ? `*b${i - 1}` : '*a')
        .join(', ')}]\n`;
    const dir = tempProject({ ...NODE_SERVICE, 'bomb.yaml': bomb + 'packages: *b8\n' });
    const r = runBounded(['migrate', '.', '--mappings', 'bomb.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toMatch(
      /^dockerize-ms: mappings file .*bomb\.yaml line 2: its aliases expand more than 100 times/,
    );
  });
});

describe('user transforms run where they can be stopped', () => {
  const TRANSFORM = `module.exports = {
  meta: { name: 'hang-test', description: 'loops forever on LABEL hang=1, takes 0.4 s on LABEL slow=1' },
  transform(model) {
    if (model.text.includes('hang=1')) for (;;) {}
    if (model.text.includes('slow=1')) { const end = Date.now() + 400; while (Date.now() < end) {} }
    return { edits: [{ start: 0, end: 0, text: '# touched\\n' }], notes: [] };
  },
};
`;
  const ENV = { DOCKERIZE_MS_FILE_TIMEOUT: '2' };
  // In the thread's CPU time where the OS tells (Linux), else on the wall clock; either way naming the transform.
  const STOPPED = expect.stringMatching(
    /^stopped: still running (after 2 s of CPU time|2 s after it started), in transform hang-test \(\.\/hang\.js\)$/,
  );

  const service = (label: string | null) =>
    `FROM node:20\n${label ? `LABEL ${label}\n` : ''}CMD ["node", "x.js"]\n`;

  it.each([[[]], [['--jobs', '1']]])(
    'one that never returns is stopped with one file %j, as an error for it',
    (extra) => {
      const dir = tempProject({ 'hang.js': TRANSFORM, Dockerfile: service('hang=1') });
      const r = runBounded(['migrate', '.', '--json', '-t', './hang.js', ...extra], dir, ENV);
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(2);
      expect(files(r)).toEqual([
        expect.objectContaining({ path: 'Dockerfile', status: 'error', reason: STOPPED }),
      ]);
    },
  );

  it('one that never returns is stopped among many files; slow healthy files are not, and --jobs 1 and 4 agree', () => {
    const project: Record<string, string> = { 'hang.js': TRANSFORM };
    for (let i = 0; i < 30; i++) project[`s${String(i).padStart(2, '0')}/Dockerfile`] = service(null);
    project['s07/Dockerfile'] = service('hang=1');
    // Eight slow files in a row: with --jobs 1 they wait 3 s in the queue, more than the 2 s limit.
    for (let i = 10; i < 18; i++) project[`s${i}/Dockerfile`] = service('slow=1');
    const dir = tempProject(project);
    const report = (jobs: string) => {
      const r = runBounded(['migrate', '.', '--json', '-t', './hang.js', '--jobs', jobs], dir, ENV);
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(2);
      const parsed = JSON.parse(r.stdout);
      parsed.summary.ms = 0;
      return parsed;
    };
    const one = report('1');
    expect(report('4')).toEqual(one);
    expect(one.summary).toMatchObject({ files: 30, migrated: 29, error: 1 });
    expect(one.files.filter((f: { status: string }) => f.status === 'error')).toEqual([
      expect.objectContaining({ path: 's07/Dockerfile', reason: STOPPED }),
    ]);
  });

  it('a transform that allocates without end fails its own file only', () => {
    const OOM = `module.exports = {
  meta: { name: 'oom-test', description: 'allocates without end on LABEL oom=1' },
  transform(model) {
    if (model.text.includes('oom=1')) { const keep = []; for (;;) keep.push(new Array(1e6).fill(1)); }
    return { edits: [{ start: 0, end: 0, text: '# touched\\n' }], notes: [] };
  },
};
`;
    const dir = tempProject({
      'oom.js': OOM,
      'a/Dockerfile': service('oom=1'),
      'b/Dockerfile': service(null),
    });
    const r = runBounded(['migrate', '.', '--json', '-t', './oom.js'], dir);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(files(r).map((f) => [f.path, f.status, f.reason])).toEqual([
      [
        'a/Dockerfile',
        'error',
        'stopped: used more than 1024 MB of memory, in transform oom-test (./oom.js)',
      ],
      ['b/Dockerfile', 'migrated', null],
    ]);
  });

  it('refuses a time limit that is not a number of seconds', () => {
    const dir = tempProject({ 'hang.js': TRANSFORM, Dockerfile: service(null) });
    const r = runCli(['migrate', '.', '-t', './hang.js'], dir, { DOCKERIZE_MS_FILE_TIMEOUT: 'soon' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DOCKERIZE_MS_FILE_TIMEOUT must be a number of seconds above 0/);
  });
});

describe('--jobs out of range', () => {
  it.each(['1000', '1e9'])('--jobs %s is capped with a note on stderr, and the run is the same', (jobs) => {
    const dir = tempProject(NODE_SERVICE);
    const plain = runCli(['migrate', '.'], dir);
    const r = runBounded(['migrate', '.', '--jobs', jobs], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`^dockerize-ms: --jobs ${Number(jobs)} is more than this machine can use; using \\d+\\n`),
    );
    expect(r.stdout).toBe(plain.stdout);
  });

  it.each(['2.5', 'many', '0', '-1'])('--jobs %s is a usage error', (jobs) => {
    const r = runCli(['migrate', '.', '--jobs', jobs], tempProject(NODE_SERVICE));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs must be a whole number of at least 1/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('an ignore file whose pattern would make backtracking regexps run for hours', () => {
  it('is an error for that service, at once, and nothing is written', () => {
    const dir = tempProject({
      ...NODE_SERVICE,
      '.dockerignore': `${'*a'.repeat(12)}*b\n`,
      [`${'a'.repeat(60)}`]: 'x',
    });
    const before = fs.readFileSync(path.join(dir, 'Dockerfile'));
    const r = runBounded(['migrate', '.', '--json', '--write'], dir);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(files(r)[0]).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('wildcards in one path segment'),
    });
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'))).toEqual(before);
  });
});
