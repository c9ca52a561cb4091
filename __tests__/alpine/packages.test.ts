import fs from 'node:fs';
import path from 'node:path';
import { loadMappings } from '../../src/images/load-mappings';
import { emptyMappings } from '../../src/images/mappings';
import { parseDockerfile } from '../../src/dockerfile/model';
import {
  alpinePackageName,
  aptPackages,
  translateRunToAlpine,
  userCreationCommand,
} from '../../src/alpine/packages';

const mappings = loadMappings(null, true);
/** Translates the one instruction of a Dockerfile made of `text`, as the model reads it. */
const translate = (text: string, escape: string, options: Parameters<typeof translateRunToAlpine>[2]) => {
  const directive = escape === '\\' ? '' : `# escape=${escape}\n`;
  const [ins] = parseDockerfile(`${directive}FROM x\n${text}\n`).stages[0].instructions;
  return translateRunToAlpine(ins, escape, options);
};
const opts = { mappings, strict: false };
const FIXTURES = path.join(__dirname, 'fixtures/run');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8').replace(/\n$/, '');
const cases = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.input.Dockerfile'))
  .map((f) => f.replace('.input.Dockerfile', ''))
  .sort();

describe('translateRunToAlpine goldens', () => {
  it('has at least 15 real-world cases, including ones that must not be translated', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(
      cases.filter((c) => fs.existsSync(path.join(FIXTURES, `${c}.reason.txt`))).length,
    ).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)('%s', (name) => {
    const input = read(`${name}.input.Dockerfile`);
    const result = translate(input, '\\', opts);
    if (fs.existsSync(path.join(FIXTURES, `${name}.reason.txt`))) {
      expect(result).toEqual({ ok: false, reason: expect.stringContaining(read(`${name}.reason.txt`)) });
      return;
    }
    expect(result.ok && result.text).toBe(read(`${name}.output.Dockerfile`));
    // A second pass finds nothing left to translate.
    if (result.ok && result.text)
      expect(translate(result.text, '\\', opts)).toEqual({
        ok: true,
        text: result.text,
        notes: [],
      });
  });
});

describe('translateRunToAlpine', () => {
  it('keeps CRLF line endings', () => {
    const input =
      'RUN apt-get update \\\r\n    && apt-get install -y curl \\\r\n    && rm -rf /var/lib/apt/lists/*';
    expect(translate(input, '\\', opts)).toMatchObject({
      ok: true,
      text: 'RUN apk add --no-cache curl',
    });
    const multi = 'RUN apt-get install -y \\\r\n      curl \\\r\n      git';
    expect(translate(multi, '\\', opts)).toMatchObject({
      ok: true,
      text: 'RUN apk add --no-cache \\\r\n      curl \\\r\n      git',
    });
  });

  it('follows the escape directive', () => {
    const input =
      'RUN apt-get update `\n    && apt-get install -y build-essential `\n    && rm -rf /var/lib/apt/lists/*';
    expect(translate(input, '`', opts)).toMatchObject({
      ok: true,
      text: 'RUN apk add --no-cache build-base',
    });
  });

  it('notes every change: translated packages, unknown names, dropped steps', () => {
    const result = translate(
      'RUN apt-get update && apt-get install -y libpq-dev libgtk-3-0 apt-transport-https && rm -rf /var/lib/apt/lists/*',
      '\\',
      opts,
    );
    expect(result).toEqual({
      ok: true,
      text: 'RUN apk add --no-cache postgresql-dev libgtk-3-0',
      notes: [
        { id: 'apt-step-dropped', message: expect.stringContaining('`apt-get update` dropped') },
        {
          id: 'apt-translated',
          message:
            'apt-get install libpq-dev libgtk-3-0 apt-transport-https -> apk add --no-cache postgresql-dev libgtk-3-0',
        },
        { id: 'package-unknown', message: expect.stringContaining('libgtk-3-0: kept as written') },
        { id: 'package-dropped', message: expect.stringContaining('apt-transport-https') },
        { id: 'apt-step-dropped', message: expect.stringContaining('`rm -rf /var/lib/apt/lists/*` dropped') },
      ],
    });
  });

  it('makes an unknown package an error with --strict', () => {
    expect(translate('RUN apt-get install -y libgtk-3-0', '\\', { mappings, strict: true })).toEqual({
      ok: false,
      reason: 'no known Alpine package for libgtk-3-0 (--strict)',
    });
  });

  it('lets an installed bash run', () => {
    const result = translate('RUN apt-get install -y bash && bash -c "echo ok"', '\\', opts);
    expect(result).toMatchObject({ ok: true, text: 'RUN apk add --no-cache bash && bash -c "echo ok"' });
    expect(result.ok && translate(result.text, '\\', opts)).toMatchObject({ ok: true, notes: [] });
    expect(translate('RUN bash -c "echo ok"', '\\', opts)).toEqual({
      ok: false,
      reason: 'it runs bash, which alpine does not have',
    });
  });

  it.each([
    ['RUN ["apt-get", "install", "-y", "curl"]', /exec-form/],
    ['RUN <<EOF\napt-get update\nEOF', /heredoc/],
    ['RUN (apt-get update && apt-get install -y curl)', /grouped in \( \)/],
    ['RUN apt-get install -y "curl', /unclosed quote/],
    ['RUN apt-get install -y libc6:i386', /not a plain package name/],
    ['RUN apt-get install -y $(cat /tmp/packages.txt | tr "\\n" " ")', /package list comes from the shell/],
    ['RUN apt-get source nginx', /has no apk counterpart/],
    ['COPY apt-get /x', /not a RUN instruction/],
  ])('refuses %s', (input, reason) => {
    expect(translate(input, '\\', opts)).toEqual({
      ok: false,
      reason: expect.stringMatching(reason),
    });
  });

  it.each([
    ['RUN adduser --quiet app sudo', 'RUN adduser app sudo'],
    ['RUN useradd --no-log-init -r -g app app', 'RUN adduser -S -G app -H app'],
    ['RUN usermod -a -G docker jenkins', 'RUN addgroup jenkins docker'],
    [
      'RUN adduser --system --group --home /srv/app --shell /usr/sbin/nologin app',
      'RUN addgroup -S app && adduser -S -G app -h /srv/app -s /sbin/nologin app',
    ],
    ['RUN useradd -N -m worker', 'RUN adduser -D -G users worker'],
    [
      'RUN groupadd -r app && useradd -rms /bin/sh -u1001 -g app app',
      'RUN addgroup -S app && adduser -S -u 1001 -G app -s /bin/sh app',
    ],
    [
      'RUN usermod --groups=docker,audio --append jenkins',
      'RUN addgroup jenkins docker && addgroup jenkins audio',
    ],
  ])('translates %s', (input, output) => {
    expect(translate(input, '\\', opts)).toMatchObject({ ok: true, text: output });
  });

  it.each([
    ['RUN groupadd -f docker', /no --force/],
    ['RUN useradd -p secret app', /option -p has no busybox counterpart/],
    ['RUN useradd -u 1001 -g 1001 app', /group 1001 is named by number/],
    ['RUN usermod -aG docker --uid=1001', /busybox has no usermod/],
    ['RUN localedef -i en_US -f UTF-8 en_US.UTF-8', /localedef is a Debian tool/],
    ['RUN apt-file update', /apt-file is a Debian tool/],
    ['RUN useradd -k /etc/skel app -u', /option -u has no busybox counterpart/],
  ])('refuses %s', (input, reason) => {
    expect(translate(input, '\\', opts)).toEqual({
      ok: false,
      reason: expect.stringMatching(reason),
    });
  });

  it('returns a RUN with nothing to translate untouched', () => {
    const input = 'RUN mkdir -p /app \\\n  # the data folder\n  && chown node:node /app';
    expect(translate(input, '\\', opts)).toEqual({ ok: true, text: input, notes: [] });
  });
});

