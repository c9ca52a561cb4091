// Config file content: what each option accepts, and problems that name the key at fault.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkConfig, ConfigProblem, readUserOption } from '../../src/config/schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-schema-'));
fs.writeFileSync(path.join(dir, 'map.yaml'), 'images: {}\n');
fs.writeFileSync(path.join(dir, 'mine.js'), 'module.exports = {};\n');
const ctx = { dir, transformNames: ['node-multistage', 'java-multistage'] };

function problem(value: unknown): ConfigProblem {
  try {
    checkConfig(value, ctx);
  } catch (error) {
    if (error instanceof ConfigProblem) return error;
    throw error;
  }
  throw new Error('no problem found');
}

describe('checkConfig', () => {
  it('reads every option, resolving paths from the config file’s folder', () => {
    const config = checkConfig(
      {
        root: true,
        runtime: 'slim',
        user: 'svc:apps',
        mappings: 'map.yaml',
        builtinMappings: false,
        transforms: ['node-multistage', './mine.js'],
        springLayers: true,
        strict: true,
        dockerignore: false,
        skip: '  migrated by hand  ',
        overrides: [{ files: './services/*', excludeFiles: 'services/x', user: 'keep', skip: false }],
      },
      ctx,
    );
    expect(config).toEqual({
      root: true,
      options: {
        runtime: 'slim',
        user: { name: 'svc:apps' },
        mappings: path.join(dir, 'map.yaml'),
        builtinMappings: false,
        transforms: ['node-multistage', path.join(dir, 'mine.js')],
        springLayers: true,
        strict: true,
        dockerignore: false,
        skip: 'migrated by hand',
      },
      overrides: [
        { files: ['services/*'], excludeFiles: ['services/x'], options: { user: 'keep', skip: false } },
      ],
      modules: [{ file: path.join(dir, 'mine.js'), written: './mine.js', at: ['transforms', 1] }],
    });
  });

  it('takes an empty file as an empty config', () => {
    expect(checkConfig(undefined, ctx)).toEqual({ root: false, options: {}, overrides: [], modules: [] });
  });

  it('refuses a transform module that is not there, at its list item, as written', () => {
    const listed = problem({ overrides: [{ files: 'a', transforms: ['node-multistage', './nope.js'] }] });
    expect(listed.path).toEqual(['overrides', 0, 'transforms', 1]);
    expect(listed.message).toBe(
      "overrides[0].transforms[1]: ./nope.js: no such file (module paths are relative to the config file's folder)",
    );
    expect(problem({ transforms: '../nope.mjs' }).path).toEqual(['transforms']);
  });

  it.each([
    [{ runtime: 'tiny' }, ['runtime'], /runtime: "tiny" is not one of alpine, slim, distroless, jre/],
    [
      { 'spring-layers': true },
      ['spring-layers'],
      /unknown key "spring-layers" \(did you mean "springLayers"\?\)/,
    ],
    [{ skip: true }, ['skip'], /give the reason as text/],
    [{ user: 'root' }, ['user'], /`root` is not a user to add: `keep`/],
    [{ user: 'Bad Name' }, ['user'], /not "keep", "default" or a user name/],
    [{ transforms: ['nope'] }, ['transforms'], /unknown transform "nope"/],
    [{ mappings: 'missing.yaml' }, ['mappings'], /missing\.yaml: no such file/],
    [{ dockerignore: 'no' }, ['dockerignore'], /must be true or false/],
    [{ overrides: {} }, ['overrides'], /must be a list/],
    [{ overrides: [{ runtime: 'slim' }] }, ['overrides', 0], /overrides\[0\]: files: is missing/],
    [
      { overrides: [{ files: '../elsewhere' }] },
      ['overrides', 0, 'files'],
      /leaves the config file's folder/,
    ],
    [{ overrides: [{ files: ['a', '/abs'] }] }, ['overrides', 0, 'files', 1], /"\/abs" leaves/],
    [{ overrides: [{ files: 'a', root: true }] }, ['overrides', 0, 'root'], /unknown key "root"/],
    [{ overrides: [{ files: 'a', runtime: 'x' }] }, ['overrides', 0, 'runtime'], /overrides\[0\]\.runtime:/],
  ])('%j is refused at %j', (value, at, message) => {
    const found = problem(value);
    expect(found.path).toEqual(at);
    expect(found.message).toMatch(message);
  });
});

describe('readUserOption', () => {
  it('reads keep, default, names, uids and groups', () => {
    expect(readUserOption('keep')).toBe('keep');
    expect(readUserOption('default')).toBe('default');
    expect(readUserOption('svc')).toEqual({ name: 'svc' });
    expect(readUserOption('svc:apps')).toEqual({ name: 'svc:apps' });
    expect(readUserOption('10001:10001')).toEqual({ name: '10001:10001' });
  });

  it('refuses root and names a shell would read as more than a name', () => {
    for (const bad of ['root', '0', 'root:root', 'a b', 'svc;rm', '$(id)', '', 'x'.repeat(40)])
      expect(typeof readUserOption(bad)).toBe('string');
  });
});
