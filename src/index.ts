// The library API: `import { migrate } from 'dockerize-ms'`.
export { migrate, type MigrateOptions, type MigrateEvent } from './pipeline/migrate';
export { optionsFor, type OptionsReport } from './pipeline/options-for';
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
export { UsageError, PathError, InputError, TransformModuleError } from './errors';
export { ConfigError } from './config';
export { verify, type VerifyOptions } from './verify';
export type { VerifyReport, VerifiedFile, VerifyResult } from './verify';
