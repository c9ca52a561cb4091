import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../src/errors';
import { builtinMappingsFile, loadMappings, parseMappingsText } from '../../src/images/load-mappings';
import type { Mappings } from '../../src/images/mappings';
import { translateRunToAlpine } from '../../src/alpine/packages';
import { parseDockerfile } from '../../src/dockerfile/model';
import { runtimeImage } from '../../src/images/runtime-image';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerize-ms-mappings-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a mapping file into the temp folder and returns its path. */
function file(name: string, text: string): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, text);
  return at;
}

const pick = (mappings: Mappings, image: string, kind: 'node' | 'java' = 'java') => {
  const choice = runtimeImage({ image, args: new Map(), kind, flavour: null, mappings });
  return choice.ok ? choice.image : `refused: ${choice.reason}`;
};

describe('the built-in table', () => {
  it('has image rules, packages and facts', () => {
    const mappings = loadMappings(null, true);
    expect(mappings.images).toContainEqual({ match: 'openjdk', image: 'eclipse-temurin', origin: 'builtin' });
    expect(mappings.packages['build-essential']).toBe('build-base');
    expect(mappings.packages['libpq-dev']).toBe('postgresql-dev');
    expect(mappings.registry).toBeNull();
    expect(mappings.facts?.nodeEol['20']).toBe('2026-04-30');
    expect(mappings.facts?.nodeEol['22']).toBeUndefined();
  });

  it('survives the build step: checked, written as JSON, read back the same', () => {
    const yamlPath = path.join(__dirname, '../../src/images/builtin-mappings.yaml');
    const built = JSON.parse(
      JSON.stringify(parseMappingsText(fs.readFileSync(yamlPath, 'utf8'), yamlPath, true)),
    );
    expect(built).toEqual(builtinMappingsFile());
  });

  it('leaves rules and packages out with --no-builtin, but keeps the facts', () => {
    const mappings = loadMappings(null, false);
    expect(mappings.images).toEqual([]);
    expect(mappings.packages).toEqual({});
    expect(mappings.facts?.distroless.nodejs['20']).toBe('gcr.io/distroless/nodejs20-debian12');
    expect(pick(mappings, 'openjdk:17')).toMatch(
      /refused: no images: rule names the runtime image for openjdk:17/,
    );
    expect(pick(mappings, 'eclipse-temurin:17-jdk')).toBe('eclipse-temurin:17-jre');
  });
});

