// The ignore rules a migrated Dockerfile should have: common ones, the kind's own (handed in), minus any that would hide an input.
import type { Note } from '../notes';
import type { ProjectView } from '../contract/project-view';
import {
  entry,
  within,
  type IgnoreEntry,
  type KindRuleList,
  type KindRules,
  type RuleContext,
} from './entry';
import { hiddenSources } from './hidden';
import { isBelow, sourceBrings } from '../dockerfile/context-paths';
import { cleanPattern, compileRules, escapePattern } from './matcher';
import { note } from './notes';
import { walkContext, type WalkEntry } from './walk';

export interface GenerateInput extends RuleContext {
  /** Context-relative path of the ignore file being written. */
  ignoreFile: string;
  /** Context-relative path of the Dockerfile. */
  dockerfile: string;
  /** The rules of the project's kind; null: the common rules only. */
  kindRules: KindRuleList | null;
}

const NO_KIND_RULES: KindRules = { entries: [], notes: [], keep: [], keepGit: null, envAtBuild: false };

/** Env files that document settings rather than hold them: they stay in the context. */
const ENV_EXAMPLE = /^\.env\.(example|sample|template|dist|defaults)$/;

/**
 * The rules to have, in the order they are written, each guarded: a rule that would hide a file the build
 * reads is dropped, and one that would hide a COPY source inside it gets a `!` exception for that source.
 */
export function generateEntries(input: GenerateInput): { entries: IgnoreEntry[]; notes: Note[] } {
  const kind = input.kindRules ? input.kindRules(input) : NO_KIND_RULES;
  const notes = [...kind.notes];
  if (kind.keepGit) notes.push(note('dockerignore-git-kept', { plugin: kind.keepGit }));
  const before = [...headRules(input, kind), ...kind.entries];
  const tail = tailRules(input, kind, before);
  if (tail.kept.length) notes.push(note('dockerignore-secret-kept', { files: tail.kept.join(', ') }));
  const entries = [...before, ...tail.entries];
  return { entries: guard(entries, input, kind.keep), notes };
}

/** Version control and Docker's own files: never part of what runs. */
function headRules(input: GenerateInput, kind: KindRules): IgnoreEntry[] {
  const own = [input.ignoreFile, input.dockerfile].filter((p) => within('.', p) !== null);
  return [
    ...(kind.keepGit ? [] : [entry('.git')]),
    ...[...new Set(['.dockerignore', ...own])].map((p) => entry(escapePattern(p))),
    entry('docker-compose*.yml'),
    entry('docker-compose*.yaml'),
    entry('compose*.yml'),
    entry('compose*.yaml'),
  ];
}

/** A rule for files that may hold secrets, or the files that keep it from being written. */
interface SecretRule {
  entry: IgnoreEntry | null;
  kept: string[];
}

/**
 * Logs, env files, keys and editor/OS files, for every kind; `kept` are secrets left in the image. `before`
 * are the rules written ahead of these: what they hide already, an env rule need not look at.
 */
function tailRules(
  input: GenerateInput,
  kind: KindRules,
  before: readonly IgnoreEntry[],
): { entries: IgnoreEntry[]; kept: string[] } {
  const secrets = [envRule(input, kind, before), secretRule(input, '*.pem'), secretRule(input, '*.key')];
  const [env, pem, key] = secrets.map((r) => (r.entry ? [r.entry] : []));
  return {
    entries: [
      entry('**/*.log'),
      ...env,
      ...pem,
      ...key,
      entry('.idea'),
      entry('.vscode'),
      entry('**/.DS_Store'),
      entry('**/*.swp'),
    ],
    kept: secrets.flatMap((r) => r.kept),
  };
}

/** Whether the original image holds a context file: a COPY/ADD source is the file, a folder around it, or a glob matching it. */
function copiedByOriginal(file: string, sources: readonly string[]): boolean {
  return sources.some((s) => sourceBrings(s, file));
}

/**
 * A rule for key files at the context root, unless one that exists is in the original image: the app may read
 * it (a TLS key at start, say), so hiding it could break what worked. Then the image keeps it and a note says so.
 */
function secretRule(input: GenerateInput, pattern: string): SecretRule {
  const rules = compileRules(pattern);
  const matched = input.view.list('.').filter((name) => !input.view.isDirectory(name) && rules.ignores(name));
  return keepCopied(entry(pattern), matched, input.sources);
}

