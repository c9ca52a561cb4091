import { dockerfile } from '../helpers';
import { freeStageName } from '../../../src/kinds/java/stage-name';

describe('freeStageName', () => {
  it('picks runtime, else the first free of final, release, app, then runtime2', () => {
    expect(freeStageName(dockerfile('FROM maven:3.9 AS build'))).toBe('runtime');
    expect(freeStageName(dockerfile('FROM maven:3.9 AS Runtime'))).toBe('final');
    expect(freeStageName(dockerfile('FROM maven:3.9 AS runtime', 'FROM maven:3.9 AS final'))).toBe('release');
    const all = ['runtime', 'final', 'release', 'app'].map((n) => `FROM maven:3.9 AS ${n}`);
    expect(freeStageName(dockerfile(...all))).toBe('runtime2');
  });
});
