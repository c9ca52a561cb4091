// The built-in node-multistage transform (`--transform node-multistage`). Its machinery (detection, stage
// reading, the runtime stage, ignore rules) lives in src/kinds/node/; a transform of your own is one file
// like the examples, exporting { meta, transform }.
export { nodeMultistage } from '../src/kinds/node/transform';
