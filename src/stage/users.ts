// Users: what a stage's useradd/adduser lines create, and which user the runtime stage runs as.
import type { ShellCommand } from '../dockerfile/shell';
import type { Stage } from '../dockerfile/model';
import {
  createdBy,
  hasOption,
  makesHome,
  optionValue,
  readUserCommand,
  type UserSpec,
} from '../dockerfile/user-commands';

export type { UserSpec };

/** The user (and its group) that useradd/adduser/groupadd/addgroup commands create; null when none. */
export function userSpecFrom(commands: readonly ShellCommand[]): UserSpec | null {
  const groups = new Map<string, number | undefined>();
  let spec: UserSpec | null = null;
  for (const shell of commands) {
    const command = readUserCommand(shell.words);
    const made = command && createdBy(command);
    if (!command || (made !== 'user' && made !== 'group')) continue;
    const name = command.names[0];
    if (made === 'group') {
      groups.set(name, toNumber(optionValue(command, 'gid')));
      continue;
    }
    // The primary group, by name or by number (useradd -g, adduser --ingroup/--gid, busybox -G).
    const primary = optionValue(command, 'gid', 'ingroup');
    const byName = primary !== undefined && !/^\d+$/.test(primary);
    const group = (byName ? primary : undefined) ?? (groups.has(name) ? name : undefined);
    const uid = optionValue(command, 'uid');
    const home = optionValue(command, 'home');
    const shellPath = optionValue(command, 'shell');
    spec = {
      user: name,
      ...(group ? { group } : {}),
      ...(uid !== undefined ? { uid: toNumber(uid) } : {}),
      ...(!byName && primary !== undefined ? { gid: toNumber(primary) } : {}),
      ...(home ? { home } : {}),
      ...(shellPath ? { shell: shellPath } : {}),
      ...(hasOption(command, 'system') ? { system: true } : {}),
    };
  }
  if (spec?.group && spec.gid === undefined && groups.get(spec.group) !== undefined)
    spec.gid = groups.get(spec.group);
  if (spec && createsHome(commands, spec.user)) spec.createHome = true;
  return spec;
}

const toNumber = (value: string | undefined) =>
  value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;

/** The value of the stage's last USER instruction, or null when it has none. */
export function lastUser(stage: Stage): string | null {
  const users = stage.instructions.filter((i) => i.keyword === 'USER');
  return users.length ? users[users.length - 1].body.trim() : null;
}

/** Whether a USER value names root. */
export function isRoot(user: string): boolean {
  return /^(root|0)(:|$)/.test(user);
}

/** Folders whose files only root can read in the usual base images (mode 700). */
const ROOT_ONLY = /^\/(root|etc\/ssl\/private)(\/|$)/;

/** The paths (absolute, in the image) that lie in a folder only root can read. */
export function rootOnlyPaths(paths: readonly string[]): string[] {
  return [...new Set(paths.filter((p) => ROOT_ONLY.test(p)))];
}

/** Whether the last command that creates `user` also makes its home folder (see `makesHome`). */
export function createsHome(commands: readonly ShellCommand[], user: string): boolean {
  const created = commands
    .map((c) => readUserCommand(c.words))
    .filter((c) => c !== null && createdBy(c) === 'user' && c.names[0] === user);
  const last = created[created.length - 1];
  return last ? makesHome(last) : false;
}
