/** Terminal styles: chalk at level 1 with colour, plain without (whether is decided by planOutput, ./index.ts). */
import { Chalk, type ChalkInstance } from 'chalk';

export function makeStyle(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}
