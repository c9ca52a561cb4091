// Whether a Java start program would be missing from the runtime stage: made by a RUN the runtime stage does not repeat.
import path from 'node:path';
import type { Instruction } from '../../dockerfile/model';
import { isBuildOnlyPackage } from '../../stage/packages';
import { resolveIn, type JavaStageReading } from './stage';
import { programLeftBehind } from '../../stage/start-programs';
import { SHELL_PROGRAMS } from '../../dockerfile/start-programs';
import { isInside } from '../../dockerfile/workdir';

/** Programs every JRE image has (`java` by any path: the image choice judges the path). */
const JRE_PROGRAMS = new Set(['java', 'keytool', ...SHELL_PROGRAMS]);
/** Where the server images keep their own programs, which the server's JRE image has too. */
const SERVER_HOMES = { tomcat: '/usr/local/tomcat', jetty: '/usr/local/jetty' } as const;

/**
 * The start program a RUN of the original makes outside what the runtime stage gets (Tomcat unpacked into
 * /opt/tomcat by `wget ... && tar`), with that RUN; null when every start program is there. `copied` are the
 * absolute places the runtime stage copies from the build stage; `repeats` tells the RUN lines it repeats.
 */
export function javaProgramLeftBehind(
  reading: JavaStageReading,
  copied: readonly string[],
  repeats: (ins: Instruction) => boolean,
): { program: string; run: Instruction } | null {
  const places = [...copied, ...reading.runtimeFiles.map((f) => f.path)];
  // Installed packages are installed again (their programs mostly carry the package's name).
  const packages = new Set(reading.systemPackages.filter((p) => !isBuildOnlyPackage(p)));
  const provided = (program: string) => {
    const name = path.posix.basename(program);
    if (JRE_PROGRAMS.has(name) || packages.has(name)) return true;
    const home = reading.server ? SERVER_HOMES[reading.server] : null;
    if (home && (name === 'catalina.sh' || isInside(home, program))) return true;
    if (!program.includes('/')) return places.some((p) => path.posix.basename(p) === name);
    const at = resolveIn(reading.finalWorkdir, program);
    return places.some((p) => isInside(p, at));
  };
  return programLeftBehind(reading.stage, repeats, provided);
}