describe('aptPackages', () => {
  it.each([
    [
      'apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*',
      ['python3', 'make', 'g++'],
    ],
    [
      'DEBIAN_FRONTEND=noninteractive apt-get -qq install -y -o Dpkg::Options::=--force-confold curl',
      ['curl'],
    ],
    ['apt install -y git; apt-get install --yes openssh-client', ['git', 'openssh-client']],
    ['apt-get remove -y curl && npm ci', []],
    ['npm ci', []],
  ])('%s', (body, names) => {
    expect(aptPackages(body)).toEqual(names);
  });
});

describe('alpinePackageName', () => {
  it.each([
    ['build-essential', 'build-base'],
    ['python3', 'python3'],
    ['libpq-dev', 'postgresql-dev'],
    ['libssl-dev', 'openssl-dev'],
    ['dnsutils', 'bind-tools'],
    ['apt-transport-https', ''],
    ['libgtk-3-0', null],
  ])('%s -> %s', (debian, alpine) => {
    expect(alpinePackageName(debian, mappings)).toBe(alpine);
  });

  it('knows nothing without a table', () => {
    expect(alpinePackageName('curl', emptyMappings())).toBeNull();
  });
});

describe('userCreationCommand', () => {
  it.each([
    ['alpine', { user: 'app' }, 'addgroup -S app && adduser -S -G app app'],
    ['debian', { user: 'app' }, 'groupadd --system app && useradd --system --gid app app'],
    [
      'alpine',
      { user: 'app', group: 'web', uid: 1001, gid: 1001, home: '/app', shell: '/sbin/nologin' },
      'addgroup -S -g 1001 web && adduser -S -u 1001 -G web -h /app -s /sbin/nologin app',
    ],
    [
      'debian',
      { user: 'app', group: 'web', uid: 1001, gid: 1001, home: '/app', shell: '/usr/sbin/nologin' },
      'groupadd --system --gid 1001 web && useradd --system --uid 1001 --gid web --home-dir /app --create-home --shell /usr/sbin/nologin app',
    ],
    // `useradd -m` without -d: the default home (/home/svc) is made; busybox makes it unless -H.
    [
      'debian',
      { user: 'svc', uid: 10001, createHome: true },
      'groupadd --system svc && useradd --system --uid 10001 --gid svc --create-home svc',
    ],
    [
      'alpine',
      { user: 'svc', uid: 10001, createHome: true },
      'addgroup -S svc && adduser -S -u 10001 -G svc svc',
    ],
    ['alpine', { user: 'app', system: false }, 'addgroup app && adduser -D -G app app'],
    ['debian', { user: 'app', system: false, uid: 1000 }, 'groupadd app && useradd --uid 1000 --gid app app'],
  ] as const)('%s %j', (family, spec, command) => {
    expect(userCreationCommand(family, spec)).toBe(command);
  });

  it('writes a command the alpine translation leaves alone', () => {
    const command = `RUN ${userCreationCommand('alpine', { user: 'app', uid: 1001 })}`;
    expect(translate(command, '\\', opts)).toEqual({ ok: true, text: command, notes: [] });
  });
});
