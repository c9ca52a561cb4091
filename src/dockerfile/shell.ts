// Just enough shell reading to see which commands a RUN line runs: quotes respected, no expansion.

export type ShellOperator = '&&' | '||' | ';' | '|';

export interface ShellCommand {
  /** Words with quotes removed. */
  words: string[];
  /** The command's own text, trimmed. */
  text: string;
  /** The operator that joins it to the previous command; null for the first. */
  op: ShellOperator | null;
}

/** Splits a shell command line on `&&`, `||`, `;` and `|` outside quotes. */
export function splitCommands(line: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let op: ShellOperator | null = null;
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    const two = line.slice(i, i + 2);
    const found: ShellOperator | null =
      two === '&&' || two === '||' ? two : c === ';' ? ';' : c === '|' ? '|' : null;
    if (!found) continue;
    push(line.slice(start, i));
    op = found;
    i += found.length - 1;
    start = i + 1;
  }
  push(line.slice(start));
  return commands;

  function push(text: string) {
    const trimmed = text.trim();
    if (trimmed)
      commands.push({ words: shellWords(trimmed), text: trimmed, op: commands.length ? op : null });
  }
}

/** Splits one command into words, removing quotes; `$VARS` stay as written. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
