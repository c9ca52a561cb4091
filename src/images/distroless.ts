// What a distroless runtime stage cannot hold: it has no shell, no package manager and only the users root and nonroot.
import type { Instruction } from '../dockerfile/model';
import { parseExecForm } from '../dockerfile/logical';

/** The user distroless images provide for running unprivileged (uid 65532). */
export const DISTROLESS_USER = 'nonroot';

const NEEDS_SHELL = /^(?:\/bin\/|\/usr\/bin\/)?(?:sh|bash|ash|npm|npx|yarn|pnpm|bun|curl|wget)$/;

/**
 * Why the instructions of a runtime stage would fail on a distroless image, or null when they would run.
 * Distroless Node runs `node` itself (CMD starts at the script); distroless Java runs `java -jar` (CMD is the jar).
 */
export function distrolessProblem(
  kind: 'node' | 'java',
  instructions: readonly Instruction[],
): string | null {
  let entrypoint = false;
  for (const ins of instructions) {
    if (ins.keyword === 'RUN') return `RUN cannot run there (no shell): ${firstLine(ins.text)}`;
    if (ins.keyword === 'USER' && !/^(?:\d+(?::\d+)?|nonroot|root)(?::(?:\d+|nonroot|root))?$/.test(ins.body))
      return `USER ${ins.body} does not exist there (only root and nonroot, or a numeric id)`;
    const chown = ins.flags.find((f) => f.name === 'chown')?.value;
    if (chown && !/^(?:\d+|nonroot|root)(?::(?:\d+|nonroot|root))?$/.test(chown))
      return `--chown=${chown} names a user that does not exist there (use nonroot or a numeric id)`;
    if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT' && ins.keyword !== 'HEALTHCHECK') continue;
    let exec = ins.exec;
    if (ins.keyword === 'HEALTHCHECK') {
      const cmd = /^CMD\s+([\s\S]*)$/i.exec(ins.body);
      if (!cmd) continue;
      exec = parseExecForm(cmd[1]);
    }
    if (!exec) return `${ins.keyword} in shell form needs /bin/sh: ${firstLine(ins.text)}`;
    if (exec.length && NEEDS_SHELL.test(exec[0])) return `${ins.keyword} runs ${exec[0]}, which is not there`;
    if (ins.keyword === 'ENTRYPOINT') {
      entrypoint = exec.length > 0;
      if (kind === 'node' && exec[0] === 'node')
        return 'ENTRYPOINT runs node by name, which is /nodejs/bin/node there';
      continue;
    }
    if (ins.keyword === 'CMD' && !entrypoint && exec.length) {
      // The image's own ENTRYPOINT already is the runtime: CMD ["node", "x.js"] would run `node node x.js`.
      if (kind === 'node' && /(?:^|\/)node$/.test(exec[0]))
        return 'the image runs node itself: CMD must start at the script ("server.js"), not at node';
      if (kind === 'java' && /(?:^|\/)java$/.test(exec[0]))
        return 'the image runs java -jar itself: CMD must be the jar ("app.jar"), not a java command';
    }
  }
  return null;
}

const firstLine = (text: string) => text.split('\n')[0].trim();
