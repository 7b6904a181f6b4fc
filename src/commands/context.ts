/**
 * What every command shares: its streams, warnings on stderr, where a run's reading reports, and
 * writing a result that is no document to stdout or --output.
 */
import { printable } from '../kernel/errors.js';
import { activeProgress, wantProgress } from '../kernel/progress.js';
import type { RunIO } from '../sources/open.js';

export interface CommandIO {
  /** The command's name, for message prefixes. */
  readonly command: string;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** --quiet: errors only on stderr. */
  readonly quiet?: boolean;
}

export function warn(io: CommandIO, message: string): void {
  if (io.quiet) return;
  activeProgress().clear();
  io.stderr.write(`segment ${io.command}: warning: ${printable(message)}\n`);
}

/**
 * Writes a text result to stdout, or to --output through a temporary file renamed when complete.
 */
export async function emit(io: CommandIO, body: string | Iterable<string> | Uint8Array, output: string | undefined): Promise<void> {
  // The one writer of results (src/formats/context.ts), for the commands whose output is no document (schema, load).
  const { put } = await import('../formats/context.js');
  await put(io.stdout, output, body);
}

/** Where a run's reading reports (sources/open.ts): the progress line only on a terminal and not for JSON, warnings unless --quiet. */
export function runIO(io: CommandIO, format: string): RunIO {
  return { showProgress: !io.quiet && wantProgress(io.stderr, format), stderr: io.stderr, prefix: `segment ${io.command}`, warn: (m) => warn(io, m) };
}
