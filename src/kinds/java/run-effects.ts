// What a RUN line leaves on disk, as far as it can be read: the paths it writes and removes, or the command it cannot read.
import path from 'node:path';
import { globMatches } from '../../dockerfile/context-paths';
import { splitCommands } from '../../dockerfile/shell';
import { isInside } from '../../dockerfile/workdir';
import { expand } from './artifact';
import { commandWords } from '../../dockerfile/hints';
import { buildToolOf } from './vocabulary';

/**
 * A path a RUN writes, absolute (a glob may stand in its last part): a folder mkdir makes, an empty file touch
 * makes (for the app to write), or content (a copy, a download, an unpacked archive, a link).
 */
export interface RunWrite {
  path: string;
  kind: 'dir' | 'empty' | 'content';
}

/** A command whose effect on disk is not read, and the places it names (where it may write). */
export interface UnreadCommand {
  text: string;
  paths: string[];
}

export interface RunEffects {
  writes: RunWrite[];
  removes: string[];
  /** Commands whose effect on disk the tool cannot read, as written, with the absolute paths they name. */
  unread: UnreadCommand[];
}

/** Programs that write nothing the runtime could need (or whose effect is read elsewhere: builds, packages, users). */
const HARMLESS = new Set([
  ...[
    'echo',
    'printf',
    'cat',
    'ls',
    'pwd',
    'test',
    '[',
    'true',
    'false',
    ':',
    'set',
    'export',
    'cd',
    'sleep',
  ],
  ...['env', 'printenv', 'id', 'whoami', 'uname', 'date', 'du', 'df', 'file', 'stat', 'head', 'tail', 'sort'],
  ...['grep', 'which', 'command', 'type', 'sha256sum', 'sha1sum', 'md5sum', 'wc', 'tree', 'chmod', 'chown'],
  ...['chgrp', 'mvn', 'mvnw', 'gradle', 'gradlew', 'apt-get', 'apt', 'apk', 'dpkg', 'useradd', 'adduser'],
  ...[
    'groupadd',
    'addgroup',
    'usermod',
    'rm',
    'rmdir',
    'exit',
    'javac',
    'update-ca-certificates',
    'locale-gen',
  ],
]);
/** Paths in the build tools' homes, written with the variables or `~` the build images set. */
const TOOL_HOME =
  /^(\$\{?(MAVEN_CONFIG|MAVEN_HOME|M2_HOME|GRADLE_HOME|GRADLE_USER_HOME)\b|(~|\$\{?HOME\}?)\/\.(m2|gradle)(\/|$))/;
/** Folders that are always there: `cp x /usr/local/bin` puts x inside, it does not make the folder. */
export const SYSTEM_DIRS =
  /^\/(|bin|sbin|lib|lib64|etc|opt|srv|home|root|var|var\/lib|var\/log|usr|usr\/bin|usr\/sbin|usr\/lib|usr\/local|usr\/local\/bin|usr\/local\/lib|usr\/local\/share|usr\/share)$/;

/**
 * Reads the effects of one RUN script run in `workdir`; `$VAR`s are filled in from `vars`, and a path with
 * an unknown variable is an unread effect. `known` are folders made before (a `cp` into them lands inside).
 */
export function runEffects(
  script: string,
  workdir: string,
  vars: ReadonlyMap<string, string>,
  known: readonly string[] = [],
): RunEffects {
  const effects: RunEffects = { writes: [], removes: [], unread: [] };
  const dirs = new Set(known);
  const start = expand(workdir, vars);
  // null once a `cd` went somewhere unknown: relative paths then cannot be placed.
  let cwd: string | null = start !== null && start.startsWith('/') ? start : null;
  const at = (p: string): string | null => {
    // The build runs as root: `~` is its home.
    const value = expand(p.replace(/^~(?=\/|$)/, '/root'), vars);
    if (value === null || (!value.startsWith('/') && cwd === null)) return null;
    return path.posix.resolve(cwd ?? '/', value).replace(/(.)\/+$/, '$1');
  };
  const unread = (text: string, words: readonly string[]) => {
    const paths = words
      .map((w) => w.replace(/^[^=]*=/, ''))
      .filter((v) => v.startsWith('/') && !/^\/dev\//.test(v))
      .map((v) => at(v) ?? v);
    effects.unread.push({ text, paths });
  };
  const write = (p: string, kind: RunWrite['kind'] = 'content') => {
    // The build tools' own homes (settings, caches) only configure the build.
    if (TOOL_HOME.test(p)) return;
    const abs = at(p);
    if (abs === null) {
      effects.unread.push({ text: `a write to ${p}`, paths: [p] });
      return;
    }
    effects.writes.push({ path: abs, kind });
    if (kind === 'dir') dirs.add(abs);
  };
  /** `cp a b`, `mv a b/`, `cp -t b a`: the destination itself, or each source's name inside it. */
  const place = (sources: readonly string[], dest: string, into = false) => {
    const abs = at(dest);
    if (
      abs !== null &&
      !into &&
      !dest.endsWith('/') &&
      sources.length === 1 &&
      !dirs.has(abs) &&
      !SYSTEM_DIRS.test(abs)
    )
      return write(dest);
    for (const s of sources) write(path.posix.join(dest, path.posix.basename(s.replace(/\/+$/, ''))));
  };
  const remove = (p: string) => {
    const abs = at(p);
    if (abs === null) return;
    effects.removes.push(abs);
    // What this RUN wrote before is gone too (`curl -o x.tgz && tar xzf x.tgz && rm x.tgz`).
    effects.writes = effects.writes.filter((w) => !(isInside(abs, w.path) || globMatches(abs, w.path)));
  };

  for (const command of splitCommands(script)) {
    // A subshell's parentheses (`(cd x; jar -xf ../app.jar)`) only group commands.
    const bare = command.words.map((w) => w.replace(/^\(+|\)+$/g, '')).filter(Boolean);
    const { words, redirects } = withoutRedirects(commandWords(bare));
    for (const target of redirects) if (!/^\/dev\//.test(target)) write(target);
    const program = path.posix.basename(words[0] ?? '');
    const args = words.slice(1);
    const plain = args.filter((a) => !a.startsWith('-'));
    if (!program) continue;
    if (program === 'cd') {
      const to = args[0] ?? '/';
      cwd = at(to);
    } else if (/^(ba|da)?sh$/.test(program) && args[0] === '-c' && args[1] !== undefined) {
      const inner = runEffects(args[1], cwd ?? '$unknown', vars, [...dirs]);
      effects.writes.push(...inner.writes);
      effects.removes.push(...inner.removes);
      effects.unread.push(...inner.unread);
    } else if (program === 'mkdir') valued(args, ['-m', '--mode']).forEach((p) => write(p, 'dir'));
    else if (program === 'install' && args.includes('-d'))
      valued(args, ['-m', '-o', '-g', '--mode', '--owner', '--group']).forEach((p) => write(p, 'dir'));
    else if (program === 'touch') plain.forEach((p) => write(p, 'empty'));
    else if (program === 'dos2unix' || program === 'tee') plain.forEach((p) => write(p));
    else if (program === 'cp' || program === 'mv' || program === 'install' || program === 'ln') {
      const rest = valued(args, ['-m', '-o', '-g', '-S', '-t', '--mode', '--owner', '--group', '--suffix']);
      const target = optionValue(args, ['-t', '--target-directory']);
      const sources = target !== null ? rest : rest.slice(0, -1);
      if (target !== null) place(sources, target, true);
      else if (program === 'ln' && rest.length === 1) place(rest, '.', true);
      else if (rest.length > 1) place(sources, rest[rest.length - 1]);
      if (program === 'mv') sources.forEach(remove);
    } else if (program === 'rm' || program === 'rmdir') plain.forEach(remove);
    else if (program === 'curl') {
      const out = optionValue(args, ['-o', '--output']) ?? clustered(args, 'o');
      const dir = optionValue(args, ['--output-dir']) ?? '.';
      if (out !== null && out !== '-') write(under(dir, out));
      else if (args.some((a) => a === '--remote-name' || /^-[a-zA-Z]*O$/.test(a)))
        urls(args).forEach((u) => write(under(dir, urlName(u))));
    } else if (program === 'wget') {
      const out = optionValue(args, ['-O', '--output-document']) ?? clustered(args, 'O');
      const dir = optionValue(args, ['-P', '--directory-prefix']) ?? '.';
      if (out === null) urls(args).forEach((u) => write(under(dir, urlName(u))));
      else if (out !== '-') write(out);
    } else if (program === 'tar') {
      const mode = args.find((a) => /^-?[a-zA-Z]+$/.test(a)) ?? '';
      if (args.includes('--extract') || args.includes('--get') || mode.includes('x'))
        write(optionValue(args, ['-C', '--directory']) ?? '.');
      else {
        const file = mode.endsWith('f') ? args[args.indexOf(mode) + 1] : optionValue(args, ['--file']);
        if (file) write(file);
      }
    } else if (program === 'sed' && args.some((a) => /^(-i|--in-place)/.test(a))) {
      const scripted = args.some((a) => /^(-e|-f|--expression|--file)/.test(a));
      const files = valued(args, ['-e', '-f', '--expression', '--file']);
      files.slice(scripted ? 0 : 1).forEach((p) => write(p));
    } else if (program === 'git' && args[0] === 'clone') {
      const [url, dest] = plain.slice(1);
      if (url) write(dest ?? urlName(url).replace(/\.git$/, ''));
    } else if (program === 'keytool') {
      const store = optionValue(args, ['-keystore']);
      if (store !== null && !args.includes('-cacerts')) write(store);
      else {
        // The JDK's own trust store: a JRE image has its own, without what this adds.
        effects.unread.push({ text: command.text, paths: ["the JDK's trust store (cacerts)"] });
      }
    } else if (program === 'jar' || program === 'unzip') {
      const mode = args[0] ?? '';
      if (program === 'unzip' || /^-?[a-z]*x/.test(mode)) write(optionValue(args, ['-d', '-C']) ?? '.');
      else if (/^-?[a-z]*c/.test(mode)) write(optionValue(args, ['-f', '--file']) ?? args[1] ?? '.');
    } else if (program === 'find' && !args.some((a) => /^-(delete|exec|execdir|ok|fprint)/.test(a))) {
      continue;
    } else if (buildToolOf(program)) {
      // `-DoutputDirectory=lib` (copy-dependencies and the like) fills a folder of the build's choosing.
      for (const a of args) {
        const dir = /^-D[\w.-]*(Directory|Dir|dir)=(.+)$/.exec(a);
        if (dir) write(dir[2]);
      }
    } else if (program === 'java' && args.some((a) => a.startsWith('-Djarmode='))) {
      write(optionValue(args, ['--destination']) ?? '.');
    } else if (program === 'java' && args.every((a) => /^(-version|--version|-XshowSettings.*)$/.test(a)))
      continue;
    else if (!HARMLESS.has(program)) unread(command.text, words);
  }
  return effects;
}
/** Separates `> file`, `>> file` and `2>file` from a command's words; `>&2` and `2>&1` are not files. */
function withoutRedirects(words: readonly string[]): { words: string[]; redirects: string[] } {
  const kept: string[] = [];
  const redirects: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = /^(\d*|&)>>?(.*)$/.exec(words[i]);
    if (!m) {
      kept.push(words[i]);
      continue;
    }
    const target = m[2] || words[++i] || '';
    if (target && !target.startsWith('&')) redirects.push(target);
  }
  return { words: kept, redirects };
}

/** The value glued to a cluster of short flags ending in `letter` (`-sSLo file`, `-qO-`), or null. */
function clustered(args: readonly string[], letter: string): string | null {
  for (let i = 0; i < args.length; i++) {
    const m = new RegExp(`^-[a-zA-Z]*${letter}(.*)$`).exec(args[i]);
    if (m && !args[i].startsWith('--')) return m[1] || (args[i + 1] ?? null);
  }
  return null;
}

/** Non-option arguments, skipping the values of the options named. */
function valued(args: readonly string[], withValue: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (withValue.includes(args[i])) i++;
    else if (!args[i].startsWith('-')) out.push(args[i]);
  }
  return out;
}

/** The value of `-o x`, `-ox` (short names) or `--output=x`/`--output x`, or null. */
function optionValue(args: readonly string[], names: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    for (const name of names) {
      if (args[i] === name) return args[i + 1] ?? null;
      if (name.startsWith('--') && args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
      if (!name.startsWith('--') && name.length === 2 && args[i].startsWith(name) && args[i].length > 2)
        return args[i].slice(2);
    }
  }
  return null;
}

/** `p` in `dir` (an absolute `p` stands on its own). */
const under = (dir: string, p: string) => (p.startsWith('/') ? p : path.posix.join(dir, p));
const urls = (args: readonly string[]) => args.filter((a) => /^[a-z][\w+.-]*:\/\//i.test(a));
const urlName = (url: string) => path.posix.basename(url.replace(/[?#].*$/, '').replace(/\/+$/, ''));
