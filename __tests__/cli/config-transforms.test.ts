// A transform module named in a config file is the config file's business: a missing or broken one is a
// config error at its line, with the path as written; `--transform` on the command line keeps its wording.
import { NODE_SERVICE, runCli, snapshot, tempProject } from '../helpers/cli';

const NOTHING = 'Nothing was written.\n';

describe('transforms: in a config file', () => {
  it('a module that is not there names the config file, the line and the path as written', () => {
    const dir = tempProject({
      ...NODE_SERVICE,
      'dockerize-ms.config.yaml': 'runtime: slim\ntransforms: [./nope.js]\n',
    });
    const before = snapshot(dir);
    const r = runCli(['migrate', '--write'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "dockerize-ms: config file dockerize-ms.config.yaml line 2: transforms[0]: ./nope.js: no such file (module paths are relative to the config file's folder)\n" +
        NOTHING,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('is found from the config file’s folder, not the current one', () => {
    const service = Object.fromEntries(
      Object.entries(NODE_SERVICE).map(([k, v]) => [`services/api/${k}`, v]),
    );
    const dir = tempProject({
      ...service,
      'services/dockerize-ms.config.yaml':
        'overrides:\n  - files: api\n    transforms:\n      - ../mine.js\n',
      // `../mine.js` from services/ is this file; from the current folder it would be outside the project.
      'mine.js': 'module.exports = {};\n',
    });
    const r = runCli(['migrate', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^dockerize-ms: config file services\/dockerize-ms\.config\.yaml line 4: overrides\[0\]\.transforms\[0\]: \.\.\/mine\.js is not a transform: it must export \{ meta/,
    );
    expect(r.stderr).not.toMatch(/--help/);
  });

  it('a module that does not load is a config error too', () => {
    const dir = tempProject({
      ...NODE_SERVICE,
      'dockerize-ms.config.json': '{\n  "transforms": ["node-multistage",\n    "./broken.js"]\n}\n',
      'broken.js': 'this is not javascript(\n',
    });
    const r = runCli(['migrate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^dockerize-ms: config file dockerize-ms\.config\.json line 3: transforms\[1\]: \.\/broken\.js cannot be loaded: /,
    );
    expect(r.stderr.endsWith(NOTHING)).toBe(true);
  });

  it('--transform on the command line names the module as written, and nothing is written', () => {
    const dir = tempProject(NODE_SERVICE);
    const r = runCli(['migrate', '-t', './nope.js'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dockerize-ms: cannot load transform \.\/nope\.js: /);
    expect(r.stderr).toMatch(/\nNothing was written\.\n$/);
  });
});
