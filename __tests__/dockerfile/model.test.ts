import { parseDockerfile, flagValue } from '../../src/dockerfile/model';
import { applyEdits, insertAt, replaceRange } from '../../src/dockerfile/edits';

describe('parseDockerfile', () => {
  it('splits stages and keeps original text and offsets', () => {
    const text =
      '# syntax=docker/dockerfile:1\nARG V=20\n# base image\nfrom node:${V} as base\nRUN a \\\n  # inner\n  && b\nCOPY --FROM=base x y\n';
    const model = parseDockerfile(text);
    expect(model.directives).toEqual([
      expect.objectContaining({ name: 'syntax', value: 'docker/dockerfile:1' }),
    ]);
    expect(model.preamble.map((i) => i.text)).toEqual(['ARG V=20']);
    expect(model.stages).toHaveLength(1);
    const [stage] = model.stages;
    expect(stage.name).toBe('base');
    expect(stage.image?.value).toBe('node:${V}');
    expect(text.slice(stage.from.commentStart, stage.from.lineStart)).toBe('# base image\n');
    const run = stage.instructions[0];
    expect(run.text).toBe('RUN a \\\n  # inner\n  && b');
    expect(run.body).toBe('a   && b');
    expect(flagValue(stage.instructions[1], 'from')).toBe('base');
    expect(model.keywordCase).toBe('upper');
  });

  it('reads exec form and keyword case', () => {
    const model = parseDockerfile('from node\ncmd ["node", "a.js"]\n');
    expect(model.stages[0].instructions[0].exec).toEqual(['node', 'a.js']);
    expect(model.keywordCase).toBe('lower');
  });
  it('reads the exec form as Docker does: blanks inside strings kept, anything but a JSON array is shell form', () => {
    const execOf = (line: string) => parseDockerfile(`FROM x\n${line}\n`).stages[0].instructions[0].exec;
    expect(execOf('CMD ["sh", "-c", "echo \\"a b\\" \\u0041"]')).toEqual(['sh', '-c', 'echo "a b" A']);
    expect(execOf('CMD ["node", \\\n  "a.js"]')).toEqual(['node', 'a.js']);
    expect(execOf('CMD ["a",]')).toBeNull();
    expect(execOf('CMD ["a"] b')).toBeNull();
    expect(execOf('CMD []')).toEqual([]);
  });

  it('exposes the heredocs the parser reads for RUN, COPY and ADD, complete ones only', () => {
    const text = [
      'FROM x',
      'RUN --mount=type=cache,target=/root/.npm <<A bash && cat <<-B',
      'npm ci',
      'A',
      '\tx',
      '\tB',
      'ADD <<"EOF" /etc/app.conf',
      'port=$PORT',
      'EOF',
      'RUN echo "<<EOF"',
      '',
    ].join('\r\n');
    const [run, add, echo] = parseDockerfile(text).stages[0].instructions;
    expect(run.heredocs.map((d) => [d.name, d.content])).toEqual([
      ['A', 'npm ci'],
      ['B', '\tx'],
    ]);
    expect(text.slice(run.heredocs[0].start, run.heredocs[0].end)).toBe('npm ci');
    expect(add.heredocs.map((d) => [d.name, d.content])).toEqual([['EOF', 'port=$PORT']]);
    expect([run.heredoc, add.heredoc, echo.heredoc]).toEqual([true, true, false]);
    expect(echo.heredocs).toEqual([]);
  });
});

describe('applyEdits', () => {
  it('applies sorted edits and leaves the rest byte-identical', () => {
    expect(applyEdits('abcdef', [replaceRange(4, 5, 'E'), insertAt(0, '>'), insertAt(0, '>')])).toBe(
      '>>abcdEf',
    );
  });
  it('rejects overlapping edits', () => {
    expect(() => applyEdits('abcdef', [replaceRange(0, 3, 'x'), replaceRange(2, 4, 'y')])).toThrow(
      /overlapping/,
    );
  });
});
