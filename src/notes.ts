// Notes: what a step changed and why, with a stable id for machines and a sentence for people.

export interface Note {
  /** Stable kebab-case id, e.g. `runtime-user-added`. */
  id: string;
  message: string;
}

export type NoteData = Record<string, string | number>;

/** Renders notes from a table of message templates (`{{name}}` placeholders), keyed by id. */
export function noteMaker(messages: Record<string, string>): (id: string, data?: NoteData) => Note {
  return (id, data = {}) => {
    const template = messages[id];
    if (template === undefined) throw new Error(`no message for note id ${id}`);
    return {
      id,
      message: template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(data[key] ?? `{{${key}}}`)),
    };
  };
}
