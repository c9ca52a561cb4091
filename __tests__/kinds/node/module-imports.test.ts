import { fileImports, packageOf } from '../../../src/kinds/node/module-imports';
import { runtimeImports, SCAN_LIMITS } from '../../../src/kinds/node/runtime-imports';
import { project } from '../helpers';
import { withClosed } from '../../helpers/closed-view';
import { UnreadableError } from '../../../src/errors';
import type { ProjectView } from '../../../src/contract/project-view';

const read = (file: string, text: string, elideTypeOnly = true) =>
  fileImports(file, text, { elideTypeOnly }).specifiers.sort();

describe('fileImports', () => {
  it('sees every way CommonJS and ES modules load a package', () => {
    const text = [
      "import a from 'a';",
      "import * as b from 'b';",
      "import 'side-effect';",
      "export * from 'c';",
      "export { d } from 'd';",
      "const e = require('e');",
      'const f = require(`f`);',
      "require.resolve('g');",
      "module.require('h');",
      "const i = await import('i');",
      'a(); b();',
    ].join('\n');
    expect(read('x.mjs', text)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'side-effect']);
  });

  it('leaves out type-only imports and exports', () => {
    const text = [
      "import type { A } from 'types-a';",
      "import { type B, type C } from 'types-b';",
      "export type { D } from 'types-d';",
      "import type E = require('types-e');",
      "import { F } from 'used-as-type';",
      "import { G } from 'used-as-value';",
      'let x: F = new G();',
      'class H implements F {}',
    ].join('\n');
    expect(read('x.ts', text)).toEqual(['used-as-value']);
  });

  it('keeps imports tsc would keep: when told not to elide, and when JSX is around', () => {
    expect(read('x.ts', "import { F } from 'f';\nlet x: F;", false)).toEqual(['f']);
    expect(read('x.tsx', "import React from 'react';\nexport const A = () => <div/>;")).toEqual(['react']);
  });

  it('reads TypeScript with decorators, Flow and JSX in .js files', () => {
    expect(
      read('a.ts', "import { Injectable } from '@nestjs/common';\n@Injectable() export class S {}"),
    ).toEqual(['@nestjs/common']);
    expect(read('b.js', "// @flow\nimport type { T } from 't';\nimport u from 'u';\nu();")).toEqual(['u']);
    expect(read('c.js', "import React from 'react';\nconst el = <div/>;")).toEqual(['react']);
  });

  it('keeps literal and local loads apart from computed ones, and strings that only look like names', () => {
    expect(read('a.js', "require(name); require('./local'); import(`./${x}`);")).toEqual(['./local']);
    const { strings } = fileImports('a.js', "const t = { target: 'pino-pretty' };", { elideTypeOnly: true });
    expect(strings).toContain('pino-pretty');
  });

  it('throws on a file no parser setting reads', () => {
    expect(() => fileImports('a.js', 'this is { not javascript <', { elideTypeOnly: true })).toThrow();
  });
});

