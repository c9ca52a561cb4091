// User and group creation: Debian's groupadd/useradd/adduser read into a spec, written with the target's own tools.
import type { Note } from '../notes';
import { imageNote } from '../images/image-notes';
import type { Plan } from './apt';
import type { Token } from '../dockerfile/shell';

/** A user to create; `group` defaults to the user's name, `system` to true (a service account). */
export interface UserSpec {
  user: string;
  group?: string;
  uid?: number;
  gid?: number;
  home?: string;
  shell?: string;
  system?: boolean;
  /** The original made the home folder (`useradd -m`): the app may write there. Implied by `home`. */
  createHome?: boolean;
}

/**
 * The command that creates a user and its group. alpine: `addgroup -S app && adduser -S -G app app` (busybox:
 * -S system, -u uid, -G primary group, -h home, -s shell; -D for a non-system user so no password is asked; it
 * makes the home folder unless -H, so `createHome` needs nothing there);
 * debian: `groupadd --system app && useradd --system --gid app app` (`--create-home` for `home` or `createHome`).
 */
export function userCreationCommand(family: 'alpine' | 'debian', spec: UserSpec): string {
  const group = spec.group ?? spec.user;
  const system = spec.system ?? true;
  const opt = (flag: string, value: string | number | undefined) =>
    value === undefined ? [] : [flag, quote(String(value))];
  if (family === 'alpine') {
    const addgroup = ['addgroup', ...(system ? ['-S'] : []), ...opt('-g', spec.gid), quote(group)];
    const adduser = ['adduser', system ? '-S' : '-D', ...opt('-u', spec.uid), '-G', quote(group)];
    adduser.push(...opt('-h', spec.home), ...opt('-s', spec.shell), quote(spec.user));
    return `${addgroup.join(' ')} && ${adduser.join(' ')}`;
  }
  const groupadd = ['groupadd', ...(system ? ['--system'] : []), ...opt('--gid', spec.gid), quote(group)];
  const useradd = [
    'useradd',
    ...(system ? ['--system'] : []),
    ...opt('--uid', spec.uid),
    '--gid',
    quote(group),
  ];
  if (spec.home !== undefined) useradd.push('--home-dir', quote(spec.home), '--create-home');
  else if (spec.createHome) useradd.push('--create-home');
  useradd.push(...opt('--shell', spec.shell), quote(spec.user));
  return `${groupadd.join(' ')} && ${useradd.join(' ')}`;
}

