// The notes both kinds give about a runtime stage (its base, user, packages, repeated lines), one message per id.
import { IMAGE_MESSAGES } from '../images/image-notes';

/** Message templates by note id; each kind's table spreads these and adds its own ids. */
export const STAGE_MESSAGES = {
  'build-stage': 'the original stage became the build stage `{{name}}`: it {{does}} as before',
  'runtime-stage': 'new runtime stage on {{image}} with {{what}}; {{start}}',
  'base-switched':
    'base image {{from}} -> {{to}}: nothing is built in the image, so no build stage is needed',
  prebuilt: 'prebuilt `{{path}}` is copied in from the build context: no build is invented',
  'run-kept':
    'stays in the build stage only: RUN {{command}} (if the app needs its effect at run time, repeat it in the runtime stage)',
  'setup-repeated': 'repeated in the runtime stage: RUN {{command}}',
  args: 'ARG {{names}} re-declared in the runtime stage, which uses them',
  'build-platform':
    'the build stage runs on $BUILDPLATFORM; the runtime stage uses the target platform{{detail}}',
  packages: 'runtime packages installed in the runtime stage: {{packages}}',
  'package-unknown': IMAGE_MESSAGES['package-unknown'],
  'build-only-packages': 'build-only packages stay in the build stage: {{packages}}',
  'tool-added': '{{tool}} installed in the runtime stage: {{where}} calls it and {{image}} lacks it',
  'user-added': 'the runtime runs as the non-root user `{{user}}`{{detail}}',
  'user-created': 'user `{{user}}` created in the runtime stage with {{tools}}{{why}}',
  'user-kept-root': {
    reduced:
      'kept running as root: {{paths}} is in a folder only root can read (put it elsewhere to run as a non-root user)',
  },
  'user-root': 'USER root kept as written: the container runs as root',
  'user-kept':
    'no user added: the runtime runs as the original does ({{user}}), as the user option `keep` asks',
  'user-option-unused':
    'the original sets USER {{user}}, which stays: the user option `{{asked}}` only replaces the user a migration adds',
} as const;
