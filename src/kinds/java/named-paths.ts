// Paths the app reads or writes outside its jar, named by the start command, JVM options in ENV, and Spring defaults.
import path from 'node:path';
import type { Instruction, Stage } from '../../dockerfile/model';
import { shellWords } from '../../dockerfile/shell';
import { expand } from './artifact';
import { resolveIn } from './stage';
import type { JavaStart } from './start';

/** One path the app uses at run time, absolute in the image. */
export interface NamedPath {
  path: string;
  /** What names it, for notes and reasons (`-javaagent`, `ENV JAVA_TOOL_OPTIONS`, `Spring Boot's ./config/`). */
  via: string;
  /** `read`: must be there; `optional`: read when there; `write`: a folder the app writes into. */
  use: 'read' | 'optional' | 'write';
}

/** ENV variables whose value is JVM options: the JVM reads the first three itself, start scripts the rest. */
const OPTION_ENVS =
  /^(JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|JAVA_OPTS|JAVA_OPTIONS|JVM_OPTS|CATALINA_OPTS)$/;
/**
 * Properties (as `-Dname=`, Spring's `--name=`, or Spring's relaxed ENV name) that name files the app reads,
 * with the separator of their lists. Spring locations may carry `optional:` and `file:` prefixes.
 */
const READ_PROPS: Record<string, string> = {
  'loader.path': ',',
  'spring.config.location': ',',
  'spring.config.additional-location': ',',
  'spring.config.import': ',',
  'logging.config': '',
  'log4j.configurationFile': ',',
  'log4j2.configurationFile': ',',
  'logback.configurationFile': '',
  'java.util.logging.config.file': '',
  'java.library.path': ':',
  'java.security.policy': '',
  'javax.net.ssl.trustStore': '',
  'javax.net.ssl.keyStore': '',
  'server.ssl.key-store': '',
  'server.ssl.trust-store': '',
  'server.ssl.certificate': '',
  'server.ssl.certificate-private-key': '',
  'server.ssl.trust-certificate': '',
};
/** Properties that name where the app writes: a folder, or a file whose folder it is (`file`). */
const WRITE_PROPS: Record<string, 'dir' | 'file'> = {
  'logging.file.path': 'dir',
  'logging.path': 'dir',
  'logging.file.name': 'file',
  'logging.file': 'file',
  'java.io.tmpdir': 'dir',
};
/** Other ENV variables that hold such lists (`LD_LIBRARY_PATH`, `CLASSPATH`). */
const PATH_ENVS: Record<string, string> = { LD_LIBRARY_PATH: ':', CLASSPATH: ':' };

/** Spring Boot reads these beside the working folder when they exist (its default config locations). */
const SPRING_DEFAULTS = ['config', 'application.properties', 'application.yml', 'application.yaml'];

/**
 * The paths the start command, the JVM option and Spring ENV variables of `stage`, and (for a Spring Boot app)
 * Spring's default config locations name, absolute against `workdir`. `vars` fill in `$VAR`s; a path with an
 * unknown variable, a URL or a `classpath:` location is left out.
 */
export function namedPaths(
  stage: Stage,
  start: JavaStart,
  workdir: string,
  vars: ReadonlyMap<string, string>,
  springBoot: boolean,
): NamedPath[] {
  const found: NamedPath[] = [];
  const add = (raw: string, via: string, use: NamedPath['use']) => {
    const value = expand(raw.replace(/^(optional:)?(file:(\/\/)?)?/, ''), vars);
    if (!value || /^[a-z][\w+.-]*:/i.test(value) || value.startsWith('~')) return;
    // A wildcard stands for its folder (`lib/*`, `libs/*.jar`).
    const bare = value.replace(/\/[^/]*[*?[][^/]*$/, '').replace(/\/+$/, '') || '.';
    const abs = resolveIn(workdir, bare);
    if (abs.includes('$') || abs === '/') return;
    if (!found.some((f) => f.path === abs && f.use === use)) found.push({ path: abs, via, use });
  };
  readWords(start.words, 'the start command', add);
  for (const entry of start.classpath) add(entry, '-cp', 'read');
  for (const ins of stage.instructions.filter((i: Instruction) => i.keyword === 'ENV'))
    for (const [name, value] of envPairs(ins.body)) {
      if (OPTION_ENVS.test(name)) readWords(shellWords(value), `ENV ${name}`, add);
      else if (PATH_ENVS[name])
        value.split(PATH_ENVS[name]).forEach((p) => p && add(p, `ENV ${name}`, 'read'));
      else readProperty(envProperty(name), value, `ENV ${name}`, add);
    }
  if (springBoot)
    for (const name of SPRING_DEFAULTS)
      add(name, `Spring Boot's default config location ./${name}`, 'optional');
  return found;
}

type Add = (raw: string, via: string, use: NamedPath['use']) => void;

/** Reads JVM and Spring options from a word list (`-javaagent:x`, `-Dname=x`, `--name=x`, `-XX:HeapDumpPath=x`). */
function readWords(words: readonly string[], where: string, add: Add): void {
  for (const word of words) {
    const agent = /^-(javaagent|agentpath):([^=]+)/.exec(word);
    if (agent) add(agent[2], `-${agent[1]} in ${where}`, 'read');
    const dump = /^-XX:(HeapDumpPath|ErrorFile)=(.+)$/.exec(word);
    if (dump) add(/\.\w+$/.test(dump[2]) ? path.posix.dirname(dump[2]) : dump[2], `-XX:${dump[1]}`, 'write');
    const log = /^-Xlog:.*\bfile=([^:,]+)/.exec(word) ?? /^-Xloggc:(.+)$/.exec(word);
    if (log) add(path.posix.dirname(log[1]), 'the GC log option', 'write');
    const prop = /^(?:-D|--)([\w.-]+)=(.*)$/.exec(word);
    if (prop) readProperty(prop[1], prop[2], `${word.slice(0, word.indexOf('='))} in ${where}`, add);
  }
}

function readProperty(name: string | null, value: string, via: string, add: Add): void {
  if (name === null || value === '') return;
  const read = READ_PROPS[name];
  if (read !== undefined) {
    for (const part of read ? value.split(read) : [value]) if (part.trim()) add(part.trim(), via, 'read');
    return;
  }
  const write = WRITE_PROPS[name];
  if (write) add(write === 'file' ? path.posix.dirname(value) : value, via, 'write');
}

/** The property a Spring relaxed ENV name binds to (`LOADER_PATH` -> `loader.path`), among those read here. */
function envProperty(name: string): string | null {
  const known = [...Object.keys(READ_PROPS), ...Object.keys(WRITE_PROPS)];
  return known.find((p) => p.replace(/[.-]/g, '_').toUpperCase() === name) ?? null;
}

/** `A=1 B="x y"` or the legacy `A value` form of ENV, as pairs. */
function envPairs(body: string): Array<[string, string]> {
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+([^=\s][\s\S]*)$/.exec(body.trim());
  if (legacy && !legacy[2].includes('=')) return [[legacy[1], legacy[2].replace(/^(["'])(.*)\1$/, '$2')]];
  const words = shellWords(body);
  return words
    .map((w) => /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(w))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => [m[1], m[2]]);
}
