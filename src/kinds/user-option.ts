// The runtime user option both kinds apply: keep the original's user, or run as a named one the image may lack.
import { userCreationCommand } from '../alpine/packages';
import type { ImageFamily } from '../images/runtime-image';
import type { RuntimeUser } from '../contract/transform';
import type { UserSpec } from '../stage/users';

/** Users every Debian, Ubuntu and Alpine image has. */
export const EVERYWHERE: ReadonlySet<string> = new Set(['nobody', 'daemon']);

/** How the option reads in notes: `keep` or the name. */
export const userOptionText = (asked: RuntimeUser): string =>
  typeof asked === 'object' ? asked.name : asked;

/** The named user when the option names one and the original runs as root (no USER of its own), else null. */
export function namedUser(asked: RuntimeUser | undefined, originalUser: string | null): string | null {
  return originalUser === null && typeof asked === 'object' ? asked.name : null;
}

/** `svc:apps` is the user svc in the group apps; a bare name has a group of its own name when created. */
export function namedSpec(name: string): UserSpec {
  const [user, group] = name.split(':');
  return { user, ...(group && !/^\d+$/.test(group) ? { group } : {}) };
}

export type NamedUserPlan =
  | {
      ok: true;
      /** The RUN argument that creates the user where the image lacks it; null when the image has it. */
      create: string | null;
      /** `user:group` for COPY --chown and chown. */
      owner: string;
    }
  | { ok: false; reason: string };

/**
 * How a runtime on an image of `family` gets the named user: nothing for a numeric uid, a user every image has or
 * one `imageUsers` says this image provides; otherwise created with the image's own tools (busybox on alpine,
 * groupadd/useradd on Debian and Ubuntu) unless `id -u` finds it there. An image without those tools (distroless,
 * an unknown distribution) cannot get one, and the file is not migrated.
 */
export function planNamedUser(
  name: string,
  family: ImageFamily,
  image: string,
  imageUsers: readonly string[],
): NamedUserPlan {
  const spec = namedSpec(name);
  if (/^\d+$/.test(spec.user) || EVERYWHERE.has(spec.user) || imageUsers.includes(spec.user))
    return { ok: true, create: null, owner: name };
  if (family === 'distroless')
    return {
      ok: false,
      reason: `the user option names \`${spec.user}\`, which a distroless image has no shell to create (use nonroot or a numeric uid)`,
    };
  if (family === 'unknown')
    return {
      ok: false,
      reason: `the user option names \`${spec.user}\`, and the tool does not know how to create a user on ${image}`,
    };
  const tools = family === 'alpine' ? 'alpine' : 'debian';
  return {
    ok: true,
    create: `id -u ${spec.user} >/dev/null 2>&1 || (${userCreationCommand(tools, spec)})`,
    owner: `${spec.user}:${spec.group ?? spec.user}`,
  };
}

/** The tools a user is created with on `family`, in the words of the `user-created` note. */
export const userToolsLabel = (family: ImageFamily): string =>
  family === 'alpine' ? 'busybox addgroup/adduser' : 'groupadd/useradd';
