/**
 * Opening an input: stdin spooled to a file, gzip noticed, the encoding detected, and anything
 * that is not UTF-8 transcoded into a UTF-8 copy, so that the engine only ever reads UTF-8.
 */
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataError, UsageError } from '../../kernel/errors.js';
import type { TempDir } from '../../kernel/tempdir.js';

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
    // A gzip file damaged within its first megabyte is reported before its first lines are
    // taken for the whole file; one damaged later is found by checkGzip.
    if (chunks.length === 0 || gzip) throw err;
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

/**
 * What a file that is no CSV export is, from its first bytes: a PDF, a workbook, an image, a web
 * page, JSON, or binary data. Null for text. Pure; exported for tests.
 */
export function notCsv(head: Buffer): string | null {
  const starts = (bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46])) return 'a PDF document, not a CSV export; export the data as CSV instead';
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive or an Excel workbook (.xlsx): segment reads workbooks from a file, not from stdin; give the file name';
  if (starts([0xd0, 0xcf, 0x11, 0xe0])) return 'an old binary Excel workbook (.xls), which segment does not read; in Excel use File → Save As → Excel Workbook (.xlsx) or CSV UTF-8';
  if (starts([0x89, 0x50, 0x4e, 0x47]) || starts([0xff, 0xd8, 0xff]) || starts([0x47, 0x49, 0x46, 0x38])) return 'an image, not a CSV export';
  // UTF-16 text has a zero in every second byte: not binary (decided by detectEncoding).
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return null;
  const probe = head.subarray(0, Math.min(head.length, 4096));
  let zerosEven = 0;
  let zerosOdd = 0;
  let control = 0;
  for (let i = 0; i < probe.length; i++) {
    const b = probe[i]!;
    if (b === 0) i % 2 === 0 ? zerosEven++ : zerosOdd++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  const utf16 = probe.length >= 8 && ((zerosOdd > probe.length / 4 && zerosEven === 0) || (zerosEven > probe.length / 4 && zerosOdd === 0));
  if (utf16) return null;
  const text = probe.toString('latin1').replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart().slice(0, 200).toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<?xml')) {
    return 'a web page or XML, not a CSV export (a download that failed, or an error page?); download the export again';
  }
  if (/^(\{\s*"|\[\s*[{["\d])/.test(text)) return 'JSON, not a CSV export; export the data as CSV';
  const zeros = zerosEven + zerosOdd;
  if (probe.length > 0 && (zeros + control) / probe.length > 0.02) {
    const first = probe.indexOf(0) >= 0 ? probe.indexOf(0) : probe.findIndex((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
    const line = probe.subarray(0, first).toString('latin1').split('\n').length;
    return `binary data, not a text export (${zeros + control} control bytes in the first ${probe.length} bytes, the first on line ${line})`;
  }
  return null;
}

/**
 * Where a file that uses UTF-8 has a byte sequence that is not UTF-8 (a line pasted from another
 * system): the line, or null when the file is valid UTF-8 or uses no UTF-8 at all.
 */
export function mixedUtf8(head: Buffer): { line: number; byte: number } | null {
  let multibyte = 0;
  let firstBad = -1;
  for (let i = 0; i < head.length; ) {
    const b = head[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = n > 0 && i + n <= head.length;
    for (let k = 1; ok && k < n; k++) ok = (head[i + k]! & 0xc0) === 0x80;
    if (ok) {
      multibyte++;
      i += n;
    } else {
      // A sequence cut off by the end of the sample is not an error.
      if (n > 0 && i + n > head.length) break;
      if (firstBad < 0) firstBad = i;
      i++;
    }
  }
  if (firstBad < 0 || multibyte === 0) return null;
  return { line: head.subarray(0, firstBad).toString('latin1').split('\n').length, byte: head[firstBad]! };
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

/** The error for a gzip file that does not decompress to its end. */
function damagedGzip(display: string, err: unknown): DataError {
  const why = err instanceof Error ? err.message : String(err);
  return new DataError(`${display}: the gzip file is truncated or corrupt (${why}); its rows cannot all be read: copy or download it again, or check it with gunzip -t`);
}

/**
 * Decompresses a whole gzip file once and resolves when it is intact. DuckDB's reader stops
 * quietly where a truncated file ends, so the rows after the damage would be lost without a word.
 */
export async function checkGzip(path: string, display: string): Promise<void> {
  const sink = new Transform({ transform: (_chunk, _enc, done) => done() });
  try {
    await pipeline(createReadStream(path), createGunzip(), sink);
  } catch (err) {
    throw damagedGzip(display, err);
  }
}

async function spoolStdin(temp: TempDir): Promise<string> {
  const path = await temp.file('stdin');
  await pipeline(process.stdin, createWriteStream(path));
  return path;
}

/** Line ends that mix CRLF with LF, or CR CR LF: the CSV reader needs one kind. */
export function mixedNewlines(text: string): boolean {
  return /\r\r\n/.test(text) || (text.includes('\r\n') && /(^|[^\r])\n/.test(text));
}

/** A UTF-8 copy of the input, optionally with every run of CRs before an LF removed. */
async function transcode(path: string, gzip: boolean, encoding: string, out: string, normalizeNewlines = false): Promise<void> {
  const decoder = new TextDecoder(encoding);
  let pending = '';
  // CRs at the end of a chunk wait for the next one: they may precede its LF.
  const normalize = (text: string, last: boolean): string => {
    if (!normalizeNewlines) return text;
    let t = (pending + text).replace(/\r+\n/g, '\n');
    pending = '';
    if (!last) {
      const m = /\r+$/.exec(t);
      if (m) {
        pending = m[0];
        t = t.slice(0, m.index);
      }
    }
    return t;
  };
  const decode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(normalize(decoder.decode(chunk, { stream: true }), false), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(normalize(decoder.decode(), true), 'utf8'));
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
  let head: Buffer;
  try {
    head = await readHead(path, gzip, SAMPLE_BYTES);
  } catch (err) {
    if (gzip) throw damagedGzip(display, err);
    throw err;
  }
  const complete = !gzip && bytes <= SAMPLE_BYTES;
  const kind = notCsv(head);
  if (kind !== null) throw new DataError(`${display}: ${kind}`);

  let detected: DetectedEncoding;
  if (encodingOption !== undefined) {
    const name = checkEncodingName(encodingOption);
    detected = { encoding: name, reason: 'option --encoding', native: name === 'utf-8' };
  } else {
    detected = detectEncoding(head, complete);
    const mixed = detected.native ? null : mixedUtf8(head);
    if (mixed) {
      throw new DataError(
        `${display}: line ${mixed.line} has a byte (0x${mixed.byte.toString(16).toUpperCase()}) that is not UTF-8, while the file uses UTF-8 elsewhere: it mixes encodings; fix that line, or pass --encoding windows-1252 to read every byte as Latin-1`,
      );
    }
  }

  let readPath = path;
  let text = new TextDecoder(detected.native ? 'utf-8' : detected.encoding).decode(head);
  const mixed = mixedNewlines(text);
  if (!detected.native || mixed) {
    readPath = await temp.file('utf8.csv');
    try {
      await transcode(path, gzip, detected.native ? 'utf-8' : detected.encoding, readPath, mixed);
    } catch (err) {
      if (gzip && typeof (err as NodeJS.ErrnoException).code === 'string' && (err as NodeJS.ErrnoException).code!.startsWith('Z_')) throw damagedGzip(display, err);
      throw err;
    }
    if (mixed) text = text.replace(/\r+\n/g, '\n');
  }
  return {
    arg,
    display,
    readPath,
    gzip: gzip && detected.native && !mixed,
    compressed: gzip,
    encoding: detected.encoding,
    encodingReason: mixed ? `${detected.reason}; line ends mixed CRLF and LF, read as LF` : detected.reason,
    head: text,
    bytes,
  };
}
