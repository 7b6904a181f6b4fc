/**
 * The .xlsx format (exceljs, streaming writer, loaded only when asked for): one worksheet named by
 * the rows, a frozen bold header, numbers as numbers with formats by the column's kind, dates as
 * text (ISO, as in every other output). The document's date (the as-of date) fixes the workbook's
 * dates, so that they do not come from the clock.
 */
import { PassThrough } from 'node:stream';
import type { ColumnKind, Document, RowTable } from '../documents/document.js';
import { put, type FormatContext } from './context.js';

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = { money: '#,##0.00', share: '0.0%', integer: '0', number: '0.00' };

/** Wide enough for what the columns usually hold. */
function columnWidth(name: string): number {
  return name === 'name' || name === 'flags' ? 32 : name === 'segment' ? 20 : 12;
}

export async function workbook(table: RowTable, created: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  book.creator = 'segment';
  book.created = new Date(`${created}T00:00:00Z`);
  book.modified = book.created;
  const ws = book.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.kind];
    return { header: c.name, key: c.name, width: columnWidth(c.name), ...(numFmt ? { style: { numFmt } } : {}) };
  });
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of table.rows) ws.addRow(r.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))).commit();
  ws.commit();
  await book.commit();
  await done;
  return stampZipDates(Buffer.concat(chunks), created);
}

/**
 * Sets every entry's modification date in a zip archive (its local header and its central
 * directory record) to `date` at midnight: exceljs's zip writer stamps each part with the clock,
 * which no option of its reaches, and a workbook's bytes must not depend on when it was written.
 */
export function stampZipDates(zip: Buffer, date: string): Buffer {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const dosDate = ((year - 1980) << 9) | (month << 5) | day;
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip central directory entry ${i} not where it should be`);
    zip.writeUInt16LE(0, at + 12);
    zip.writeUInt16LE(dosDate, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip local header of entry ${i} not where it should be`);
    zip.writeUInt16LE(0, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

export async function write(doc: Document, ctx: FormatContext): Promise<void> {
  // A document without a date (no as-of) gets a fixed one: the bytes must not depend on the clock.
  return put(ctx.stdout, ctx.output, await workbook(await doc.rows!({ top: ctx.top, typed: true }), doc.date ?? '2000-01-01'));
}
