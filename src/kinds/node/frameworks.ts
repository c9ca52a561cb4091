// Node frameworks and build tools whose output shape the transforms rely on: Next.js, NestJS, bundlers, build scripts
// (the Next.js config itself is read in next-config.ts).
import { joinPath } from '../../dockerfile/context-paths';
import type { ProjectView } from '../../contract/project-view';
import type { NodeBundler } from '../../contract/facts';
import { BUNDLERS, packageOfProgram, SCRIPT_CALL_IN_TEXT, scriptRunsBuild } from './vocabulary';

/** The framework from the dependencies (Next.js wins over NestJS: a Next app may call a Nest API). */
export function detectFramework(
  view: ProjectView,
  packageDir: string,
  deps: ReadonlySet<string>,
): 'next' | 'nest' | null {
  if (deps.has('next')) return 'next';
  if (deps.has('@nestjs/core') || view.exists(joinPath(packageDir, 'nest-cli.json'))) return 'nest';
  return null;
}

/**
 * The bundler that makes the build output: the first one the build script runs (with the scripts it
 * calls inlined), else, when the script runs no other build program (plain tsc, `next build`), the only
 * bundler among the direct dependencies. esbuild, for one, is a dependency of half the ecosystem and proves little alone.
 */
export function detectBundler(buildScript: string | null, deps: ReadonlySet<string>): NodeBundler | null {
  if (buildScript) {
    let best: [number, NodeBundler] | null = null;
    for (const { name, inScript } of BUNDLERS) {
      const m = inScript.exec(buildScript);
      if (m && (!best || m.index < best[0])) best = [m.index, name];
    }
    if (best) return best[1];
    if (scriptRunsBuild(buildScript)) return null;
  }
  const listed = BUNDLERS.map((b) => b.name).filter((name) => deps.has(packageOfProgram(name)));
  return listed.length === 1 ? listed[0] : null;
}

/**
 * A script with the scripts it runs by name (`npm run x`, `yarn x`, `pnpm x`, `bun run x`) inlined,
 * a few levels deep, so `build: "npm run build:server"` shows what build:server does.
 */
export function expandScript(
  scripts: Readonly<Record<string, string>>,
  name: string,
  depth = 3,
): string | null {
  const body = scripts[name];
  if (typeof body !== 'string') return null;
  if (depth === 0) return body;
  return body.replace(SCRIPT_CALL_IN_TEXT, (whole, ref: string) =>
    ref !== name && scripts[ref] ? (expandScript(scripts, ref, depth - 1) ?? whole) : whole,
  );
}
