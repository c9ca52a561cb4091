// Whether a RUN left behind in the build stage is what provides a program the start command runs.
import type { Instruction, Stage } from '../dockerfile/model';
import { startPrograms } from '../dockerfile/start-programs';

/**
 * A start program a RUN of the original creates outside what the runtime stage gets: the RUN names it
 * (`curl -o /usr/local/bin/dbmate`, `yarn global add pm2`, an install into /opt/tomcat) and is not
 * repeated in the runtime stage. Such a file cannot be migrated safely; the caller skips it with this.
 */
export function programLeftBehind(
  stage: Stage,
  repeated: (ins: Instruction) => boolean,
  providedElsewhere: (program: string) => boolean,
): { program: string; run: Instruction } | null {
  for (const program of startPrograms(stage)) {
    if (providedElsewhere(program)) continue;
    const needle = program.startsWith('/')
      ? program.split('/').slice(0, 3).join('/')
      : program.split('/').pop()!;
    if (needle.length < 3) continue;
    const pattern = new RegExp(
      `(^|[\\s/"'=])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s/"'@:;&|])`,
    );
    const run = stage.instructions.find((i) => i.keyword === 'RUN' && !repeated(i) && pattern.test(i.body));
    if (run) return { program, run };
  }
  return null;
}
