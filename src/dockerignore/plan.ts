// The ignore file that goes with a migrated Dockerfile: generate, merge into what exists, never hide an input.
import path from 'node:path';
import type { DockerfileModel } from '../dockerfile/model';
import type { ProjectView } from '../contract/project-view';
import type { ProjectFacts } from '../contract/facts';
import type { Note } from '../notes';
import { generateEntries } from './generate';
import { hiddenSources } from './hidden';
import { within, type KindRuleList } from './entry';
import { appendSection, missingEntries } from './merge';
import { note } from './notes';
import { contextReads } from '../dockerfile/sources';

export { hiddenSources } from './hidden';

export interface IgnorePlanInput {
  /** The build context. */
  view: ProjectView;
  /** The Dockerfile as it will be written; only COPY/ADD without `--from` read the context. */
  model: DockerfileModel;
  facts: ProjectFacts;
  /** Context-relative path to write: `.dockerignore`, or `<Dockerfile path>.dockerignore` for one Dockerfile. */
  ignoreFile: string;
  /** Context-relative path of the Dockerfile. */
  dockerfile: string;
  /** The rules of the project's kind (the caller picks them, e.g. from kinds/index.ts); null: common rules only. */
  kindRules: KindRuleList | null;
  /**
   * The ignore file's current text (null: none), when the caller read it itself, e.g. as bytes it decoded
   * without loss; read from `view` when left out.
   */
  existing?: string | null;
  /** Likewise for the root `.dockerignore` that a new per-Dockerfile file starts from. */
  seed?: string | null;
}

const ROOT_FILE = '.dockerignore';

/**
 * The new text of the ignore file (null when nothing needs to change) and notes on what was done. An existing
 * file keeps every line; what it lacks is appended under one marked section, so a second run adds nothing.
 * The new text always starts with the old one (or the seed), so a caller can append to the file's bytes.
 * A per-Dockerfile file that does not exist yet starts from the root file's rules, since BuildKit reads
 * only one of the two. Whatever the rules, no COPY source ends up hidden: `!` exceptions are added for any.
 */
export function planIgnoreFile(input: IgnorePlanInput): { text: string | null; notes: Note[] } {
  const ignoreFile = relative(input.ignoreFile);
  const dockerfile = relative(input.dockerfile);
  const perDockerfile = ignoreFile !== ROOT_FILE;
  const existing = input.existing !== undefined ? input.existing : input.view.readText(ignoreFile);
  const seed =
    existing === null && perDockerfile
      ? input.seed !== undefined
        ? input.seed
        : input.view.readText(ROOT_FILE)
      : null;
  const base = existing ?? seed ?? '';
  const sources = contextReads(input.model);

  const generated = generateEntries({ ...input, sources, ignoreFile, dockerfile });
  const notes: Note[] = [...generated.notes];
  const { lines, added } = missingEntries(base, generated.entries);

  // The owner's rules (a deny-all `*`, a `dist` line) may hide what the new stages copy: re-include it.
  const hidden = hiddenSources(appendSection(base, lines), sources, input.view);
  const fixable = hidden.filter((s) => s !== '.' && !/^[!#]/.test(s));
  const exceptions = fixable.map((s) => `!${s}`);
  const text = appendSection(base, [...lines, ...exceptions]);
  if (fixable.length > 0) {
    notes.push(note('dockerignore-exceptions-added', { file: ignoreFile, sources: fixable.join(', ') }));
  }
  const stillHidden = hiddenSources(text, sources, input.view);
  if (stillHidden.length > 0) {
    notes.push(note('dockerignore-hides-copy', { file: ignoreFile, sources: stillHidden.join(', ') }));
  }
  const shadow = `${dockerfile}.dockerignore`;
  if (!perDockerfile && within('.', shadow) && input.view.exists(shadow)) {
    notes.push(note('dockerignore-shadowed', { file: ignoreFile, other: shadow, dockerfile }));
  }
  const count = lines.length + exceptions.length;
  // Nothing to add: an absent per-Dockerfile file is better left absent, both builders then read the root one.
  if (count === 0) return { text: null, notes };

  for (const e of added) if (e.note) notes.push(e.note);
  if (existing === null) {
    notes.push(
      note('dockerignore-created', { file: ignoreFile, count, kind: input.facts.kind ?? 'container' }),
    );
  } else {
    notes.push(note('dockerignore-updated', { file: ignoreFile, count }));
  }
  if (perDockerfile) {
    if (seed !== null) notes.push(note('dockerignore-seeded', { file: ignoreFile, dockerfile }));
    notes.push(note('dockerignore-per-dockerfile', { file: ignoreFile, dockerfile }));
  }
  return { text, notes };
}

/** A context-relative path, forward slashes, no `./`; `..` stays (a Dockerfile may sit outside the context). */
function relative(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/\/+$/, '');
}
