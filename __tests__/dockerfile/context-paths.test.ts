import {
  contextPath,
  dirOf,
  globMatches,
  isBelow,
  joinPath,
  segmentRegExp,
  upwards,
} from '../../src/dockerfile/context-paths';
import { InputError } from '../../src/errors';

describe('context paths', () => {
  it('contextPath normalizes COPY sources and clamps them to the context', () => {
    expect(contextPath('./')).toBe('.');
    expect(contextPath('.')).toBe('.');
    expect(contextPath('/')).toBe('.');
    expect(contextPath('./a/b/')).toBe('a/b');
    expect(contextPath('/app/src/')).toBe('app/src');
    expect(contextPath('./target/*.jar')).toBe('target/*.jar');
    expect(contextPath('../shared')).toBe('shared');
  });

  it('dirOf and joinPath clean relative paths, keeping `..`', () => {
    expect(dirOf('apps/api/package.json')).toBe('apps/api');
    expect(dirOf('package.json')).toBe('.');
    expect(joinPath('apps/api', '../web', 'package.json')).toBe('apps/web/package.json');
    expect(joinPath('apps/api', '../../../tsconfig.json')).toBe('../tsconfig.json');
    expect(joinPath('./a/b/')).toBe('a/b');
    expect(upwards('apps/api')).toEqual(['apps/api', 'apps', '.']);
  });

  it('segmentRegExp follows Go filepath.Match', () => {
    expect(segmentRegExp('package*.json').test('package-lock.json')).toBe(true);
    expect(segmentRegExp('*.jar').test('.hidden.jar')).toBe(true);
    expect(segmentRegExp('a?c').test('a/c')).toBe(false);
    expect(segmentRegExp('[^x]y').test('xy')).toBe(false);
    // Go has no `!` negation: it is a character of the class.
    expect(segmentRegExp('[!p]npm-lock.yaml').test('pnpm-lock.yaml')).toBe(true);
    expect(segmentRegExp('[^p]npm-lock.yaml').test('pnpm-lock.yaml')).toBe(false);
    expect(segmentRegExp('p[mn]pm-lock.yaml').test('pnpm-lock.yaml')).toBe(true);
    expect(segmentRegExp('\\*').test('*')).toBe(true);
    expect(segmentRegExp('\\*').test('a')).toBe(false);
  });

  it('globMatches and isBelow compare segment by segment, absolute image paths too', () => {
    expect(globMatches('package*.json', 'package-lock.json')).toBe(true);
    expect(globMatches('*.json', 'apps/package.json')).toBe(false);
    expect(globMatches('*/target', 'api/target')).toBe(true);
    expect(globMatches('*/target', 'api/x/target')).toBe(false);
    expect(globMatches('/opt/*.tgz', '/opt/agent.tgz')).toBe(true);
    expect(globMatches('/opt/*.tgz', '/opt/x/agent.tgz')).toBe(false);
    expect(isBelow('target/app.jar', 'target')).toBe(true);
    expect(isBelow('target/*.jar', 'target')).toBe(true);
    expect(isBelow('target', 'target')).toBe(false);
    expect(isBelow('api/target/app.jar', '*/target')).toBe(true);
  });

  it('refuses a segment with more wildcards than backtracking can match in time', () => {
    expect(() => segmentRegExp('*a*a*a*a*a*a*a*a*b')).toThrow(InputError);
    expect(segmentRegExp('*-*.*.jar').test('app-1.0.jar')).toBe(true);
  });
});
