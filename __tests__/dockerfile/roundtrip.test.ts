// Every Dockerfile the tests use comes back byte-identical when no edit is made.
import fs from 'node:fs';
import path from 'node:path';
import { applyEdits } from '../../src/dockerfile/edits';
import { parseDockerfile } from '../../src/dockerfile/model';
import { decodeSource, encodeSource } from '../../src/dockerfile/source';

function dockerfilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(p);
      else if (e.isFile() && /^Dockerfile/.test(e.name) && !e.name.endsWith('.dockerignore')) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}

const root = path.join(__dirname, '..', '..');
const files = [
  ...dockerfilesUnder(path.join(root, 'transforms')),
  ...dockerfilesUnder(path.join(root, 'examples')),
];

describe('lossless round trip', () => {
  it('finds fixtures', () => expect(files.length).toBeGreaterThan(20));
  it.each(files.map((f) => [path.relative(root, f)]))('%s', (rel) => {
    const bytes = fs.readFileSync(path.join(root, rel));
    const source = decodeSource(bytes);
    const model = parseDockerfile(source.text);
    expect(encodeSource(applyEdits(model.text, []), source.bom).equals(bytes)).toBe(true);
    // Each instruction's text is exactly the bytes at its offsets.
    for (const ins of model.instructions) expect(source.text.slice(ins.start, ins.end)).toBe(ins.text);
  });
});
