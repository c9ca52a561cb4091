// A small, lossless model of a Dockerfile: stages and instructions with their original text and offsets.
import {
  DockerfileParser,
  From,
  type Heredoc as AstHeredoc,
  type Instruction as AstInstruction,
} from 'dockerfile-ast';
import { InputError } from '../errors';
import { frontGate } from './gate';
import { logicalBody, parseExecForm } from './logical';

export interface Span {
  start: number;
  end: number;
}

export interface Word extends Span {
  value: string;
}

/** A here-document of a RUN, COPY or ADD: `start`..`end` is its content, the lines between `<<NAME` and NAME. */
export interface Heredoc extends Span {
  name: string;
  content: string;
}

export interface Flag extends Span {
  /** Lower-case name without dashes (`--FROM=x` reads as `from`: the parser only knows the lower-case form). */
  name: string;
  value: string | null;
}

export interface Instruction extends Span {
  /** Upper-case keyword. */
  keyword: string;
  /** The keyword as written (`from`, `Run`, ...). */
  keywordText: string;
  /** Original text from the keyword to the last character, continuations and inner comments included. */
  text: string;
  /** Start of the first line, indentation included. */
  lineStart: number;
  /** Just after the line break that ends the instruction (or the end of the text). */
  lineEnd: number;
  /** Start of the comment lines directly above (no blank line between); `lineStart` when there are none. */
  commentStart: number;
  flags: Flag[];
  /** Arguments after the flags, as the parser splits them (shell form). */
  args: Word[];
  /** Argument text after the flags with continuations joined and comment lines dropped. */
  body: string;
  /** The JSON (exec) form, when the arguments are one. */
  exec: string[] | null;
  /** The here-documents the parser found (RUN, COPY and ADD), in order. */
  heredocs: Heredoc[];
  heredoc: boolean;
  /** Index of the stage it belongs to; -1 before the first FROM. */
  stageIndex: number;
}

export interface Stage {
  index: number;
  /** The `AS` name, lower-cased as Docker treats it; null when unnamed. */
  name: string | null;
  from: Instruction;
  /** The image reference as written (`node:20`, `${BASE}`, `registry:5000/x@sha256:...`). */
  image: Word | null;
  alias: Word | null;
  platform: string | null;
  /** Instructions after FROM, in order. */
  instructions: Instruction[];
}

export interface Directive extends Span {
  name: string;
  value: string;
}

export interface DockerfileModel {
  text: string;
  escape: string;
  directives: Directive[];
  instructions: Instruction[];
  /** ARG instructions before the first FROM. */
  preamble: Instruction[];
  stages: Stage[];
  /** The keyword casing most instructions use, for generated lines. */
  keywordCase: 'upper' | 'lower';
}

/** Offsets of every line start, to turn the parser's line/character positions into offsets once. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Parses Dockerfile text; throws InputError when Docker would refuse it (see gate.ts) or when there is
 * nothing a migration could work on.
 */
