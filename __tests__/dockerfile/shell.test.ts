import {
  commandsOf,
  programAt,
  programName,
  shellWords,
  splitCommands,
  tokenize,
  wordTokens,
} from '../../src/dockerfile/shell';
import { logicalBody, logicalText, rawRange } from '../../src/dockerfile/logical';
import { runScript } from '../../src/dockerfile/hints';
import { expandWords } from '../../src/dockerfile/words';
import { dockerfile } from '../kinds/helpers';

const words = (line: string) => splitCommands(line).map((c) => c.words);

describe('splitCommands', () => {
  it('splits on && || ; | & and line breaks, quotes respected', () => {
    expect(words('npm ci && npm run build || echo "a && b"; x | y & z\nw')).toEqual([
      ['npm', 'ci'],
      ['npm', 'run', 'build'],
      ['echo', 'a && b'],
      ['x'],
      ['y'],
      ['z'],
      ['w'],
    ]);
  });

  it('keeps redirections as words with their operator, as the readers of them expect', () => {
    expect(words('id -u app >/dev/null 2>&1 && echo x > out.txt &>> all.log')).toEqual([
      ['id', '-u', 'app', '>/dev/null', '2>&1'],
      ['echo', 'x', '>', 'out.txt', '&>>', 'all.log'],
    ]);
    expect(words('echo hi>file')).toEqual([['echo', 'hi', '>file']]);
  });

  it('keeps a command substitution whole, operators and blanks inside it included', () => {
    expect(words('cp $(ls -d target/*.jar | head -1) app.jar && echo `date +%s`')).toEqual([
      ['cp', '$(ls -d target/*.jar | head -1)', 'app.jar'],
      ['echo', '`date +%s`'],
    ]);
  });

  it('reads a # word as a comment to the end of its line only', () => {
    expect(words('npm ci # install\nnpm run build && echo a#b')).toEqual([
      ['npm', 'ci'],
      ['npm', 'run', 'build'],
      ['echo', 'a#b'],
    ]);
  });

  it("reads a heredoc RUN's script line by line, so a comment ends with its line", () => {
    const [, run] = dockerfile(
      'FROM x',
      'RUN <<EOF',
      'mvn -B package # build',
      'cp target/*.jar /opt/',
      'EOF',
    ).instructions;
    expect(words(runScript(run))).toEqual([
      ['mvn', '-B', 'package'],
      ['cp', 'target/*.jar', '/opt/'],
    ]);
  });

  it('lets parentheses part commands without making them words', () => {
    expect(words('id -u x || (groupadd x && useradd -g x x)')).toEqual([
      ['id', '-u', 'x'],
      ['groupadd', 'x'],
      ['useradd', '-g', 'x', 'x'],
    ]);
  });

  it('gives each command its text as written and its offsets', () => {
    const line = 'A=1 npm ci  &&  echo "x y"';
    const [first, second] = splitCommands(line);
    expect(first).toMatchObject({ text: 'A=1 npm ci', start: 0, end: 10, before: null });
    expect(second).toMatchObject({ text: 'echo "x y"', start: 16, end: line.length });
    expect(second.before?.value).toBe('&&');
    expect(line.slice(second.args[1].start, second.args[1].end)).toBe('"x y"');
  });

  it('reads a quote left open to the end instead of failing', () => {
    expect(words('echo "a && b')).toEqual([['echo', 'a && b']]);
    expect(words('echo $(a && b')).toEqual([['echo', '$(a && b']]);
  });

  it('reads a long hostile line in linear time', () => {
    const started = Date.now();
    for (const unit of ['$(', '`x', '"\\', "a'", '2>', '&&', '# \n'])
      splitCommands(unit.repeat(60_000 / unit.length));
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('shellWords', () => {
  it('parts words on blanks only: operators stay inside words, as in ENV and COPY lines', () => {
    expect(shellWords('COPY a&b.txt x;y "c d" ./')).toEqual(['COPY', 'a&b.txt', 'x;y', 'c d', './']);
    expect(shellWords("JAVA_OPTS='-Xmx1g -Dx=$HOME' \\$X")).toEqual(['JAVA_OPTS=-Xmx1g -Dx=$HOME', '$X']);
  });
});

describe('tokenize and commandsOf', () => {
  it('marks words the shell expands and finds the target of a bare redirection', () => {
    const tokens = tokenize('apt-get install -y $PKGS "lib*" curl > log 2>&1')!;
    expect(tokens.map((t) => [t.kind, t.value, t.expands])).toEqual([
      ['word', 'apt-get', false],
      ['word', 'install', false],
      ['word', '-y', false],
      ['word', '$PKGS', true],
      ['word', 'lib*', false],
      ['word', 'curl', false],
      ['redirect', '>', false],
      ['word', 'log', false],
      ['redirect', '2>&1', false],
    ]);
    const [command] = commandsOf(tokens, 'x')!;
    expect(command.args.map((t) => t.value)).toEqual(['apt-get', 'install', '-y', '$PKGS', 'lib*', 'curl']);
  });

  it('is null for an open quote or substitution, and commandsOf for grouped commands', () => {
    expect(tokenize('echo "x')).toBeNull();
    expect(tokenize('echo $(x')).toBeNull();
    const grouped = 'a && (b; c)';
    expect(commandsOf(tokenize(grouped)!, grouped)).toBeNull();
    expect(commandsOf(tokenize(grouped)!, grouped, true)!.map((c) => c.text)).toEqual(['a', 'b', 'c']);
  });
});

describe('logicalText', () => {
  it('joins continuations, drops inner comments and maps every character back', () => {
    const ins = 'RUN apt-get update \\\r\n  # a comment\n\n  && apt-get install -y curl\nCMD x';
    const logical = logicalText(ins, 3, '\\');
    expect(logical.text).toBe(' apt-get update   && apt-get install -y curl');
    const at = logical.text.indexOf('curl');
    expect(rawRange(logical, at, at + 4)).toEqual({
      start: ins.indexOf('curl'),
      end: ins.indexOf('curl') + 4,
    });
    expect(rawRange(logical, logical.text.length, logical.text.length).start).toBe(ins.indexOf('\nCMD'));
  });

  it('reads the backtick escape and drops an escape left open at the end', () => {
    expect(logicalText('RUN a `\n  b `', 3, '`').text).toBe(' a   b ');
    expect(logicalBody('npm ci \\', '\\')).toBe('npm ci');
  });
});

describe('wordTokens', () => {
  it('escapes in double quotes only what Docker does there: `"`, `$` and the escape', () => {
    expect(shellWords('"a\\b" "c\\"d\\$e\\\\" f\\g')).toEqual(['a\\b', 'c"d$e\\', 'fg']);
    expect(expandWords('"a\\b"', '\\', () => undefined)).toEqual(['a\\b']);
  });

  it('expands variables outside single quotes, and marks a word with an unknown one', () => {
    const lookup = (name: string) => ({ A: 'x y', E: '' })[name];
    const words = wordTokens(`"$A"/1 '$A' \${E:-d} pre$NOPE`, '\\', lookup);
    expect(words.map((t) => [t.value, t.unknown ?? false])).toEqual([
      ['x y/1', false],
      ['$A', false],
      ['d', false],
      ['pre', true],
    ]);
  });

  it('reads a line of unclosed ${ in linear time', () => {
    const started = Date.now();
    expandWords('${A:-'.repeat(12_000), '\\', () => undefined);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("reads a Dockerfile's own escape character and keeps each word as written", () => {
    const words = wordTokens('A="x `"y" B=C`\\ D $(e f)', '`');
    expect(words.map((t) => t.value)).toEqual(['A=x "y', 'B=C\\', 'D', '$(e', 'f)']);
    expect(words[0].text).toBe('A="x `"y"');
  });
});

describe('programAt and programName', () => {
  it('finds the program after assignments, and after sudo and env when asked', () => {
    expect(programAt(['A=1', 'B=', 'npm', 'ci'])).toBe(2);
    expect(programAt(['sudo', 'A=1', 'env', '/usr/sbin/useradd', 'x'])).toBe(0);
    expect(programAt(['sudo', 'A=1', 'env', '/usr/sbin/useradd', 'x'], true)).toBe(3);
    expect(programName('/usr/sbin/useradd')).toBe('useradd');
  });
});
