// Ctrl-C in the middle of a verification: the process ends by the signal and leaves no container or image.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  describeWithEngine,
  engine,
  leftovers,
  removeDir,
  repoRoot,
  requireImages,
  tempProject,
} from './helpers';

// The built library, as a user's process would load it (`npm run test:e2e` builds first).
const LIBRARY = path.join(repoRoot, 'dist', 'src', 'verify', 'index.js');

// A child that verifies a pair whose containers just sleep (no port, no HEALTHCHECK: they must stay up
// for a minute), printing each event as a JSON line.
const CHILD = `
const { verifyTargets } = require(process.argv[1]);
const version = (from) => ({ dockerfile: Buffer.from('FROM ' + from + '\\nCMD ["sleep", "300"]\\n'), ignore: null });
const target = { path: 'Dockerfile', context: process.argv[2], original: version('node:20'), migrated: version('node:20-alpine') };
verifyTargets([target], { stayUp: 60, timeout: 120, onEvent: (e) => console.log(JSON.stringify(e)) })
  .then(() => console.log('finished'));
`;

describeWithEngine('verify on Ctrl-C', () => {
  let dir: string;
  beforeAll(() => {
    requireImages(['node:20', 'node:20-alpine']);
    if (!fs.existsSync(LIBRARY)) throw new Error(`${LIBRARY} is missing: run npm run build first`);
    dir = tempProject({ 'README.md': 'nothing to see\n' });
  });
  afterAll(() => removeDir(dir));

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s removes the running container and the built images',
    async (signal) => {
      const before = leftovers();
      const child = spawn(process.execPath, ['-e', CHILD, LIBRARY, dir], {
        env: { ...process.env, DOCKER: engine.docker! },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, sig) => resolve({ code, signal: sig })),
      );
      // Wait until the original's container runs: both images are built by then.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no smoke step within 5 min:\n${output}`)), 300_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('"step":"smoke"')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      });
      await waitFor(() => leftovers().filter((id) => !before.includes(id)).length >= 3, 30_000);
      child.kill(signal);
      const end = await exited;
      expect(end).toEqual({ code: null, signal });
      expect(output).not.toContain('finished');
      expect(leftovers().filter((id) => !before.includes(id))).toEqual([]);
    },
  );
});

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the container to start');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
