// Golden fixture cases for transforms: input project -> expected Dockerfile and .dockerignore, run twice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commitWrites } from '../../src/pipeline/write';
import { parseDockerfile } from '../../src/dockerfile/model';
import { copySources } from '../../src/dockerfile/sources';
import { hiddenSources } from '../../src/dockerignore';
import { diskView } from '../../src/pipeline/project-view';
import { emptyMappings } from '../../src/images/mappings';
import { loadMappings } from '../../src/images/load-mappings';
import { processFile, type FileJob } from '../../src/pipeline/process-file';
import type { Transform, TransformOptions } from '../../src/contract/transform';
import { validateOutput } from '../../src/pipeline/validate';

/** case.json: options for the run and what the report must say. */
interface CaseSpec {
  options?: Partial<Pick<TransformOptions, 'runtime' | 'strict' | 'springLayers' | 'user'>>;
  status?: 'migrated' | 'unchanged' | 'skipped' | 'error';
  /** A regular expression the reason must match (skips and errors). */
  reason?: string;
  /** Note ids the report must carry. */
  notes?: string[];
  /** The Dockerfile's name inside input/ (default `Dockerfile`). */
  dockerfile?: string;
}

const UPDATE = process.env.UPDATE_FIXTURES === '1';

function copyDir(from: string, to: string) {
  fs.cpSync(from, to, { recursive: true });
}

function run(dir: string, dockerfile: string, transforms: Transform[], spec: CaseSpec) {
  const job: FileJob = {
    dockerfile: path.join(dir, dockerfile),
    cwd: dir,
    context: { dir, source: 'option' },
    top: dir,
    siblings: 0,
    dockerignore: true,
  };
  const options: TransformOptions = {
    runtime: spec.options?.runtime ?? null,
    strict: spec.options?.strict ?? false,
    springLayers: spec.options?.springLayers ?? false,
    ...(spec.options?.user ? { user: spec.options.user } : {}),
    mappings: loadMappings(null, true) ?? emptyMappings(),
  };
  return processFile(job, { transforms, options, patches: true });
}

/**
 * Defines one `describe` per folder under `fixturesDir`: `<case>/input/` holds the project,
 * `<case>/output/` the expected Dockerfile and .dockerignore (absent: the input must come back unchanged),
 * `<case>/case.json` the options and expected status. UPDATE_FIXTURES=1 rewrites outputs (review the diff).
 */
export function defineGoldenCases(fixturesDir: string, transforms: Transform[]): void {
  const cases = fs
    .readdirSync(fixturesDir)
    .filter((c) => fs.existsSync(path.join(fixturesDir, c, 'input')))
    .sort();
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const name of cases) {
    const caseDir = path.join(fixturesDir, name);
    const specFile = path.join(caseDir, 'case.json');
    const spec: CaseSpec = fs.existsSync(specFile) ? JSON.parse(fs.readFileSync(specFile, 'utf8')) : {};
    const dockerfile = spec.dockerfile ?? 'Dockerfile';
    const outputDir = path.join(caseDir, 'output');

    describe(name, () => {
      let work: string;
      beforeEach(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), `golden-${name}-`));
        copyDir(path.join(caseDir, 'input'), work);
      });
      afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

      it('matches the golden output', () => {
        const first = run(work, dockerfile, transforms, spec);
        if (spec.status) expect(first.report.status).toBe(spec.status);
        if (spec.reason) expect(first.report.reason ?? '').toMatch(new RegExp(spec.reason, 'i'));
        for (const id of spec.notes ?? []) expect(first.report.notes.map((n) => n.id)).toContain(id);
        const produced = new Map(
          first.writes.map((w) => [path.relative(work, w.path), w.after.toString('latin1')]),
        );
        if (UPDATE) {
          fs.rmSync(outputDir, { recursive: true, force: true });
          if (produced.size) fs.mkdirSync(outputDir, { recursive: true });
          for (const [rel, text] of produced)
            fs.writeFileSync(path.join(outputDir, rel), Buffer.from(text, 'latin1'));
          return;
        }
        const expected = fs.existsSync(outputDir) ? fs.readdirSync(outputDir).sort() : [];
        expect([...produced.keys()].sort()).toEqual(expected);
        for (const rel of expected) {
          expect(produced.get(rel)).toBe(fs.readFileSync(path.join(outputDir, rel)).toString('latin1'));
        }
      });

      it('changes nothing on a second run', () => {
        const first = run(work, dockerfile, transforms, spec);
        commitWrites(first.writes);
        const second = run(work, dockerfile, transforms, spec);
        expect(second.writes.map((w) => w.display)).toEqual([]);
        expect(['unchanged', 'skipped', 'error']).toContain(second.report.status);
      });

      it('writes a valid Dockerfile whose COPY sources the ignore file keeps', () => {
        const first = run(work, dockerfile, transforms, spec);
        commitWrites(first.writes);
        const input = parseDockerfile(
          fs.readFileSync(path.join(caseDir, 'input', dockerfile), 'utf8').replace(/^\ufeff/, ''),
        );
        const text = fs.readFileSync(path.join(work, dockerfile), 'utf8').replace(/^\ufeff/, '');
        expect(validateOutput(input, text)).toEqual([]);
        const ignore = path.join(work, '.dockerignore');
        if (fs.existsSync(ignore)) {
          const sources = copySources(parseDockerfile(text));
          expect(hiddenSources(fs.readFileSync(ignore, 'utf8'), sources, diskView(work))).toEqual([]);
        }
      });
    });
  }
}
