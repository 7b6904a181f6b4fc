/**
 * What every format is given, decided once per run by `planOutput` (./index.ts): the stream or
 * file the result goes to, the terminal width, colour and --top. Formats decide nothing of these.
 */
import { activeProgress } from '../kernel/progress.js';

export type FormatName = 'table' | 'md' | 'json' | 'ndjson' | 'csv' | 'parquet' | 'xlsx' | 'html';

export interface FormatContext {
  readonly format: FormatName;
  readonly stdout: NodeJS.WriteStream;
  /** --output: a file written atomically; undefined or `-` is stdout. */
  readonly output: string | undefined;
  /** --top as given; undefined: each document's own default for the format. */
  readonly top: number | undefined;
  /** Columns of the terminal table: a terminal's own, 80 for pipes and files. */
  readonly width: number;
  readonly color: boolean;
  /** --excel (csv): `;`, decimal comma, CRLF and a byte order mark, for Excel in a Nordic or German locale. */
  readonly excel: boolean;
  /** --charts DIR (md): the charts as SVG files in DIR, linked from the Markdown. */
  readonly chartsDir: string | undefined;
}

/** Whether the result goes to stdout (no --output, or `--output -`). */
export function toStdout(ctx: { readonly output: string | undefined }): boolean {
  return ctx.output === undefined || ctx.output === '-';
}

/**
 * Writes the result to stdout, or to --output through a temporary file renamed when complete.
 * A string gets its final newline; chunks (large JSON) are written as they come.
 */
export async function put(stdout: NodeJS.WritableStream, output: string | undefined, body: string | Iterable<string> | Uint8Array): Promise<void> {
  // The result replaces the progress line, never mixes with it.
  activeProgress().stop();
  const chunks: Iterable<string | Uint8Array> = typeof body === 'string' ? [body.endsWith('\n') ? body : `${body}\n`] : body instanceof Uint8Array ? [body] : body;
  const { writeFileAtomically, writeToStream } = await import('../kernel/output.js');
  if (output === undefined || output === '-') await writeToStream(stdout, chunks);
  else writeFileAtomically(output, chunks);
}
