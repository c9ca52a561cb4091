// Re-reads a transform's output and checks it before anything is shown or written.
import { parseDockerfile, flagValue, type DockerfileModel, type Stage } from '../dockerfile/model';
import { messageOf } from '../errors';
import { declaredNames, variablesIn } from '../dockerfile/variables';
import { runScript } from '../dockerfile/hints';
import { kinds } from '../kinds';

export interface Problem {
  /** Stable id, e.g. `unknown-stage`. */
  code: string;
  message: string;
}

/**
 * Problems in `output`, a transform's result for `input`. References the input already had are the
 * user's business; only what the transform introduced is judged.
 */
export function validateOutput(input: DockerfileModel, output: string): Problem[] {
  return checkOutput(input, output).problems;
}

/** Like validateOutput, also returning the parsed output (null when it does not parse) for reuse. */
export function checkOutput(
  input: DockerfileModel,
  output: string,
): { problems: Problem[]; model: DockerfileModel | null } {
  let model: DockerfileModel;
  try {
    model = parseDockerfile(output);
  } catch (error) {
    return {
      problems: [{ code: 'parse', message: `the output does not parse: ${messageOf(error)}` }],
      model: null,
    };
  }
  return { problems: problemsIn(input, model), model };
}

function problemsIn(input: DockerfileModel, model: DockerfileModel): Problem[] {
  const problems: Problem[] = [];
  const inputRefs = new Set(
    input.instructions.map((i) => flagValue(i, 'from')?.toLowerCase()).filter((v): v is string => !!v),
  );
  const declaredArgs = new Set(model.instructions.filter((i) => i.keyword === 'ARG').flatMap(argNames));
  const preambleArgs = new Set(model.preamble.flatMap(argNames));

  for (const stage of model.stages) {
    if (stage.instructions.length === 0 && model.stages.length > 1) {
      problems.push({ code: 'empty-stage', message: `stage ${stageLabel(stage)} is empty` });
    }
    for (const name of variablesIn(stage.image?.value ?? '')) {
      if (!preambleArgs.has(name) && declaredArgs.has(name)) {
        problems.push({
          code: 'arg-not-global',
          message: `FROM uses $${name}, which is not declared before the first FROM`,
        });
      }
    }
    const inScope = new Set<string>();
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ARG' || ins.keyword === 'ENV') argNames(ins).forEach((n) => inScope.add(n));
      const from = ins.keyword === 'COPY' || ins.keyword === 'ADD' ? flagValue(ins, 'from') : null;
      if (from && !refersToEarlierStage(model, stage, from) && !inputRefs.has(from.toLowerCase())) {
        problems.push({ code: 'unknown-stage', message: `COPY --from=${from} names no earlier stage` });
      }
      if (ins.keyword === 'ARG' || ins.keyword === 'ENV') continue;
      for (const name of variablesIn(ins.body)) {
        if (declaredArgs.has(name) && !inScope.has(name) && !envInChain(model, stage, name)) {
          problems.push({
            code: 'arg-not-in-stage',
            message: `${ins.keyword} in stage ${stageLabel(stage)} uses $${name}, which that stage does not declare`,
          });
        }
      }
    }
  }
  const final = model.stages[model.stages.length - 1];
  if (model.stages.length > 1) {
    for (const ins of final.instructions) {
      // Every kind's build words count: a Node build left in a Java runtime stage is one all the same.
      if (ins.keyword === 'RUN' && kinds.some((k) => k.runBuilds(runScript(ins)))) {
        problems.push({
          code: 'build-in-runtime',
          message: `the runtime stage still builds: ${ins.body.slice(0, 60)}`,
        });
      }
    }
  }
  return dedupe(problems);
}

function argNames(ins: { keyword: string; body: string }): string[] {
  return declaredNames(`${ins.keyword} ${ins.body}`);
}

function stageLabel(stage: Stage): string {
  return stage.name ?? String(stage.index);
}

function refersToEarlierStage(model: DockerfileModel, stage: Stage, ref: string): boolean {
  if (/^\d+$/.test(ref)) return Number(ref) < stage.index;
  const earlier = model.stages.slice(0, stage.index);
  if (earlier.some((s) => s.name === ref.toLowerCase())) return true;
  // An image reference (`nginx:1.25`, `ghcr.io/x/y`) is legal too.
  return /[:/@]/.test(ref) && !model.stages.some((s) => s.name === ref.toLowerCase());
}

/** ENV is inherited through `FROM <stage>` chains (ARG is not). */
function envInChain(model: DockerfileModel, stage: Stage, name: string): boolean {
  const seen = new Set<number>();
  let parent = model.stages.find((s) => s.index < stage.index && s.name === stage.image?.value.toLowerCase());
  while (parent && !seen.has(parent.index)) {
    seen.add(parent.index);
    if (parent.instructions.some((i) => i.keyword === 'ENV' && argNames(i).includes(name))) return true;
    const next = parent.image?.value.toLowerCase();
    parent = model.stages.find((s) => s.index < parent!.index && s.name === next);
  }
  return false;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.message) && seen.add(p.message));
}
