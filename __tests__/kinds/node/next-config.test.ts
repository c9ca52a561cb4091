import { contextFolders, readNextConfig } from '../../../src/kinds/node/next-config';
import { project } from '../helpers';

/** What the config file says, read as `next.config.<ext>`. */
const read = (text: string, ext = 'js') => readNextConfig(project({ [`next.config.${ext}`]: text }), '.');
const standalone = (text: string, ext = 'js') => read(text, ext).standalone;

describe('readNextConfig', () => {
  it('accepts an exported object literal that sets output itself, however it is exported', () => {
    const configs: Array<[string, string]> = [
      ["module.exports = { output: 'standalone' };", 'cjs'],
      ["const nextConfig = { output: 'standalone' };\nmodule.exports = nextConfig;", 'js'],
      ['const nextConfig = { "output": "standalone" };\nexport default nextConfig;', 'mjs'],
      [
        "import type { NextConfig } from 'next';\nconst config: NextConfig = { output: `standalone` };\nexport default config;",
        'ts',
      ],
      ["export default { output: 'standalone' } satisfies import('next').NextConfig;", 'mts'],
      ["const withA = require('a')();\nmodule.exports = withA({ output: 'standalone' });", 'js'],
      ["const c = { output: 'standalone' };\nexport default withB(withA(c), { other: 1 });", 'mjs'],
      ["module.exports = (phase) => ({ output: 'standalone' });", 'js'],
      [
        "module.exports = async (phase) => {\n  const base = 1;\n  return { output: 'standalone', webpack(config) { return config; } };\n};",
        'js',
      ],
      ["export default function config() {\n  return { output: 'standalone' };\n}", 'mjs'],
      ["function config() { return { output: 'standalone' }; }\nmodule.exports = config;", 'js'],
      ["module.exports = { ['output']: 'standalone', distDir: 'build' };", 'js'],
    ];
    for (const [text, ext] of configs) expect([text, standalone(text, ext)]).toEqual([text, true]);
    expect(read("module.exports = { output: 'standalone', distDir: 'build' }")).toEqual({
      file: 'next.config.js',
      standalone: true,
      distDir: 'build',
    });
  });

  it('refuses anything the build may not turn into .next/standalone', () => {
    const configs = [
      // The audit case: only when the build sets STANDALONE=1, which the Dockerfile never does.
      "const nextConfig = {\n  ...(process.env.STANDALONE === '1' ? { output: 'standalone' } : {}),\n};\nexport default nextConfig;",
      "module.exports = { output: process.env.OUTPUT ?? 'standalone' };",
      "module.exports = { output: isCI ? 'standalone' : undefined };",
      "module.exports = { output: 'standalone', ...base };",
      "module.exports = { output: 'standalone', output: 'export' };",
      "module.exports = { output: 'standalone', [key]: 'x' };",
      "const output = 'standalone';\nmodule.exports = { output };",
      "module.exports = { get output() { return 'standalone'; } };",
      "const c = { output: 'standalone' };\nif (process.env.X) c.output = undefined;\nmodule.exports = c;",
      "let c = { output: 'standalone' };\nmodule.exports = c;",
      "module.exports = { output: 'standalone' };\nmodule.exports.output = 'export';",
      "module.exports = { output: 'standalone' };\nif (dev) module.exports = {};",
      "module.exports = (phase) => {\n  if (phase === 'dev') return {};\n  return { output: 'standalone' };\n};",
      "module.exports = makeConfig();\nfunction makeConfig() { return { output: 'standalone' }; }",
      "module.exports = { output: 'standalone', distDir: process.env.DIST };",
      "// output: 'standalone'\nmodule.exports = { images: { unoptimized: true } };",
      "module.exports = { output: 'standalone' ",
    ];
    for (const text of configs) expect([text, standalone(text)]).toEqual([text, false]);
  });

  it('still reads a literal distDir when the config is not one it can follow', () => {
    expect(read("module.exports = cond ? { distDir: 'out' } : {};")).toMatchObject({
      standalone: false,
      distDir: 'out',
    });
    expect(readNextConfig(project({}), '.')).toEqual({ file: null, standalone: false, distDir: null });
  });
});

describe('contextFolders', () => {
  it('lists the top-level folders the context holds, without those .dockerignore hides', () => {
    const view = project({
      'content/a.md': '# a',
      'data/x.json': '[]',
      'logs/app.log': '',
      'secret/key': '',
      'secret/keep.txt': '',
      'README.md': '',
      '.dockerignore': 'logs\nsecret/*\n!secret/keep.txt\n',
    });
    expect(contextFolders(view, '.')).toEqual(['content', 'data', 'secret']);
  });
});
