// Compose files name the build context and Dockerfile of each service: read those pairs.
import fs from 'node:fs';
import path from 'node:path';
import { readRegularFile } from '../host-files';

export const COMPOSE_FILE = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;

/** Compose files are kilobytes; a larger one is skipped rather than handed to the YAML parser. */
const MAX_COMPOSE_BYTES = 4 * 1024 * 1024;

/**
 * Dockerfile (absolute) -> build context (absolute), from the `build:` entries of compose files.
 * A broken compose file is skipped: it is not ours to judge, and the default context still applies.
 */
export function composeContexts(composeFiles: readonly string[]): Map<string, string> {
  const contexts = new Map<string, string>();
  if (composeFiles.length === 0) return contexts;
  // Loaded only when there are compose files: the YAML parser is the heaviest thing start-up would load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml') as typeof import('yaml');
  for (const file of composeFiles) {
    let doc: unknown;
    try {
      // Only a regular file, opened without waiting: a FIFO of that name must not stall the run.
      const bytes = readRegularFile(fs.realpathSync(file), MAX_COMPOSE_BYTES + 1);
      if (bytes === null) continue;
      // The parser's default alias limit (100) turns an alias bomb into an error, and so a skip.
      doc = parse(bytes.toString('utf8'), { maxAliasCount: 100 });
    } catch {
      continue;
    }
    const services = (doc as { services?: Record<string, unknown> } | null)?.services;
    if (!services || typeof services !== 'object') continue;
    for (const service of Object.values(services)) {
      const build = (service as { build?: unknown } | null)?.build;
      const spec =
        typeof build === 'string'
          ? { context: build }
          : (build as { context?: unknown; dockerfile?: unknown } | null);
      if (!spec || typeof spec !== 'object') continue;
      const context = path.resolve(path.dirname(file), typeof spec.context === 'string' ? spec.context : '.');
      const dockerfile = path.resolve(
        context,
        typeof spec.dockerfile === 'string' ? spec.dockerfile : 'Dockerfile',
      );
      if (!contexts.has(dockerfile)) contexts.set(dockerfile, context);
    }
  }
  return contexts;
}