export function parseDockerfile(text: string): DockerfileModel {
  const gate = frontGate(text);
  const ast = DockerfileParser.parse(text);
  agreesWithGate(ast.getInstructions(), gate.starts);
  const starts = lineStarts(text);
  const at = (pos: { line: number; character: number }) =>
    Math.min(text.length, (starts[pos.line] ?? text.length) + pos.character);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lineText = (line: number) =>
    text.slice(starts[line], (starts[line + 1] ?? text.length + 1) - 1).replace(/\r$/, '');

  const directives: Directive[] = ast.getDirectives().map((d) => ({
    name: d.getName().toLowerCase(),
    value: d.getValue(),
    start: at(d.getRange().start),
    end: at(d.getRange().end),
  }));
  const directiveLines = new Set(ast.getDirectives().map((d) => d.getRange().start.line));

  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  const preamble: Instruction[] = [];
  let upper = 0;
  let lower = 0;

  for (const node of ast.getInstructions()) {
    const keyword = node.getKeyword().toUpperCase();
    const keywordText = node.getInstruction();
    if (keywordText === keywordText.toLowerCase()) lower++;
    else upper++;
    const start = at(node.getRange().start);
    const end = at(node.getRange().end);
    const firstLine = node.getRange().start.line;
    const lastLine = node.getRange().end.line;
    const lineStart = starts[firstLine];
    const lineEnd = starts[lastLine + 1] ?? text.length;
    let commentLine = firstLine;
    while (
      commentLine > 0 &&
      !directiveLines.has(commentLine - 1) &&
      /^\s*#/.test(lineText(commentLine - 1))
    ) {
      commentLine--;
    }
    // A comment line that ends an earlier instruction's continuation belongs to that instruction.
    const previous = instructions[instructions.length - 1];
    if (previous && starts[commentLine] < previous.lineEnd) commentLine = lineOf(previous.lineEnd);
    const flags = flagsOf(node, at);
    const afterFlags = flags.length ? flags[flags.length - 1].end : at(node.getInstructionRange().end);
    const heredocs = HEREDOC_KEYWORDS.has(keyword) ? heredocsOf(node, at, text) : [];
    const heredoc = heredocs.length > 0;
    const body = heredoc
      ? text.slice(afterFlags, end).trim()
      : logicalBody(text.slice(afterFlags, end), ast.getEscapeCharacter());
    const ins = {
      keyword,
      keywordText,
      text: text.slice(start, end),
      start,
      end,
      lineStart,
      lineEnd,
      commentStart: Math.min(starts[commentLine], lineStart),
      flags,
      body,
      exec: heredoc ? null : parseExecForm(body),
      heredocs,
      heredoc,
      stageIndex: keyword === 'FROM' ? stages.length : stages.length - 1,
    } as Instruction;
    // The parser splits arguments lazily and at some cost; most instructions are never asked for theirs.
    let args: Word[] | null = null;
    Object.defineProperty(ins, 'args', {
      enumerable: true,
      get: () =>
        (args ??= node
          .getArguments()
          .map((a) => ({ value: a.getValue(), start: at(a.getRange().start), end: at(a.getRange().end) }))),
    });
    instructions.push(ins);
    if (keyword === 'FROM') {
      stages.push(stageOf(node as From, ins, stages.length, at));
    } else if (stages.length === 0) {
      if (keyword !== 'ARG') throw new InputError(`${keyword} before the first FROM (line ${firstLine + 1})`);
      preamble.push(ins);
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  if (stages.length === 0) throw new InputError('no FROM instruction');
  for (const stage of stages) {
    if (!stage.image) throw new InputError(`FROM without an image (line ${lineOf(stage.from.start) + 1})`);
  }
  return {
    text,
    escape: ast.getEscapeCharacter(),
    directives,
    instructions,
    preamble,
    stages,
    keywordCase: lower > upper ? 'lower' : 'upper',
  };
}

/**
 * The lossless parser must see the instructions Docker sees: where they part (a heredoc one of them does
 * not recognise, say), edits by offset would land in the wrong place, so the file is refused.
 */
function agreesWithGate(nodes: readonly AstInstruction[], starts: readonly number[]): void {
  const count = Math.max(nodes.length, starts.length);
  for (let i = 0; i < count; i++) {
    const line = nodes[i]?.getRange().start.line;
    if (line !== starts[i]) {
      const where = Math.min(line ?? Infinity, starts[i] ?? Infinity);
      throw new InputError(
        `cannot be read safely: Docker and this tool's parser see different instructions (line ${where + 1})`,
      );
    }
  }
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/**
 * The complete here-documents of a RUN, COPY or ADD, as dockerfile-ast reads them (it reads ADD's too, with
 * the method its base class keeps protected); one without a terminator is no heredoc to Docker.
 */
function heredocsOf(
  node: AstInstruction,
  at: (p: { line: number; character: number }) => number,
  text: string,
): Heredoc[] {
  const docs = (node as unknown as { getHeredocs(): AstHeredoc[] }).getHeredocs();
  return docs.flatMap((doc) => {
    const delimiter = doc.getDelimiterRange();
    if (!delimiter) return [];
    const range = doc.getContentRange();
    const start = range ? at(range.start) : at({ line: delimiter.start.line, character: 0 });
    const end = range ? at(range.end) : start;
    return [{ name: doc.getName(), start, end, content: text.slice(start, end) }];
  });
}

function flagsOf(node: AstInstruction, at: (p: { line: number; character: number }) => number): Flag[] {
  const withFlags = node as AstInstruction & { getFlags?: () => import('dockerfile-ast').Flag[] };
  if (typeof withFlags.getFlags !== 'function') return [];
  return withFlags.getFlags().map((f) => ({
    name: f.getName().toLowerCase(),
    value: f.getValue(),
    start: at(f.getRange().start),
    end: at(f.getRange().end),
  }));
}

function stageOf(
  node: From,
  from: Instruction,
  index: number,
  at: (p: { line: number; character: number }) => number,
): Stage {
  const imageRange = node.getImageRange();
  const image =
    imageRange && node.getImage()
      ? { value: node.getImage()!, start: at(imageRange.start), end: at(imageRange.end) }
      : null;
  const aliasRange = node.getBuildStageRange();
  const aliasName = node.getBuildStage();
  const alias =
    aliasRange && aliasName
      ? { value: aliasName, start: at(aliasRange.start), end: at(aliasRange.end) }
      : null;
  const platform = from.flags.find((f) => f.name === 'platform')?.value ?? null;
  return {
    index,
    name: alias ? alias.value.toLowerCase() : null,
    from,
    image,
    alias,
    platform,
    instructions: [],
  };
}

/** The value of a flag such as `--from`, whatever case it was written in. */
export function flagValue(ins: Instruction, name: string): string | null {
  return ins.flags.find((f) => f.name === name)?.value ?? null;
}

/** The stage the final image is built from. */
export function finalStage(model: DockerfileModel): Stage {
  return model.stages[model.stages.length - 1];
}
