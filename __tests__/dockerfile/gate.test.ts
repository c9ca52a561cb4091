import { closeOpenContinuation, frontGate, MAX_LINE_BYTES } from '../../src/dockerfile/gate';
import { parseDockerfile } from '../../src/dockerfile/model';

const gate = (body: string) => () => frontGate(`FROM node:20\n${body}\nCMD ["node", "a.js"]\n`);

describe('frontGate: instructions Docker refuses', () => {
  it.each([
    ['USER', /USER requires exactly one argument \(line 2\)/],
    ['WORKDIR', /WORKDIR requires exactly one argument/],
    ['MAINTAINER', /MAINTAINER requires exactly one argument/],
    ['STOPSIGNAL', /STOPSIGNAL requires exactly one argument/],
    ['ENV', /ENV requires at least one argument \(line 2\)/],
    ['LABEL', /LABEL requires at least one argument/],
    ['COPY', /COPY requires at least two arguments/],
    ['ADD', /ADD requires at least two arguments/],
    ['EXPOSE', /EXPOSE requires at least one argument/],
    ['VOLUME', /VOLUME requires at least one argument/],
    ['ARG', /ARG requires at least one argument/],
    ['ONBUILD', /ONBUILD requires at least one argument/],
    ['HEALTHCHECK', /HEALTHCHECK requires at least one argument/],
    ['SHELL', /SHELL requires at least one argument/],
    ['FROM', /FROM without an image \(line 2\)/],
  ])('a bare %s is an error with its line', (keyword, message) => {
    expect(gate(keyword)).toThrow(message);
    expect(gate(`${keyword.toLowerCase()}   `)).toThrow(message);
  });

  it('a bare instruction that needs arguments only after its flags is an error too', () => {
    expect(gate('COPY --from=build /app')).toThrow(/COPY requires at least two arguments/);
    expect(gate('COPY --chown=node:node')).toThrow(/COPY requires at least two arguments/);
    // Quotes keep blanks inside a flag, and `--` ends the flags.
    expect(gate('COPY --chown="app user" /app')).toThrow(/COPY requires at least two arguments/);
    expect(gate('COPY --link -- --odd-name /dst/')).not.toThrow();
  });

  it.each(['RUN', 'CMD', 'ENTRYPOINT'])('accepts a bare %s, as Docker does', (keyword) => {
    expect(gate(keyword)).not.toThrow();
  });

  it.each([
    ['ENV NAME', /ENV must have two arguments/],
    ['ENV A=1 B', /ENV: cannot find = in "B"/],
    ['ENV =x', /ENV names cannot be blank/],
    ['ARG =x', /ARG names cannot be blank/],
    ['FROM node:20 base', /FROM requires either one or three arguments/],
    ['FROM node:20 AS 1st', /invalid name for build stage: "1st"/],
    ['ONBUILD ONBUILD RUN x', /cannot trigger another ONBUILD/],
    ['ONBUILD FROM x', /FROM isn't allowed as an ONBUILD trigger/],
    ['HEALTHCHECK CMD', /HEALTHCHECK CMD needs a command/],
    ['HEALTHCHECK NONE x', /NONE takes no arguments/],
    ['HEALTHCHECK WGET x', /unknown type "WGET"/],
    ['SHELL /bin/bash -c', /SHELL requires the arguments to be in JSON form/],
    ['RUN ["echo", 1]', /arrays must be comprised of strings only/],
    ['COPY <<EOF <<EOF2\nx\nEOF\nEOF2', /cannot take a heredoc as a destination/],
    ['VOLUME [""]', /VOLUME cannot name an empty path/],
    ['RUNN npm ci', /unknown instruction: RUNN \(line 2\)/],
  ])('%s is refused', (line, message) => {
    expect(gate(line)).toThrow(message);
  });

  it.each([
    'ENV NAME value with spaces',
    'ENV A=1 B="two words"',
    'LABEL "com.example.a"="x" b=y',
    'ARG A B=2',
    'FROM node:20 AS build',
    'FROM --platform=$BUILDPLATFORM node:20',
    'COPY --from=build --chown=node:node /app /app',
    'COPY ["a b", "/c/"]',
    'HEALTHCHECK --interval=5s CMD curl -f http://localhost/',
    'HEALTHCHECK NONE',
    'SHELL ["/bin/bash", "-c"]',
    'ONBUILD RUN npm ci',
    'RUN --mount=type=cache,target="/root/.npm" npm ci',
    'EXPOSE 3000/tcp',
    'user node',
  ])('accepts %s', (line) => {
    expect(gate(line)).not.toThrow();
  });

  it('reads only the directives at the top, and refuses a repeated or unknown escape', () => {
    expect(() => frontGate('# escape=\\\n# escape=`\nFROM x\n')).toThrow(/only one escape parser directive/);
    expect(() => frontGate('# escape=!\nFROM x\n')).toThrow(/invalid escape character '!' \(line 1\)/);
    expect(frontGate('# escape=`\nFROM x\nRUN a `\n  b\n').escape).toBe('`');
    expect(frontGate('FROM x\n# escape=`\nRUN a `\n').escape).toBe('\\');
  });
});

describe('frontGate: heredocs', () => {
  it('refuses an unterminated heredoc at the line that opens it', () => {
    expect(gate('RUN <<EOF\necho hi')).toThrow(/unterminated heredoc <<EOF \(line 2\)/);
    expect(gate('COPY <<EOF /app/a.txt\nhello\nEOF \nRUN x')).toThrow(/unterminated heredoc/);
    expect(gate('RUN <<A <<B\na\nA\nb\nb')).toThrow(/unterminated heredoc <<B/);
  });

  it('accepts terminated heredocs in the forms Docker knows', () => {
    for (const body of [
      'RUN <<EOF\necho hi\nEOF',
      'RUN <<-EOF\n\techo hi\n\tEOF',
      'RUN <<"EOF" bash\necho $HOME\nEOF',
      'RUN cat 3<<EOF\nx\nEOF',
      'RUN cat <<A <<B\na\nA\nb\nB',
      'RUN \\\n  <<EOF\nx\nEOF',
      'COPY <<EOF /app/a.txt\nhello\nEOF',
      'ONBUILD RUN <<EOF\nx\nEOF',
    ])
      expect(gate(body)).not.toThrow();
  });

  it('reads the lines after `cat << EOF` (a blank before the name) as instructions, as Docker does', () => {
    expect(gate('RUN cat << EOF\necho hi\nEOF')).toThrow(/unknown instruction: echo \(line 3\)/);
  });

  it('records every instruction start, heredoc bodies skipped', () => {
    expect(frontGate('FROM x\nRUN <<EOF\nFROM y\nEOF\n# c\nRUN a \\\n  b\n').starts).toEqual([0, 1, 5]);
  });
});

describe('frontGate: long lines', () => {
  it(`accepts a line of ${MAX_LINE_BYTES} bytes and refuses one byte more`, () => {
    const run = (bytes: number) => `FROM x\nRUN ${'a'.repeat(bytes - 4)}\n`;
    expect(() => frontGate(run(MAX_LINE_BYTES))).not.toThrow();
    expect(() => frontGate(run(MAX_LINE_BYTES + 1))).toThrow(
      /line of 65536 bytes: Docker reads lines of at most 65535 bytes \(line 2\)/,
    );
  });

  it('counts bytes, not characters', () => {
    const line = 'RUN echo ' + 'é'.repeat(35_000);
    expect(() => frontGate(`FROM x\n${line}\n`)).toThrow(/line of 70009 bytes/);
  });

  it('refuses a 70 KB line in a heredoc body or a comment too', () => {
    expect(() => frontGate(`FROM x\nRUN <<EOF\n${'x'.repeat(70_000)}\nEOF\n`)).toThrow(/\(line 3\)/);
    expect(() => frontGate(`FROM x\n# ${'x'.repeat(70_000)}\n`)).toThrow(/\(line 2\)/);
  });
});

describe('trailing continuation at the end of the file', () => {
  it.each([
    ['no final newline', 'FROM x\nRUN a \\', 'FROM x\nRUN a'],
    ['a final newline', 'FROM x\nRUN a \\\n', 'FROM x\nRUN a\n'],
    [
      'blank and comment lines after it',
      'FROM x\nRUN a \\\n  b \\\n\n# c\n',
      'FROM x\nRUN a \\\n  b\n\n# c\n',
    ],
    ['CRLF', 'FROM x\r\nRUN a \\ \r\n', 'FROM x\r\nRUN a\r\n'],
    ['a backtick escape', '# escape=`\nFROM x\nRUN a `', '# escape=`\nFROM x\nRUN a'],
  ])('is accepted and closed (%s)', (_name, text, closed) => {
    expect(frontGate(text).openContinuation).not.toBeNull();
    expect(closeOpenContinuation(text)).toBe(closed);
    expect(parseDockerfile(closeOpenContinuation(text)).instructions.map((i) => i.keyword)).toEqual([
      'FROM',
      'RUN',
    ]);
  });

  it('leaves an escaped escape, a closed continuation and a heredoc alone', () => {
    for (const text of [
      'FROM x\nRUN a \\\\\n',
      'FROM x\nRUN a \\\n  b\n',
      'FROM x\nRUN <<EOF\na \\\nEOF\n',
    ]) {
      expect(frontGate(text).openContinuation).toBeNull();
      expect(closeOpenContinuation(text)).toBe(text);
    }
  });
});

describe('parseDockerfile behind the gate', () => {
  it('refuses a file that Docker and the lossless parser would split differently', () => {
    // Docker reads `3<<EOF` as a heredoc; dockerfile-ast does not, and would edit its body as instructions.
    expect(() => parseDockerfile('FROM x\nRUN cat 3<<EOF\nFROM y\nEOF\nCMD ["a"]\n')).toThrow(
      /Docker and this tool's parser see different instructions \(line 3\)/,
    );
  });

  it('is linear on hostile lines: a 60 KB line of blanks and escapes parses at once', () => {
    const text = `# syntax=${' '.repeat(60_000)}x\nFROM x\nRUN a${' \\'.repeat(30_000)}b\nRUN ${'--a '.repeat(15_000)}\n`;
    const started = Date.now();
    expect(() => frontGate(text)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('joins continuation lines in linear time: ten 60 KB lines with blank runs inside', () => {
    const text = 'FROM x\n' + `RUN a${' '.repeat(60_000)}b \\\n`.repeat(10) + '  c\n';
    const started = Date.now();
    expect(parseDockerfile(text).instructions).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
