/**
 * Colour, decided once per run: off when the output is not a terminal, NO_COLOR is set,
 * TERM=dumb, or --no-color was given.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export function wantColor(stream: NodeJS.WriteStream, flag: boolean | undefined, env = process.env): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function makeStyle(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}
