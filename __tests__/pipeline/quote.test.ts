import { spawnSync } from 'node:child_process';
import { printable, printablePath, quoteGitPath, shellPath, shellWord } from '../../src/pipeline/quote';

/** What `shell` makes of `word` as one argument. */
const parsed = (shell: string, word: string) =>
  spawnSync(shell, ['-c', `printf '%s|' ${word}`], { encoding: 'utf8' }).stdout;

describe('shellWord', () => {
  it.each([
    ['plain/path.Dockerfile', 'plain/path.Dockerfile'],
    ['my svc', "'my svc'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
    ['a;rm -rf x', "'a;rm -rf x'"],
    ['*', "'*'"],
    ['~user', "'~user'"],
    ['', "''"],
    ['café', "'café'"],
  ])('%j -> %s, which a POSIX shell reads back as one word', (arg, word) => {
    expect(shellWord(arg)).toBe(word);
    expect(parsed('sh', word)).toBe(`${arg}|`);
  });

  it.each([
    ['tab\there', "$'tab\\there'"],
    ['new\nline', "$'new\\nline'"],
    ["esc\x1b[31m'red", "$'esc\\033[31m\\'red'"],
    ['back\\slash\n', "$'back\\\\slash\\n'"],
  ])('writes %j with a control character as one $-quoted word on one line: %s', (arg, word) => {
    expect(shellWord(arg)).toBe(word);
    expect([...word].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
    expect(parsed('bash', word)).toBe(`${arg}|`);
  });
});

describe('shellPath', () => {
  it('never lets a path read as an option', () => {
    expect(shellPath('-dash')).toBe('./-dash');
    expect(shellPath('-f x/Dockerfile')).toBe("'./-f x/Dockerfile'");
    expect(shellPath('svc/-dash')).toBe('svc/-dash');
  });
});

describe('quoteGitPath', () => {
  it('leaves plain names and names with spaces alone', () => {
    expect(quoteGitPath('a/svc/Dockerfile')).toBe('a/svc/Dockerfile');
    expect(quoteGitPath('a/my svc/Dockerfile')).toBe('a/my svc/Dockerfile');
  });

  it('quotes control characters, quotes, backslashes and non-ASCII bytes with C escapes', () => {
    expect(quoteGitPath('a/x\ty\n"z"\\\x7f\x01é')).toBe('"a/x\\ty\\n\\"z\\"\\\\\\177\\001\\303\\251"');
  });
});

describe('printable', () => {
  it('shows control characters escaped and keeps other text', () => {
    expect(printable('svc\n\x1b[2J/Dockerfile: café')).toBe('svc\\n\\033[2J/Dockerfile: café');
    expect(printable('a\u009bb')).toBe('a\\u009bb');
  });

  it('quotes a path only when it holds a control character', () => {
    expect(printablePath('my "svc"/Dockerfile')).toBe('my "svc"/Dockerfile');
    expect(printablePath('t\tab/"x"')).toBe('"t\\tab/\\"x\\""');
  });
});
