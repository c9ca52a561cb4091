// Who a Java runtime runs as: the user the original names (created where the new image lacks it), else a new non-root one.
import { userCreationCommand } from '../images/packages';
import type { ImageFamily } from '../images/runtime-image';
import type { Note } from '../notes';
import { javaNote } from './java-notes';
import type { JavaStageReading } from './java-stage';
import { isRoot, type UserSpec } from './users';

/** How the runtime gets its user. */
export interface JavaUserPlan {
  /** A RUN argument that creates the user (and gives Tomcat's folders to it); null when nothing is created. */
  create: string | null;
  /** The USER value to add; null when the original's own USER stays in force. */
  user: string | null;
  notes: Note[];
}

/** The user added when the original runs as root by default. */
const DEFAULT_USER: UserSpec = { user: 'app' };
/** Users every Debian, Ubuntu and Alpine image has. */
const EVERYWHERE = new Set(['nobody', 'daemon']);
/** Folders the Tomcat image writes to at run time (logs, expanded WARs, JSP work files, its config cache). */
const TOMCAT_DIRS = ['conf', 'logs', 'temp', 'work', 'webapps'].map((d) => `/usr/local/tomcat/${d}`);

/**
 * Plans the runtime user for an image of `family` (`image` as written, for notes). `inPlace`: the original stage
 * stays the final one, so a user its RUN lines create exists already.
 */
export function planJavaUser(
  reading: JavaStageReading,
  family: ImageFamily,
  image: string,
  inPlace: boolean,
): JavaUserPlan {
  const notes: Note[] = [];
  const tools = family === 'alpine' ? 'alpine' : 'debian';
  const toolsLabel = family === 'alpine' ? 'busybox addgroup/adduser' : 'groupadd/useradd';
  const known = family === 'alpine' || family === 'debian' || family === 'ubuntu';
  const { user, createdUser } = reading;
  if (family === 'distroless') {
    if (user) return { create: null, user: null, notes: isRoot(user) ? [javaNote('user-root')] : [] };
    return { create: null, user: 'nonroot', notes: [javaNote('user-image', { user: 'nonroot', image })] };
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
          why: 'the original creates it',
        }),
      );
      return { create: userCreationCommand(tools, createdUser), user: null, notes };
    }
    if (/^\d+$/.test(name) || EVERYWHERE.has(name) || (reading.server === 'jetty' && name === 'jetty'))
      return { create: null, user: null, notes };
    if (!known) return { create: null, user: null, notes: [javaNote('user-unknown-image', { image })] };
    // The build image provided it (gradle, ubuntu): create it unless the new image has it too.
    const spec: UserSpec = { user: name, ...(group && !/^\d+$/.test(group) ? { group } : {}) };
    const why = `${reading.image} provides it, ${image} may not`;
    notes.push(javaNote('user-created', { user: name, tools: toolsLabel, why }));
    return {
      create: `id -u ${name} >/dev/null 2>&1 || (${userCreationCommand(tools, spec)})`,
      user: null,
      notes,
    };
  }
  if (reading.server === 'jetty')
    return { create: null, user: 'jetty', notes: [javaNote('user-image', { user: 'jetty', image })] };
  if (!known) return { create: null, user: null, notes: [javaNote('user-unknown-image', { image })] };
  // A user the original creates but never switches to is the one meant for running.
  const spec = createdUser ?? DEFAULT_USER;
  let create = inPlace && createdUser ? '' : userCreationCommand(tools, spec);
  if (reading.server === 'tomcat') {
    const owner = `${spec.user}:${spec.group ?? spec.user}`;
    create += `${create ? ' && ' : ''}chown -R ${owner} ${TOMCAT_DIRS.join(' ')}`;
    notes.push(javaNote('tomcat-dirs', { dirs: TOMCAT_DIRS.join(', '), user: spec.user }));
  }
  notes.unshift(javaNote('user-added', { user: spec.user, tools: toolsLabel }));
  return { create: create || null, user: spec.user, notes };
}
