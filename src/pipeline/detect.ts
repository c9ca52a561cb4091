// Detection: the build context and the Dockerfile -> ProjectFacts for the transforms.
import type { DockerfileModel } from '../dockerfile/model';
import { detectJava } from '../kinds/java/detect';
import { detectKind } from './kind';
import { detectNode } from '../kinds/node/detect';
import type { ProjectView } from '../contract/project-view';
import { readStartScripts, startScriptShells } from './start-scripts';
import type { ProjectFacts } from '../contract/facts';

export function detectProject(view: ProjectView, model: DockerfileModel): ProjectFacts {
  const { kind, reason } = detectKind(model, view);
  const startScripts = kind ? readStartScripts(view, model) : [];
  return {
    kind,
    kindReason: reason,
    node: kind === 'node' ? detectNode(view, model) : null,
    java: kind === 'java' ? detectJava(view, model) : null,
    startShells: startScriptShells(startScripts),
    startScripts,
  };
}
