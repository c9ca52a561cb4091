// Note ids are the report's stable vocabulary: one message per id, whichever table a step makes it from.
import { DOCKERIGNORE_MESSAGES } from '../src/dockerignore/notes';
import { IMAGE_MESSAGES } from '../src/images/image-notes';
import { JAVA_MESSAGES } from '../src/kinds/java/notes';
import { NODE_MESSAGES } from '../src/kinds/node/notes';
import { noteMaker, type NoteTemplate } from '../src/notes';
import { CONFIG_MESSAGES, CONTEXT_MESSAGES } from '../src/pipeline/process-file';
import { ESTIMATE_MESSAGES } from '../src/images/sizes';
import { STAGE_MESSAGES } from '../src/stage/notes';

const TABLES: Record<string, Record<string, NoteTemplate>> = {
  stage: STAGE_MESSAGES,
  node: NODE_MESSAGES,
  java: JAVA_MESSAGES,
  images: IMAGE_MESSAGES,
  dockerignore: DOCKERIGNORE_MESSAGES,
  context: CONTEXT_MESSAGES,
  config: CONFIG_MESSAGES,
  estimate: ESTIMATE_MESSAGES,
};

describe('note ids', () => {
  it('have one message each across every table', () => {
    const seen = new Map<string, { table: string; template: string }>();
    const clashes: string[] = [];
    for (const [table, messages] of Object.entries(TABLES)) {
      for (const [id, entry] of Object.entries(messages)) {
        const template = JSON.stringify(entry);
        const before = seen.get(id);
        if (before && before.template !== template) clashes.push(`${id}: ${before.table} and ${table}`);
        seen.set(id, { table, template });
      }
    }
    expect(clashes).toEqual([]);
  });

  it('are kebab-case, and the kinds leave the shared runtime-stage ids to the shared table', () => {
    for (const messages of Object.values(TABLES))
      for (const id of Object.keys(messages)) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    for (const kind of [NODE_MESSAGES, JAVA_MESSAGES])
      expect(Object.keys(kind).filter((id) => id in STAGE_MESSAGES)).toEqual([]);
  });

  it('render their placeholders and carry the safety mark', () => {
    const make = noteMaker(STAGE_MESSAGES);
    expect(make('user-root')).toEqual({
      id: 'user-root',
      message: 'USER root kept as written: the container runs as root',
    });
    expect(make('user-kept-root', { paths: '/root/key' })).toMatchObject({ reduced: true });
    expect(() => make('no-such-id')).toThrow(/no message for note id/);
  });
});
