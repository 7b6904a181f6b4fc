/**
 * Errors that reach the user. Each carries its exit code; the entry point prints the message as one
 * line prefixed with the command, and a stack trace only under --debug.
 */
import { printable } from './text.js';

export const EXIT = { ok: 0, unexpected: 1, usage: 2, data: 3 } as const;

export class SegmentError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line asks for something impossible: a bad option value, a missing file. Exit 2. */
export class UsageError extends SegmentError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** The data cannot be read as asked: an ambiguous column, too many rejected rows. Exit 3. */
export class DataError extends SegmentError {
  constructor(message: string) {
    super(message, EXIT.data);
  }
}

export { printable };

/** Whether an error says the disk (or the quota) is full: Node's code, or DuckDB's message. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || /No space left on device|Disk quota exceeded/i.test(String((err as Error | null)?.message ?? ''));
}

/** Quotes a value for an error message, shortened so that a message stays one readable line. */
export function quote(value: string, max = 60): string {
  const flat = printable(value);
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return `'${cut}'`;
}
