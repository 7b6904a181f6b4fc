/**
 * Runs a command line in this process through `main(argv, streams)` (src/program.ts), as
 * `runCli` runs the built CLI, but without starting Node, loading the bundle and DuckDB again:
 * milliseconds instead of a second or more per call. The same contract as `runCli`: from the
 * repository root, NO_COLOR=1, stdin empty unless given, and {code, stdout, stderr} back.
 *
 * What the process would have of its own is lent for the one call and restored afterwards: the
 * environment variables given, the working directory, process.stdin, process.exitCode, and the
 * writes to process.stdout/stderr (commander prints --help and --version there, not to the
 * streams given to main). Calls are queued, never overlap, so that one call's env or stdin
 * cannot leak into another's even when a test starts several at once.
 *
 * What still needs the real process (its own exit code, pipes and EPIPE, signals, files and
 * permissions of the process, the bundle) stays with `runCli` in test/cli/.
 */
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/program.js';
import { type CliResult, ROOT } from './cli.js';

export interface InProcessOptions {
  /** Bytes on stdin; without it stdin is empty, as `runCli` gives it. */
  readonly stdin?: string | Buffer;
  /** Variables set for this call only (undefined removes one); NO_COLOR=1 unless overridden. */
  readonly env?: Record<string, string | undefined>;
  /** The working directory, relative paths resolve against it; the repository root by default. */
  readonly cwd?: string;
  /** Width of stdout as a terminal would report it; unset (as in a pipe) by default. */
  readonly columns?: number;
  /** Whether stdout and stderr claim to be a terminal (colour, progress); false by default. */
  readonly isTTY?: boolean;
}

/** A stream that keeps every byte written to it, and looks like a pipe unless told otherwise. */
export class CollectingStream extends Writable {
  private readonly chunks: Buffer[] = [];
  isTTY: boolean;
  columns: number | undefined;
  constructor(opts: { isTTY?: boolean; columns?: number } = {}) {
    super({ decodeStrings: true });
    this.isTTY = opts.isTTY ?? false;
    this.columns = opts.columns;
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.chunks.push(chunk);
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `segment ...args` in this process; resolves to what `runCli` would give. */
export function runInProcess(args: readonly string[], options: InProcessOptions = {}): Promise<CliResult> {
  const run = queue.then(() => runOnce(args, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(args: readonly string[], options: InProcessOptions): Promise<CliResult> {
  const stdout = new CollectingStream({ isTTY: options.isTTY, columns: options.columns });
  const stderr = new CollectingStream({ isTTY: options.isTTY });
  const restore = lend(options, stdout, stderr);
  let code: number;
  try {
    code = await main(args, { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream });
  } finally {
    restore();
  }
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Lends the process's env, cwd, stdin and standard streams to one call; returns the undo. */
function lend(options: InProcessOptions, stdout: CollectingStream, stderr: CollectingStream): () => void {
  const env: Record<string, string | undefined> = { NO_COLOR: '1', ...options.env };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) setEnv(k, v);
  const savedCwd = process.cwd();
  const cwd = resolve(options.cwd ?? ROOT);
  // Only when it differs: a worker thread (Stryker's vitest pool) cannot chdir at all.
  if (cwd !== savedCwd) process.chdir(cwd);
  const savedExitCode = process.exitCode;
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin');
  Object.defineProperty(process, 'stdin', { value: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]), configurable: true, writable: true });
  const realOut = process.stdout.write;
  const realErr = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => stdout.write(chunk, ...(rest as []))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => stderr.write(chunk, ...(rest as []))) as typeof process.stderr.write;
  return () => {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
    if (stdinDescriptor) Object.defineProperty(process, 'stdin', stdinDescriptor);
    process.exitCode = savedExitCode;
    if (process.cwd() !== savedCwd) process.chdir(savedCwd);
    for (const [k, v] of Object.entries(savedEnv)) setEnv(k, v);
  };
}

function setEnv(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}
