// The Java report says one consistent thing: no note contradicts what another note or the output says.
import { kit } from '../../../src/kit';
import fs from 'node:fs';
import path from 'node:path';
import { diskView } from '../../../src/pipeline/project-view';
import { detectProject } from '../../../src/pipeline/detect';
import { parseDockerfile } from '../../../src/dockerfile/model';
import { loadMappings } from '../../../src/images/load-mappings';
import type { Note } from '../../../src/notes';
import type { TransformOptions } from '../../../src/contract/transform';
import { javaMultistage } from '../../../src/kinds/java/transform';

const FIXTURES = path.join(__dirname, '../../../transforms/__tests__/fixtures/java-multistage');

function notesOf(name: string, springLayers = false): Note[] {
  const dir = path.join(FIXTURES, name, 'input');
  const model = parseDockerfile(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'));
  const facts = detectProject(diskView(dir), model);
  const options: TransformOptions = {
    runtime: null,
    strict: false,
    springLayers,
    mappings: loadMappings(null, true),
  };
  const result = javaMultistage.transform(model, facts, options, kit);
  if (!('edits' in result)) throw new Error(`${name} was not migrated`);
  return result.notes;
}

const message = (notes: Note[], id: string) => notes.find((n) => n.id === id)?.message ?? '';

describe('java notes', () => {
  it('with the layertools launcher, says the start changes and not that the jar is copied', () => {
    const notes = notesOf('spring-layers-layertools', true);
    expect(notes.map((n) => n.id)).not.toContain('artifact-copied');
    expect(message(notes, 'runtime-stage')).not.toMatch(/as before/);
    expect(message(notes, 'runtime-stage')).toMatch(/launcher/);
  });

  it('keeps the jar note and "as before" when the jar still starts the app', () => {
    const notes = notesOf('maven-spring-boot');
    expect(message(notes, 'runtime-stage')).toMatch(/starts the app as before/);
  });

  it('for Tomcat, does not say every file stays root-owned beside the folders given to the user', () => {
    const notes = notesOf('war-tomcat');
    expect(message(notes, 'tomcat-dirs')).toMatch(/given to `app`/);
    expect(message(notes, 'user-added')).toMatch(/except the folders Tomcat writes/);
  });

  it('keeps root, and says why, when a file lands where only root can read', () => {
    const notes = notesOf('keystore-root-only');
    expect(message(notes, 'user-kept-root')).toBe(
      'kept running as root: /etc/ssl/private/keystore.p12 is in a folder only root can read (put it elsewhere to run as a non-root user)',
    );
    expect(notes.map((n) => n.id)).not.toContain('user-added');
    // Running as root is a rewrite left out for safety: the summary counts the file as reduced.
    expect(notes.find((n) => n.id === 'user-kept-root')?.reduced).toBe(true);
  });
});
