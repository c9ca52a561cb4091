// User and group creation written with the target's own tools: from a spec, or Debian's commands as busybox's.
import type { Note } from '../notes';
import { imageNote } from '../images/image-notes';
import type { Plan } from './apt';
import type { Token } from '../dockerfile/shell';
import {
  createdBy,
  hasOption,
  makesHome,
  optionValue,
  readUserCommand,
  type UserCommand,
  type UserSpec,
} from '../dockerfile/user-commands';

export type { UserSpec };

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
  const text = words.map((w) => w.text).join(' ');
  const refuse = (why: string): Plan => ({ kind: 'refuse', reason: `\`${text}\`: ${why}` });
  const command = readUserCommand(words.map((w) => w.value));
  if (!command) return { kind: 'keep' };
  const { tool, names } = command;
  if (tool === 'usermod') return usermod(command, text, refuse);
  // busybox's own short-option form (adduser -D app) needs nothing.
  if (command.busybox) return { kind: 'keep' };
  const odd = command.missing ?? command.options.find((o) => !o.busybox)?.flag;
  if (odd) return refuse(`the option ${odd} has no busybox counterpart`);
  const has = (...meanings: string[]) => hasOption(command, ...meanings);
  const get = (...meanings: string[]) => optionValue(command, ...meanings);
  if (has('force', 'non-unique')) return refuse('busybox addgroup has no --force or --non-unique');
  const system = has('system');
  const name = names[0];
  // Debian's `adduser USER GROUP` adds a user to a group, as busybox's does (without the options).
  if (createdBy(command) === 'member' && command.options.every((o) => o.name === 'quiet'))
    return replace(text, busybox('adduser', quote(names[0]), quote(names[1])));
  if (!name || names.length > 1) return refuse('cannot tell which name it creates');

  if (tool === 'groupadd' || tool === 'addgroup') {
    const gid = get('gid');
    if (gid !== undefined) groups.set(gid, name);
    return replace(text, busybox('addgroup', system && '-S', gid !== undefined && `-g ${gid}`, quote(name)));
  }
  const notes: Note[] = [];
  let group = get('gid', 'ingroup');
  if (group !== undefined && /^\d+$/.test(group)) {
    if (!groups.has(group)) return refuse(`group ${group} is named by number, and busybox needs its name`);
    group = groups.get(group);
  }
  const own = tool === 'useradd' ? !has('no-user-group') : has('group');
  const home = get('home');
  const create = makesHome(command);
  let shell = get('shell');
  if (shell && SHELLS[shell]) {
    notes.push(imageNote('login-shell-changed', { from: shell, to: SHELLS[shell], user: name }));
    shell = SHELLS[shell];
  }
  const gecos = get('comment');
  const uid = get('uid');
  // A system user without a group of its own lands in nogroup on both; a normal user gets its own group on both.
  const makeGroup = group === undefined && own && system ? busybox('addgroup', '-S', name) + ' && ' : '';
  if (group === undefined && (makeGroup || (!own && tool === 'useradd'))) group = own ? name : 'users';
  const adduser = busybox(
    'adduser',
    system ? '-S' : '-D',
    uid !== undefined && `-u ${uid}`,
    group !== undefined && `-G ${quote(group)}`,
    home !== undefined && `-h ${quote(home)}`,
    !create && '-H',
    shell !== undefined && `-s ${quote(shell)}`,
    gecos !== undefined && `-g ${quote(gecos)}`,
    quote(name),
  );
  const extra = (get('groups') ?? '')
    .split(',')
    .filter(Boolean)
    .map((g) => ` && addgroup ${name} ${g}`);
  return replace(text, makeGroup + adduser + extra.join(''), notes);
}

/** `usermod -aG groups user` is busybox's `addgroup user group` for each group; nothing else has a counterpart. */
function usermod(command: UserCommand, text: string, refuse: (why: string) => Plan): Plan {
  const other = command.missing ?? command.options.find((o) => o.name !== 'append' && o.name !== 'groups');
  if (createdBy(command) !== 'member' || other)
    return refuse(
      'busybox has no usermod; only `usermod -aG groups user` has a counterpart (addgroup user group)',
    );
  const user = command.names[0];
  const commands = optionValue(command, 'groups')!
    .split(',')
    .map((g) => `addgroup ${user} ${g}`);
  return replace(text, commands.join(' && '));
}

const busybox = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(' ');

function replace(from: string, to: string, notes: Note[] = []): Plan {
  return { kind: 'replace', text: to, notes: [imageNote('users-translated', { from, to }), ...notes] };
}
