// A one-line progress bar on a terminal's stderr for long runs; lines printed meanwhile go above it.

const MIN_FILES = 20;
const REDRAW_MS = 100;

export interface Progress {
  /** Prints text (ending in a newline) above the bar. */
  print(text: string): void;
  tick(done: number): void;
  /** Removes the bar. */
  end(): void;
}

/** A bar when `stream` is a terminal and the run is long enough to want one; otherwise plain printing. */
export function progressBar(stream: NodeJS.WriteStream, total: number, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY || total < MIN_FILES) {
    return { print: (text) => void stream.write(text), tick: () => undefined, end: () => undefined };
  }
  let shown = false;
  let last = 0;
  let done = 0;
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  const draw = () => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
    const filled = Math.round((done / total) * width);
    stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} Dockerfiles`);
    shown = true;
    last = Date.now();
  };
  return {
    print(text) {
      clear();
      stream.write(text);
      draw();
    },
    tick(n) {
      done = n;
      if (Date.now() - last >= REDRAW_MS || n === total) draw();
    },
    end: clear,
  };
}
