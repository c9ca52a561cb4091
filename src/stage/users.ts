// Users: what a stage's useradd/adduser lines create, and which user the runtime stage runs as.
import type { ShellCommand } from '../dockerfile/shell';
import type { Stage } from '../dockerfile/model';

import type { UserSpec } from '../alpine/users';

export type { UserSpec };

const VALUE_FLAGS: Record<string, keyof UserSpec> = {
  '-u': 'uid',
  '--uid': 'uid',
  '-g': 'gid',
  '--gid': 'gid',
  '-G': 'group',
  '--ingroup': 'group',
  '-d': 'home',
  '--home': 'home',
  '--home-dir': 'home',
  '-h': 'home',
  '-s': 'shell',
  '--shell': 'shell',
};
const SKIPPED_VALUE_FLAGS = new Set([
  '-c',
  '--comment',
  '--gecos',
  '-k',
  '--skel',
  '-e',
  '-f',
  '-K',
  '--key',
  '-p',
  '--password',
]);

/** The user (and its group) that useradd/adduser/groupadd/addgroup commands create; null when none. */
export function userSpecFrom(commands: readonly ShellCommand[]): UserSpec | null {
  const groups = new Map<string, number | undefined>();
  let spec: UserSpec | null = null;
  for (const command of commands) {
    const [tool, ...args] = command.words;
    const parsed: Partial<Record<keyof UserSpec, string>> = {};
    const positional: string[] = [];
    let system = false;
    for (let i = 0; i < args.length; i++) {
      const [flag, inline] =
        args[i].includes('=') && args[i].startsWith('--') ? args[i].split(/=(.*)/s) : [args[i], undefined];
      if (flag in VALUE_FLAGS) parsed[VALUE_FLAGS[flag]] = inline ?? args[++i];
      else if (SKIPPED_VALUE_FLAGS.has(flag)) i += inline === undefined ? 1 : 0;
      else if (['-r', '--system', '-S'].includes(flag)) system = true;
      else if (!flag.startsWith('-')) positional.push(flag);
    }
    const isGroupCommand = tool === 'groupadd' || tool === 'addgroup';
    if (isGroupCommand && positional.length === 1) {
      groups.set(positional[0], toNumber(parsed.gid));
      continue;
    }
    if (isGroupCommand || tool === 'usermod') continue;
    // Debian's `adduser user group` adds an existing user to a group; busybox's `addgroup user group` likewise.
    const user = positional[0];
    if (!user) continue;
    const gidIsName = parsed.gid !== undefined && !/^\d+$/.test(parsed.gid);
    const group =
      parsed.group ?? (gidIsName ? parsed.gid : undefined) ?? (groups.has(user) ? user : undefined);
    spec = {
      user,
      ...(group ? { group } : {}),
      ...(parsed.uid !== undefined ? { uid: toNumber(parsed.uid) } : {}),
      ...(!gidIsName && parsed.gid !== undefined ? { gid: toNumber(parsed.gid) } : {}),
      ...(parsed.home ? { home: parsed.home } : {}),
      ...(parsed.shell ? { shell: parsed.shell } : {}),
      ...(system ? { system } : {}),
    };
  }
  if (spec?.group && spec.gid === undefined && groups.get(spec.group) !== undefined)
    spec.gid = groups.get(spec.group);
  if (spec && createsHome(commands, spec.user)) spec.createHome = true;
  if (!spec && groups.size === 1) return null;
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

/**
 * Whether the command that creates `user` also makes its home folder: `useradd -m`/`--create-home`;
 * busybox `adduser` unless -H; Debian's `adduser` unless `--no-create-home`, or `--system` without `--home`
 * (whose home newer releases leave at /nonexistent).
 */
export function createsHome(commands: readonly ShellCommand[], user: string): boolean {
  const command = [...commands]
    .reverse()
    .find(
      (c) => /^(useradd|adduser)$/.test(c.words[0]?.replace(/^.*\//, '') ?? '') && c.words.at(-1) === user,
    );
  if (!command) return false;
  const [tool, ...args] = command.words;
  const has = (...flags: string[]) => args.some((a) => flags.includes(a.split('=')[0]));
  if (tool.endsWith('useradd')) {
    if (has('-M', '--no-create-home')) return false;
    // Short options combine (`-rm`); after one that takes a value the rest of the word is that value.
    return has('--create-home') || args.some((a) => /^-[rlNUo]*m/.test(a));
  }
  if (has('-H', '--no-create-home')) return false;
  return !has('--system') || has('--home');
}