const quote = (word: string) =>
  /^[A-Za-z0-9_./:@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

/** Reads `-x VALUE`, `-xVALUE`, `--long VALUE` and `--long=VALUE` options; flags in `bare` take no value. */
function readOptions(
  words: readonly Token[],
  bare: ReadonlySet<string>,
): { options: Map<string, string | true>; names: string[]; unknown: string | null } {
  const options = new Map<string, string | true>();
  const names: string[] = [];
  let unknown: string | null = null;
  for (let i = 1; i < words.length; i++) {
    const w = words[i].value;
    if (!w.startsWith('-')) {
      names.push(w);
      continue;
    }
    if (!w.startsWith('--')) {
      // Short options combine as getopt reads them: -rm, -ms /bin/bash, -u1001.
      for (let k = 1; k < w.length; k++) {
        const flag = `-${w[k]}`;
        if (bare.has(flag)) {
          options.set(flag, true);
          continue;
        }
        const rest = w.slice(k + 1);
        if (rest) options.set(flag, rest);
        else if (i + 1 < words.length) options.set(flag, words[++i].value);
        else unknown ??= flag;
        break;
      }
      continue;
    }
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(0, eq) : w;
    if (bare.has(name)) options.set(name, true);
    else if (eq > 0) options.set(name, w.slice(eq + 1));
    else if (i + 1 < words.length) options.set(name, words[++i].value);
    else unknown ??= w;
  }
  return { options, names, unknown };
}

const GROUPADD_BARE = new Set(['-r', '--system', '-f', '--force', '-o', '--non-unique']);
const USERADD_BARE = new Set([
  '-r',
  '--system',
  '-m',
  '--create-home',
  '-M',
  '--no-create-home',
  '-N',
  '--no-user-group',
  '-U',
  '--user-group',
  '-l',
  '--no-log-init',
]);
const ADDUSER_BARE = new Set([
  '--system',
  '--group',
  '--no-create-home',
  '--disabled-password',
  '--disabled-login',
  '--quiet',
  '-q',
]);
const KNOWN: Record<string, Set<string>> = {
  groupadd: new Set([...GROUPADD_BARE, '-g', '--gid']),
  useradd: new Set([
    ...USERADD_BARE,
    '-u',
    '--uid',
    '-g',
    '--gid',
    '-G',
    '--groups',
    '-d',
    '--home-dir',
    '-s',
    '--shell',
    '-c',
    '--comment',
  ]),
  adduser: new Set([...ADDUSER_BARE, '--uid', '--gid', '--ingroup', '--home', '--shell', '--gecos']),
  addgroup: new Set(['--system', '--gid', '--quiet', '-q']),
};

/** Shells alpine lacks, with the one it has. */
const SHELLS: Record<string, string> = {
  '/bin/bash': '/bin/sh',
  '/usr/bin/bash': '/bin/sh',
  '/usr/sbin/nologin': '/sbin/nologin',
};

/**
 * Plans a groupadd/useradd/adduser/addgroup/usermod command for alpine's busybox. `groups` maps gids created
 * earlier in the RUN to their names, since busybox names a user's group by name only.
 */
export function planUsers(words: readonly Token[], groups: Map<string, string>): Plan {
  const tool = words[0].value.replace(/^.*\//, '');
  const text = words.map((w) => w.text).join(' ');
  const refuse = (why: string): Plan => ({ kind: 'refuse', reason: `\`${text}\`: ${why}` });
  if (tool === 'usermod') return usermod(words, refuse);
  // busybox's own short-option form (adduser -D app) needs nothing.
  if ((tool === 'adduser' || tool === 'addgroup') && !words.some((w) => w.value.startsWith('--')))
    return { kind: 'keep' };
  const bare = tool === 'groupadd' ? GROUPADD_BARE : tool === 'useradd' ? USERADD_BARE : ADDUSER_BARE;
  const { options, names, unknown } = readOptions(words, bare);
  const odd = unknown ?? [...options.keys()].find((o) => !KNOWN[tool].has(o));
  if (odd) return refuse(`the option ${odd} has no busybox counterpart`);
  const has = (...flags: string[]) => flags.some((f) => options.has(f));
  const get = (...flags: string[]): string | undefined => {
    const value = flags.map((f) => options.get(f)).find((v) => typeof v === 'string');
    return typeof value === 'string' ? value : undefined;
  };
  if (has('-f', '--force', '-o', '--non-unique'))
    return refuse('busybox addgroup has no --force or --non-unique');
  const system = has('-r', '--system');
  const name = names[0];
  // Debian's `adduser USER GROUP` adds a user to a group, as busybox's does (without the options).
  if (tool === 'adduser' && names.length === 2 && options.size === (has('--quiet', '-q') ? 1 : 0))
    return replace(text, busybox('adduser', quote(names[0]), quote(names[1])));
  if (!name || names.length > 1) return refuse('cannot tell which name it creates');

  if (tool === 'groupadd' || tool === 'addgroup') {
    const gid = get('-g', '--gid');
    if (gid !== undefined) groups.set(gid, name);
    return replace(text, busybox('addgroup', system && '-S', gid !== undefined && `-g ${gid}`, quote(name)));
  }
  const notes: Note[] = [];
  let group = get('-g', '--gid', '--ingroup');
  if (group !== undefined && /^\d+$/.test(group)) {
    if (!groups.has(group)) return refuse(`group ${group} is named by number, and busybox needs its name`);
    group = groups.get(group);
  }
  const own = tool === 'useradd' ? !has('-N', '--no-user-group') : has('--group');
  const home = get('-d', '--home-dir', '--home');
  const create =
    tool === 'useradd'
      ? has('-m', '--create-home')
      : !has('--no-create-home') && (!system || home !== undefined);
  let shell = get('-s', '--shell');
  if (shell && SHELLS[shell]) {
    notes.push(imageNote('login-shell-changed', { from: shell, to: SHELLS[shell], user: name }));
    shell = SHELLS[shell];
  }
  const gecos = get('-c', '--comment', '--gecos');
  // A system user without a group of its own lands in nogroup on both; a normal user gets its own group on both.
  const makeGroup = group === undefined && own && system ? busybox('addgroup', '-S', name) + ' && ' : '';
  if (group === undefined && (makeGroup || (!own && tool === 'useradd'))) group = own ? name : 'users';
  const adduser = busybox(
    'adduser',
    system ? '-S' : '-D',
    get('-u', '--uid') !== undefined && `-u ${get('-u', '--uid')}`,
    group !== undefined && `-G ${quote(group)}`,
    home !== undefined && `-h ${quote(home)}`,
    !create && '-H',
    shell !== undefined && `-s ${quote(shell)}`,
    gecos !== undefined && `-g ${quote(gecos)}`,
    quote(name),
  );
  const extra = (get('-G', '--groups') ?? '')
    .split(',')
    .filter(Boolean)
    .map((g) => ` && addgroup ${name} ${g}`);
  return replace(text, makeGroup + adduser + extra.join(''), notes);
}

function usermod(words: readonly Token[], refuse: (why: string) => Plan): Plan {
  const values = words.slice(1).map((w) => w.value);
  const m = /^(?:-aG|-a -G|--append --groups|-G -a) (\S+) (\S+)$/.exec(values.join(' '));
  if (!m)
    return refuse(
      'busybox has no usermod; only `usermod -aG groups user` has a counterpart (addgroup user group)',
    );
  const commands = m[1].split(',').map((g) => `addgroup ${m[2]} ${g}`);
  return replace(words.map((w) => w.text).join(' '), commands.join(' && '));
}

const busybox = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(' ');

function replace(from: string, to: string, notes: Note[] = []): Plan {
  return { kind: 'replace', text: to, notes: [imageNote('users-translated', { from, to }), ...notes] };
}
