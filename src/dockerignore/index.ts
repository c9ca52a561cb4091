// The .dockerignore step's public face: plan the file, check what rules hide.
export { planIgnoreFile, type IgnorePlanInput } from './plan';
export { hiddenSources } from './hidden';
export { compileRules, type IgnoreRules } from './matcher';
export type { KindRuleList, KindRules, RuleContext } from './entry';
export { MARKER } from './notes';
