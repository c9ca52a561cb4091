// Who a Java runtime runs as: the user the original names (created where the new image lacks it), else a new non-root one.
import { createsHome } from '../../stage/users';

export { createsHome };
import { userCreationCommand } from '../../alpine/packages';
import type { ImageFamily } from '../../images/runtime-image';
import type { Note } from '../../notes';
import { javaNote } from './notes';
import type { JavaStageReading } from './stage';
import { isRoot, type UserSpec } from '../../stage/users';

/** How the runtime gets its user. */
export interface JavaUserPlan {
  /** A RUN argument that creates the user (and gives Tomcat's folders to it); null when nothing is created. */
  create: string | null;
  /** The USER value to add; null when the original's own USER stays in force. */
  user: string | null;
  /** `create` makes the user the original's RUN lines create, so what those lines chown can be repeated. */
  createsOriginal?: boolean;
  /**
   * `user:group` the folders the app writes are given to: set when the original ran as root and the runtime
   * now runs as this non-root user.
   */
  owner?: string;
  notes: Note[];
}

/** The user added when the original runs as root by default. */
const DEFAULT_USER: UserSpec = { user: 'app' };
/** Users every Debian, Ubuntu and Alpine image has. */
const EVERYWHERE = new Set(['nobody', 'daemon']);
/** Folders the Tomcat image writes to at run time (logs, expanded WARs, JSP work files, its config cache). */
const TOMCAT_DIRS = ['conf', 'logs', 'temp', 'work', 'webapps'].map((d) => `/usr/local/tomcat/${d}`);
/** Folders only root can enter in the usual base images (mode 700): a new user could not read what lands there. */

/**
 * Plans the runtime user for an image of `family` (`image` as written, for notes). `inPlace`: the original stage
 * stays the final one, so a user its RUN lines create exists already. `rootOnly`: what the runtime puts in a
 * folder only root can read, which keeps an original that runs as root on root.
 */
export function planJavaUser(
  reading: JavaStageReading,
  family: ImageFamily,
  image: string,
  inPlace: boolean,
  rootOnly: readonly string[] = [],
): JavaUserPlan {
  const notes: Note[] = [];
  const tools = family === 'alpine' ? 'alpine' : 'debian';
  const toolsLabel = family === 'alpine' ? 'busybox addgroup/adduser' : 'groupadd/useradd';
  const known = family === 'alpine' || family === 'debian' || family === 'ubuntu';
  const { user, createdUser } = reading;
  if (!user && rootOnly.length) {
    // `--chown` would not help: the folder itself (mode 700) stops anyone else. A user the original creates
    // is still created, since later lines (a chown) may name it.
    const create = createdUser && !inPlace && known ? userCreationCommand(tools, createdUser) : null;
    const kept = javaNote('user-kept-root', { paths: rootOnly.join(', ') });
    return { create, user: null, createsOriginal: create !== null, notes: [kept] };
  }
  if (family === 'distroless') {
    if (user) return { create: null, user: null, notes: isRoot(user) ? [javaNote('user-root')] : [] };
    const notes = [javaNote('user-image', { user: 'nonroot', image })];
    return { create: null, user: 'nonroot', owner: 'nonroot:nonroot', notes };
  }
  if (user) {
    if (isRoot(user)) return { create: null, user: null, notes: [javaNote('user-root')] };
    const [name, group] = user.split(':');
    if (createdUser && (createdUser.user === name || String(createdUser.uid) === name)) {
      if (inPlace) return { create: null, user: null, notes };
      if (!known) return { create: null, user: null, notes: [javaNote('user-unknown-image', { image })] };
      notes.push(
        javaNote('user-created', {
          user: createdUser.user,
          tools: toolsLabel,
          why: ': the original creates it',
        }),
      );
      return { create: userCreationCommand(tools, createdUser), user: null, createsOriginal: true, notes };
    }
    if (/^\d+$/.test(name) || EVERYWHERE.has(name) || (reading.server === 'jetty' && name === 'jetty'))
      return { create: null, user: null, notes };
    if (!known) return { create: null, user: null, notes: [javaNote('user-unknown-image', { image })] };
    // The build image provided it (gradle, ubuntu): create it unless the new image has it too.
    const spec: UserSpec = { user: name, ...(group && !/^\d+$/.test(group) ? { group } : {}) };
    const why = `${reading.image} provides it, ${image} may not`;
    notes.push(javaNote('user-created', { user: name, tools: toolsLabel, why: `: ${why}` }));
    return {
      create: `id -u ${name} >/dev/null 2>&1 || (${userCreationCommand(tools, spec)})`,
      user: null,
      notes,
    };
  }
  if (reading.server === 'jetty') {
    const notes = [javaNote('user-image', { user: 'jetty', image })];
    return { create: null, user: 'jetty', owner: 'jetty:jetty', notes };
  }
  if (!known) return { create: null, user: null, notes: [javaNote('user-unknown-image', { image })] };
  // A user the original creates but never switches to is the one meant for running.
  const spec = createdUser ?? DEFAULT_USER;
  let create = inPlace && createdUser ? '' : userCreationCommand(tools, spec);
  let files = 'the files stay owned by root (readable, not writable)';
  if (reading.server === 'tomcat') {
    const owner = `${spec.user}:${spec.group ?? spec.user}`;
    create += `${create ? ' && ' : ''}chown -R ${owner} ${TOMCAT_DIRS.join(' ')}`;
    notes.push(javaNote('tomcat-dirs', { dirs: TOMCAT_DIRS.join(', '), user: spec.user }));
    files = 'the files stay owned by root (readable, not writable) except the folders Tomcat writes';
  }
  notes.unshift(javaNote('user-added', { user: spec.user, detail: ` (${toolsLabel}); ${files}` }));
  return {
    create: create || null,
    user: spec.user,
    createsOriginal: !!createdUser && !inPlace,
    owner: `${spec.user}:${spec.group ?? spec.user}`,
    notes,
  };
}
