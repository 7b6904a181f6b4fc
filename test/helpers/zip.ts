/**
 * Hand-made ZIP archives for hostile-workbook tests: entries stored or deflated as given, with
 * the sizes the test wants the directory to declare (a zip bomb may lie about them).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync, constants } from 'node:zlib';

export interface RawEntry {
  readonly name: string;
  /** The bytes as stored in the archive (deflated when `deflated`). */
  readonly data: Buffer | readonly Buffer[];
  readonly deflated: boolean;
  /** The uncompressed size the directory declares. */
  readonly size: number;
  readonly crc?: number;
}

export function deflated(name: string, text: string | Buffer): RawEntry {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { name, data: deflateRawSync(buf), deflated: true, size: buf.length, crc: crc32(buf) };
}

/**
 * Deflate data for `megabytes` MB of zeros, made by repeating one flushed block: a few KB per GB.
 */
export function zeroBomb(megabytes: number): Buffer[] {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
  const parts: Buffer[] = Array.from({ length: megabytes }, () => block);
  parts.push(Buffer.from([0x03, 0x00]));
  return parts;
}

export function writeZip(path: string, entries: readonly RawEntry[]): void {
  const fd = openSync(path, 'w');
  let offset = 0;
  const central: Buffer[] = [];
  const put = (b: Buffer): void => {
    writeSync(fd, b);
    offset += b.length;
  };
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const parts = Buffer.isBuffer(e.data) ? [e.data] : e.data;
    const compressed = parts.reduce((s, p) => s + p.length, 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflated ? 8 : 0, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const at = offset;
    put(local);
    put(name);
    for (const p of parts) put(p);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(e.deflated ? 8 : 0, 10);
    dir.writeUInt32LE(e.crc ?? 0, 16);
    dir.writeUInt32LE(compressed, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(at, 42);
    central.push(dir, name);
  }
  const dirStart = offset;
  for (const c of central) put(c);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - dirStart, 12);
  end.writeUInt32LE(dirStart, 16);
  put(end);
  closeSync(fd);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

export function workbookXml(sheets: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>`;
}

/** A minimal one-sheet workbook around the given sheet XML entry (or a hostile stand-in for it). */
export function oneSheetWorkbook(path: string, sheet: RawEntry): void {
  writeZip(path, [
    deflated('[Content_Types].xml', CONTENT_TYPES),
    deflated('_rels/.rels', RELS),
    deflated('xl/workbook.xml', workbookXml('<sheet name="Data" sheetId="1" r:id="rId1"/>')),
    deflated('xl/_rels/workbook.xml.rels', WB_RELS),
    sheet,
  ]);
}

/** A sheet of `rows` invoices with inline strings and numbers, built as text (fast). */
export function millionRowSheet(rows: number): RawEntry {
  const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const cell = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const chunks: string[] = [head, `<row r="1">${cell('A1', 'customer_id')}${cell('B1', 'date')}${cell('C1', 'amount')}</row>`];
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    const date = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    chunks.push(`<row r="${r}">${cell(`A${r}`, `K${i % 50_000}`)}${cell(`B${r}`, date)}<c r="C${r}"><v>${10 + (i % 997) + 0.5}</v></c></row>`);
  }
  chunks.push('</sheetData></worksheet>');
  return deflated('xl/worksheets/sheet1.xml', Buffer.from(chunks.join(''), 'utf8'));
}

/** A copy of the archive at `from` with its entries stored in the order `order` gives their names. */
export async function reorderZip(from: string, to: string, order: (names: string[]) => string[]): Promise<void> {
  const { readZipDirectory, entryChunks } = await import('../../src/sources/files/zip.js');
  const entries = new Map((await readZipDirectory(from)).map((e) => [e.name, e]));
  const copies: RawEntry[] = [];
  for (const name of order([...entries.keys()])) {
    const chunks: Buffer[] = [];
    for await (const c of entryChunks(from, entries.get(name)!, Infinity)) chunks.push(c);
    copies.push(deflated(name, Buffer.concat(chunks)));
  }
  writeZip(to, copies);
}