describe('a user mapping file laid over the table', () => {
  it('tries user rules before built-in ones', () => {
    const mappings = loadMappings(file('vendor.yaml', 'images:\n  openjdk: azul/zulu-openjdk\n'), true);
    expect(pick(mappings, 'openjdk:17-jdk')).toBe('azul/zulu-openjdk:17-jre');
    expect(pick(mappings, 'maven:3.9-eclipse-temurin-17')).toBe('eclipse-temurin:17-jre');
    expect(mappings.images[0]).toEqual({ match: 'openjdk', image: 'azul/zulu-openjdk', origin: 'user' });
  });

  it('names the user rule in the note', () => {
    const mappings = loadMappings(
      file('corp.yaml', 'images:\n  eclipse-temurin: registry.corp.example/base/temurin\n'),
      true,
    );
    const choice = runtimeImage({
      image: 'eclipse-temurin:17-jdk',
      args: new Map(),
      kind: 'java',
      flavour: null,
      mappings,
    });
    expect(choice).toMatchObject({ ok: true, image: 'registry.corp.example/base/temurin:17-jre' });
    expect(choice.ok && choice.notes.map((n) => n.message).join('\n')).toMatch(
      /rule "eclipse-temurin: registry.corp.example\/base\/temurin" \(your mapping file\)/,
    );
    expect(choice.ok && choice.notes.map((n) => n.id)).toContain('tag-scheme-guessed');
  });

  it('matches name:tag globs', () => {
    const mappings = loadMappings(
      file(
        'globs.yaml',
        "images:\n  'maven:*-openjdk-*': sapmachine\n  'node:16*': registry.example.com/legacy/node\n",
      ),
      true,
    );
    expect(pick(mappings, 'maven:3.8-openjdk-17')).toBe('sapmachine:17-jre');
    expect(pick(mappings, 'maven:3.9-eclipse-temurin-17')).toBe('eclipse-temurin:17-jre');
    expect(pick(mappings, 'node:16-bullseye', 'node')).toBe('registry.example.com/legacy/node:16-alpine');
    expect(pick(mappings, 'node:18-bullseye', 'node')).toBe('node:18-alpine');
  });

  it('matches a key with a registry against the full name, and a mirror path by its Docker Hub name', () => {
    const mappings = loadMappings(
      file(
        'registry-keys.yaml',
        'images:\n  registry.example.com:5000/openjdk: registry.example.com:5000/java/temurin\n',
      ),
      true,
    );
    expect(pick(mappings, 'registry.example.com:5000/openjdk:11')).toBe(
      'registry.example.com:5000/java/temurin:11-jre',
    );
    expect(pick(mappings, 'mirror.example.com/hub/openjdk:11')).toBe(
      'mirror.example.com/hub/eclipse-temurin:11-jre',
    );
  });

  it('puts the registry prefix in front of every Docker Hub image it writes', () => {
    const mappings = loadMappings(file('registry.yaml', 'registry: registry.example.com/mirror/\n'), true);
    expect(mappings.registry).toBe('registry.example.com/mirror');
    expect(pick(mappings, 'node:20', 'node')).toBe('registry.example.com/mirror/node:20-alpine');
    expect(pick(mappings, 'node:20-alpine', 'node')).toBe('registry.example.com/mirror/node:20-alpine');
    expect(pick(mappings, 'openjdk:17')).toBe('registry.example.com/mirror/eclipse-temurin:17-jre');
    expect(pick(mappings, 'bellsoft/liberica-openjdk-alpine:17')).toBe(
      'registry.example.com/mirror/bellsoft/liberica-openjre-alpine:17',
    );
    expect(pick(mappings, 'registry.other.example/node:20', 'node')).toBe(
      'registry.other.example/node:20-alpine',
    );
    const distroless = runtimeImage({
      image: 'node:20',
      args: new Map(),
      kind: 'node',
      flavour: 'distroless',
      mappings,
    });
    expect(distroless).toMatchObject({ ok: true, image: 'gcr.io/distroless/nodejs20-debian12' });
  });

  it('replaces and adds package names', () => {
    const mappings = loadMappings(
      file('packages.yml', 'packages:\n  libpq-dev: libpq-dev\n  libfoo1: foo-libs\n'),
      true,
    );
    expect(mappings.packages['libpq-dev']).toBe('libpq-dev');
    expect(mappings.packages['build-essential']).toBe('build-base');
    const [ins] = parseDockerfile('FROM x\nRUN apt-get install -y libpq-dev libfoo1 build-essential\n')
      .stages[0].instructions;
    const run = translateRunToAlpine(ins, '\\', {
      mappings,
      strict: true,
    });
    expect(run).toMatchObject({ ok: true, text: 'RUN apk add --no-cache libpq-dev foo-libs build-base' });
  });

  it('reads JSON too', () => {
    const json = '{\n\t"images": { "openjdk": "sapmachine" },\n\t"registry": "mirror.example.com"\n}\n';
    const mappings = loadMappings(file('mappings.json', json), true);
    expect(pick(mappings, 'openjdk:21')).toBe('mirror.example.com/sapmachine:21-jre');
  });

  it('takes an empty file as no overlay', () => {
    expect(loadMappings(file('empty.yaml', '# nothing yet\n'), true)).toEqual(loadMappings(null, true));
  });
});

