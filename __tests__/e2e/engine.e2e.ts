// verifyTargets against a real engine with hand-written pairs: success, each failure, and no leftovers.
import { verifyTargets, type VerifyResult, type VerifyTarget } from '../../src/verify';
import { describeWithEngine, engine, leftovers, removeDir, requireImages, tempProject } from './helpers';

// An uncommon port: on host networking the container binds it on the host itself.
const PORT = 38471;
const SERVER = `
const http = require('http');
const port = Number(process.env.PORT) || ${PORT};
const server = http.createServer((req, res) => {
  if (req.url === '/health') { res.statusCode = Number(process.env.HEALTH_STATUS) || 200; return res.end('ok'); }
  res.end(req.url === '/' ? 'hello' : 'not found');
});
server.listen(port, () => console.log('listening on ' + port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;
const ORIGINAL = `FROM node:20
WORKDIR /app
COPY . .
EXPOSE ${PORT}
CMD ["node", "server.js"]
`;
const MIGRATED = `FROM node:20 AS build
WORKDIR /app
COPY . .

FROM node:20-alpine AS runtime
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE ${PORT}
CMD ["node", "server.js"]
`;

describeWithEngine('verify against a real engine', () => {
  let dir: string;
  let before: string[];
  const target = (original: string, migrated: string): VerifyTarget => ({
    path: 'Dockerfile',
    context: dir,
    original: { dockerfile: Buffer.from(original), ignore: null },
    migrated: { dockerfile: Buffer.from(migrated), ignore: Buffer.from('Dockerfile*\n') },
  });
  const run = async (t: VerifyTarget, probe: string | null = '/') =>
    (await verifyTargets([t], {
      docker: engine.docker!,
      probe: probe ?? undefined,
      timeout: 30,
      trapSignals: false,
    })) as VerifyResult[];

  beforeAll(() => {
    requireImages(['node:20', 'node:20-alpine']);
    dir = tempProject({ 'server.js': SERVER, 'package.json': '{"name":"e2e-app","private":true}\n' });
    before = leftovers();
  });
  afterAll(() => removeDir(dir));
  afterEach(() => expect(leftovers().filter((id) => !before.includes(id))).toEqual([]));

  it('builds, starts and compares both images', async () => {
    const [result] = await run(target(ORIGINAL, MIGRATED));
    expect(result.problem).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.before).toMatchObject({ smoke: 'ok', status: 200, user: 'root', readiness: 'port' });
    expect(result.after).toMatchObject({ smoke: 'ok', status: 200, user: 'node', port: PORT });
    expect(result.ratio).toBeGreaterThanOrEqual(4);
  });

  it('waits for HEALTHCHECK when nothing is EXPOSEd, and for staying up when there is no check either', async () => {
    const check =
      `HEALTHCHECK --interval=1s --timeout=2s CMD node -e "require('http').get('http://127.0.0.1:${PORT}/', ` +
      `(r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"`;
    const noPort = (text: string) => text.replace(`EXPOSE ${PORT}`, check);
    const [healthy] = await run(target(noPort(ORIGINAL), noPort(MIGRATED)), null);
    expect(healthy.problem).toBeNull();
    expect(healthy.after).toMatchObject({ smoke: 'ok', readiness: 'healthcheck', port: null });
    const sleeper = (text: string) =>
      text.replace(`EXPOSE ${PORT}`, '').replace(/CMD .*/, 'CMD ["sleep", "60"]');
    const [up] = (await verifyTargets([target(sleeper(ORIGINAL), sleeper(MIGRATED))], {
      docker: engine.docker!,
      stayUp: 2,
      trapSignals: false,
    })) as VerifyResult[];
    expect(up.after).toMatchObject({ smoke: 'ok', readiness: 'running' });
  });

  it('says there is nothing to compare when the original does not build', async () => {
    const [result] = await run(target(ORIGINAL.replace('COPY . .', 'RUN exit 3'), MIGRATED));
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/^the original Dockerfile does not build, so there is nothing to compare/);
    expect(result.after).toBeNull();
  });

  it('shows the failing step of a migrated file that does not build', async () => {
    const broken = MIGRATED.replace('USER node', 'RUN echo checking && ls /nowhere');
    const [result] = await run(target(ORIGINAL, broken));
    expect(result.problem).toMatch(
      /^the migrated Dockerfile does not build: step \[runtime \d\/\d\] RUN echo/,
    );
    expect(result.after?.log.join('\n')).toMatch(/checking[\s\S]*nowhere/);
    expect(result.before.bytes).toBeGreaterThan(0);
  });

  it('fails when the migrated container exits', async () => {
    const [result] = await run(target(ORIGINAL, MIGRATED.replace('server.js', 'missing.js')));
    expect(result.after?.smoke).toMatch(/^the container exited with code 1 after/);
    expect(result.after?.log.join('\n')).toMatch(/Cannot find module/);
    expect(result.problem).toMatch(/^the migrated image fails its smoke test/);
  });

  it('fails when the probe answers differently', async () => {
    const [result] = await run(
      target(ORIGINAL, MIGRATED.replace('USER node', 'USER node\nENV HEALTH_STATUS=204')),
      '/health',
    );
    expect(result.before.status).toBe(200);
    expect(result.after?.smoke).toBe('GET /health answered 204, the original 200');
    expect(result.ok).toBe(false);
  });
});
