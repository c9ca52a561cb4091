// The ARG and ENV values in scope at each instruction, as Docker expands them where they are declared.
import type { DockerfileModel, Instruction } from './model';
import { declaredNames } from './variables';
import { expandWords, type Lookup } from './words';

/**
 * Calls `visit` for each instruction with the variables in scope at that point: ARGs before the first FROM
 * reach a stage only when it declares them again (`ARG NAME`), ENV and stage ARGs from where they are set.
 * A name with no value in scope falls back to any value the file gives it, since a build usually runs with
 * the defaults and a close guess beats skipping the check.
 */
export function forEachInScope(
  model: DockerfileModel,
  visit: (ins: Instruction, lookup: Lookup) => void,
): void {
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

/**
 * The variables in scope after the last instruction of the final stage (the image's own), with any value the
 * file gives a name elsewhere as the fallback, as `forEachInScope` looks them up.
 */
export function finalVariables(model: DockerfileModel): Map<string, string> {
  let last: Lookup = () => undefined;
  const names = new Set<string>();
  forEachInScope(model, (ins, lookup) => {
    if (ins.stageIndex === model.stages.length - 1) last = lookup;
    if (ins.keyword === 'ARG' || ins.keyword === 'ENV') for (const n of declaredNames(ins.body)) names.add(n);
  });
  for (const ins of model.preamble) for (const n of declaredNames(ins.body)) names.add(n);
  const values = new Map<string, string>();
  for (const name of names) {
    const value = last(name);
    if (value !== undefined) values.set(name, value);
  }
  return values;
}

/**
 * The values one ARG or ENV line sets, quotes removed. A value that uses a variable is left out: Docker expands
 * it from what came before the line, which the line alone does not tell.
 */
export function valuesSetBy(ins: Instruction, escape = '\\'): Map<string, string> {
  const values = new Map<string, string>();
  declare(ins, values, () => undefined, escape);
  return values;
}

/** ARG defaults declared before the first FROM, which FROM lines may use (`ARG NODE=20 OS=bookworm` sets both). */
export function preambleArgs(model: DockerfileModel): Map<string, string> {
  const vars = new Map<string, string>();
  for (const ins of model.preamble) declare(ins, vars, () => undefined, model.escape);
  return vars;
}
