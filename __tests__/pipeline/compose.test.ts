import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeContexts } from '../../src/pipeline/compose';

describe('composeContexts on hostile compose files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-compose-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  it('skips an alias bomb and a file over the size limit, and still reads the good one', () => {
    let bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 0; i < 9; i++)
      bomb += `b${i}: &b${i} [${Array(10)
        .fill(i ? `*b${i - 1}` : '*a')
        .join(', ')}]\n`;
    const files = [
      write('compose.bomb.yaml', bomb + 'services:\n  x: *b8\n'),
      write('compose.big.yaml', 'services:\n  big:\n    build: ./big\n' + '#\n'.repeat(2_500_000)),
      write('compose.yaml', 'services:\n  api:\n    build: ./api\n'),
    ];
    const started = Date.now();
    const contexts = composeContexts(files);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect([...contexts]).toEqual([[path.join(dir, 'api', 'Dockerfile'), path.join(dir, 'api')]]);
  });

  it('skips a FIFO with a compose name without waiting for a writer', () => {
    const fifo = path.join(dir, 'compose.fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const contexts = composeContexts([
      fifo,
      write('compose.ok.yaml', 'services:\n  web:\n    build: ./web\n'),
    ]);
    expect([...contexts.values()]).toEqual([path.join(dir, 'web')]);
  });
});
