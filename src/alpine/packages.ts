// Translates what a RUN line does on Debian/Ubuntu into its alpine form: apt-get -> apk, useradd -> busybox adduser.
import type { Note } from '../notes';
import { aptInstalls, planApt, withoutAssignments, type Plan, type PlanContext } from './apt';
import { imageNote } from '../images/image-notes';
import type { Mappings } from '../images/mappings';
import { editRun, joinRemovals, removeTokens } from './run-edits';
import type { Edit } from '../dockerfile/edits';
import { logicalText, rawRange, type LogicalText } from '../dockerfile/logical';
import type { Instruction } from '../dockerfile/model';
import {
  commandsOf,
  CONTROL_WORDS,
  programName,
  tokenize,
  type ShellCommand as Command,
} from '../dockerfile/shell';
import { planUsers } from './users';
import { USER_TOOLS } from '../dockerfile/user-commands';

export { alpinePackageName } from './apt';
export { userCreationCommand, type UserSpec } from './users';

export type RunTranslation = { ok: true; text: string; notes: Note[] } | { ok: false; reason: string };

/** Debian tools with no alpine counterpart: a RUN that uses one is not translated. */
const DEBIAN_TOOL_NAMES =
  'dpkg[-\\w]*|add-apt-repository|apt-key|apt-mark|apt-cache|apt-file|debconf-set-selections|update-alternatives|locale-gen|update-locale|localedef|lsb_release';
const DEBIAN_TOOLS = new RegExp(`^(?:${DEBIAN_TOOL_NAMES})$`);
/** Anything in a RUN line that may need translating; a line without any is returned as it is, untouched. */
const RELEVANT = new RegExp(
  `\\b(?:apt-get|apt|aptitude|${DEBIAN_TOOL_NAMES}|${[...USER_TOOLS].join('|')}|bash)\\b|\\/var\\/(?:lib|cache|log)\\/apt|\\/etc\\/apt|\\.deb\\b|\\bdeb\\.`,
);
const DEBIAN_PATHS = /\/etc\/apt\b|sources\.list|\/usr\/share\/keyrings|\.deb$/;
const APT_PATH = /^\/var\/(?:lib\/apt|cache\/apt|log\/apt|cache\/debconf|log\/dpkg\.log)(?:\/|$)/;

/**
 * Rewrites a whole RUN instruction (keyword as written, continuation lines and inner comments included) for a stage
 * that moves to alpine. apt-get/apt install -> apk add --no-cache with the package map; apt-get update, apt-get
 * clean and rm -rf /var/lib/apt/lists/* dropped; groupadd/useradd/adduser -> busybox. Everything else, the layout
 * and the `|| true` after a command stay as written. `text` is '' when nothing is left to run.
 * ok: false with a reason for what cannot be translated faithfully (dpkg, apt pinning, package lists in
 * variables, bash, ...); with `strict`, an unknown package name too.
 */
export function translateRunToAlpine(
  ins: Instruction,
  escape: string,
  opts: { mappings: Mappings; strict: boolean },
): RunTranslation {
  if (ins.keyword !== 'RUN') return { ok: false, reason: 'not a RUN instruction' };
  const instructionText = ins.text;
  const unchanged: RunTranslation = { ok: true, text: instructionText, notes: [] };
  if (!RELEVANT.test(instructionText)) return unchanged;
  const refuse = (reason: string): RunTranslation => ({ ok: false, reason });
  if (ins.heredoc) return refuse('a heredoc RUN is not translated');
  if (ins.exec) return refuse('an exec-form RUN is not translated');
  const logical = logicalText(instructionText, ins.keywordText.length, escape);

  const tokens = tokenize(logical.text);
  if (!tokens) return refuse('an unclosed quote');
  // RUN's own flags (--mount=..., --network=...) come first and stay as written.
  let first = 0;
  while (
    first < tokens.length &&
    tokens[first].kind === 'word' &&
    /^--[a-z-]+(?:=|$)/.test(tokens[first].value)
  )
    first++;
  const commands = commandsOf(tokens.slice(first), logical.text);
  if (!commands) return refuse('commands grouped in ( ) are not translated');

  const ctx: PlanContext = { mappings: opts.mappings, strict: opts.strict, bash: false };
  const groups = new Map<string, string>();
  const plans: Plan[] = [];
  let control = false;
  for (const command of commands) {
    // Words such as `then` and `do` open compound commands: what follows them is planned, but not edited.
    const lead = command.args.findIndex((w) => !CONTROL_WORDS.has(w.value));
    if (lead !== 0) control = true;
    const args = command.args.slice(lead < 0 ? command.args.length : lead);
    const plan = planCommand({ ...command, args }, ctx, groups, plans, commands);
    if (plan.kind === 'refuse') return refuse(plan.reason);
    plans.push(plan);
  }
  if (plans.every((p) => p.kind === 'keep')) return unchanged;
  if (control) return refuse('apt-get inside if/for/while is not translated');

  const notes: Note[] = [];
  const edits: Edit[] = [];
  commands.forEach((command, i) => {
    const plan = plans[i];
    if (plan.kind === 'edit') {
      for (const e of plan.edits) {
        const last = e.to === command.args[command.args.length - 1];
        if (e.text === null) edits.push(removeTokens(instructionText, logical, e.from, e.to, escape, last));
        else edits.push({ ...rawRange(logical, e.from.start, e.to.end), text: e.text });
      }
    } else if (plan.kind === 'replace') {
      edits.push({
        ...rawRange(logical, command.args[0].start, command.args[command.args.length - 1].end),
        text: plan.text,
      });
    }
    if (plan.kind === 'edit' || plan.kind === 'replace') notes.push(...plan.notes);
    if (plan.kind === 'drop' && plan.label)
      notes.push(imageNote('apt-step-dropped', { command: plan.label }));
  });
  const dropped = dropEdits(instructionText, logical, commands, plans, escape);
  if ('reason' in dropped) return refuse(dropped.reason);
  if (dropped.all) return { ok: true, text: '', notes };
  const text = editRun(instructionText, joinRemovals([...edits, ...dropped.edits]), escape);
  if (text === null) return refuse('overlapping changes (please report this RUN line)');
  return { ok: true, text, notes };
}

