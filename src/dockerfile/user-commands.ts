// useradd/adduser/groupadd/addgroup/usermod read into what they create: one reader for every flavour of them.
import { programAt, programName } from './shell';

/** The programs that create users and groups or put a user in a group. */
export const USER_TOOLS: ReadonlySet<string> = new Set([
  'useradd',
  'adduser',
  'groupadd',
  'addgroup',
  'usermod',
]);

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

/** One option as written: its flag (`-u`, `--uid`), what it means, its value (true for a switch). */
export interface UserOption {
  flag: string;
  /** What it means (`uid` for `-u` and `--uid`); the flag itself for one the tool does not have. */
  name: string;
  value: string | true;
  known: boolean;
  /** Whether busybox's adduser/addgroup has a counterpart for it. */
  busybox: boolean;
}

export interface UserCommand {
  tool: string;
  /** busybox's adduser/addgroup, known by its short options (Debian's take long ones). */
  busybox: boolean;
  options: UserOption[];
  /** The operands: the name created, or a user and a group for a membership. */
  names: string[];
  /** An option left without its value, as written; null when every option has one. */
  missing: string | null;
}

/** A flag table: `flags` (blank-separated) -> [meaning, takes a value, has a busybox counterpart]. */
type Table = Map<string, [name: string, value: boolean, busybox: boolean]>;

function table(...rows: [flags: string, name: string, value: boolean, busybox?: boolean][]): Table {
  const out: Table = new Map();
  for (const [flags, name, value, busybox = false] of rows)
    for (const flag of flags.split(' ')) out.set(flag, [name, value, busybox]);
  return out;
}

const VALUE = true;
const SWITCH = false;
const BB = true;
/** Options of Debian's shadow tools and adduser, and of busybox's, that take values or are known switches. */
const TABLES: Record<string, Table> = {
  useradd: table(
    ['-u --uid', 'uid', VALUE, BB],
    ['-g --gid', 'gid', VALUE, BB],
    ['-G --groups', 'groups', VALUE, BB],
    ['-d --home-dir', 'home', VALUE, BB],
    ['-s --shell', 'shell', VALUE, BB],
    ['-c --comment', 'comment', VALUE, BB],
    ['-r --system', 'system', SWITCH, BB],
    ['-m --create-home', 'create-home', SWITCH, BB],
    ['-M --no-create-home', 'no-create-home', SWITCH, BB],
    ['-N --no-user-group', 'no-user-group', SWITCH, BB],
    ['-U --user-group', 'user-group', SWITCH, BB],
    ['-l --no-log-init', 'no-log-init', SWITCH, BB],
    ['-k --skel', 'skel', VALUE],
    ['-e --expiredate', 'expiredate', VALUE],
    ['-f --inactive', 'inactive', VALUE],
    ['-K --key', 'key', VALUE],
    ['-p --password', 'password', VALUE],
    ['-b --base-dir', 'base-dir', VALUE],
    ['-o --non-unique', 'non-unique', SWITCH],
  ),
  groupadd: table(
    ['-g --gid', 'gid', VALUE, BB],
    ['-r --system', 'system', SWITCH, BB],
    ['-f --force', 'force', SWITCH, BB],
    ['-o --non-unique', 'non-unique', SWITCH, BB],
    ['-K --key', 'key', VALUE],
    ['-p --password', 'password', VALUE],
  ),
  adduser: table(
    ['--uid', 'uid', VALUE, BB],
    ['--gid', 'gid', VALUE, BB],
    ['--ingroup', 'ingroup', VALUE, BB],
    ['--home', 'home', VALUE, BB],
    ['--shell', 'shell', VALUE, BB],
    ['--gecos', 'comment', VALUE, BB],
    ['--system', 'system', SWITCH, BB],
    ['--group', 'group', SWITCH, BB],
    ['--no-create-home', 'no-create-home', SWITCH, BB],
    ['--disabled-password', 'disabled-password', SWITCH, BB],
    ['--disabled-login', 'disabled-login', SWITCH, BB],
    ['--quiet -q', 'quiet', SWITCH, BB],
    ['--comment', 'comment', VALUE],
    ['--firstuid --lastuid --firstgid --lastgid --conf', 'range', VALUE],
  ),
  addgroup: table(
    ['--gid', 'gid', VALUE, BB],
    ['--system', 'system', SWITCH, BB],
    ['--quiet -q', 'quiet', SWITCH, BB],
  ),
  usermod: table(
    ['-a --append', 'append', SWITCH],
    ['-G --groups', 'groups', VALUE],
    ['-g --gid', 'gid', VALUE],
    ['-u --uid', 'uid', VALUE],
    ['-d --home', 'home', VALUE],
    ['-s --shell', 'shell', VALUE],
    ['-l --login', 'login', VALUE],
    ['-c --comment', 'comment', VALUE],
    ['-m --move-home', 'move-home', SWITCH],
  ),
  // busybox: adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GRP] [-S] [-D] [-H] [-u UID] [-k SKEL] USER [GROUP].
  'busybox adduser': table(
    ['-h', 'home', VALUE],
    ['-g', 'comment', VALUE],
    ['-s', 'shell', VALUE],
    ['-G', 'ingroup', VALUE],
    ['-u', 'uid', VALUE],
    ['-k', 'skel', VALUE],
    ['-S', 'system', SWITCH],
    ['-D', 'disabled-password', SWITCH],
    ['-H', 'no-create-home', SWITCH],
  ),
  'busybox addgroup': table(['-g', 'gid', VALUE], ['-S', 'system', SWITCH]),
};