/** The rule with a `!` exception for each matched file the original image holds; no rule when that is all of them. */
function keepCopied(rule: IgnoreEntry, matched: readonly string[], sources: readonly string[]): SecretRule {
  const kept = matched.filter((file) => copiedByOriginal(file, sources));
  if (kept.length === 0) return { entry: rule, kept };
  if (kept.length === matched.length) return { entry: null, kept };
  return { entry: { ...rule, except: [...rule.except, ...kept.map(escapePattern)] }, kept };
}

/**
 * `.env` files often hold secrets. Examples stay. When the build tool reads `.env.production` and friends
 * (Next.js, Vite, ...), those are build inputs, so only the machine-local `.env*.local` files are left out.
 * The rule reaches every folder (`**`), so every env file in the context is judged, not only the root's:
 * `COPY . .` puts `config/.env` in the original image as surely as `.env`.
 */
function envRule(input: GenerateInput, kind: KindRules, before: readonly IgnoreEntry[]): SecretRule {
  const pattern = kind.envAtBuild ? '**/.env*.local' : '**/.env*';
  const envFiles = envPaths(input.view, before);
  const examples = kind.envAtBuild
    ? []
    : [
        '**/.env.example',
        ...envFiles
          .map((p) => p.split('/').pop()!)
          .filter((name) => ENV_EXAMPLE.test(name) && name !== '.env.example')
          .map((name) => `**/${escapePattern(name)}`),
      ];
  const rules = compileRules([pattern, ...examples.map((e) => `!${e}`)].join('\n'));
  const ignored = envFiles.filter((p) => rules.ignores(p));
  // A folder the rule hides (`.envs/`) stands for what is in it.
  const matched = ignored.filter((p) => !ignored.some((dir) => isBelow(p, escapePattern(dir))));
  // An env file the original image holds may be read by the app (dotenv): it stays, and a note says so.
  const hidden = matched.filter((p) => !copiedByOriginal(p, input.sources));
  const excluded = hidden.length
    ? note('dockerignore-env-excluded', { files: hidden.join(', ') })
    : undefined;
  return keepCopied(entry(pattern, [...new Set(examples)], excluded), matched, input.sources);
}

/**
 * The paths in the context named `.env*`, files and folders, found by one bounded walk. It does not enter
 * what the rules written before hide whole (node_modules, a build output folder): those rules, not
 * this one, keep such files out. Nor `.git`, a repository's own database, which holds no env file.
 */
function envPaths(view: ProjectView, before: readonly IgnoreEntry[]): string[] {
  const others = compileRules(rulesText(before));
  const enter = (e: WalkEntry) =>
    e.name !== '.git' && !(others.ignores(e.rel) && !others.mayReincludeBelow(e.rel));
  const found: string[] = [];
  for (const e of walkContext(view, '.', enter)) if (e.name.startsWith('.env')) found.push(e.rel);
  return found;
}

/** Drops rules that hide a kept path or a whole COPY source; adds exceptions for sources inside a rule's folder. */
function guard(entries: IgnoreEntry[], ctx: RuleContext, keep: string[]): IgnoreEntry[] {
  // The common case, checked once: all the rules together hide nothing the build reads. Judging each rule
  // alone is only needed to find the culprit, and costs a context walk per rule.
  const all = rulesText(entries);
  const union = compileRules(all);
  if (!keep.some((p) => union.ignores(p)) && hiddenSources(all, ctx.sources, ctx.view).length === 0)
    return entries;
  return entries.flatMap((e) => {
    const text = rulesText([e]);
    const rules = compileRules(text);
    if (keep.some((p) => rules.ignores(p))) return [];
    const hidden = hiddenSources(text, ctx.sources, ctx.view);
    if (hidden.length === 0) return [e];
    // `COPY node_modules ./node_modules`: an exception would undo the rule, so leave the rule out.
    const bare = cleanPattern(e.pattern).replace(/^(\*\*\/)+/, '');
    if (hidden.some((s) => s === '.' || s === bare)) return [];
    return [{ ...e, except: [...e.except, ...hidden] }];
  });
}

/** Rules as the lines of an ignore file, each pattern followed by its exceptions. */
function rulesText(entries: readonly IgnoreEntry[]): string {
  return entries.flatMap((e) => [e.pattern, ...e.except.map((x) => `!${x}`)]).join('\n');
}
