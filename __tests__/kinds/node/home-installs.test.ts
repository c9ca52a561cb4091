import { browserDownloads, homeInstalls } from '../../../src/kinds/node/home-installs';
import { readNodeStage } from '../../../src/kinds/node/stage';
import { dockerfile, node } from '../helpers';

/** What the image's installs leave in the home folder, for a project and the lines after WORKDIR. */
function found(files: Record<string, string | object>, ...lines: string[]) {
  const model = dockerfile('FROM node:20', 'WORKDIR /app', ...lines, 'COPY . .', 'RUN npm ci');
  const facts = node(files, model);
  return homeInstalls(facts, readNodeStage(model, facts)).map((h) => h.home);
}

const pkg = (dependencies: Record<string, string>, devDependencies: Record<string, string> = {}) => ({
  name: 'render',
  version: '1.0.0',
  dependencies,
  devDependencies,
});

describe('browserDownloads', () => {
  it('lists puppeteer, playwright before 1.38 and its one-browser packages, not puppeteer-core', () => {
    expect(
      browserDownloads({
        dependencies: { puppeteer: '^22.0.0', 'puppeteer-core': '^22.0.0', playwright: '^1.44.0' },
        devDependencies: { 'playwright-chromium': '1.40.0' },
      }),
    ).toEqual(['playwright-chromium', 'puppeteer']);
    expect(browserDownloads({ dependencies: { playwright: '~1.30.0' } })).toEqual(['playwright']);
    expect(browserDownloads({ dependencies: { playwright: 'latest' } })).toEqual(['playwright']);
    expect(browserDownloads(null)).toEqual([]);
  });
});

describe('homeInstalls', () => {
  it("finds puppeteer's browser in the home unless a variable the runtime keeps moves or skips it", () => {
    const files = { 'package.json': pkg({ puppeteer: '^22.0.0' }) };
    expect(found(files)).toEqual(['.cache/puppeteer']);
    expect(found(files, 'ENV PUPPETEER_CACHE_DIR=/app/.cache/puppeteer')).toEqual([]);
    expect(found(files, 'ENV PUPPETEER_CACHE_DIR=/opt/chrome')).toEqual(['.cache/puppeteer']);
    expect(found(files, 'ENV PUPPETEER_SKIP_DOWNLOAD=true')).toEqual([]);
    // A devDependency the app does not load is pruned, and its browser is not needed.
    expect(found({ 'package.json': pkg({}, { puppeteer: '^22.0.0' }) })).toEqual([]);
  });

  it('finds browsers and system libraries `playwright install` adds', () => {
    const files = { 'package.json': pkg({ playwright: '^1.44.0' }) };
    expect(found(files)).toEqual([]);
    expect(found(files, 'RUN npx -y playwright@1.44.0 install chromium')).toEqual(['.cache/ms-playwright']);
    expect(found(files, 'ENV PLAYWRIGHT_BROWSERS_PATH=0', 'RUN npx playwright install')).toEqual([]);
    expect(found(files, 'RUN pnpm exec playwright install --with-deps')).toEqual([
      '.cache/ms-playwright',
      null,
    ]);
    expect(found(files, 'RUN npx playwright install-deps')).toEqual([null]);
  });

  it("finds Yarn Plug'n'Play's packages in a cache outside the project", () => {
    const berry = (rc: string, ...lines: string[]) =>
      found(
        { 'package.json': { ...pkg({}), packageManager: 'yarn@4.1.1' }, '.yarnrc.yml': rc, 'yarn.lock': '' },
        ...lines,
      );
    expect(berry('nodeLinker: pnp\n')).toEqual(['.yarn/berry']);
    expect(berry('nodeLinker: node-modules\n')).toEqual([]);
    expect(berry('enableGlobalCache: false\n')).toEqual([]);
    expect(berry('enableGlobalCache: false\ncacheFolder: ../cache\n')).toEqual([null]);
    expect(berry('enableGlobalCache: false\n', 'ENV YARN_ENABLE_GLOBAL_CACHE=true')).toEqual(['.yarn/berry']);
    expect(berry('nodeLinker: pnp\n', 'ENV YARN_NODE_LINKER=node-modules')).toEqual([]);
  });
});
