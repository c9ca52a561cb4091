// What the Dockerfile says about the project: which files it copies in and which build commands it runs.
import path from 'node:path';
import type { DockerfileModel } from './model';
import { flagValue } from './model';
import { programAt, shellWords, splitCommands } from './shell';

/** A context path as written in a COPY source, normalised (`./a/b/` -> `a/b`, `.` for the root). */
export function normalPath(p: string): string {
  // Docker reads even `/x` as a context path.
  const clean = path.posix
    .normalize(p.replace(/\\/g, '/'))
    .replace(/^\/+/, '')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  return clean === '' ? '.' : clean;
}

/** The folder part of a context path ('.' for a top-level file). */
export function dirOf(p: string): string {
  return normalPath(path.posix.dirname(normalPath(p)));
}

/** Joins context paths, `.` being the root. */
export function joinPath(...parts: string[]): string {
  return normalPath(path.posix.join(...parts));
}

/** `dir` and every folder above it up to the context root, nearest first. */
export function upwards(dir: string): string[] {
  const dirs = [dir];
  while (dirs[dirs.length - 1] !== '.') dirs.push(dirOf(dirs[dirs.length - 1]));
  return dirs;
}

/**
 * Sources of every COPY/ADD that reads from the build context (not `--from` a stage or image),
 * normalised, in file order. Sources with variables or URLs are left out: they cannot be read here.
 */
export function copySources(model: DockerfileModel): string[] {
  const sources: string[] = [];
  for (const ins of model.instructions) {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredoc) continue;
    if (flagValue(ins, 'from') !== null) continue;
    const words = ins.exec ?? shellWords(ins.body);
    for (const src of words.slice(0, -1)) {
      if (src.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || src.startsWith('git@')) continue;
      sources.push(normalPath(src));
    }
  }
  return sources;
}

/** The commands every RUN executes, as word lists (`&&` chains split; exec form kept whole). */
export function runCommands(model: DockerfileModel): string[][] {
  const commands: string[][] = [];
  for (const ins of model.instructions) {
    if (ins.keyword !== 'RUN' || ins.heredoc) continue;
    if (ins.exec) {
      // `["sh", "-c", "mvn package"]` is a shell line in disguise.
      if (/^(\/bin\/)?(ba)?sh$/.test(ins.exec[0] ?? '') && ins.exec[1] === '-c' && ins.exec[2])
        commands.push(...splitCommands(ins.exec[2]).map((c) => c.words));
      else commands.push(ins.exec);
      continue;
    }
    commands.push(...splitCommands(ins.body).map((c) => c.words));
  }
  // Leading `cd dir` and env assignments are not the command; keep what follows them.
  return commands.map((words) => words.slice(programAt(words)));
}

/** The program a command runs, without its folder: `./mvnw` -> `mvnw`. */
export function programOf(words: string[]): string {
  return path.posix.basename(words[0] ?? '');
}

/** The value of an option such as `-pl x`, `--projects=x` or `-px`, or null. */
export function optionValue(words: string[], names: string[]): string | null {
  for (let i = 1; i < words.length; i++) {
    for (const name of names) {
      if (words[i] === name && i + 1 < words.length) return words[i + 1];
      if (name.startsWith('--') && words[i].startsWith(name + '=')) return words[i].slice(name.length + 1);
    }
  }
  return null;
}

/** Whether a glob pattern appears in a path (Docker COPY sources use Go's filepath.Match). */
export function hasGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/** Whether a context path matches a COPY glob (`*` and `?` stay within one path part, `[...]` is a class). */
export function globMatch(pattern: string, p: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) return false;
      re +=
        '[' +
        pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\') +
        ']';
      i = close;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(p);
}
