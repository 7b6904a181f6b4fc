/**
 * Opening an input: stdin spooled to a file, gzip noticed, the encoding detected, and anything
 * that is not UTF-8 transcoded into a UTF-8 copy, so that the engine only ever reads UTF-8.
 */
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataError, UsageError } from '../errors.js';
import type { TempDir } from '../tempdir.js';

export interface Source {
  /** As the user wrote it; `-` is stdin. */
  readonly arg: string;
  /** For messages: the path, or `<stdin>`. */
  readonly display: string;
  /** The file the engine reads: the input itself, spooled stdin, or a UTF-8 copy. */
  readonly readPath: string;
  /** Whether the engine must decompress the file it reads. */
  readonly gzip: boolean;
  /** Whether the input was gzipped (a transcoded copy is not). */
  readonly compressed: boolean;
  readonly encoding: string;
  readonly encodingReason: string;
  /** The first part of the text, decoded, for dialect checks that need to see lines. */
  readonly head: string;
  readonly bytes: number;
}

const SAMPLE_BYTES = 1 << 20;

/** Encodings a user may name with --encoding (WHATWG labels; `latin-1` means Windows-1252). */
const ENCODING_ALIASES: Record<string, string> = {
  'latin-1': 'latin1',
  'latin 1': 'latin1',
  cp1252: 'windows-1252',
  'cp-1252': 'windows-1252',
  ansi: 'windows-1252',
  'utf-16': 'utf-16le',
  'utf16': 'utf-16le',
  'utf-8-bom': 'utf-8',
  'utf-8-sig': 'utf-8',
};

export function checkEncodingName(name: string): string {
  const lower = name.trim().toLowerCase();
  const label = ENCODING_ALIASES[lower] ?? lower;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new UsageError(
      `unknown encoding '${name}'; use utf-8, utf-16le, utf-16be, windows-1252 (latin-1), iso-8859-15, iso-8859-13, …`,
    );
  }
}

async function readHead(path: string, gzip: boolean, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const raw = createReadStream(path, gzip ? {} : { end: bytes - 1 });
  const stream: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      chunks.push(buf);
      total += buf.length;
      if (total >= bytes) break;
    }
  } catch (err) {
    // A truncated gzip still gives its first bytes; anything else is worth reporting.
    if (chunks.length === 0) throw err;
  } finally {
    raw.destroy();
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

/** UTF-8 validity of a prefix that may end inside a multi-byte character. */
function isUtf8Prefix(buf: Buffer, complete: boolean): boolean {
  if (complete) return isUtf8(buf);
  for (let cut = 0; cut <= 3 && cut < buf.length; cut++) {
    if (isUtf8(buf.subarray(0, buf.length - cut))) return true;
  }
  return buf.length === 0;
}

export interface DetectedEncoding {
  readonly encoding: string;
  readonly reason: string;
  /** Whether the engine can read the bytes as they are (UTF-8, with or without BOM). */
  readonly native: boolean;
}

/** Decides the encoding from the first bytes. Pure; exported for tests. */
export function detectEncoding(head: Buffer, complete: boolean): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', reason: 'byte order mark', native: true };
  }
  if (head[0] === 0xff && head[1] === 0xfe) {
    return { encoding: 'utf-16le', reason: 'byte order mark', native: false };
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    return { encoding: 'utf-16be', reason: 'byte order mark', native: false };
  }
  const probe = head.subarray(0, Math.min(head.length, 4096));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < probe.length; i++) if (probe[i] === 0) i % 2 === 0 ? evenZeros++ : oddZeros++;
  if (probe.length >= 8 && oddZeros > probe.length / 4 && evenZeros === 0) {
    return { encoding: 'utf-16le', reason: 'zero bytes in every second place, no byte order mark', native: false };
  }
  if (probe.length >= 8 && evenZeros > probe.length / 4 && oddZeros === 0) {
    return { encoding: 'utf-16be', reason: 'zero bytes in every second place, no byte order mark', native: false };
  }
  const scope = complete ? 'the whole file' : `the first ${Math.round(head.length / 1024)} KB`;
  if (isUtf8Prefix(head, complete)) {
    return { encoding: 'utf-8', reason: `valid UTF-8 in ${scope}`, native: true };
  }
  return {
    encoding: 'windows-1252',
    reason: `not valid UTF-8 in ${scope}; read as Windows-1252 (Latin-1); pass --encoding to override`,
    native: false,
  };
}

async function spoolStdin(temp: TempDir): Promise<string> {
  const path = await temp.file('stdin');
  await pipeline(process.stdin, createWriteStream(path));
  return path;
}

async function transcode(path: string, gzip: boolean, encoding: string, out: string): Promise<void> {
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
  const input = createReadStream(path);
  if (gzip) await pipeline(input, createGunzip(), decode, createWriteStream(out));
  else await pipeline(input, decode, createWriteStream(out));
}

export async function openSource(arg: string, temp: TempDir, encodingOption?: string): Promise<Source> {
  const display = arg === '-' ? '<stdin>' : arg;
  let path = arg;
  if (arg === '-') {
    path = await spoolStdin(temp);
  } else {
    const stat = await fs.stat(arg).catch(() => undefined);
    if (!stat) throw new UsageError(`${arg}: no such file`);
    if (stat.isDirectory()) throw new UsageError(`${arg}: is a directory; give the export file`);
  }
  const bytes = (await fs.stat(path)).size;
  if (bytes === 0) throw new DataError(`${display}: the file is empty`);
  const magic = await readHead(path, false, 2);
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const head = await readHead(path, gzip, SAMPLE_BYTES);
  const complete = !gzip && bytes <= SAMPLE_BYTES;

  let detected: DetectedEncoding;
  if (encodingOption !== undefined) {
    const name = checkEncodingName(encodingOption);
    detected = { encoding: name, reason: 'option --encoding', native: name === 'utf-8' };
  } else {
    detected = detectEncoding(head, complete);
  }

  let readPath = path;
  let text: string;
  if (detected.native) {
    text = new TextDecoder('utf-8').decode(head);
  } else {
    readPath = await temp.file('utf8.csv');
    await transcode(path, gzip, detected.encoding, readPath);
    text = new TextDecoder(detected.encoding).decode(head);
  }
  return {
    arg,
    display,
    readPath,
    gzip: gzip && detected.native,
    compressed: gzip,
    encoding: detected.encoding,
    encodingReason: detected.reason,
    head: text,
    bytes,
  };
}
