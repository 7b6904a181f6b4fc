/**
 * A ZIP archive's central directory, and one entry's bytes inflated under a limit. Workbooks are
 * ZIP archives; before the workbook reader sees one, every entry is inflated here once and
 * counted, so that an entry that inflates past its declared size, or past the limits, stops the
 * run within a bounded time and memory (a zip bomb) instead of filling the disk or the clock.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import { formatInt } from '../../kernel/text.js';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated; others are not supported. */
  readonly method: number;
  readonly compressedSize: number;
  /** The size the directory declares; inflating past it is refused. */
  readonly size: number;
  readonly localOffset: number;
}

/** A problem with the archive, in words for a message (the caller adds the file name). */
export class ZipProblem extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The entries of the central directory, in directory order. */
export async function readZipDirectory(path: string): Promise<ZipEntry[]> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    // The end record is 22 bytes plus a comment of up to 65,535.
    const tailStart = Math.max(0, size - 65_557);
    const tail = await readAt(handle, tailStart, size - tailStart);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new ZipProblem('a damaged ZIP archive or workbook (it has no central directory: cut off while downloading?); download or save it again');
    const count = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      throw new ZipProblem('a ZIP64 archive (over 4 GB or 65,535 entries), larger than a workbook segment reads; export the sheet as CSV');
    }
    if (dirOffset + dirSize > size) throw new ZipProblem('a damaged ZIP archive (its directory points past the end of the file)');
    const dir = await readAt(handle, dirOffset, dirSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipProblem('a damaged ZIP archive (its directory is cut short)');
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      entries.push({
        name: dir.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        localOffset: dir.readUInt32LE(p + 42),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * An entry's inflated bytes, chunk by chunk. Throws a ZipProblem when it inflates past its
 * declared size or past `limit` bytes, or uses a compression method other than stored or deflate.
 */
export async function* entryChunks(path: string, entry: ZipEntry, limit: number): AsyncGenerator<Buffer> {
  if (entry.method !== 0 && entry.method !== 8) throw new ZipProblem(`entry ${entry.name} uses compression method ${entry.method}, which workbooks do not`);
  const handle = await fs.open(path, 'r');
  let start: number;
  try {
    const local = await readAt(handle, entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new ZipProblem(`a damaged ZIP archive (entry ${entry.name} is not where the directory says)`);
    start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  const stream: Readable = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  const cap = Math.min(entry.size, limit);
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > cap) {
        throw new ZipProblem(
          total > entry.size
            ? `entry ${entry.name} inflates past the ${formatInt(entry.size)} bytes its directory declares: a zip bomb, not a workbook; not read`
            : `entry ${entry.name} inflates to over ${formatInt(limit)} bytes, more than segment reads from a workbook`,
        );
      }
      yield buf;
    }
  } catch (err) {
    if (err instanceof ZipProblem) throw err;
    throw new ZipProblem(`a damaged ZIP archive (entry ${entry.name}: ${(err as Error).message})`);
  } finally {
    raw.destroy();
    stream.destroy();
  }
}

/** A small entry's text, whole. */
export async function entryText(path: string, entry: ZipEntry, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of entryChunks(path, entry, limit)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
