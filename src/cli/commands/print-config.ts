// `migrate --print-config PATH`: the options one Dockerfile gets from its config files and the flags, as JSON.
import path from 'node:path';
import { PathError } from '../../errors';
import { optionsFor, type OptionsReport } from '../../pipeline/options-for';
import { migrationOptions, type MigrationFlags } from './flags';

/** Prints the options in effect for `file` on stdout and returns the exit code. */
export async function runPrintConfig(file: string, flags: MigrationFlags): Promise<number> {
  let report: OptionsReport;
  try {
    report = await optionsFor(file, migrationOptions(flags));
  } catch (error) {
    // Which flag the path came from, for a reader of the one line.
    if (error instanceof PathError) throw new PathError(`--print-config ${error.message}`);
    throw error;
  }
  const cwd = process.cwd();
  // Paths as the rest of the output shows them: relative to the current folder.
  const shown = (p: string) =>
    path.isAbsolute(p) ? path.relative(cwd, p).split(path.sep).join('/') || '.' : p;
  const { options } = report;
  const printed = {
    ...report,
    options: {
      ...options,
      user: typeof options.user === 'object' ? options.user.name : options.user,
      mappings: options.mappings === null ? null : shown(options.mappings),
      transforms: options.transforms === null ? null : options.transforms.map(shown),
    },
  };
  process.stdout.write(JSON.stringify(printed, null, 2) + '\n');
  return 0;
}
