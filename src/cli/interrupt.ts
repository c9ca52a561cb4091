// Ctrl-C, SIGTERM, SIGHUP and a closed stdout end a run between two services' writes, never inside one.
import os from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof SIGNALS)[number];

/** The shell's code for a process ended by `signal`: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + os.constants.signals[signal];
}

export interface SignalWatch {
  /** Fires at the first signal; `migrate` then stops at the next service boundary. */
  signal: AbortSignal;
  /** The first signal received, or null. */
  received(): StopSignal | null;
  dispose(): void;
}

/**
 * Turns SIGINT, SIGTERM and SIGHUP into an abort. A second signal ends the process at once: JavaScript
 * handlers run only between two tasks, and a service's files are written in one synchronous step, so
 * even then no service is left half written and no temp file remains.
 */
export function watchSignals(): SignalWatch {
  const controller = new AbortController();
  let first: StopSignal | null = null;
  const handler = (signal: StopSignal) => {
    if (first !== null) process.exit(signalExitCode(signal));
    first = signal;
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  for (const s of SIGNALS) process.on(s, handler);
  return {
    signal: controller.signal,
    received: () => first,
    dispose: () => SIGNALS.forEach((s) => process.removeListener(s, handler)),
  };
}

/**
 * A reader that goes away (`dockerize-ms migrate | head`) ends the run quietly with the code of a process
 * killed by SIGPIPE (141), as git and other Unix tools do, instead of an unhandled EPIPE and a stack trace;
 * any other output error (a full disk) ends it with one line and exit 2. Such errors arrive as events,
 * between two services' writes, so ending there tears nothing.
 */
export function endOnOutputErrors(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(signalExitCode('SIGPIPE'));
      const which = stream === process.stdout ? 'standard output' : 'standard error';
      try {
        process.stderr.write(`dockerize-ms: cannot write to ${which}: ${error.message}\n`);
      } finally {
        process.exit(2);
      }
    });
  }
}
