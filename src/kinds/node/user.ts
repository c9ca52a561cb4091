// Who a Node runtime runs as: the original's USER, root kept (root-only files, or `keep`), or a non-root user.
import type { DockerfileModel } from '../../dockerfile/model';
import { userCreationCommand } from '../../alpine/packages';
import type { ImageFamily } from '../../images/runtime-image';
import type { Note } from '../../notes';
import type { RuntimeUser } from '../../contract/transform';
import { line } from '../../stage/text';
import { isRoot, type UserSpec } from '../../stage/users';
import { namedSpec, namedUser, planNamedUser, userOptionText, userToolsLabel } from '../user-option';
import { nodeNote as note } from './notes';
import type { NodeStageReading } from './stage';
import { DISTROLESS_USER } from '../../images/distroless';

/** How a runtime stage gets its user. */
export interface NodeUserPlan {
  /** The user the runtime runs as (`root` when it stays root). */
  runtimeUser: string;
  /** Lines for the stage's header that create the user. */
  header: string[];
  /** `user:group` the app folder and what the app writes are given to; null when the user is not added. */
  owner: string | null;
  /** ` --chown=...` for the app folder's COPY, or '' for root. */
  chown: string;
  /** Whether a USER line is added. */
  addsUser: boolean;
  /** Said where the user is created, and at the end of the stage's notes. */
  createdNotes: Note[];
  notes: Note[];
}

/**
 * Plans the runtime user of a Node runtime stage on `image` (of `family`): the original's USER stays; files in
 * a root-only folder, or the user option `keep`, keep root; otherwise the named user or the kind's own
 * (`node`, `nonroot` on distroless), created when the original creates it or the image may lack it.
 */
export function planNodeUser(
  model: DockerfileModel,
  reading: NodeStageReading,
  family: ImageFamily,
  image: string,
  asked: RuntimeUser = 'default',
): NodeUserPlan | { ok: false; reason: string } {
  const distroless = family === 'distroless';
  const created = reading.createdUser;
  // Files copied where only root can read them would be out of a new user's reach: stay root, and say so.
  const keepRoot = !reading.user && reading.rootOnlyCopies.length > 0;
  const keep = !reading.user && !keepRoot && asked === 'keep';
  const named = keepRoot ? null : namedUser(asked, reading.user);
  const runtimeUser =
    reading.user ?? (keepRoot || keep ? 'root' : (named ?? (distroless ? DISTROLESS_USER : 'node')));
  const header: string[] = [];
  const createdNotes: Note[] = [];
  let namedOwner: string | null = null;
  const name = runtimeUser.split(':')[0];
  if (created && (name === created.user || name === String(created.uid))) {
    header.push(line(model, 'RUN', userCreationCommand(family === 'alpine' ? 'alpine' : 'debian', created)));
    const tools = family === 'alpine' ? 'busybox tools' : 'Debian tools';
    createdNotes.push(note('user-created', { user: created.user, tools, why: '' }));
  } else if (named) {
    const plan = planNamedUser(named, family, image, [distroless ? DISTROLESS_USER : 'node']);
    if (!plan.ok) return plan;
    namedOwner = plan.owner;
    if (plan.create) {
      header.push(line(model, 'RUN', plan.create));
      const why = ': the user option names it and the image may lack it';
      createdNotes.push(
        note('user-created', { user: namedSpec(named).user, tools: userToolsLabel(family), why }),
      );
    }
  }
  const owner = keepRoot || keep || reading.user ? null : (namedOwner ?? ownerOf(runtimeUser, created));
  return {
    runtimeUser,
    header,
    owner,
    chown: isRoot(runtimeUser) ? '' : ` --chown=${owner ?? ownerOf(runtimeUser, created)}`,
    addsUser: !reading.user && !keepRoot && !keep,
    createdNotes,
    notes: userNotes(reading, keepRoot, keep, asked, runtimeUser),
  };
}

/** What the notes say about the runtime user: kept, added, or the original's own. */
export function userNotes(
  reading: Pick<NodeStageReading, 'user' | 'rootOnlyCopies' | 'appDirs'>,
  keepRoot: boolean,
  keep: boolean,
  asked: RuntimeUser,
  runtimeUser: string,
): Note[] {
  if (keepRoot) return [note('user-kept-root', { paths: reading.rootOnlyCopies.join(', ') })];
  if (keep) return [note('user-kept', { user: 'root' })];
  if (!reading.user) {
    // An app installed into / (no WORKDIR) has no folder of its own to own.
    const owns = reading.appDirs.length ? ', owner of the app folder' : '';
    const why = asked === 'default' ? '' : ' (the user option names it)';
    return [note('user-added', { user: runtimeUser, detail: `${owns}${why}` })];
  }
  const notes = isRoot(reading.user) ? [note('user-root')] : [];
  if (asked !== 'default' && asked !== 'keep')
    notes.push(note('user-option-unused', { user: reading.user, asked: userOptionText(asked) }));
  return notes;
}

/** `user:group` for COPY --chown and chown: the created user's own group, else a group of the same name. */
function ownerOf(user: string, created: UserSpec | null): string {
  if (created?.group && user === created.user) return `${created.user}:${created.group}`;
  return user.includes(':') ? user : `${user}:${user}`;
}
