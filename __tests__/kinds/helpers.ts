// Test helpers: projects from path -> content objects, and Dockerfiles parsed from text.
import { parseDockerfile, type DockerfileModel } from '../../src/dockerfile/model';
import { detectJava } from '../../src/kinds/java/detect';
import { detectNode } from '../../src/kinds/node/detect';
import { memoryView, type ProjectView } from '../../src/pipeline/project-view';
import type { JavaFacts, NodeFacts } from '../../src/contract/facts';

/** A Dockerfile model from lines. */
export function dockerfile(...lines: string[]): DockerfileModel {
  return parseDockerfile(lines.join('\n') + '\n');
}

/** A project view; objects are written as pretty JSON, as tools write them. */
export function project(files: Record<string, string | object>): ProjectView {
  const texts: Record<string, string> = {};
  for (const [p, content] of Object.entries(files)) {
    texts[p] = typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n';
  }
  return memoryView(texts);
}

const NODE_DOCKERFILE = dockerfile(
  'FROM node:20',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm ci',
  'CMD ["npm", "start"]',
);
const JAVA_DOCKERFILE = dockerfile(
  'FROM openjdk:17',
  'COPY target/*.jar app.jar',
  'CMD ["java", "-jar", "app.jar"]',
);

export function node(files: Record<string, string | object>, model = NODE_DOCKERFILE): NodeFacts {
  return detectNode(project(files), model);
}

export function java(files: Record<string, string | object>, model = JAVA_DOCKERFILE): JavaFacts {
  return detectJava(project(files), model);
}
