// The library API: `import { migrate } from 'dockerize-ms'`.
export {
  migrate,
  optionsFor,
  type MigrateOptions,
  type MigrateEvent,
  type OptionsReport,
} from './pipeline/migrate';
export type { Report, FileReport, Summary, FileStatus, Estimate, EstimateTotal } from './pipeline/report';
export type {
  Transform,
  TransformMeta,
  TransformOptions,
  TransformResult,
  RuntimeFlavour,
  RuntimeUser,
} from './contract/transform';
export type { DockerfileModel, Stage, Instruction, Flag, Word } from './dockerfile/model';
export type { Edit } from './dockerfile/edits';
export type { ProjectFacts, NodeFacts, JavaFacts, Kind } from './contract/facts';
export type { Note } from './notes';
export { parseDockerfile } from './dockerfile/model';
export { kit, type TransformKit } from './kit';
export { UsageError, InputError, TransformModuleError } from './errors';
export { ConfigError } from './config';
export { verify, type VerifyOptions } from './verify';
export type { VerifyReport, VerifiedFile, VerifyResult } from './verify';
