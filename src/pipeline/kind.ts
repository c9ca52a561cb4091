// Which language an image is for, from its base image and the project files in the build context.
import type { DockerfileModel } from '../dockerfile/model';
import { preambleArgs } from '../dockerfile/scope';
import { expandVariables, imageBaseName, parseImageRef } from '../images/reference';
import type { ProjectView } from '../contract/project-view';
import type { Kind } from '../contract/facts';

const NODE_IMAGES = /^(node|nodejs|bun|node-\w+)$/;
const JAVA_IMAGES =
  /^(openjdk|eclipse-temurin|temurin|amazoncorretto|corretto|adoptopenjdk|java|maven|gradle|ibmjava|ibm-semeru-runtimes|sapmachine|zulu-openjdk.*|liberica-.*|jdk|jre|tomcat|jetty|java\d+(-debian\d+)?|openjdk-\d+.*|ubi\d*-openjdk-\d+.*|openjdk\d+.*)$/;

/** The image a stage starts from, with ARG defaults filled in. */
export function resolvedImage(model: DockerfileModel, stageIndex: number): string {
  const stage = model.stages[stageIndex];
  return expandVariables(stage.image?.value ?? '', preambleArgs(model));
}

/** Node, Java or neither, with a reason a person understands when neither. */
export function detectKind(
  model: DockerfileModel,
  view: ProjectView,
): { kind: Kind | null; reason: string | null } {
  const stage = model.stages[model.stages.length - 1];
  // Windows containers (drive-letter paths, Windows base images) have no alpine or slim to move to.
  const windows = model.instructions.some(
    (i) => (i.keyword === 'WORKDIR' || i.keyword === 'COPY') && /(^|\s)[A-Za-z]:[\\/]/.test(i.body),
  );
  if (windows || /windows|nanoserver|servercore/i.test(stage.image?.value ?? '')) {
    return {
      kind: null,
      reason: `a Windows container image (FROM ${stage.image?.value}), which is not supported`,
    };
  }
  const image = resolvedImage(model, stage.index);
  const name = imageBaseName(parseImageRef(image));
  if (NODE_IMAGES.test(name)) return { kind: 'node', reason: null };
  if (JAVA_IMAGES.test(name)) return { kind: 'java', reason: null };
  const hasNodeProject = view.exists('package.json');
  const hasJavaProject = ['pom.xml', 'build.gradle', 'build.gradle.kts'].some((f) => view.exists(f));
  const installs = model.instructions
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.body)
    .join('\n');
  if (hasNodeProject && /\b(nodejs|npm)\b/.test(installs))
    return {
      kind: null,
      reason: `not a Node or Java base image (FROM ${stage.image?.value}): Node is installed by hand, which is not supported`,
    };
  if (hasJavaProject && /\b(openjdk|jdk|jre)\b/.test(installs))
    return {
      kind: null,
      reason: `not a Node or Java base image (FROM ${stage.image?.value}): Java is installed by hand, which is not supported`,
    };
  return { kind: null, reason: `not a Node or Java image (FROM ${stage.image?.value})` };
}
