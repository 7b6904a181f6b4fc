/**
 * Writing results: to stdout with back-pressure, or to a file through a temporary file in the same
 * folder that is renamed over it only when complete, so that an interrupted run (a signal, a crash,
 * a full disk) leaves the previous file intact.
 */
import { once } from 'node:events';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { onCleanup } from './cleanup.js';
import { UsageError } from './errors.js';

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
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ENOSPC' ? 'the disk is full' : (err as Error).message;
  return new UsageError(`${what} ${path}: cannot write: ${why}`);
}

/** Writes `chunks` to `path` atomically: a temporary file beside it, renamed when complete. */
export function writeFileAtomically(path: string, chunks: Iterable<string | Uint8Array>, what = '--output'): void {
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
        if (buffer.length > 0) writeSync(fd, buffer);
        buffer = '';
        writeSync(fd, chunk);
        continue;
      }
      buffer += chunk;
      if (buffer.length >= CHUNK) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer.length > 0) writeSync(fd, buffer);
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
