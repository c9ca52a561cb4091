import { parseJsonc, stripJsonComments, tsOutDir } from '../../../src/kinds/node/tsconfig';
import { project } from '../helpers';

const NEST_TSCONFIG = `{
  "compilerOptions": {
    "module": "commonjs",
    "declaration": true,
    "removeComments": true,
    "emitDecoratorMetadata": true,
    "experimentalDecorators": true,
    "allowSyntheticDefaultImports": true,
    "target": "ES2021",
    "sourceMap": true,
    "outDir": "./dist", // compiled output
    "baseUrl": "./",
    /* keep paths: "@/*" is not a comment */
    "paths": { "@/*": ["src/*"] },
    "incremental": true,
  },
}
`;

describe('tsconfig', () => {
  it('strips comments and trailing commas but not comment-like strings', () => {
    const config = parseJsonc(NEST_TSCONFIG);
    expect(config).not.toBeNull();
    expect((config!.compilerOptions as Record<string, unknown>).paths).toEqual({ '@/*': ['src/*'] });
    expect(JSON.parse(stripJsonComments('[1, 2, /* three */ ]'))).toEqual([1, 2]);
    expect(JSON.parse(stripJsonComments('{"url": "http://x//y", // c\n}'))).toEqual({ url: 'http://x//y' });
    expect(parseJsonc('{ nope')).toBeNull();
  });

  it('reads outDir relative to the package folder', () => {
    const view = project({ 'tsconfig.json': NEST_TSCONFIG });
    expect(tsOutDir(view, 'tsconfig.json', '.')).toBe('dist');
  });

  it('follows one level of extends, resolving outDir from the base config folder', () => {
    const view = project({
      'tsconfig.base.json': '{ "compilerOptions": { "strict": true, "outDir": "build" } }',
      'apps/api/tsconfig.json':
        '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "rootDir": "src" } }',
      'apps/web/tsconfig.json': '{ "extends": "./tsconfig.app", "compilerOptions": {} }',
      'apps/web/tsconfig.app.json': '{ "compilerOptions": { "outDir": "./out" } }',
      'apps/worker/tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json" }',
    });
    expect(tsOutDir(view, 'apps/api/tsconfig.json', 'apps/api')).toBe('../../build');
    expect(tsOutDir(view, 'apps/web/tsconfig.json', 'apps/web')).toBe('out');
    expect(tsOutDir(view, 'apps/worker/tsconfig.json', 'apps/worker')).toBeNull();
  });

  it('prefers its own outDir and takes the last of several bases', () => {
    const view = project({
      'a.json': '{ "compilerOptions": { "outDir": "a" } }',
      'b.json': '{ "compilerOptions": { "outDir": "b" } }',
      'tsconfig.json': '{ "extends": ["./a.json", "./b.json"] }',
      'tsconfig.build.json': '{ "extends": "./tsconfig.json", "compilerOptions": { "outDir": "dist" } }',
    });
    expect(tsOutDir(view, 'tsconfig.json', '.')).toBe('b');
    expect(tsOutDir(view, 'tsconfig.build.json', '.')).toBe('dist');
  });
});

describe('tsconfig limits', () => {
  it('refuses a tsconfig over the build-file size limit, naming it', () => {
    const view = project({
      'tsconfig.json': '{"compilerOptions": {"outDir": "dist"}}' + ' '.repeat(3 * 1024 * 1024),
    });
    expect(() => tsOutDir(view, 'tsconfig.json', '.')).toThrow(
      /^tsconfig\.json: 3\.0 MB, more than the 2 MB/,
    );
  });

  it('reads hostile comments, strings and commas in linear time', () => {
    const text = '{' + '/*'.repeat(200_000) + '"a":' + '"\\"'.repeat(200_000) + ',' + ' ,'.repeat(200_000);
    const started = Date.now();
    expect(parseJsonc(text)).toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
