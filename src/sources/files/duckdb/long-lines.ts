/**
 * Whether DuckDB's parallel CSV reader may lose a record: with errors stored or ignored it drops
 * a line that does not fit in one read buffer (16 MiB here) without a word, where the
 * single-threaded reader rejects it with its line number. So an input that may hold such a line
 * is read single-threaded. A line of 16 MiB or more covers a whole aligned 8 MiB window, so a
 * probe at the start of every such window that finds no line end in 64 KiB finds every one of
 * them (at 0.8% of the file's bytes); a few lines of over 64 KiB only cost the parallel read. A
 * gzip stream cannot be probed without inflating it all: it is always read single-threaded.
 */
import { open } from 'node:fs/promises';
import type { InputReader } from './contract.js';

/** The read buffer: `buffer_size` of the reader's call. */
export const READ_BUFFER = 16 * 2 ** 20;
const STEP = READ_BUFFER / 2;
const PROBE = 64 * 1024;

export async function mayHaveLongLines(input: Pick<InputReader, 'path' | 'gzip' | 'dialect'>): Promise<boolean> {
  if (input.gzip) return true;
  const handle = await open(input.path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    if (size < READ_BUFFER) return false;
    const end = input.dialect.newline === '\r' ? 0x0d : 0x0a;
    const buf = Buffer.alloc(PROBE);
    for (let at = 0; at + PROBE <= size; at += STEP) {
      const { bytesRead } = await handle.read(buf, 0, PROBE, at);
      if (buf.subarray(0, bytesRead).indexOf(end) < 0) return true;
    }
    return false;
  } finally {
    await handle.close();
  }
}
