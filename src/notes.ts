// Notes: what a step changed and why, with a stable id for machines and a sentence for people.

export interface Note {
  /** Stable kebab-case id, e.g. `runtime-user-added`. */
  id: string;
  message: string;
  /**
   * A rewrite was left out (or narrowed) because it could not be shown safe from the build context: the
   * file is still migrated, with a smaller saving. The message says what the user can change to get it.
   */
  reduced?: true;
}

export type NoteData = Record<string, string | number>;

/** A message template (`{{name}}` placeholders), or one marked as a safety refusal (see Note.reduced). */
export type NoteTemplate = string | { reduced: string };

/** Renders notes from a table of message templates, keyed by id. */
export function noteMaker(messages: Record<string, NoteTemplate>): (id: string, data?: NoteData) => Note {
  return (id, data = {}) => {
    const entry = messages[id];
    if (entry === undefined) throw new Error(`no message for note id ${id}`);
    const template = typeof entry === 'string' ? entry : entry.reduced;
    const message = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(data[key] ?? `{{${key}}}`));
    return typeof entry === 'string' ? { id, message } : { id, message, reduced: true };
  };
}
