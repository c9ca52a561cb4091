// The notes the Java transform and its helpers add to the report, by stable id, in one table so ids stay unique.
import { noteMaker } from '../../notes';
import { STAGE_MESSAGES } from '../../stage/notes';

/** Message templates by note id (`{{name}}` placeholders). */
export const JAVA_MESSAGES = {
  'build-image-switched':
    'build stage on {{to}}, which carries {{tool}}: the original installed it on {{from}} with `{{command}}` (removed)',
  'artifact-copied':
    'the runtime stage gets {{path}} from the build stage, at the path the start command reads',
  'artifact-named':
    '{{glob}} in the start command matches the one jar the build makes, {{name}}: only it is copied',
  'artifact-picked':
    'the jar name is not known before the build: the build stage copies the one runnable jar matching {{glob}} (no -plain, original-, -sources, -javadoc or -tests jar) to {{fixed}}, and the runtime stage places it at {{path}}',
  'artifact-pinned':
    '`{{from}}` also matches {{what}} the build leaves beside the runnable jar: the COPY takes `{{to}}`',
  'lib-copied': 'the dependency folder {{dir}} is copied beside the jar, whose manifest class path names it',
  'plain-jar':
    '{{jar}} is a plain jar (no Spring Boot, shade, shadow or assembly plugin): only it is copied; anything its manifest Class-Path names must be copied too',
  'classpath-copied': 'the class path entries {{paths}} are copied from the build stage',
  'app-folder-copied': {
    reduced:
      'the start command `{{command}}` is not a `java -jar` the tool can read: the whole app folder {{dir}} is copied (start the jar with `java -jar <path>` to copy only it)',
  },
  'server-webapps':
    'the {{server}} webapps folder {{dir}} is copied from the build stage: it runs what is there',
  'file-copied': '{{path}} is copied from the build context again, as the original does, for the app to use',
  'run-output-copied':
    '{{path}} is copied from the build stage: `RUN {{command}}` puts it there, outside the artifact, and the app may use it',
  'named-copied': '{{path}}, which {{via}} names, is copied from the build stage',
  'writable-dirs':
    'folders the app may write ({{dirs}}: made by the original, a VOLUME or a log/temp option) are made in the runtime stage and given to `{{user}}`: the original ran as root, which can write anywhere',
  'dirs-made': 'folders the original makes ({{dirs}}) are made in the runtime stage too',
  'agent-copied': 'the Java agent {{path}} the start command loads is copied from the build stage',
  'user-image': 'the runtime runs as `{{user}}`, the non-root user {{image}} provides',
  'user-unknown-image':
    'no non-root user added: the tool does not know how to create one on {{image}} (add a USER by hand)',
  'tomcat-dirs': 'Tomcat folders it writes ({{dirs}}) are given to `{{user}}`, so it runs as non-root',
  'build-env': 'ENV {{names}} only configures the build tool: it stays in the build stage',
  'java-home':
    'ENV JAVA_HOME={{value}} names a folder of the build image, kept as written: check it exists in {{image}} (it sets its own)',
  'layer-cache':
    'the whole build context is copied before the build, so any change downloads every dependency again: copy {{files}} first and resolve the dependencies in a RUN of their own before copying the sources (not done: {{why}})',
  'dependencies-first':
    'the build files ({{files}}) are now copied first and `{{command}}` {{what}} in a layer of its own, which a change to the sources alone does not redo; the whole context is still copied before the build, as before',
  'spring-layers':
    'Spring Boot {{version}} layered extraction (`{{mode}}`): dependencies, loader, snapshots and the application are copied as separate layers',
  'spring-layers-launcher':
    'with layertools the app starts from the extracted folders: `-jar {{jar}}` -> `{{launcher}}` (Spring Boot {{version}})',
  'spring-layers-skipped': 'no Spring Boot layered extraction: {{why}}',
} as const;

/** Makes a Java note from the table above. */
export const javaNote = noteMaker({ ...STAGE_MESSAGES, ...JAVA_MESSAGES });

/** Long commands shortened for notes. */
export const shorten = (s: string): string => (s.length > 80 ? s.slice(0, 77) + '...' : s);
