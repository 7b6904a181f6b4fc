/**
 * Physical line numbers for rejected rows. The engine knows a rejected row by its position among
 * the records it accepted; people need the line in the file. This walks the file once, counting
 * records as the CSV reader does (quoted fields may span lines, empty lines are no records, rows
 * the reader refused are passed over), and stops when every wanted record has its line.
 * It runs only when rows were rejected.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { Dialect } from './dialect.js';

export interface LineLookup {
  /** Lines of accepted records, by their 0-based position among accepted records. */
  readonly byOrdinal: Map<number, number>;
  /** Lines of records the reader refused, by the byte position it reported. */
  readonly byBytePosition: Map<number, number>;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

export async function findLines(
  path: string,
  gzip: boolean,
  dialect: Dialect,
  ordinals: readonly number[],
  refusedPositions: readonly number[],
): Promise<LineLookup> {
  const byOrdinal = new Map<number, number>();
  const byBytePosition = new Map<number, number>();
  if (ordinals.length === 0 && refusedPositions.length === 0) return { byOrdinal, byBytePosition };

  const wanted = new Set(ordinals);
  // Loops, not Math.max(...): a rejects file may ask for more lines than an argument list holds.
  const maxOrdinal = ordinals.reduce((m, o) => Math.max(m, o), -1);
  // The reader reports a refused row's position one past the start of its line.
  const refusedStarts = new Map<number, number>();
  for (const p of refusedPositions) refusedStarts.set(p - 1, p);
  const maxRefused = refusedPositions.reduce((m, p) => Math.max(m, p), -1);

  const firstDataLine = dialect.headerLine > 0 ? dialect.headerLine + 1 : dialect.skip + 1;
  const quoted = dialect.type === 'delimited' && dialect.quote === '"';
  const crOnly = dialect.newline === '\r';
  const whitespaceBlank = dialect.type === 'whitespace';

  let line = 1;
  let offset = 0;
  let inQuotes = false;
  let lineStart = 0;
  let lineHasContent = false;
  let recordStart = -1;
  let recordLine = 0;
  let ordinal = 0;

  const finishRecord = (): boolean => {
    if (recordStart < 0) return false;
    const refused = refusedStarts.get(recordStart);
    if (refused !== undefined) {
      byBytePosition.set(refused, recordLine);
    } else {
      if (wanted.has(ordinal)) byOrdinal.set(ordinal, recordLine);
      ordinal++;
    }
    recordStart = -1;
    return ordinal > maxOrdinal && recordLineDone();
  };
  const recordLineDone = (): boolean => offset > maxRefused;

  const raw = createReadStream(path);
  const stream: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      for (let i = 0; i < buf.length; i++, offset++) {
        const b = buf[i]!;
        const isNewline = crOnly ? b === CR : b === LF;
        if (isNewline && !inQuotes) {
          if (lineHasContent && line >= firstDataLine && recordStart < 0) {
            recordStart = lineStart;
            recordLine = line;
          }
          if (finishRecord()) return { byOrdinal, byBytePosition };
          line++;
          lineStart = offset + 1;
          lineHasContent = false;
          continue;
        }
        if (isNewline) {
          line++;
          continue;
        }
        if (b === CR && !crOnly) continue;
        if (!lineHasContent && !(whitespaceBlank && (b === SPACE || b === TAB))) {
          lineHasContent = true;
          if (line >= firstDataLine && recordStart < 0) {
            recordStart = lineStart;
            recordLine = line;
          }
        }
        if (quoted && b === QUOTE) inQuotes = !inQuotes;
      }
    }
    finishRecord();
  } finally {
    raw.destroy();
    stream.destroy();
  }
  return { byOrdinal, byBytePosition };
}
