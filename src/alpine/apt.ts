// apt-get / apt commands read into what they do, and planned as their apk counterparts.
import type { Note } from '../notes';
import { imageNote } from '../images/image-notes';
import type { Mappings } from '../images/mappings';
import { programAt, programName, type Token } from '../dockerfile/shell';

/** How one command changes when its stage moves to alpine. */
export type Plan =
  | { kind: 'keep' }
  | { kind: 'drop'; label: string }
  | { kind: 'edit'; edits: TokenEdit[]; notes: Note[] }
  | { kind: 'replace'; text: string; notes: Note[] }
  | { kind: 'refuse'; reason: string };

/** Replace a run of tokens (`from`..`to`) with text, or remove one token with its blanks (`text: null`). */
export type TokenEdit = { from: Token; to: Token; text: string } | { from: Token; to: Token; text: null };

export interface PlanContext {
  mappings: Mappings;
  strict: boolean;
  /** Set once an install in this RUN brings bash in. */
  bash: boolean;
}

const WITH_ARG = new Set([
  '-o',
  '--option',
  '-c',
  '--config-file',
  '-t',
  '--target-release',
  '--default-release',
]);
const FLAG =
  /^(?:-[yqfmVd]+|--(?:yes|assume-yes|force-yes|quiet(?:=\d)?|no-install-recommends|no-install-suggests|fix-missing|fix-broken|allow-unauthenticated|allow-downgrades|allow-remove-essential|allow-change-held-packages|reinstall|purge|auto-remove|autoremove|show-progress|no-show-upgraded|verbose-versions|ignore-missing|no-upgrade|only-upgrade)|-o.+|--option=.+)$/;
const DROPPED = new Set(['update', 'clean', 'autoclean', 'autoremove', 'auto-clean']);

/** The words of an apt-get/apt command read into subcommand, options and package words. */
export interface AptCommand {
  subcommand: Token | null;
  options: Token[][];
  packages: Token[];
  /** The first word that is neither an option nor a package the tool understands. */
  odd: string | null;
}

/** Reads `apt-get [opts] install [opts] pkg...` (words[0] is the apt program). */
export function readApt(words: readonly Token[]): AptCommand {
  const out: AptCommand = { subcommand: null, options: [], packages: [], odd: null };
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (WITH_ARG.has(w.value)) {
      out.options.push(words.slice(i, i + 2));
      i++;
    } else if (w.value.startsWith('-')) {
      out.options.push([w]);
      if (!FLAG.test(w.value) && !out.odd) out.odd = w.value;
    } else if (!out.subcommand) out.subcommand = w;
    else out.packages.push(w);
  }
  return out;
}

/** Plans an apt-get/apt/aptitude command for alpine. */
export function planApt(words: readonly Token[], prefix: Token[], ctx: PlanContext): Plan {
  const apt = readApt(words);
  const sub = apt.subcommand?.value ?? '';
  const text = words.map((w) => w.text).join(' ');
  if (DROPPED.has(sub)) return { kind: 'drop', label: text };
  if (apt.odd)
    return {
      kind: 'refuse',
      reason: `\`${text}\` uses the apt option ${apt.odd}, which has no apk counterpart`,
    };
  const release = apt.options.find((o) => /^(?:-t|--target-release|--default-release)$/.test(o[0].value));
  if (release)
    return {
      kind: 'refuse',
      reason: `\`${text}\` installs from a named Debian release (${release[1]?.value})`,
    };
  const first = prefix[0] ?? words[0];
  if (sub === 'upgrade' || sub === 'dist-upgrade' || sub === 'full-upgrade')
    return {
      kind: 'edit',
      edits: [{ from: first, to: words[words.length - 1], text: 'apk upgrade --no-cache' }],
      notes: [],
    };
  if (sub !== 'install' && sub !== 'remove' && sub !== 'purge')
    return { kind: 'refuse', reason: `\`${text}\` has no apk counterpart` };

  const edits: TokenEdit[] = [
    { from: first, to: apt.subcommand!, text: sub === 'install' ? 'apk add --no-cache' : 'apk del' },
  ];
  for (const option of apt.options.filter((o) => o[0].start > apt.subcommand!.start))
    edits.push({ from: option[0], to: option[option.length - 1], text: null });
  const notes: Note[] = [];
  const from: string[] = [];
  const to: string[] = [];
  for (const word of apt.packages) {
    const name = word.value;
    const bad = packageProblem(word);
    if (bad) return { kind: 'refuse', reason: `\`${text}\`: ${bad}` };
    const alpine = alpinePackageName(name, ctx.mappings);
    from.push(name);
    if (alpine === null) {
      if (ctx.strict) return { kind: 'refuse', reason: `no known Alpine package for ${name} (--strict)` };
      notes.push(imageNote('package-unknown', { name }));
      to.push(name);
    } else if (alpine === '') {
      notes.push(imageNote('package-dropped', { name, why: 'apk needs no such helper' }));
      edits.push({ from: word, to: word, text: null });
    } else {
      to.push(alpine);
      if (alpine !== word.text) edits.push({ from: word, to: word, text: alpine });
    }
    if ((alpine ?? name) === 'bash' && sub === 'install') ctx.bash = true;
  }
  if (!to.length) return { kind: 'drop', label: text };
  if (sub === 'install')
    notes.unshift(imageNote('apt-translated', { from: from.join(' '), to: to.join(' ') }));
  return { kind: 'edit', edits, notes };
}

/** Why a package word cannot be translated faithfully, or null. */
function packageProblem(word: Token): string | null {
  const name = word.value;
  if (word.expands)
    return `the package list comes from the shell (${word.text}), so its names cannot be translated`;
  if (name.includes('=')) return `${name} pins a Debian package version, which means nothing to apk`;
  if (name.includes('/'))
    return name.endsWith('.deb') ? `${name} is a .deb file` : `${name} names a Debian release`;
  if (!/^[a-z0-9][a-z0-9.+-]*$/i.test(name)) return `${name} is not a plain package name`;
  return null;
}

/** The Alpine name for a Debian package: the mapping's, else null (unknown). `''`: nothing to install on Alpine. */
export function alpinePackageName(debianName: string, mappings: Mappings): string | null {
  const name = debianName.replace(/:(?:amd64|arm64|all|native)$/, '');
  return Object.prototype.hasOwnProperty.call(mappings.packages, name) ? mappings.packages[name] : null;
}

/** The package names the apt-get/apt installs of a logical RUN body install, as written (options skipped). */
export function aptInstalls(commands: readonly { args: Token[] }[]): string[] {
  const names: string[] = [];
  for (const command of commands) {
    const words = withoutAssignments(command.args);
    if (!words.length || !/^(?:apt-get|apt|aptitude)$/.test(programName(words[0].value))) continue;
    const apt = readApt(words);
    if (apt.subcommand?.value === 'install') names.push(...apt.packages.map((p) => p.value));
  }
  return names;
}

/** The words from the program on: leading `NAME=value` assignments, `sudo` and `env` left out. */
export function withoutAssignments(words: readonly Token[]): Token[] {
  return words.slice(
    programAt(
      words.map((w) => w.value),
      true,
    ),
  );
}
