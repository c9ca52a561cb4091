// What a Java image's RUN lines leave on disk: the neutral reader (stage/run-effects.ts) told about the build tools and the JDK.
import { optionValue } from '../../dockerfile/hints';
import { runEffects, type KindEffects, type RunEffects } from '../../stage/run-effects';
import { expand } from './artifact';
import { buildToolOf } from './vocabulary';

/** Paths in the build tools' homes, written with the variables or `~` the build images set. */
const TOOL_HOME =
  /^(\$\{?(MAVEN_CONFIG|MAVEN_HOME|M2_HOME|GRADLE_HOME|GRADLE_USER_HOME)\b|(~|\$\{?HOME\}?)\/\.(m2|gradle)(\/|$))/;

/**
 * Reads the effects of one RUN script run in `workdir`; `$VAR`s are filled in from `vars`, and a path with
 * an unknown variable is an unread effect. `known` are folders made before (a `cp` into them lands inside).
 */
export function javaRunEffects(
  script: string,
  workdir: string,
  vars: ReadonlyMap<string, string>,
  known: readonly string[] = [],
): RunEffects {
  return runEffects(script, workdir, {
    expand: (text) => expand(text, vars),
    known,
    kindProgram: javaProgram,
    toolHome: TOOL_HOME,
  });
}

/** The build tools and the JDK programs whose effects are known; null for any other program. */
function javaProgram(program: string, args: readonly string[]): KindEffects | null {
  const words = [program, ...args];
  if (buildToolOf(program)) {
    // `-DoutputDirectory=lib` (copy-dependencies and the like) fills a folder of the build's choosing.
    return { writes: args.flatMap((a) => /^-D[\w.-]*(Directory|Dir|dir)=(.+)$/.exec(a)?.[2] ?? []) };
  }
  if (program === 'javac') return { writes: [] };
  if (program === 'java' && args.some((a) => a.startsWith('-Djarmode=')))
    return { writes: [optionValue(words, ['--destination'], true) ?? '.'] };
  if (program === 'java' && args.every((a) => /^(-version|--version|-XshowSettings.*)$/.test(a)))
    return { writes: [] };
  if (program === 'keytool') {
    const store = optionValue(words, ['-keystore'], true);
    if (store !== null && !args.includes('-cacerts')) return { writes: [store] };
    // The JDK's own trust store: a JRE image has its own, without what this adds.
    return { writes: [], unread: "the JDK's trust store (cacerts)" };
  }
  if (program === 'jar') {
    const mode = args[0] ?? '';
    if (/^-?[a-z]*x/.test(mode)) return { writes: [optionValue(words, ['-d', '-C'], true) ?? '.'] };
    if (/^-?[a-z]*c/.test(mode))
      return { writes: [optionValue(words, ['-f', '--file'], true) ?? args[1] ?? '.'] };
    return { writes: [] };
  }
  return null;
}
