/**
 * Column names that look mis-decoded (`Datum zaúètování` is `Datum zaúčtování` in Windows-1250
 * read as Windows-1252). The bytes are recovered from the text as it was decoded and read again in
 * the code pages of Central and Eastern Europe and the Baltics; a code page is suggested only when
 * the header then maps more columns onto fields, so that the suggestion is checked, not guessed.
 */
import { mapColumns } from './mapping.js';

/** Code pages tried, most common first. */
const CANDIDATES = ['windows-1250', 'windows-1257', 'iso-8859-13', 'iso-8859-2', 'windows-1252'] as const;

let reverse1252: Map<string, number> | undefined;

/** The Windows-1252 bytes of a text decoded from them; undefined if a character is not in it. */
function bytes1252(text: string): Uint8Array | undefined {
  if (!reverse1252) {
    reverse1252 = new Map();
    const decoder = new TextDecoder('windows-1252');
    for (let b = 0; b < 256; b++) reverse1252.set(decoder.decode(new Uint8Array([b])), b);
  }
  const out: number[] = [];
  for (const ch of text) {
    const b = reverse1252.get(ch);
    if (b === undefined) return undefined;
    out.push(b);
  }
  return new Uint8Array(out);
}

export interface EncodingHint {
  readonly encoding: string;
  /** The header as it reads in that encoding. */
  readonly columns: readonly string[];
  /** Fields the header maps onto: in the encoding used, and in the suggested one. */
  readonly mappedBefore: number;
  readonly mappedAfter: number;
  /** A column name as read, and as it reads in the suggested encoding. */
  readonly example: { readonly read: string; readonly meant: string };
}

/** The columns a header maps onto fields. */
function mappedColumns(headers: readonly string[]): Set<number> {
  try {
    const m = mapColumns(headers);
    return new Set([...Object.values(m.fields).map((f) => f.index), ...Object.values(m.ambiguous).flatMap((a) => a.map((f) => f.index))]);
  } catch {
    return new Set();
  }
}

/** A better code page for a header read as Windows-1252, or undefined. Pure. */
export function suggestEncoding(headers: readonly string[], encoding: string): EncodingHint | undefined {
  if (encoding !== 'windows-1252' || headers.every((h) => /^[\x20-\x7e]*$/.test(h))) return undefined;
  const raw = headers.map(bytes1252);
  if (raw.some((b) => b === undefined)) return undefined;
  const beforeSet = mappedColumns(headers);
  const before = beforeSet.size;
  let best: EncodingHint | undefined;
  for (const candidate of CANDIDATES) {
    if (candidate === encoding) continue;
    const decoder = new TextDecoder(candidate);
    const columns = raw.map((b) => decoder.decode(b));
    const afterSet = mappedColumns(columns);
    const after = afterSet.size;
    if (after > before && (!best || after > best.mappedAfter)) {
      // The example: a column recognised only in the suggested encoding.
      const i = [...afterSet].sort((a, b) => a - b).find((k) => !beforeSet.has(k) && headers[k] !== columns[k]) ?? headers.findIndex((h, k) => h !== columns[k]);
      best = { encoding: candidate, columns, mappedBefore: before, mappedAfter: after, example: { read: headers[i] ?? '', meant: columns[i] ?? '' } };
    }
  }
  return best;
}

/** The hint in words. */
export function describeEncodingHint(hint: EncodingHint): string {
  return `the column names look mis-decoded ('${hint.example.read}' reads '${hint.example.meant}' in ${hint.encoding}): pass --encoding ${hint.encoding}, with which ${hint.mappedAfter} columns are recognised instead of ${hint.mappedBefore}`;
}
