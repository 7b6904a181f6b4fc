/**
 * What every command that reads transactions shares: a temporary folder, the engine, warnings on
 * stderr, and writing the result to stdout or --output. Heavy modules are imported here, lazily.
 */
import type { Engine } from '../sources/files/duckdb/engine.js';
import type { Source } from '../sources/source.js';
import { printable } from '../kernel/errors.js';
import type { ReadResult } from '../sources/files/read.js';
import { activeProgress, startProgress, wantProgress } from '../kernel/progress.js';
import { TempDir } from '../kernel/tempdir.js';
import { engineSettings, parseReadOptions, type RawReadOptions } from './options.js';

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

/** What the analyses read from: the source, and the accounting of its rows. */
export interface Loaded {
  readonly source: Source;
  readonly read: ReadResult;
}

/** Export files read into the embedded engine: what `inspect` and `load` need beside the Source. */
export interface LoadedFiles {
  readonly engine: Engine;
  readonly read: ReadResult;
}

/** Reads the inputs, runs `fn` with the engine, and cleans up whatever happens. */
export async function withTransactions<T>(
  io: CommandIO,
  files: readonly string[],
  raw: RawReadOptions,
  fn: (loaded: LoadedFiles) => Promise<T>,
  opts: { failOnRejects?: boolean; countIdentical?: boolean; format?: string } = {},
): Promise<T> {
  const options = { ...(await parseReadOptions(raw, files)), ...(opts.countIdentical ? { countIdentical: true } : {}) };
  const temp = new TempDir(raw.tempDir);
  const showProgress = !io.quiet && wantProgress(io.stderr, opts.format ?? 'table');
  const { openEngine } = await import('../sources/files/duckdb/engine.js');
  const { readTransactions } = await import('../sources/files/read.js');
  const engine = await openEngine(engineSettings(raw, temp.dir(), showProgress));
  const progress = startProgress(showProgress, { stream: io.stderr, prefix: `segment ${io.command}`, percent: () => engine.progress() });
  try {
    progress.stage(`reading ${files.length === 1 ? files[0] : `${files.length} files`}`);
    const read = await readTransactions(files, options, { engine, temp, warn: (m) => warn(io, m) });
    if (read.failure && opts.failOnRejects !== false) throw read.failure;
    progress.stage('analysing');
    return await fn({ engine, read });
  } finally {
    progress.stop();
    engine.close();
    temp.remove();
  }
}
