import { runScript } from '../../src/dockerfile/hints';
import { splitCommands } from '../../src/dockerfile/shell';
import { dockerfile } from '../kinds/helpers';

const runs = (...lines: string[]) => dockerfile('FROM x', ...lines).stages[0].instructions;

describe('runScript', () => {
  it('is the shell form as Docker joins it', () => {
    const [run] = runs('RUN npm ci \\', '  # inner', '  && npm run build');
    expect(runScript(run)).toBe('npm ci   && npm run build');
  });

  it('unwraps an exec-form sh -c and quotes other exec forms as one command', () => {
    const [shell, plain] = runs('RUN ["/bin/sh", "-c", "mvn -B package"]', `RUN ["echo", "a b", "it's"]`);
    expect(runScript(shell)).toBe('mvn -B package');
    expect(splitCommands(runScript(plain)).map((c) => c.words)).toEqual([['echo', 'a b', "it's"]]);
  });

  it("is every heredoc's script line by line, without their terminators or comment lines", () => {
    const [run] = runs('RUN <<A bash && cat <<B', 'set -e', '# build', 'npm ci', 'A', 'echo two', 'B');
    expect(runScript(run)).toBe('set -e\nnpm ci\necho two');
  });
});