/**
 * Reads a user or group command (leading `NAME=value`, `sudo` and `env` skipped; the program by its name);
 * null for any other command. Short options combine as getopt reads them (`-rm`, `-ms /bin/bash`, `-u1001`),
 * long ones take `--opt value` or `--opt=value`.
 */
export function readUserCommand(words: readonly string[]): UserCommand | null {
  const i = programAt(words, true);
  const tool = programName(words[i] ?? '');
  if (!USER_TOOLS.has(tool)) return null;
  const args = words.slice(i + 1);
  const busybox = (tool === 'adduser' || tool === 'addgroup') && !args.some((a) => a.startsWith('--'));
  const flags = TABLES[busybox ? `busybox ${tool}` : tool];
  const command: UserCommand = { tool, busybox, options: [], names: [], missing: null };
  const add = (flag: string, value: string | true) => {
    const known = flags.get(flag);
    command.options.push({ flag, name: known?.[0] ?? flag, value, known: !!known, busybox: !!known?.[2] });
  };
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (!arg.startsWith('-') || arg === '-') {
      command.names.push(arg);
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const flag = eq > 0 ? arg.slice(0, eq) : arg;
      if (eq > 0) add(flag, arg.slice(eq + 1));
      else if (!flags.get(flag)?.[1]) add(flag, true);
      else if (k + 1 < args.length) add(flag, args[++k]);
      else command.missing ??= flag;
    } else {
      for (let c = 1; c < arg.length; c++) {
        const flag = `-${arg[c]}`;
        const known = flags.get(flag);
        if (known && !known[1]) {
          add(flag, true);
          continue;
        }
        // A value option takes the rest of the word or the next word; so does one unknown, as getopt would.
        const rest = arg.slice(c + 1);
        if (rest) add(flag, rest);
        else if (k + 1 < args.length && known) add(flag, args[++k]);
        else if (known) command.missing ??= flag;
        else add(flag, true);
        break;
      }
    }
  }
  return command;
}

/** The value of the last of these options given with one (meanings, in order of preference). */
export function optionValue(command: UserCommand, ...names: string[]): string | undefined {
  for (const name of names) {
    const found = command.options.filter((o) => o.name === name && typeof o.value === 'string').pop();
    if (found) return found.value as string;
  }
  return undefined;
}

/** Whether any of these options is given. */
export function hasOption(command: UserCommand, ...names: string[]): boolean {
  return command.options.some((o) => names.includes(o.name));
}

/**
 * What a command creates: a user, a group, or a membership (`adduser user group`, busybox's `addgroup user
 * group`, `usermod -aG groups user`); null when it cannot be told.
 */
export function createdBy(command: UserCommand): 'user' | 'group' | 'member' | null {
  const { tool, names } = command;
  if (tool === 'usermod')
    return names.length === 1 && hasOption(command, 'append') && optionValue(command, 'groups') !== undefined
      ? 'member'
      : null;
  if (names.length === 2 && (tool === 'adduser' || (tool === 'addgroup' && command.busybox))) return 'member';
  if (names.length !== 1) return null;
  return tool === 'groupadd' || tool === 'addgroup' ? 'group' : 'user';
}

/**
 * Whether a user command makes the home folder: `useradd -m` (unless -M); busybox `adduser` unless -H;
 * Debian's `adduser` unless `--no-create-home`, or `--system` without `--home` (whose home newer releases
 * leave at /nonexistent).
 */
export function makesHome(command: UserCommand): boolean {
  if (hasOption(command, 'no-create-home')) return false;
  if (command.tool === 'useradd') return hasOption(command, 'create-home');
  if (command.busybox) return true;
  return !hasOption(command, 'system') || optionValue(command, 'home') !== undefined;
}
