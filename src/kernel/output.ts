/**
 * Writing results: to stdout with back-pressure, or to a file through a temporary file in the same
 * folder that is renamed over it only when complete, so that an interrupted run (a signal, a crash,
 * a full disk) leaves the previous file intact.
 */
import { once } from 'node:events';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { onCleanup } from './cleanup.js';
import { DataError, UsageError, isDiskFull } from './errors.js';

const CHUNK = 1 << 16;

export async function writeToStream(stream: NodeJS.WritableStream, chunks: Iterable<string | Uint8Array>): Promise<void> {
  let buffer = '';
  for (const chunk of chunks) {
    // Bytes (a workbook) go as they are, after the text before them.
    if (typeof chunk !== 'string') {
      if (buffer.length > 0 && !stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
      if (!stream.write(chunk)) await once(stream, 'drain');
      continue;
    }
    buffer += chunk;
    if (buffer.length >= CHUNK) {
      if (!stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
    }
  }
  if (buffer.length > 0 && !stream.write(buffer)) await once(stream, 'drain');
}

function cannotWrite(path: string, err: unknown, what: string): Error {
  // A full disk is no usage error: the command is right, the place is not (exit 3).
  if (isDiskFull(err)) return new DataError(`${what} ${path}: cannot write: the disk is full; free space there, or write elsewhere (the previous file is untouched)`);
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
  return new UsageError(`${what} ${path}: cannot write: ${why}`);
}

/** The file system calls of an atomic write: real ones, or a test's (a short write, a full disk). */
export interface WriteCalls {
  writeSync(fd: number, data: Uint8Array, offset: number, length: number): number;
}

/**
 * Writes all of `data`: `writeSync` may write fewer bytes than asked (a disk filling up); the rest
 * is written again, and a write of nothing is a full disk.
 */
function writeAll(calls: WriteCalls, fd: number, chunk: string | Uint8Array): void {
  const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  let done = 0;
  while (done < data.length) {
    const n = calls.writeSync(fd, data, done, data.length - done);
    if (n <= 0) throw Object.assign(new Error('No space left on device'), { code: 'ENOSPC' });
    done += n;
  }
}

/** Writes `chunks` to `path` atomically: a temporary file beside it, renamed when complete. */
export function writeFileAtomically(path: string, chunks: Iterable<string | Uint8Array>, what = '--output', calls: WriteCalls = { writeSync }): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'w', 0o644);
  } catch (err) {
    throw cannotWrite(path, err, what);
  }
  let open = true;
  const discard = (): void => {
    if (open) closeSync(fd);
    open = false;
    rmSync(temp, { force: true });
  };
  const forget = onCleanup(discard);
  try {
    let buffer = '';
    for (const chunk of chunks) {
      if (typeof chunk !== 'string') {
        if (buffer.length > 0) writeAll(calls, fd, buffer);
        buffer = '';
        writeAll(calls, fd, chunk);
        continue;
      }
      buffer += chunk;
      if (buffer.length >= CHUNK) {
        writeAll(calls, fd, buffer);
        buffer = '';
      }
    }
    if (buffer.length > 0) writeAll(calls, fd, buffer);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(temp, path);
  } catch (err) {
    discard();
    throw (err as NodeJS.ErrnoException).code ? cannotWrite(path, err, what) : err;
  } finally {
    forget();
  }
}
