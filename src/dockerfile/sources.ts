// What a Dockerfile reads from its build context: COPY/ADD sources and RUN bind mounts without `--from`.
import type { DockerfileModel, Instruction } from './model';
import { contextPath } from './context-paths';
import { shellWords } from './shell';
import { forEachInScope } from './scope';
import { expandWord, expandWords, type Lookup } from './words';

const readSources = new WeakMap<DockerfileModel, readonly string[]>();

/**
 * Context-relative sources of every COPY/ADD that reads the build context (no `--from`, whatever its case),
 * in file order without repeats. URLs, git references and heredoc bodies are not files of the context and
 * are left out; `${VAR}` is expanded from the ARG and ENV values the file declares (`ARG JAR_FILE=target/*.jar`
 * + `COPY ${JAR_FILE} app.jar` gives `target/*.jar`). A source whose value cannot be known is left out.
 */
export function copySources(model: DockerfileModel): readonly string[] {
  // Asked for by detection, the context guess, the ignore planner and both kinds: read once per model.
  const known = readSources.get(model);
  if (known) return known;
  const found: string[] = [];
  forEachInScope(model, (ins, lookup) => {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return;
    if (ins.flags.some((f) => f.name === 'from')) return;
    found.push(...argumentsOf(ins, model.escape, lookup).slice(0, -1).filter(isContextSource));
  });
  const sources = unique(found.map(contextPath));
  readSources.set(model, sources);
  return sources;
}

/**
 * Everything the build reads from the context: the COPY/ADD sources plus the sources of
 * `RUN --mount=type=bind` mounts without `from=` (a bind mount with no source is the whole context).
 */
export function contextReads(model: DockerfileModel): string[] {
  const mounts: string[] = [];
  for (const ins of model.instructions) {
    if (ins.keyword !== 'RUN') continue;
    for (const flag of ins.flags) {
      if (flag.name !== 'mount' || !flag.value) continue;
      const options = new Map(
        flag.value.split(',').map((kv) => {
          const at = kv.indexOf('=');
          return [
            (at < 0 ? kv : kv.slice(0, at)).trim().toLowerCase(),
            at < 0 ? '' : kv.slice(at + 1).trim(),
          ];
        }),
      );
      // `bind` is the default mount type.
      if ((options.get('type') ?? 'bind') !== 'bind' || options.has('from')) continue;
      const source = options.get('source') ?? options.get('src') ?? '.';
      if (!source.includes('$')) mounts.push(source);
    }
  }
  return unique([...copySources(model), ...mounts.map(contextPath)]);
}

/**
 * A COPY/ADD's words as written (sources then destination), quotes removed and `$VARS` kept: the exec form's
 * strings, or for a heredoc the first line without its `<<EOF` words (those open inline files).
 */
export function copyWords(ins: Instruction, escape = '\\'): string[] {
  if (ins.exec) return ins.exec;
  if (!ins.heredoc) return shellWords(ins.body, escape);
  return shellWords(ins.body.split(/\r?\n/)[0], escape).filter((w) => !w.startsWith('<<'));
}

/** The arguments of a COPY/ADD (sources then destination), expanded; unknown ones are null. */
function argumentsOf(ins: Instruction, escape: string, lookup: Lookup): (string | null)[] {
  if (ins.exec) return ins.exec.map((arg) => expandWord(arg, lookup));
  if (ins.heredoc) {
    // Only the first line holds paths; `<<EOF` words open inline files, not context files.
    const firstLine = ins.body.split(/\r?\n/)[0];
    return expandWords(firstLine, escape, lookup).filter((w) => !w?.startsWith('<<'));
  }
  return expandWords(ins.body, escape, lookup);
}

function isContextSource(source: string | null): source is string {
  if (source === null || source === '') return false;
  // Remote sources: any URL scheme, and scp-like git references (`git@github.com:org/repo.git`).
  return !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(source) && !/^[\w.-]+@[\w.-]+:/.test(source);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
