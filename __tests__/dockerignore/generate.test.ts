// Golden ignore files per project kind; each case also checks that no COPY source is hidden and a rerun adds nothing.
import fs from 'node:fs';
import path from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/model';
import { memoryView } from '../../src/pipeline/project-view';
import { copySources } from '../../src/dockerfile/sources';
import { hiddenSources } from '../../src/dockerignore';
import { goldenCases } from './cases';
import { planTwice } from './helpers';

const GOLDEN = path.join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

it('has no duplicate case names', () => {
  const names = goldenCases.map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
});

describe.each(goldenCases)('$name', (c) => {
  const { first, second, files } = planTwice(c);
  const ignoreFile = c.ignoreFile ?? '.dockerignore';
  const golden = path.join(GOLDEN, `${c.name}.dockerignore`);

  it('matches the golden ignore file', () => {
    if (UPDATE) {
      fs.mkdirSync(GOLDEN, { recursive: true });
      fs.writeFileSync(golden, first.text ?? '');
      return;
    }
    expect(first.text).toBe(fs.readFileSync(golden, 'utf8'));
  });

  it('gives the expected notes', () => {
    expect(first.notes.map((n) => n.id).sort()).toEqual([...c.notes].sort());
  });

  it('hides no COPY source of the Dockerfile', () => {
    const sources = copySources(parseDockerfile(files[c.dockerfile ?? 'Dockerfile']));
    expect(hiddenSources(files[ignoreFile], sources, memoryView(files))).toEqual([]);
  });

  it('adds nothing on a second run', () => {
    expect(second.text).toBeNull();
  });
});
