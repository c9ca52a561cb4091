// The scripts a start command runs, read from the build context: their `#!` interpreter, and their text, so
// the kinds can read the commands in them as they read the start command itself.
import path from 'node:path';
import { contextPath } from '../dockerfile/context-paths';
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { copySources } from '../dockerfile/sources';
import {
  scriptCommandWords,
  scriptsRun,
  startScriptsRun,
  type ScriptRun,
} from '../dockerfile/start-programs';
import { workdirsOf } from '../dockerfile/workdir';
import type { StartScript } from '../contract/facts';
import type { ProjectView } from '../contract/project-view';

/**
 * How much is read: a start script is a few lines, so one over `bytes` is not read (and said so), and at
 * most `scripts` files are followed through the scripts they run in turn.
 */
export const START_SCRIPT_LIMITS = { scripts: 16, bytes: 256 * 1024 };

/** Interpreters whose scripts are shell commands (a script with no `#!` line is run by sh too). */
const SHELLS = /^(sh|bash|dash|ash|zsh|ksh|busybox)$/;

/**
 * The scripts the start command runs and those they run in turn, found in the context: by the path the
 * start names (`./docker-entrypoint.sh`, `/app/start.sh` under a WORKDIR), or, when a COPY renamed it,
 * by the COPY that put it there. A file that is not text (a binary) is not a script.
 */
export function readStartScripts(
  view: ProjectView,
  model: DockerfileModel,
  limits = START_SCRIPT_LIMITS,
): StartScript[] {
  const stage = model.stages[model.stages.length - 1];
  const locate = locator(view, model, stage);
  const scripts = new Map<string, StartScript>();
  const queue: ScriptRun[] = startScriptsRun(stage);
  const asked = new Set<string>();
  while (queue.length) {
    const run = queue.shift()!;
    const key = `${run.direct}:${run.word}`;
    if (asked.has(key)) continue;
    asked.add(key);
    const found = locate(run.word);
    if (!found) continue;
    const known = scripts.get(found.path);
    if (known) {
      // Met again, run directly this time: its `#!` line counts now.
      if (run.direct && known.interpreter === null) known.interpreter = interpreterOf(found.text);
      continue;
    }
    if (scripts.size >= limits.scripts) {
      const unread = `is one of more than ${limits.scripts} scripts that run each other`;
      scripts.set(found.path, { path: found.path, interpreter: null, text: null, unread });
      break;
    }
    const script = readScript(found.path, found.text, run, limits.bytes);
    scripts.set(found.path, script);
    if (script.text !== null)
      for (const words of scriptCommandWords(script.text)) queue.push(...scriptsRun(words));
  }
  return [...scripts.values()];
}

/** Shells the `#!` lines of scripts the start runs directly name (`bash`): a slim base may lack them. */
export function startScriptShells(scripts: readonly StartScript[]): string[] {
  return [...new Set(scripts.flatMap((s) => (s.interpreter ? [s.interpreter] : [])))];
}

function readScript(file: string, text: string, run: ScriptRun, maxBytes: number): StartScript {
  const named = interpreterOf(text);
  const interpreter = run.direct ? named : null;
  // A `#!` naming node or python makes it a program of that language, not shell commands.
  const shell = named !== null ? SHELLS.test(named) : !run.direct || /\.(ba)?sh$/.test(file);
  if (!shell) return { path: file, interpreter, text: null, unread: null };
  if (Buffer.byteLength(text) > maxBytes)
    return { path: file, interpreter, text: null, unread: `is larger than ${maxBytes / 1024} KB` };
  return { path: file, interpreter, text, unread: null };
}

function interpreterOf(text: string): string | null {
  return /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\S*\/)?(\w+)/.exec(text)?.[1] ?? null;
}

/**
 * Finds the context file a start word names: a COPY that put a file of that name there (its source), the
 * word as a context path (without `./`, or without the WORKDIR it sits under), or a copied source of that
 * file name. Paths are clamped to the context. Null when none is a text file.
 */
function locator(view: ProjectView, model: DockerfileModel, stage: Stage) {
  const copies = stage.instructions
    .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from'))
    .map((i) => (i.exec ?? i.args.map((a) => a.value)).map((w) => w.replace(/^(["'])(.*)\1$/, '$2')));
  const sources = copySources(model);
  const workdirs = [...new Set(workdirsOf(stage).values())].filter((d) => d !== '/');
  return (word: string): { path: string; text: string } | null => {
    const name = path.posix.basename(word);
    if (!name || name === '.' || name === '..') return null;
    const copied = copies.flatMap((parts) => {
      const dest = parts[parts.length - 1];
      const from = parts.slice(0, -1);
      if (!dest.endsWith('/') && path.posix.basename(dest) === name) return from.slice(0, 1);
      return from.filter((s) => path.posix.basename(s) === name);
    });
    const underWorkdir = workdirs
      .filter((d) => word.startsWith(d + '/'))
      .map((d) => word.slice(d.length + 1));
    const candidates = [...copied, ...underWorkdir, word, ...sources.filter((s) => s.endsWith('/' + name))];
    for (const candidate of candidates) {
      const rel = contextPath(candidate);
      if (rel === '.') continue;
      // A folder of that name is not the script; reading it would be an error for the service.
      const text = view.isDirectory(rel) ? null : view.readText(rel);
      // A NUL in the first bytes: a binary program, not a script.
      if (text !== null && !text.slice(0, 8000).includes('\0')) return { path: rel, text };
    }
    return null;
  };
}
