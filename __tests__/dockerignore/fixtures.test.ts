// Every Dockerfile fixture in the repository (examples, transform fixtures): the planned ignore file hides no
// COPY source, keeps the existing file as a prefix, and a second run adds nothing.
import fs from 'node:fs';
import path from 'node:path';
import { parseDockerfile, type DockerfileModel } from '../../src/dockerfile/model';
import { detectProject } from '../../src/pipeline/detect';
import { diskView, type ProjectView } from '../../src/pipeline/project-view';
import { contextReads } from '../../src/dockerfile/sources';
import { kindSupport } from '../../src/kinds';
import { hiddenSources, planIgnoreFile } from '../../src/dockerignore';

const ROOT = path.join(__dirname, '..', '..');

/** [label, context folder, Dockerfile as it will be written] */
function fixtures(): [string, string, string][] {
  const found: [string, string, string][] = [];
  const examples = path.join(ROOT, 'examples');
  for (const name of fs.existsSync(examples) ? fs.readdirSync(examples).sort() : []) {
    const dockerfile = path.join(examples, name, 'Dockerfile');
    if (fs.existsSync(dockerfile)) found.push([`examples/${name}`, path.dirname(dockerfile), dockerfile]);
  }
  const transforms = path.join(ROOT, 'transforms', '__tests__', 'fixtures');
  for (const transform of fs.existsSync(transforms) ? fs.readdirSync(transforms).sort() : []) {
    for (const name of fs.readdirSync(path.join(transforms, transform)).sort()) {
      const input = path.join(transforms, transform, name, 'input');
      const output = path.join(transforms, transform, name, 'output', 'Dockerfile');
      const dockerfile = fs.existsSync(output) ? output : path.join(input, 'Dockerfile');
      if (fs.existsSync(dockerfile)) found.push([`${transform}/${name}`, input, dockerfile]);
    }
  }
  return found;
}

/** The context as it is after the ignore file is written, without writing it. */
function withFile(view: ProjectView, rel: string, text: string): ProjectView {
  return { ...view, readText: (p) => (path.posix.normalize(p) === rel ? text : view.readText(p)) };
}

function parse(file: string): DockerfileModel | null {
  try {
    return parseDockerfile(fs.readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
  } catch {
    return null; // the pipeline skips a Dockerfile it cannot parse; nothing to plan
  }
}

const cases = fixtures();

it('finds Dockerfile fixtures', () => {
  expect(cases.length).toBeGreaterThan(0);
});

describe.each(cases)('%s', (_label, context, dockerfile) => {
  const model = parse(dockerfile);
  const view = diskView(context);
  const run = (v: ProjectView) => {
    const facts = detectProject(v, model!);
    return planIgnoreFile({
      view: v,
      model: model!,
      facts,
      ignoreFile: '.dockerignore',
      dockerfile: 'Dockerfile',
      kindRules: kindSupport(facts.kind)?.ignoreRules ?? null,
    });
  };

  it('hides no COPY source, keeps what exists, and is stable on a second run', () => {
    if (!model) return;
    const first = run(view);
    const before = view.readText('.dockerignore') ?? '';
    const after = first.text ?? before;
    expect(after.startsWith(before)).toBe(true);
    expect(hiddenSources(after, contextReads(model), view)).toEqual([]);
    expect(run(withFile(view, '.dockerignore', after)).text).toBeNull();
  });
});
