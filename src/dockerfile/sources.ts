// What a Dockerfile reads from its build context: COPY/ADD sources and RUN bind mounts without `--from`.
import type { DockerfileModel, Instruction } from './model';
import { contextPath } from './context-paths';
import { shellWords } from './shell';
import { expandWord, expandWords, type Lookup } from './words';

/**
 * Context-relative sources of every COPY/ADD that reads the build context (no `--from`, whatever its case),
 * in file order without repeats. URLs, git references and heredoc bodies are not files of the context and
 * are left out; `${VAR}` is expanded from the ARG and ENV values the file declares (`ARG JAR_FILE=target/*.jar`
 * + `COPY ${JAR_FILE} app.jar` gives `target/*.jar`). A source whose value cannot be known is left out.
 */
export function copySources(model: DockerfileModel): string[] {
  const found: string[] = [];
  forEachInScope(model, (ins, lookup) => {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return;
    if (ins.flags.some((f) => f.name === 'from')) return;
    found.push(...argumentsOf(ins, model.escape, lookup).slice(0, -1).filter(isContextSource));
  });
  return unique(found.map(contextPath));
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

/**
 * Calls `visit` for each instruction with the variables in scope at that point: ARGs before the first FROM
 * reach a stage only when it declares them again (`ARG NAME`), ENV and stage ARGs from where they are set.
 * A name with no value in scope falls back to any value the file gives it, since a build usually runs with
 * the defaults and a close guess beats skipping the check.
 */
function forEachInScope(model: DockerfileModel, visit: (ins: Instruction, lookup: Lookup) => void): void {
  const anywhere = new Map<string, string>();
  const global = new Map<string, string>();
  const fallback: Lookup = (name) => anywhere.get(name);
  for (const ins of model.preamble) declare(ins, global, fallback, model.escape);
  for (const ins of model.instructions) declare(ins, anywhere, (name) => global.get(name), model.escape);
  for (const [name, value] of global) if (!anywhere.has(name)) anywhere.set(name, value);
  for (const stage of model.stages) {
    const scope = new Map<string, string>();
    const lookup: Lookup = (name) => scope.get(name) ?? anywhere.get(name);
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ARG') {
        for (const name of argNamesWithoutValue(ins)) {
          if (global.has(name)) scope.set(name, global.get(name)!);
        }
      }
      declare(ins, scope, lookup, model.escape);
      visit(ins, lookup);
    }
  }
}

/** Records the values an ARG or ENV sets. */
function declare(ins: Instruction, into: Map<string, string>, lookup: Lookup, escape: string): void {
  if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return;
  const words = expandWords(ins.body, escape, (name) => into.get(name) ?? lookup(name));
  // `ENV NAME value with spaces` is the old form: one variable, the rest is its value.
  if (ins.keyword === 'ENV' && words.length > 0 && !words[0]?.includes('=')) {
    const name = ins.body.split(/\s+/)[0];
    const value = words.slice(1);
    if (value.every((w) => w !== null)) into.set(name, value.join(' '));
    return;
  }
  for (const word of words) {
    const at = word?.indexOf('=') ?? -1;
    if (word && at > 0) into.set(word.slice(0, at), word.slice(at + 1));
  }
}

function argNamesWithoutValue(ins: Instruction): string[] {
  return ins.body.split(/\s+/).filter((w) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(w));
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
