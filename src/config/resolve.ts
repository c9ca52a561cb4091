// The options in effect for one Dockerfile: the config files from its folder up, nearer ones winning per option.
import fs from 'node:fs';
import path from 'node:path';
import { configIn, type Display, type LoadedConfig } from './load';
import { keyPath, OPTION_NAMES, type Override, type ServiceOptions } from './schema';
import { isInside } from '../host-paths';

/** The options the config files set for one Dockerfile, and where each came from. */
export interface ResolvedConfig {
  options: ServiceOptions;
  /** Per option, the file (and override) that set it, as `Display` shows the file. */
  sources: Partial<Record<keyof ServiceOptions, string>>;
  /** The config files that apply, farthest first. */
  files: string[];
}

export const NO_CONFIG: ResolvedConfig = { options: {}, sources: {}, files: [] };

type Matcher = (rel: string) => boolean;

/**
 * Reads config files the way prettier and ESLint do, once per folder however many Dockerfiles share it. For a
 * Dockerfile, the search goes from its own folder up to `top` (the repository top, else the current folder),
 * and stops early at a config with `root: true`. Each file's options apply, then its overrides whose `files`
 * globs match the Dockerfile's path relative to that file's folder, in order; then the next file down, so the
 * nearest setting of each option wins.
 */
export class ConfigResolver {
  private readonly folders = new Map<string, Promise<LoadedConfig | null>>();
  private readonly matchers = new WeakMap<Override, { files: Matcher; exclude: Matcher }>();
  private readonly realTops = new Map<string, string>();

  constructor(
    private readonly transformNames: readonly string[],
    private readonly display: Display,
    /** Loads a transform module a config file names (see CheckContext); without it only existence is checked. */
    private readonly checkTransform?: (file: string) => Promise<string | null>,
  ) {}

  /** The options for `dockerfile` (absolute); throws ConfigError for a broken config on the way up. */
  async resolve(dockerfile: string, top: string): Promise<ResolvedConfig> {
    const chain: LoadedConfig[] = [];
    const boundary = this.realTop(top);
    for (let dir = path.dirname(dockerfile); ;) {
      const config = await this.configOf(dir, boundary);
      if (config) chain.push(config);
      const parent = path.dirname(dir);
      if (config?.root || dir === top || parent === dir || !isInside(top, parent)) break;
      dir = parent;
    }
    const resolved: ResolvedConfig = { options: {}, sources: {}, files: [] };
    for (const config of chain.reverse()) {
      const shown = this.display(config.file);
      resolved.files.push(shown);
      apply(resolved, config.options, shown);
      const rel = path.relative(config.dir, dockerfile).split(path.sep).join('/');
      config.overrides.forEach((override, i) => {
        if (this.matches(override, rel))
          apply(resolved, override.options, `${shown} ${keyPath(['overrides', i])}`);
      });
    }
    return resolved;
  }

  private configOf(dir: string, boundary: string): Promise<LoadedConfig | null> {
    let found = this.folders.get(dir);
    if (!found) {
      const ctx = { transformNames: this.transformNames, checkTransform: this.checkTransform };
      found = configIn(dir, boundary, ctx, this.display);
      this.folders.set(dir, found);
    }
    return found;
  }

  private realTop(top: string): string {
    let real = this.realTops.get(top);
    if (real === undefined) {
      try {
        real = fs.realpathSync(top);
      } catch {
        real = top;
      }
      this.realTops.set(top, real);
    }
    return real;
  }

  /**
   * A glob matches the path or one of its folders (`services/legacy` covers `services/legacy/Dockerfile`); one
   * without a slash matches a name anywhere below (`Dockerfile.dev`, `legacy`), as in .gitignore.
   */
  private matches(override: Override, rel: string): boolean {
    let compiled = this.matchers.get(override);
    if (!compiled) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const picomatch = require('picomatch') as typeof import('picomatch');
      const make = (globs: string[]): Matcher => {
        const names = globs.filter((g) => !g.includes('/'));
        const paths = globs.filter((g) => g.includes('/'));
        const byName = names.length ? picomatch(names, { dot: true }) : () => false;
        const byPath = paths.length ? picomatch(paths, { dot: true }) : () => false;
        return (rel) => byPath(rel) || byName(path.posix.basename(rel));
      };
      compiled = { files: make(override.files), exclude: make(override.excludeFiles) };
      this.matchers.set(override, compiled);
    }
    const candidates = [rel];
    for (let dir = path.posix.dirname(rel); dir !== '.' && dir !== '/'; dir = path.posix.dirname(dir))
      candidates.push(dir);
    return candidates.some(compiled.files) && !candidates.some(compiled.exclude);
  }
}

function apply(into: ResolvedConfig, options: ServiceOptions, source: string): void {
  for (const name of OPTION_NAMES) {
    if (options[name] === undefined) continue;
    (into.options as Record<string, unknown>)[name] = options[name];
    into.sources[name] = source;
  }
}
