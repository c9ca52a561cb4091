import { readNodeStage } from '../../../src/kinds/node/stage';
import { runtimeGlobals, startCommandWords } from '../../../src/kinds/node/start';
import { readStartScripts } from '../../../src/pipeline/start-scripts';
import { dockerfile, node, project } from '../helpers';

/** The global packages the runtime stage installs, for a project and the start lines of its Dockerfile. */
function globals(files: Record<string, string | object>, ...start: string[]) {
  const model = dockerfile(
    'FROM node:20',
    'RUN npm install -g prisma@5.10.0 typescript pm2',
    'WORKDIR /app',
    'COPY . .',
    ...start,
  );
  const facts = node(files, model);
  const reading = readNodeStage(model, facts, [], readStartScripts(project(files), model));
  return runtimeGlobals(reading, startCommandWords(reading));
}

describe('runtimeGlobals', () => {
  const pkg = { name: 'a', version: '1.0.0' };

  it('leaves build tools behind unless the start or a start script runs them', () => {
    expect(globals({ 'package.json': pkg }, 'CMD ["node", "x.js"]')).toEqual(['pm2']);
    expect(globals({ 'package.json': pkg }, 'CMD ["npx", "prisma", "migrate", "deploy"]')).toEqual([
      'prisma@5.10.0',
      'pm2',
    ]);
    const entry = {
      'package.json': pkg,
      'entrypoint.sh': '#!/bin/sh\nprisma migrate deploy\nexec node x.js\n',
    };
    expect(globals(entry, 'ENTRYPOINT ["./entrypoint.sh"]')).toEqual(['prisma@5.10.0', 'pm2']);
  });
});
