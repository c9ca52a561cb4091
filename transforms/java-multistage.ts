// The built-in java-multistage transform (`--transform java-multistage`). Its machinery (detection, stage
// reading, the build and runtime stages, ignore rules) lives in src/kinds/java/; a transform of your own is one
// file like the examples, exporting { meta, transform }.
export { javaMultistage } from '../src/kinds/java/transform';
