// Message templates for the notes the image and package modules add to the report, by stable id.
import { noteMaker } from '../notes';

export const IMAGE_MESSAGES = {
  'runtime-base-changed': 'runtime base {{from}} -> {{to}}: {{why}}',
  'runtime-base-kept': 'runtime base stays {{image}}: {{why}}',
  'runtime-variant': '{{image}}: {{why}}',
  'digest-dropped':
    '{{from}} was pinned by digest; a digest names one image, and {{to}} is another, so the digest was dropped (pin the new one to keep builds reproducible)',
  'version-not-kept':
    '{{to}} keeps Java {{release}} but not the update version {{version}} of {{from}}: {{vendor}} numbers its builds differently',
  'arg-default-used':
    'runtime base chosen from the ARG default {{args}}; the ARG still sets it, so other --build-arg values must name a version the same way',
  'tag-scheme-guessed': '{{image}}: the tool knows no tag scheme for {{name}}; its tag follows {{scheme}}',
  'eol-node-major':
    'Node {{major}} ({{image}}) is end-of-life since {{date}}: the major is kept as written; plan an upgrade',
  'retired-image': '{{image}} is a retired image (no updates since {{since}}): use {{use}}',
  'apt-translated': 'apt-get install {{from}} -> apk add --no-cache {{to}}',
  'apt-step-dropped': '`{{command}}` dropped: apk add --no-cache keeps no package index or cache to clean',
  'package-unknown':
    'no Alpine name known for the Debian package {{name}}: kept as written (check it exists on Alpine, or add it under packages: in a mapping file)',
  'package-dropped': 'Debian package {{name}} has no Alpine counterpart to install: {{why}}',
  'users-translated': '`{{from}}` -> `{{to}}` (busybox)',
  'login-shell-changed': 'login shell {{from}} -> {{to}} for {{user}}: alpine has no {{from}}',
  'stage-kept-on-debian': 'runtime stays on {{image}}, not alpine: {{reason}}',
} as const;

/** Makes a note from the table above. */
export const imageNote = noteMaker(IMAGE_MESSAGES);
