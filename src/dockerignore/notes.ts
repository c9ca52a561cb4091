// The notes the ignore-file step gives, by stable id.
import { noteMaker } from '../notes';

/** The comment line that opens the section this tool writes; finding it means "already merged once". */
export const MARKER = '# Added by dockerize-ms';

const SECRET_MOUNT =
  'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci (built with --secret id=npmrc,src=.npmrc)';

/** Message templates by note id (`{{name}}` placeholders). */
export const DOCKERIGNORE_MESSAGES = {
  'dockerignore-created': 'Created {{file}} with {{count}} rules for a {{kind}} build.',
  'dockerignore-updated': `Added {{count}} rules to {{file}} under "${MARKER}"; its existing lines are kept as they were.`,
  'dockerignore-per-dockerfile':
    '{{file}} applies to {{dockerfile}} only under BuildKit (the default builder since Docker 23.0), which then ' +
    'ignores the context root .dockerignore; the legacy builder (DOCKER_BUILDKIT=0) ignores {{file}} and reads .dockerignore.',
  'dockerignore-seeded':
    '{{file}} starts with the rules of .dockerignore, since BuildKit reads only one of the two for {{dockerfile}}.',
  'dockerignore-shadowed':
    '{{other}} sits beside {{dockerfile}}, so BuildKit reads it instead of {{file}}; keep the two in step.',
  'dockerignore-exceptions-added':
    '{{file}} hid {{sources}}, which the Dockerfile copies; added "!" exceptions so the build still sees them.',
  'dockerignore-hides-copy':
    '{{file}} still hides {{sources}}, which the Dockerfile copies; no exception could be added safely, check it by hand.',
  'dockerignore-secret-kept':
    '{{files}} may hold secrets and the original image contains them: left in, as the app may read them; ' +
    'if it does not, add them to the ignore file, or give them at run time (a mounted file, docker run --env-file)',
  'dockerignore-env-excluded':
    '{{files}} no longer reach the image (they often hold secrets); give those settings at run time ' +
    '(docker run --env-file, compose env_file) or copy a specific file on purpose.',
  'dockerignore-node-modules-kept':
    '{{folders}} stay in the build context: no RUN installs packages, so the image runs with the node_modules ' +
    'installed before docker build, on that machine and for its platform. To install them in the image instead, ' +
    'copy package.json and {{lockfile}}, RUN {{install}}, then copy the rest; node_modules can then be left out of the context.',
  'dockerignore-git-kept':
    '{{plugin}} reads .git during the build, so .git stays in the build context (it makes the context bigger).',
  'npmrc-excluded':
    '.npmrc holds a registry token, so it is kept out of the build context. If the install needs it, mount it as ' +
    `a BuildKit secret instead of copying it: ${SECRET_MOUNT}.`,
  'npmrc-secret-mount':
    'The Dockerfile copies .npmrc, which holds a registry token the install may need, so it stays in the build ' +
    'context and in the image layers, as in the original. A BuildKit secret mount keeps it out of every layer: ' +
    `${SECRET_MOUNT}.`,
};

/** Makes a note of this step by id. */
export const note = noteMaker(DOCKERIGNORE_MESSAGES);