describe('a broken mapping file', () => {
  it.each([
    ['broken.yaml', 'images:\n  node: x\n  bad: [\nregistry: r\n', /line \d+: .*(?:flow|indent)/i],
    [
      'unknown-key.yaml',
      'images:\n  node: mirror/node\nimage:\n  java: x\n',
      /line 3: unknown key "image" \(expected images, registry, packages\)/,
    ],
    ['facts.yaml', 'registry: r.example.com\nfacts:\n  nodeEol: {}\n', /line 2: unknown key "facts"/],
    [
      'tag.yaml',
      'images:\n  node: node\n  openjdk: eclipse-temurin:17-jre\n',
      /line 3: images.openjdk: "eclipse-temurin:17-jre" is not an image name \(give the name only/,
    ],
    ['list.yaml', 'images:\n  - node\n', /line 2: images: must map image names/],
    [
      'package.yaml',
      'packages:\n  curl: curl\n  libpq-dev: [postgresql-dev]\n',
      /line 3: packages.libpq-dev: expected one Alpine package name/,
    ],
    [
      'scheme.yaml',
      '# mirror\nregistry: https://registry.example.com\n',
      /line 2: registry: is written without a scheme/,
    ],
    ['duplicate.yaml', 'images:\n  node: a/node\n  node: b/node\n', /line 3: Map keys must be unique/],
    ['syntax.json', '{\n  "images": {\n    "node": "mirror/node",\n  },,\n}\n', /line 4: /],
    ['unknown.json', '{\n  "images": {},\n  "packagess": {}\n}\n', /line 3: unknown key "packagess"/],
  ])('%s is exit 2 with file and line', (name, text, message) => {
    const at = file(name, text);
    let error: unknown;
    try {
      loadMappings(at, true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    if (process.env.SHOW_MESSAGES) console.log((error as Error).message);
    expect((error as Error).message).toContain(`mappings file ${at} line `);
    expect((error as Error).message).toMatch(message);
  });

  it('names a missing file', () => {
    const at = path.join(dir, 'missing.yaml');
    expect(() => loadMappings(at, true)).toThrow(UsageError);
    expect(() => loadMappings(at, true)).toThrow(`mappings file ${at}: no such file`);
  });
});

describe('hostile mapping files', () => {
  const aliasBomb = () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    let previous = 'a';
    for (let i = 0; i < 9; i++) {
      text += `b${i}: &b${i} [${Array(10)
        .fill('*' + previous)
        .join(', ')}]\n`;
      previous = `b${i}`;
    }
    return text + `packages: *${previous}\n`;
  };

  const usageError = (at: string) => {
    try {
      loadMappings(at, true);
    } catch (error) {
      return error as Error;
    }
    return null;
  };

  it('refuses a file that is not a regular one (a FIFO would block, a device never ends)', () => {
    const fifo = file('fifo.yaml', '');
    fs.rmSync(fifo);
    execFileSync('mkfifo', [fifo]);
    expect(usageError(fifo)?.message).toBe(`mappings file ${fifo}: not a regular file`);
    expect(usageError('/dev/zero')?.message).toBe('mappings file /dev/zero: not a regular file');
  });

  it('refuses an alias bomb with a usage error at the first alias, quickly', () => {
    const at = file('bomb.yaml', aliasBomb());
    const started = Date.now();
    const error = usageError(at);
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.message).toBe(
      `mappings file ${at} line 2: its aliases expand more than 100 times, which no mapping table needs`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('still accepts a few aliases', () => {
    const at = file('alias.yaml', 'packages:\n  libpq-dev: &pq postgresql-dev\n  libpq5: *pq\n');
    expect(loadMappings(at, false).packages).toEqual({
      'libpq-dev': 'postgresql-dev',
      libpq5: 'postgresql-dev',
    });
  });

  it.each([
    ['deep.yaml', 'packages: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n'],
    ['deep.json', '{"packages": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}\n'],
  ])('refuses %s nested 100,000 deep with a usage error', (name, text) => {
    const error = usageError(file(name, text));
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.message).toMatch(/line 1: (nested too deeply to read|packages: must map)/);
  });

  it('refuses a file over 1 MB before reading it', () => {
    const at = file('big.yaml', '# pad\n'.repeat(200_000));
    expect(usageError(at)?.message).toBe(
      `mappings file ${at}: 1.1 MB, more than the 1 MB a mapping file may have`,
    );
  });

  it('checks long values in linear time', () => {
    const image = ':'.repeat(200_000) + '/x';
    const at = file('long.yaml', `images:\n  node: "${image}"\nregistry: "r${'/'.repeat(200_000)}x"\n`);
    const started = Date.now();
    expect(usageError(at)?.message).toMatch(/is not an image name/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
