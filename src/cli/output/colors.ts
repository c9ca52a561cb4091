// Colour on or off: --color/--no-color win, then NO_COLOR, then FORCE_COLOR, then whether it is a terminal.
import { createColors } from 'picocolors';

export type Colors = ReturnType<typeof createColors>;

export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream, env = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY && env.TERM !== 'dumb';
}

export const colors = (enabled: boolean): Colors => createColors(enabled);
