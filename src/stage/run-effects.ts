// What a RUN line leaves on disk, as far as it can be read: the paths it writes and removes, or the command it cannot read.
import path from 'node:path';
import { globMatches } from '../dockerfile/context-paths';
import { commandWords, optionValue } from '../dockerfile/hints';
import { splitCommands } from '../dockerfile/shell';
import { isInside } from '../dockerfile/workdir';

/**
 * A path a RUN writes, absolute (a glob may stand in its last part): a folder mkdir makes, an empty file touch
 * makes (for the app to write), or content (a copy, a download, an unpacked archive, a link).
 */
export interface RunWrite {
  path: string;
  kind: 'dir' | 'empty' | 'content';
  /** Changed in place by `>>` or `sed -i`: a file that may be the image's own (`>> /etc/hosts`). */
  edit?: true;
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
  /** The links among the writes, with the `ln` command that makes each, as written. */
  links: { path: string; command: string }[];
  /** What `mv` moved where (absolute paths). */
  moves: { from: string; to: string }[];
  /** The owner `chown` gives each path (`app:app`). */
  owners: { path: string; owner: string }[];
}

/** What a kind knows of its own programs' effects: the paths a command writes, and why one cannot be read. */
export interface KindEffects {
  writes: string[];
  unread?: string;
}

export interface RunReading {
  /** Fills in `$VAR`s; null when one has no known value. By default every variable is unknown. */
  expand?: (text: string) => string | null;
  /** Folders made before this RUN: a `cp` into one lands inside. */
  known?: readonly string[];
  /** The kind's own programs (its build tools): their effects, or null for a program it does not know. */
  kindProgram?: (program: string, args: readonly string[], text: string) => KindEffects | null;
  /** Places, as written, that only configure the kind's build tools (`~/.m2`): writes there are left out. */
  toolHome?: RegExp;
}

/** Programs that write nothing the runtime could need, or whose effect is read elsewhere (packages, users). */
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
  ...['grep', 'which', 'command', 'type', 'sha256sum', 'sha1sum', 'md5sum', 'wc', 'tree', 'chmod', 'chgrp'],
  ...['apt-get', 'apt', 'apk', 'dpkg', 'useradd', 'adduser', 'groupadd', 'addgroup', 'usermod', 'exit'],
  ...['update-ca-certificates', 'locale-gen'],
]);
/** Folders that are always there: `cp x /usr/local/bin` puts x inside, it does not make the folder. */
export const SYSTEM_DIRS =
  /^\/(|bin|sbin|lib|lib64|etc|opt|srv|home|mnt|root|var|var\/lib|var\/log|usr|usr\/bin|usr\/sbin|usr\/lib|usr\/local|usr\/local\/bin|usr\/local\/lib|usr\/local\/share|usr\/share)$/;

/**
 * Reads the effects of one RUN script run in `workdir`. A path with a variable `expand` does not know is an
 * unread effect; so is a command the tool cannot read (a script, an installer), with the paths it names.
 */
