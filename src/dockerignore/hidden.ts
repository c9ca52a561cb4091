// Which COPY sources a set of ignore rules would hide from the build, judged on the files the context holds.
import type { ProjectView } from '../contract/project-view';
import { contextPath, hasGlob, segmentRegExp } from '../dockerfile/context-paths';
import { compileRules, type IgnoreRules } from './matcher';
import { walkContext } from './walk';

/**
 * The sources (as given) that `ignoreText` would hide. A file source is hidden when it is ignored. A folder
 * source is hidden when every file under it is (`src` with rule `src/secret` is fine, `dist` with rule
 * `dist` is not). A glob is hidden when any file or folder it matches is, since each match is something
 * the build names (a hidden lockfile under `package*.json` breaks `npm ci`). With no view, or when the
 * context does not hold the source (an artifact built before `docker build`), the path itself is checked,
 * and a folder counts as hidden only when no `!` exception could re-include something below it.
 */
export function hiddenSources(ignoreText: string, sources: readonly string[], view?: ProjectView): string[] {
  const rules = compileRules(ignoreText);
  return sources.filter((source) => isHidden(rules, contextPath(source), view));
}

function isHidden(rules: IgnoreRules, source: string, view: ProjectView | undefined): boolean {
  if (source === '.') return view ? allHidden(rules, '.', view) : false;
  const matches = view ? expand(source, view) : [];
  if (matches.length === 0) return rules.ignores(source) && !rules.mayReincludeBelow(source);
  return matches.some((match) =>
    view!.isDirectory(match) ? allHidden(rules, match, view!) : rules.ignores(match),
  );
}

/** Whether every file below `dir` is ignored (an empty folder: whether the folder itself is). */
function allHidden(rules: IgnoreRules, dir: string, view: ProjectView): boolean {
  // An ignored folder no exception reaches into is hidden whole: no need to walk it (node_modules).
  const whole = (rel: string) => rules.ignores(rel) && !rules.mayReincludeBelow(rel);
  if (dir !== '.' && whole(dir)) return true;
  let files = 0;
  for (const entry of walkContext(view, dir, (e) => !whole(e.rel))) {
    if (entry.isDir) files += whole(entry.rel) ? 1 : 0;
    else if (!rules.ignores(entry.rel)) return false;
    else files++;
  }
  return files > 0 || rules.ignores(dir);
}

/** The context paths a COPY source names: itself when it exists, or what its glob segments match. */
function expand(source: string, view: ProjectView): string[] {
  if (!hasGlob(source)) return view.exists(source) ? [source] : [];
  let current = ['.'];
  for (const segment of source.split('/')) {
    const next: string[] = [];
    for (const dir of current) {
      const join = (name: string) => (dir === '.' ? name : `${dir}/${name}`);
      if (!hasGlob(segment)) {
        if (view.exists(join(segment))) next.push(join(segment));
        continue;
      }
      // A glob looks into folders of the context only: not into a file, nor through a link leading out,
      // which the build does not follow either.
      if (!view.isDirectory(dir)) continue;
      const re = segmentRegExp(segment);
      next.push(
        ...view
          .list(dir)
          .filter((name) => re.test(name))
          .map(join),
      );
    }
    current = next;
  }
  return current;
}
