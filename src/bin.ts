#!/usr/bin/env node
// The `dockerize-ms` command: all it does is hand the arguments to the CLI and set the exit code.
import { main } from './cli';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
