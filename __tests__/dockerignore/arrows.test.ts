// dockerignore/ sits below the kinds: a kind's rules are handed in, never imported (README, "Layout").
import fs from 'node:fs';
import path from 'node:path';

const folder = path.join(__dirname, '../../src/dockerignore');

it('no file under src/dockerignore imports a kind or the pipeline', () => {
  const offenders = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .flatMap((name) =>
      [...fs.readFileSync(path.join(folder, name), 'utf8').matchAll(/from '([^']+)'/g)]
        .map((m) => m[1])
        .filter((from) => /\/(kinds|pipeline)(\/|$)/.test(from))
        .map((from) => `${name}: ${from}`),
    );
  expect(offenders).toEqual([]);
});
