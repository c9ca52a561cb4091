// The config files' front door for the pipeline and the command line.
export { ConfigResolver, NO_CONFIG, type ResolvedConfig } from './resolve';
export { ConfigError, CONFIG_FILES, PACKAGE_KEY, UnreadablePackageError } from './load';
export { readUserOption, RUNTIMES, type ServiceOptions } from './schema';
