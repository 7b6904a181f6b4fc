/**
 * What every command that reads transactions shares: a temporary folder, the engine, warnings on
 * stderr, and writing the result to stdout or --output. Heavy modules are imported here, lazily.
 */
import { writeFile } from 'node:fs/promises';
import type { Engine } from '../engine/engine.js';
import type { ReadResult } from '../ingest/read.js';
import { activeProgress, startProgress, wantProgress } from '../progress.js';
import { TempDir } from '../tempdir.js';
import { engineSettings, parseReadOptions, type RawReadOptions } from './options.js';

export interface CommandIO {
  /** The command's name, for message prefixes. */
  readonly command: string;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

export function warn(io: CommandIO, message: string): void {
  activeProgress().clear();
  io.stderr.write(`segment ${io.command}: warning: ${message}\n`);
}

export async function emit(io: CommandIO, text: string, output: string | undefined): Promise<void> {
  // The result replaces the progress line, never mixes with it.
  activeProgress().stop();
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (output === undefined || output === '-') io.stdout.write(body);
  else await writeFile(output, body);
}

export interface Loaded {
  readonly engine: Engine;
  readonly read: ReadResult;
}

/** Reads the inputs, runs `fn` with the engine, and cleans up whatever happens. */
export async function withTransactions<T>(
  io: CommandIO,
  files: readonly string[],
  raw: RawReadOptions,
  fn: (loaded: Loaded) => Promise<T>,
  opts: { failOnRejects?: boolean; countIdentical?: boolean; format?: string } = {},
): Promise<T> {
  const options = { ...(await parseReadOptions(raw)), ...(opts.countIdentical ? { countIdentical: true } : {}) };
  const temp = new TempDir(raw.tempDir);
  const showProgress = wantProgress(io.stderr, opts.format ?? 'table');
  const { openEngine } = await import('../engine/engine.js');
  const { readTransactions } = await import('../ingest/read.js');
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