export function runEffects(script: string, workdir: string, reading: RunReading = {}): RunEffects {
  const expand = reading.expand ?? ((text: string) => (text.includes('$') ? null : text));
  const effects: RunEffects = { writes: [], removes: [], unread: [], links: [], moves: [], owners: [] };
  const dirs = new Set(reading.known ?? []);
  const start = expand(workdir);
  // null once a `cd` went somewhere unknown: relative paths then cannot be placed.
  let cwd: string | null = start !== null && start.startsWith('/') ? start : null;
  const at = (p: string): string | null => {
    // The build runs as root: `~` is its home.
    const value = expand(p.replace(/^~(?=\/|$)/, '/root'));
    if (value === null || (!value.startsWith('/') && cwd === null)) return null;
    return path.posix.resolve(cwd ?? '/', value).replace(/(.)\/+$/, '$1');
  };
  const unread = (text: string, words: readonly string[]) => {
    // The program's own path (`/opt/tool/bin/run`) is what runs, not a place it writes.
    const paths = words
      .slice(1)
      .map((w) => w.replace(/^[^=]*=/, ''))
      .filter((v) => v.startsWith('/') && !/^\/dev\//.test(v))
      .map((v) => at(v) ?? v);
    effects.unread.push({ text, paths });
  };
  const write = (p: string, kind: RunWrite['kind'] = 'content', edit = false): string | null => {
    if (reading.toolHome?.test(p)) return null;
    const abs = at(p);
    if (abs === null) {
      effects.unread.push({ text: `a write to ${p}`, paths: [p] });
      return null;
    }
    effects.writes.push(edit ? { path: abs, kind, edit } : { path: abs, kind });
    if (kind === 'dir') dirs.add(abs);
    return abs;
  };
  /** `cp a b`, `mv a b/`, `cp -t b a`: the destination itself, or each source's name inside it. */
  const place = (sources: readonly string[], dest: string, into = false): (string | null)[] => {
    const abs = at(dest);
    const folder = into || dest.endsWith('/') || /(^|\/)\.\.?$/.test(dest) || sources.length > 1;
    if (abs !== null && !folder && !dirs.has(abs) && !SYSTEM_DIRS.test(abs)) return [write(dest)];
    return sources.map((s) => write(path.posix.join(dest, path.posix.basename(s.replace(/\/+$/, '')))));
  };
  const remove = (p: string) => {
    const abs = at(p);
    if (abs === null) return;
    effects.removes.push(abs);
    // What this RUN wrote before is gone too (`curl -o x.tgz && tar xzf x.tgz && rm x.tgz`).
    const gone = (w: string) => isInside(abs, w) || globMatches(abs, w);
    effects.writes = effects.writes.filter((w) => !gone(w.path));
    effects.links = effects.links.filter((l) => !gone(l.path));
  };

  for (const command of splitCommands(script)) {
    // A subshell's parentheses (`(cd x; jar -xf ../app.jar)`) only group commands.
    const bare = command.words.map((w) => w.replace(/^\(+|\)+$/g, '')).filter(Boolean);
    const { words, redirects } = withoutRedirects(commandWords(bare));
    for (const { target, append } of redirects)
      if (!/^\/dev\//.test(target)) write(target, 'content', append);
    const program = path.posix.basename(words[0] ?? '');
    const args = words.slice(1);
    const plain = args.filter((a) => !a.startsWith('-'));
    if (!program) continue;
    const own = reading.kindProgram?.(program, args, command.text) ?? null;
    if (own) {
      own.writes.forEach((p) => write(p));
      if (own.unread) effects.unread.push({ text: command.text, paths: [own.unread] });
    } else if (program === 'cd') {
      cwd = at(args[0] ?? '/');
    } else if (/^(ba|da)?sh$/.test(program) && args[0] === '-c' && args[1] !== undefined) {
      const inner = runEffects(args[1], cwd ?? '$unknown', { ...reading, expand, known: [...dirs] });
      for (const key of ['writes', 'removes', 'unread', 'links', 'moves', 'owners'] as const)
        (effects[key] as unknown[]).push(...inner[key]);
    } else if (program === 'mkdir') valued(args, ['-m', '--mode']).forEach((p) => write(p, 'dir'));
    else if (program === 'install' && args.includes('-d'))
      valued(args, ['-m', '-o', '-g', '--mode', '--owner', '--group']).forEach((p) => write(p, 'dir'));
    else if (program === 'touch') plain.forEach((p) => write(p, 'empty'));
    else if (program === 'dos2unix' || program === 'tee') plain.forEach((p) => write(p));
    else if (program === 'cp' || program === 'mv' || program === 'install' || program === 'ln') {
      const rest = valued(args, ['-m', '-o', '-g', '-S', '-t', '--mode', '--owner', '--group', '--suffix']);
      const target = optionValue(words, ['-t', '--target-directory'], true);
      const sources = target !== null ? rest : rest.slice(0, -1);
      const placed =
        target !== null
          ? place(sources, target, true)
          : program === 'ln' && rest.length === 1
            ? place(rest, '.', true)
            : rest.length > 1
              ? place(sources, rest[rest.length - 1])
              : [];
      const targets = placed.filter((p): p is string => p !== null);
      if (program === 'ln') targets.forEach((p) => effects.links.push({ path: p, command: command.text }));
      if (program === 'mv') {
        sources.forEach((s, i) => {
          const from = at(s);
          if (from !== null && placed[i]) effects.moves.push({ from, to: placed[i]! });
        });
        sources.forEach(remove);
      }
    } else if (program === 'rm' || program === 'rmdir') plain.forEach(remove);
    else if (program === 'chown') {
      const [owner, ...paths] = valued(args, ['--from', '--reference']);
      for (const p of paths) {
        const abs = owner ? at(p) : null;
        if (abs !== null) effects.owners.push({ path: abs, owner });
      }
    } else if (program === 'curl') {
      const out = optionValue(words, ['-o', '--output'], true) ?? clustered(args, 'o');
      const dir = optionValue(words, ['--output-dir'], true) ?? '.';
      if (out !== null && out !== '-') write(under(dir, out));
      else if (args.some((a) => a === '--remote-name' || /^-[a-zA-Z]*O$/.test(a)))
        urls(args).forEach((u) => write(under(dir, urlName(u))));
    } else if (program === 'wget') {
      const out = optionValue(words, ['-O', '--output-document'], true) ?? clustered(args, 'O');
      const dir = optionValue(words, ['-P', '--directory-prefix'], true) ?? '.';
      if (out === null) urls(args).forEach((u) => write(under(dir, urlName(u))));
      else if (out !== '-') write(out);
    } else if (program === 'tar') {
      // The mode letters: bundled options (`-xzf`), or the first word in the old style (`xzf`), never
      // the value of an option (`-C /opt/x`, `-f x.tgz`) wherever that option stands.
      const valueAt = (i: number) => i > 0 && /^(-C|-f|--directory|--file|-T)$/.test(args[i - 1]);
      const modes = args.filter(
        (a, i) => !valueAt(i) && a !== '-C' && (/^-[a-zA-Z]+$/.test(a) || (i === 0 && /^[a-zA-Z]+$/.test(a))),
      );
      if (args.includes('--extract') || args.includes('--get') || modes.some((m) => m.includes('x')))
        write(optionValue(words, ['-C', '--directory'], true) ?? '.');
      else {
        const bundled = modes.find((m) => m.endsWith('f'));
        const file = bundled ? args[args.indexOf(bundled) + 1] : optionValue(words, ['-f', '--file'], true);
        if (file) write(file);
      }
    } else if (program === 'unzip') write(optionValue(words, ['-d'], true) ?? '.');
    else if (program === 'sed' && args.some((a) => /^(-i|--in-place)/.test(a))) {
      const scripted = args.some((a) => /^(-e|-f|--expression|--file)/.test(a));
      const files = valued(args, ['-e', '-f', '--expression', '--file']);
      files.slice(scripted ? 0 : 1).forEach((p) => write(p, 'content', true));
    } else if (program === 'git' && args[0] === 'clone') {
      const [url, dest] = valued(args.slice(1), GIT_CLONE_VALUED);
      if (url) write(dest ?? urlName(url).replace(/\.git$/, ''));
    } else if (program === 'find' && !args.some((a) => /^-(delete|exec|execdir|ok|fprint)/.test(a))) {
      continue;
    } else if (!HARMLESS.has(program)) unread(command.text, words);
  }
  return effects;
}

/** Separates `> file`, `>> file` and `2>file` from a command's words; `>&2` and `2>&1` are not files. */
/** `git clone` options followed by a value (`-b main`, `--depth 1`), so neither is taken for the URL. */
const GIT_CLONE_VALUED = [
  '-b',
  '--branch',
  '--depth',
  '-o',
  '--origin',
  '-c',
  '--config',
  '--reference',
  '--separate-git-dir',
  '-j',
  '--jobs',
  '--filter',
  '--shallow-since',
  '--shallow-exclude',
  '-u',
  '--upload-pack',
  '--template',
];

function withoutRedirects(words: readonly string[]): {
  words: string[];
  redirects: { target: string; append: boolean }[];
} {
  const kept: string[] = [];
  const redirects: { target: string; append: boolean }[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = /^(\d*|&)(>>?)(.*)$/.exec(words[i]);
    if (!m) {
      kept.push(words[i]);
      continue;
    }
    const target = m[3] || words[++i] || '';
    if (target && !target.startsWith('&')) redirects.push({ target, append: m[2] === '>>' });
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
export function valued(args: readonly string[], withValue: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (withValue.includes(args[i])) i++;
    else if (!args[i].startsWith('-')) out.push(args[i]);
  }
  return out;
}

/** `p` in `dir` (an absolute `p` stands on its own). */
const under = (dir: string, p: string) => (p.startsWith('/') ? p : path.posix.join(dir, p));
const urls = (args: readonly string[]) => args.filter((a) => /^[a-z][\w+.-]*:\/\//i.test(a));
const urlName = (url: string) => path.posix.basename(url.replace(/[?#].*$/, '').replace(/\/+$/, ''));
