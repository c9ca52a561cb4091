import { cleanPattern, compileRules, escapePattern, ruleLines } from '../../src/dockerignore/matcher';

/** [rules, path, ignored] */
const cases: [string, string, boolean][] = [
  // Patterns are anchored at the context root, unlike .gitignore.
  ['node_modules', 'node_modules', true],
  ['node_modules', 'node_modules/express/index.js', true],
  ['node_modules', 'packages/a/node_modules/x.js', false],
  ['**/node_modules', 'packages/a/node_modules/x.js', true],
  ['**/node_modules', 'node_modules/x.js', true],
  // A leading or trailing slash changes nothing.
  ['/dist/', 'dist/index.js', true],
  ['./dist', 'dist/index.js', true],
  // `*` stays within one folder; `**` crosses them.
  ['*.log', 'npm-debug.log', true],
  ['*.log', 'logs/app.log', false],
  ['**/*.log', 'logs/app.log', true],
  ['**/*.log', 'app.log', true],
  ['src/**/*.test.ts', 'src/a/b/c.test.ts', true],
  ['src/**/*.test.ts', 'src/c.test.ts', true],
  ['src/**/*.test.ts', 'src/c.ts', false],
  ['?at', 'cat', true],
  ['[a-c]at', 'bat', true],
  ['[^a-c]at', 'bat', false],
  // Case matters.
  ['Dockerfile', 'dockerfile', false],
  ['Dockerfile', 'Dockerfile', true],
  // The last matching rule wins; `!` re-includes, even below an excluded folder.
  ['dist\n!dist/index.js', 'dist/index.js', false],
  ['dist\n!dist/index.js', 'dist/other.js', true],
  ['target\n!target/*.jar', 'target/app.jar', false],
  ['target\n!target/*.jar', 'target/classes/A.class', true],
  ['!dist/index.js\ndist', 'dist/index.js', true],
  ['**/.env*\n!**/.env.example', '.env', true],
  ['**/.env*\n!**/.env.example', 'api/.env.example', false],
  ['**/.env*\n!**/.env.example', '.env.production', true],
  // Deny-all with exceptions.
  ['*\n!src\n!package.json', 'src/index.ts', false],
  ['*\n!src\n!package.json', 'package.json', false],
  ['*\n!src\n!package.json', 'tsconfig.json', true],
  ['*\n!src\n!package.json', 'test/a.test.ts', true],
  // Comments and blank lines are not rules; `#` only starts a comment at the start of a line.
  ['# dist\n\n  \nsrc', 'dist/a.js', false],
  ['a#b', 'a#b', true],
];

describe('compileRules', () => {
  it.each(cases)('%j on %s -> ignored %s', (rules, rel, ignored) => {
    expect(compileRules(rules).ignores(rel)).toBe(ignored);
  });

  it('never ignores the context root', () => {
    expect(compileRules('*').ignores('.')).toBe(false);
    expect(compileRules('*').ignores('')).toBe(false);
  });

  it('reads CRLF files and a BOM', () => {
    expect(compileRules('\ufeffdist\r\n!dist/keep.js\r\n').ignores('dist/keep.js')).toBe(false);
    expect(compileRules('\ufeffdist\r\n').ignores('dist/a.js')).toBe(true);
  });

  it('lists cleaned exceptions', () => {
    expect(compileRules('*\n!/src/\n! dist/a.js').exceptions).toEqual(['src', 'dist/a.js']);
  });

  it('tells whether an exception may re-include something below a folder', () => {
    const rules = compileRules('target\n!target/*.jar\n!**/keep');
    expect(rules.mayReincludeBelow('target')).toBe(true);
    expect(compileRules('target\n!target/*.jar').mayReincludeBelow('dist')).toBe(false);
    expect(compileRules('*\n!src').mayReincludeBelow('src')).toBe(false);
    expect(compileRules('*\n!src/a').mayReincludeBelow('src')).toBe(true);
    expect(compileRules('*\n!*/a').mayReincludeBelow('lib')).toBe(true);
  });
});

describe('pattern helpers', () => {
  it('ruleLines keeps rules only, trimmed', () => {
    expect(ruleLines('# c\n dist \n\n!x\r\n')).toEqual(['dist', '!x']);
  });

  it('cleanPattern cleans as Docker does', () => {
    expect(cleanPattern('/dist/')).toBe('dist');
    expect(cleanPattern('./a//b/../c')).toBe('a/c');
    expect(cleanPattern('**/node_modules/')).toBe('**/node_modules');
  });

  it('escapePattern makes a literal path match only itself', () => {
    const pattern = escapePattern('docker/[x]*.Dockerfile');
    expect(pattern).toBe('docker/\\[x]\\*.Dockerfile');
    expect(compileRules(pattern).ignores('docker/[x]*.Dockerfile')).toBe(true);
    expect(compileRules(pattern).ignores('docker/xa.Dockerfile')).toBe(false);
  });
});

describe('wildcard limits', () => {
  it('refuses a pattern whose segment would take backtracking regexps hours, naming it', () => {
    const bomb = '*a*a*a*a*a*a*a*a*b';
    expect(() => compileRules(bomb)).toThrow(/has 9 wildcards in one path segment/);
  });

  it('refuses a pattern of more `**` segments than can be matched in time against deep paths', () => {
    expect(() => compileRules('**/**/**/**/**/zz')).toThrow(/has 5 `\*\*` segments \(at most 4\)/);
    expect(compileRules('**/a/**/b/**/c/**/d').ignores('x/a/b/c/y/d')).toBe(true);
  });

  it('accepts what real ignore files and COPY sources use', () => {
    expect(compileRules('**/*.log\n*.min.*.js\n!**/keep*/**').ignores('a/b.log')).toBe(true);
  });
});
