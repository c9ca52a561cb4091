// The shape of a generated ignore rule and the facts every rule list reads.
import path from 'node:path';
import type { DockerfileModel } from '../dockerfile/model';
import type { ProjectView } from '../contract/project-view';
import type { ProjectFacts } from '../contract/facts';
import type { Note } from '../notes';
import { globMatches, isBelow } from '../dockerfile/context-paths';
import { runScript } from '../dockerfile/hints';

/** One rule to add, with the `!` exceptions that must follow it. */
export interface IgnoreEntry {
  pattern: string;
  /** Exceptions written right after the pattern, and only with it. */
  except: string[];
  /** Said when the rule is written (not when the file already had it). */
  note?: Note;
}

/** What the rule lists read. */
export interface RuleContext {
  view: ProjectView;
  model: DockerfileModel;
  facts: ProjectFacts;
  /** Everything the Dockerfile reads from the context (`copySources` plus bind mounts). */
  sources: string[];
}

/** What a kind's rule list adds to the common one. */
export interface KindRules {
  entries: IgnoreEntry[];
  notes: Note[];
  /** Paths the build reads; no rule may hide them. */
  keep: string[];
  /** Why `.git` must stay (a build plugin, a script or a package the build runs reads it), or null. */
  keepGit: string | null;
  /** The build reads `.env.*` files (Next.js, Vite, ...): only `.env*.local` files are left out. */
  envAtBuild: boolean;
}

/** A kind's rule list (kinds/<kind>/ignore-rules.ts), handed in by the caller: this folder imports no kind. */
export type KindRuleList = (ctx: RuleContext) => KindRules;

/** A rule with its exceptions and the note to give when it is written. */
export const entry = (pattern: string, except: string[] = [], note?: Note): IgnoreEntry => ({
  pattern,
  except,
  ...(note ? { note } : {}),
});

/** A path below a package folder, `.` meaning the context root; null when it climbs out. */
export function within(dir: string, rel: string): string | null {
  const joined = path.posix.normalize(path.posix.join(dir, rel)).replace(/\/+$/, '');
  return joined === '.' || joined === '' || joined === '..' || joined.startsWith('../') ? null : joined;
}

/**
 * The rule for a build output folder, given as a pattern (`target`, `orders/target`). The image rebuilds it:
 * ignore it, so a stale local copy neither bloats the context nor busts the cache. The Dockerfile copies it
 * whole (`COPY dist ./dist`): no rule. It copies files inside (`COPY target/app.jar .`): ignore the folder
 * but keep those files with `!` exceptions. The image does not rebuild it but copies a folder around it
 * (`COPY . .`): it ships prebuilt, no rule.
 */
export function outputDirEntry(dir: string, sources: string[], rebuilds: boolean): IgnoreEntry | null {
  if (sources.some((s) => globMatches(dir, s))) return null;
  if (!rebuilds && sources.some((s) => s === '.' || isBelow(dir, s))) return null;
  return entry(
    dir,
    sources.filter((s) => isBelow(s, dir)),
  );
}

/** The shell scripts the RUN lines of every stage run (continuations joined, a heredoc's lines as one list). */
export function runScripts(model: DockerfileModel): string[] {
  return model.instructions.filter((i) => i.keyword === 'RUN').map(runScript);
}
