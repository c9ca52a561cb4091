// Who a Java runtime runs as: the user the original names (created where the new image lacks it), else a new non-root one.
import { createsHome } from '../../stage/users';

export { createsHome };
import { userCreationCommand } from '../../alpine/packages';
import type { ImageFamily } from '../../images/runtime-image';
import type { Note } from '../../notes';
import { javaNote } from './notes';
import type { JavaStageReading } from './stage';
import { isRoot, type UserSpec } from '../../stage/users';
import type { RuntimeUser } from '../../contract/transform';
import { namedSpec, namedUser, planNamedUser, userOptionText, userToolsLabel } from '../user-option';
import { DISTROLESS_USER } from '../../images/distroless';

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
  /** Set when the runtime cannot run as the user asked for: the file is not migrated, for this reason. */
  refusal?: string;
  notes: Note[];
}

/** The user added when the original runs as root by default. */
const DEFAULT_USER: UserSpec = { user: 'app' };
/** Folders the Tomcat image writes to at run time (logs, expanded WARs, JSP work files, its config cache). */
const TOMCAT_DIRS = ['conf', 'logs', 'temp', 'work', 'webapps'].map((d) => `/usr/local/tomcat/${d}`);

/**
 * Plans the runtime user for an image of `family` (`image` as written, for notes). `inPlace`: the original stage
 * stays the final one, so a user its RUN lines create exists already. `rootOnly`: what the runtime puts in a
 * folder only root can read, which keeps an original that runs as root on root. `asked`: the user option.
 */
export function planJavaUser(
  reading: JavaStageReading,
  family: ImageFamily,
  image: string,
  inPlace: boolean,
  rootOnly: readonly string[] = [],
  asked: RuntimeUser = 'default',
): JavaUserPlan {
  const tools = family === 'alpine' ? 'alpine' : 'debian';
  const known = family === 'alpine' || family === 'debian' || family === 'ubuntu';
  const { user, createdUser } = reading;
  // A user the original creates is still created when no USER is added, since later lines (a chown) may name it.
  const createOriginal = () =>
    createdUser && !inPlace && known ? userCreationCommand(tools, createdUser) : null;
  if (!user && rootOnly.length) {
    // `--chown` would not help: the folder itself (mode 700) stops anyone else.
    const create = createOriginal();
    const kept = javaNote('user-kept-root', { paths: rootOnly.join(', ') });
    return { create, user: null, createsOriginal: create !== null, notes: [kept] };
  }
  if (!user && asked === 'keep') {
    const create = createOriginal();
    const kept = javaNote('user-kept', { user: 'root' });
    return { create, user: null, createsOriginal: create !== null, notes: [kept] };
  }
  if (user) {
    const plan = originalUser(reading, user, family, image, inPlace);
    if (typeof asked === 'object')
      plan.notes.push(javaNote('user-option-unused', { user, asked: userOptionText(asked) }));
    return plan;
  }
  const named = namedUser(asked, user);
  if (family === 'distroless') {
    const name = named ?? DISTROLESS_USER;
    const plan = planNamedUser(name, family, image, [DISTROLESS_USER]);
    if (!plan.ok) return { create: null, user: null, refusal: plan.reason, notes: [] };
    const notes = named
      ? [javaNote('user-added', { user: name, detail: ' (the user option names it)' })]
      : [javaNote('user-image', { user: DISTROLESS_USER, image })];
    return { create: null, user: name, owner: named ? plan.owner : 'nonroot:nonroot', notes };
  }
  if (reading.server === 'jetty' && !named) {
    const notes = [javaNote('user-image', { user: 'jetty', image })];
    return { create: null, user: 'jetty', owner: 'jetty:jetty', notes };
  }
  if (!known && !named)
    return { create: null, user: null, notes: [javaNote('user-unknown-image', { image })] };
  return addedUser(reading, family, image, inPlace, named);
}

/** The original names its USER: it stays, created in the runtime stage where the new image may lack it. */
function originalUser(
  reading: JavaStageReading,
  user: string,
  family: ImageFamily,
  image: string,
  inPlace: boolean,
): JavaUserPlan {
  const notes: Note[] = [];
  const known = family === 'alpine' || family === 'debian' || family === 'ubuntu';
  const tools = family === 'alpine' ? 'alpine' : 'debian';
  const toolsLabel = userToolsLabel(family);
  const { createdUser } = reading;
  if (family === 'distroless')
    return { create: null, user: null, notes: isRoot(user) ? [javaNote('user-root')] : [] };
  if (isRoot(user)) return { create: null, user: null, notes: [javaNote('user-root')] };
  const [name] = user.split(':');
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
  // The original ran as this user on this very image: it is there.
  if (inPlace && image === reading.image) return { create: null, user: null, notes };
  // The build image provided it (gradle, ubuntu): create it unless the new image has it too.
  const plan = planNamedUser(user, family, image, reading.server === 'jetty' ? ['jetty'] : []);
  if (!plan.ok) return { create: null, user: null, notes: [javaNote('user-unknown-image', { image })] };
  if (plan.create === null) return { create: null, user: null, notes };
  const why = `${reading.image} provides it, ${image} may not`;
  notes.push(javaNote('user-created', { user: name, tools: toolsLabel, why: `: ${why}` }));
  return { create: plan.create, user: null, notes };
}

/** The original runs as root: the runtime gets a non-root user, the named one or the kind's own. */
function addedUser(
  reading: JavaStageReading,
  family: ImageFamily,
  image: string,
  inPlace: boolean,
  named: string | null,
): JavaUserPlan {
  const notes: Note[] = [];
  const tools = family === 'alpine' ? 'alpine' : 'debian';
  const toolsLabel = userToolsLabel(family);
  const { createdUser } = reading;
  // A user the original creates but never switches to is the one meant for running.
  const original = createdUser && (!named || namedSpec(named).user === createdUser.user);
  let create: string;
  let spec: UserSpec;
  let owner: string;
  let made = true;
  if (original || !named) {
    spec = createdUser ?? DEFAULT_USER;
    create = inPlace && createdUser ? '' : userCreationCommand(tools, spec);
    owner = `${spec.user}:${spec.group ?? spec.user}`;
  } else {
    const plan = planNamedUser(named, family, image, reading.server === 'jetty' ? ['jetty'] : []);
    if (!plan.ok) return { create: null, user: null, refusal: plan.reason, notes: [] };
    spec = namedSpec(named);
    create = plan.create ?? '';
    owner = plan.owner;
    made = plan.create !== null;
  }
  let files = 'the files stay owned by root (readable, not writable)';
  if (reading.server === 'tomcat') {
    create += `${create ? ' && ' : ''}chown -R ${owner} ${TOMCAT_DIRS.join(' ')}`;
    notes.push(javaNote('tomcat-dirs', { dirs: TOMCAT_DIRS.join(', '), user: spec.user }));
    files = 'the files stay owned by root (readable, not writable) except the folders Tomcat writes';
  }
  const how = made ? ` (${toolsLabel})` : '';
  const asked = named ? '; the user option names it' : '';
  notes.unshift(javaNote('user-added', { user: spec.user, detail: `${how}; ${files}${asked}` }));
  return {
    create: create || null,
    user: named ?? spec.user,
    createsOriginal: !!createdUser && !inPlace && !!original,
    owner,
    notes,
  };
}