function planCommand(
  command: Command,
  ctx: PlanContext,
  groups: Map<string, string>,
  plans: Plan[],
  all: Command[],
): Plan {
  const words = withoutAssignments(command.args);
  if (!words.length) return { kind: 'keep' };
  const prefix = command.args.slice(0, command.args.length - words.length);
  const program = programName(words[0].value);
  const index = plans.length;
  // `cmd || true` drops with cmd.
  if (index > 0 && command.before?.value === '||' && /^(?:true|:)$/.test(words.map((w) => w.value).join(' ')))
    return plans[index - 1].kind === 'drop' ? { kind: 'drop', label: '' } : { kind: 'keep' };
  const odd = command.tokens.find((w) => DEBIAN_PATHS.test(w.value));
  if (odd) return { kind: 'refuse', reason: `${odd.value} is a Debian package file or apt setup` };
  if (DEBIAN_TOOLS.test(program))
    return { kind: 'refuse', reason: `${program} is a Debian tool with no alpine counterpart` };
  if (program === 'apt-get' || program === 'apt' || program === 'aptitude')
    return planApt(words, prefix, ctx);
  if (USER_TOOLS.has(program)) return planUsers(words, groups);
  if (program === 'rm') return planRm(words);
  // A stage translated before (or written for alpine) installs bash with apk.
  if (program === 'apk' && words.some((w) => w.value === 'bash')) ctx.bash = true;
  if (program === 'bash' && !ctx.bash)
    return { kind: 'refuse', reason: 'it runs bash, which alpine does not have' };
  const piped = command.before?.value === '|' && /^(?:sh|bash)$/.test(program);
  if (
    piped &&
    /deb\.|nodesource|packagecloud|apt/.test(all[index - 1]?.args.map((w) => w.value).join(' ') ?? '')
  )
    return { kind: 'refuse', reason: 'it pipes a Debian installer script into a shell' };
  return { kind: 'keep' };
}

/** `rm -rf /var/lib/apt/lists/*` goes; other paths in the same rm stay. */
function planRm(words: Command['args']): Plan {
  const paths = words.slice(1).filter((w) => !w.value.startsWith('-'));
  const apt = paths.filter((w) => APT_PATH.test(w.value));
  if (!apt.length) return { kind: 'keep' };
  if (apt.length === paths.length) return { kind: 'drop', label: words.map((w) => w.text).join(' ') };
  return { kind: 'edit', edits: apt.map((w) => ({ from: w, to: w, text: null })), notes: [] };
}

/**
 * Removes runs of dropped commands with the operator that joined them, so the rest keeps its meaning:
 * `a && drop` loses `&& drop`, `drop && b` loses `drop && `, `a; drop && b` becomes `a; b`.
 */
function dropEdits(
  instruction: string,
  logical: LogicalText,
  commands: Command[],
  plans: Plan[],
  escape: string,
): { edits: Edit[]; all: boolean } | { reason: string } {
  const edits: Edit[] = [];
  const last = commands.length - 1;
  for (let i = 0; i <= last; i++) {
    if (plans[i].kind !== 'drop') continue;
    let j = i;
    while (j < last && plans[j + 1].kind === 'drop') j++;
    if (i === 0 && j === last) return { edits: [], all: true };
    // Only `&&` and `;` can lose a command without changing what the others do (`|| true` goes with its command).
    const joins = [
      commands[i].before,
      ...commands.slice(i + 1, j + 1).map((c) => (isTrue(c) ? null : c.before)),
    ];
    if (j < last) joins.push(commands[j].after);
    const bad = joins.find((op) => op && op.value !== '&&' && op.value !== ';');
    if (bad) {
      const text = commands[i].args.map((w) => w.text).join(' ');
      return { reason: `\`${text}\` is joined with ${bad.value}, so leaving it out would change what runs` };
    }
    const before = commands[i].before?.value;
    if (before === '&&' || j === last) {
      edits.push({ ...rawRange(logical, commands[i - 1].end, commands[j].end), text: '' });
    } else {
      const range = rawRange(logical, commands[i].start, commands[j + 1].start);
      if (!/\n[ \t]*#/.test(instruction.slice(range.start, range.end))) edits.push({ ...range, text: '' });
      else {
        // Comment lines in between belong to the next command: keep them, and the continuation before them.
        const op = commands[j].after!;
        edits.push(
          removeTokens(instruction, logical, commands[i].tokens[0], lastToken(commands[j]), escape, true),
        );
        edits.push({ ...rawRange(logical, op.start, commands[j + 1].start), text: '' });
      }
    }
    i = j;
  }
  return { edits, all: false };
}

const isTrue = (c: Command) => /^(?:true|:)$/.test(c.args.map((w) => w.value).join(' '));
const lastToken = (c: Command) => c.tokens[c.tokens.length - 1];

/** The names the apt-get/apt installs of a logical RUN body install, as written (options skipped). */
export function aptPackages(runBody: string): string[] {
  const tokens = tokenize(runBody);
  if (!tokens) return [];
  return aptInstalls(commandsOf(tokens, runBody) ?? [{ args: tokens.filter((t) => t.kind === 'word') }]);
}