describe('fileImports and module names computed at run time', () => {
  const computed = (text: string, file = 'a.mjs') =>
    fileImports(file, text, { elideTypeOnly: true }).computed.map((c) => c.code);

  it.each([
    ['require(name)', 'require(name)'],
    ["await import('pino' + '-pretty')", "import('pino' + '-pretty')"],
    ['await import(`${base}-pretty`)', 'import(`${base}-pretty`)'],
    ['require(...names)', 'require(...names)'],
    ['require.resolve(plugin)', 'require.resolve(plugin)'],
    ['module.require(`${a}/${b}`)', 'module.require(`${a}/${b}`)'],
    // path.join normalises `./lib/x` to `lib/x`: a bare name again.
    ["require(path.join('./lib', name))", "require(path.join('./lib', name))"],
    ['require(path.join(base, name))', 'require(path.join(base, name))'],
    // A let may be assigned anything later; a parameter shadows the const of the same name.
    ["let m = './a'; require(m)", 'require(m)'],
    ["const m = './a'; function f(m) { return require(m); }", 'require(m)'],
    ["const m = './a'; try {} catch (m) { require(m); }", 'require(m)'],
    ['const { m } = cfg; require(m)', 'require(m)'],
  ])('%s is computed', (text, code) => expect(computed(text)).toEqual([code]));

  it.each([
    "require('./routes/' + name)",
    'require(`../locales/${lang}.json`)',
    'import(`/opt/plugins/${name}.js`)',
    "require(__dirname + '/x/' + name)",
    'require(`${__dirname}/x/${name}`)',
    "require(path.join(__dirname, 'routes', file))",
    'require(path.posix.join(__filename, name))',
    'require(path.resolve(name))',
    'require(path.join(process.cwd(), name))',
    "import nodePath from 'node:path'; await import(nodePath.join(import.meta.dirname, name))",
    "import { join as j } from 'path'; require(j(__dirname, name))",
    "const { resolve } = require('node:path'); require(resolve(name))",
    "const p = require('path'); require(p.join(__dirname, name))",
    'await import(new URL(`./plugins/${name}.js`, import.meta.url))',
    "await import(new URL('./x.js', import.meta.url).href)",
    'import { pathToFileURL } from "node:url"; await import(pathToFileURL(path.join(__dirname, f)).href)',
    "const dir = path.join(__dirname, 'jobs'); require(dir)",
    "const a = './a'; const b = a; require(b)",
  ])('%s is local', (text) => expect(computed(text)).toEqual([]));

  it('reads a const holding a literal as that literal, and says where a computed load is', () => {
    expect(read('a.js', "const m = 'pino-pretty'; require(m);")).toEqual(['pino-pretty']);
    const found = fileImports('a.js', 'const x = 1;\nconst y = require(\n  name,\n);', {
      elideTypeOnly: true,
    });
    expect(found.computed).toEqual([{ line: 2, code: 'require( name, )' }]);
    const long = 'a'.repeat(80);
    expect(computed(`require(${long})`)[0]).toMatch(/^require\(a+\.\.\.$/);
  });

  it('leaves loads in type positions alone', () => {
    expect(computed('type T = typeof import("x"); let v: ReturnType<typeof require>;', 'a.ts')).toEqual([]);
  });
});

describe('packageOf', () => {
  it.each([
    ['express', 'express'],
    ['lodash/fp', 'lodash'],
    ['@scope/pkg/sub/path', '@scope/pkg'],
    ['./local', null],
    ['/abs', null],
    ['node:fs', null],
    ['#internal', null],
    ['@scope', null],
  ])('%s -> %s', (spec, name) => expect(packageOf(spec)).toBe(name));
});

describe('runtimeImports', () => {
  it('reads the copied files, leaving out tests, build configs, browser assets and hidden folders', () => {
    const view = project({
      'src/index.ts': "import a from 'a'; a();",
      'src/index.test.ts': "import 'test-only';",
      '__tests__/x.js': "require('test-only-2');",
      'jest.config.js': "require('ts-jest');",
      'vite.config.ts': "import 'vite';",
      'api.vitest.config.ts': "import 'vitest/config';",
      'setupTests.ts': "import '@testing-library/jest-dom';",
      'server/vite.ts': "import { createServer } from 'vite-at-run-time'; createServer();",
      'public/vendor.js': "require('browser-only');",
      '.next/server.js': "require('built');",
      'node_modules/x/index.js': "require('dep-of-dep');",
      'types.d.ts': "import 'declared';",
    });
    const scan = runtimeImports(view, ['.'], true);
    expect(Object.keys(scan.packages).sort()).toEqual(['a', 'vite-at-run-time']);
    expect(scan.packages.a).toBe('src/index.ts');
    expect(scan.incomplete).toBeNull();
  });

  it('reads only what the image copies', () => {
    const view = project({ 'src/a.js': "require('a');", 'scripts/b.js': "require('b');" });
    expect(Object.keys(runtimeImports(view, ['src'], true).packages)).toEqual(['a']);
  });

  it('says the scan is incomplete on a folder it cannot list; a file it cannot read fails the service', () => {
    const files = { 'src/a.js': "require('a');", 'src/secret/b.js': "require('b');" };
    const scan = runtimeImports(withClosed(project(files), ['src/secret']), ['.'], true);
    expect(scan.incomplete?.reason).toBe('src/secret could not be read');
    const unreadable: ProjectView = {
      ...project(files),
      readText: () => {
        throw new UnreadableError('cannot read src/a.js: permission denied');
      },
    };
    expect(() => runtimeImports(unreadable, ['.'], true)).toThrow('cannot read src/a.js: permission denied');
  });

  it('says the scan is incomplete on a file it cannot parse or too many files, instead of guessing', () => {
    const broken = runtimeImports(project({ 'a.js': 'let let let <<<' }), ['.'], true);
    expect(broken.incomplete?.reason).toMatch(/a\.js could not be parsed/);
    const many: Record<string, string> = {};
    for (let i = 0; i < 6; i++) many[`f${i}.js`] = '';
    const limited = runtimeImports(project(many), ['.'], true, { ...SCAN_LIMITS, files: 5 });
    expect(limited.incomplete?.reason).toMatch(/more than 5 source files/);
    const big = runtimeImports(project({ 'a.js': 'x'.repeat(100) }), ['.'], true, {
      ...SCAN_LIMITS,
      fileBytes: 10,
    });
    expect(big.incomplete?.reason).toMatch(/too large/);
  });

  it('says which file and line load a module by a computed name, and what to change', () => {
    const view = project({ 'src/a.js': "require('x');", 'src/b.mjs': "\nawait import('pino' + '-pretty');" });
    expect(runtimeImports(view, ['src'], true).incomplete).toEqual({
      reason:
        "src/b.mjs line 2 loads a module by a name only known at run time (`import('pino' + '-pretty')`)",
      fix: expect.stringMatching(/write the name as a string literal .*or move the devDependencies/),
    });
  });
});
