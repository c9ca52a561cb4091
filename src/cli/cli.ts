// The command line: the flag table, parsing, and the one place that turns errors into exit codes.
import yargs from 'yargs/yargs';
import type { Argv } from 'yargs';
import { InternalError, PathError, TransformModuleError, UsageError, messageOf } from '../errors';
import { ConfigError } from '../config';
import type { MigrateFlags } from './commands/migrate';
import type { VerifyFlags } from './commands/verify';

const RUNTIMES = ['alpine', 'slim', 'distroless', 'jre'] as const;

/** The options that decide what a migration writes; `migrate` and `verify` share them. */
function migrationOptions<T>(y: Argv<T>) {
  return (
    y
      .positional('paths', {
        describe: 'Dockerfiles, folders or globs (after `--`, names that start with a dash)',
        type: 'string',
        array: true,
        defaultDescription: '.',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON on stdout' })
      .option('transform', {
        alias: 't',
        type: 'string',
        array: true,
        describe: 'Run only these transforms (name or ./module.js)',
      })
      .option('runtime', {
        choices: RUNTIMES,
        describe: 'Runtime base family (default: alpine for Node, a JRE for Java)',
      })
      .option('mappings', {
        type: 'string',
        describe: 'YAML or JSON file of image/package rules laid over the built-in table',
      })
      // No defaults below: a flag left out lets the config files decide (the defaults are theirs too).
      .option('builtin', {
        type: 'boolean',
        defaultDescription: 'true',
        describe: 'Use the built-in mapping table (--no-builtin: only --mappings)',
      })
      .option('strict', {
        type: 'boolean',
        defaultDescription: 'false',
        describe: 'Fail on package names with no known Alpine equivalent',
      })
      .option('spring-layers', {
        type: 'boolean',
        defaultDescription: 'false',
        describe: 'Spring Boot: extract the jar into layers in the runtime stage',
      })
      .option('dockerignore', {
        type: 'boolean',
        defaultDescription: 'true',
        describe: 'Generate or update the .dockerignore (--no-dockerignore: skip)',
      })
      .option('user', {
        type: 'string',
        describe:
          'Runtime user when the original runs as root: keep (add none), a name to create, or default (node/app)',
      })
      .option('config', {
        type: 'boolean',
        defaultDescription: 'true',
        describe: 'Read dockerize-ms.config.* and package.json "dockerize-ms" (--no-config: ignore them)',
      })
      .option('context', {
        type: 'string',
        describe: 'Build context folder for every Dockerfile (default: inferred)',
      })
      .option('ignore-pattern', {
        type: 'string',
        array: true,
        describe: 'Glob of paths to leave out of the search (repeatable)',
      })
      .option('jobs', {
        alias: 'j',
        type: 'number',
        describe: 'Files processed at once (default: the CPU count)',
      })
  );
}

/** How the images are started and probed, for `verify` and `migrate --verify`. */
function smokeOptions<T>(y: Argv<T>) {
  return y
    .option('timeout', { type: 'number', default: 60, describe: 'Seconds to wait for a container to answer' })
    .option('probe', { type: 'string', describe: 'HTTP path to request from both containers, e.g. /health' })
    .option('network', {
      type: 'string',
      describe:
        'docker --network for builds and containers (default: bridge, or host when there is no bridge)',
    })
    .option('port', {
      type: 'number',
      describe: 'Container port to wait for (default: the first EXPOSEd port)',
    });
}

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    let run: (() => Promise<number>) | null = null;
    const parser = yargs(argv)
      .scriptName('dockerize-ms')
      .usage('$0 <command> [options]')
      .command(
        'migrate [paths..]',
        'Rewrite single-stage Node.js and Java Dockerfiles into build + slim runtime stages',
        (y) =>
          smokeOptions(migrationOptions(y))
            .option('write', { alias: 'w', type: 'boolean', describe: 'Write the changes in place' })
            .option('check', { type: 'boolean', describe: 'Write nothing; exit 1 if any file would change' })
            .option('verify', {
              type: 'boolean',
              default: false,
              describe:
                'First build, start and compare both images in Docker (as `verify`); write only if all pass',
            })
            .option('report', {
              type: 'string',
              array: true,
              nargs: 2,
              describe: 'Also write a review report: --report markdown FILE (a table for a pull request)',
            })
            .option('print-config', {
              type: 'string',
              describe:
                'Print the options in effect for one Dockerfile (config files and flags), then stop; a folder must hold exactly one Dockerfile',
            })
            .conflicts('write', 'check')
            .example('$0 migrate', 'Show the diff for every Dockerfile under the current folder')
            .example('$0 migrate services/api --write', 'Migrate one service in place')
            .example('$0 migrate . --check', 'CI: exit 1 when a Dockerfile would still change')
            .example('$0 migrate . --json > report.json', 'Machine-readable report')
            .example('$0 migrate Dockerfile --runtime slim', 'Debian slim runtime instead of alpine')
            .example('$0 migrate . --verify --write', 'Prove the new images build and answer, then write')
            .example(
              '$0 migrate . --report markdown review.md',
              'A table of every service for a pull request',
            )
            .example('$0 migrate --print-config services/api/Dockerfile', 'The options one service gets'),
        (args) => {
          run = async () =>
            (await import('./commands/migrate.js')).runMigrate(args as unknown as MigrateFlags);
        },
      )
      .command(
        'verify [paths..]',
        'Build the original and the migrated Dockerfile, start both, probe them and compare sizes',
        (y) =>
          smokeOptions(migrationOptions(y)).example(
            '$0 verify examples/node-express --probe /',
            'Build before/after, start both, compare GET / and sizes',
          ),
        (args) => {
          run = async () => (await import('./commands/verify.js')).runVerify(args as unknown as VerifyFlags);
        },
      )
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only errors' })
      .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Print every note' })
      .option('color', {
        type: 'boolean',
        describe: 'Colour output (default: only on a terminal, never with NO_COLOR)',
      })
      .demandCommand(1, 'Say which command to run, e.g. `dockerize-ms migrate`.')
      .strict()
      .help()
      .alias('h', 'help')
      .version()
      .wrap(Math.min(110, process.stdout.columns || 100))
      .exitProcess(false)
      .fail((message, error) => {
        // yargs' own complaints (a flag short of its values) are usage errors too; anything else is ours.
        if (error && error.name !== 'YError') throw error;
        throw new UsageError(message ?? error?.message ?? 'bad usage');
      });
    await parser.parseAsync();
    return run ? await (run as () => Promise<number>)() : 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TransformModuleError) {
      // The file (and line) say what to fix; the flags were fine.
      process.stderr.write(`dockerize-ms: ${error.message}\nNothing was written.\n`);
      return 2;
    }
    if (error instanceof PathError) {
      process.stderr.write(`dockerize-ms: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`dockerize-ms: ${error.message}\nRun \`dockerize-ms --help\` for usage.\n`);
      return 2;
    }
    const internal =
      error instanceof InternalError ? error : new InternalError(messageOf(error), { cause: error });
    process.stderr.write(
      `dockerize-ms: internal error: ${internal.message}\n${(error as Error)?.stack ?? ''}\nPlease report this with the command you ran.\n`,
    );
    return 2;
  }
}
