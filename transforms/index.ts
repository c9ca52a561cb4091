// The built-in transforms, in the order they run; their code lives in src/kinds/<language>/.
export { builtinTransforms } from '../src/kinds';
