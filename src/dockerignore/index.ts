// The .dockerignore step's public face: plan the file, list what a Dockerfile copies, check what rules hide.
export { planIgnoreFile, type IgnorePlanInput } from './plan';
export { copySources, contextReads } from './sources';
export { hiddenSources } from './hidden';
export { compileRules, type IgnoreRules } from './matcher';
export { MARKER } from './notes';
