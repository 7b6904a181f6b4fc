/**
 * The customer sheet as CSV (plain, or for Excel in a Nordic or German locale: `;`, decimal
 * comma, a UTF-8 byte order mark so that Excel reads UTF-8) and as an .xlsx workbook (exceljs,
 * streaming writer, loaded only when asked for).
 */
import { PassThrough } from 'node:stream';
import type { CustomerSheet, SheetValue } from '../analysis/customer-sheet.js';
import { csvCell } from './csv.js';

/** One CSV cell; for Excel, numbers with a decimal comma and text quoted where `;` would split it. */
function cell(v: SheetValue, excel: boolean): string {
  if (!excel) return csvCell(v);
  if (typeof v === 'number') return String(v).replace('.', ',');
  const s = csvCell(v);
  return s.startsWith('"') || !/;/.test(s) ? s : `"${s.replaceAll('"', '""')}"`;
}

export function customerSheetCsv(sheet: CustomerSheet, excel: boolean): string {
  const sep = excel ? ';' : ',';
  const lines = [sheet.columns.map((c) => c.key).join(sep), ...sheet.rows.map((r) => r.map((v) => cell(v, excel)).join(sep))];
  // CRLF and a BOM for Excel: what it writes itself, and how it tells UTF-8 from the ANSI code page.
  return excel ? `\uFEFF${lines.join('\r\n')}\r\n` : `${lines.join('\n')}\n`;
}

const NUMBER_FORMATS: Record<string, string> = { money: '#,##0.00', share: '0.0%', integer: '0', number: '0.00' };

/** Row i of the sheet as an object keyed by column (JSON, NDJSON, Parquet). */
export function customerSheetObject(sheet: CustomerSheet, i: number): Record<string, SheetValue> {
  const r = sheet.rows[i]!;
  return Object.fromEntries(sheet.columns.map((c, j) => [c.key, r[j] ?? null]));
}

export function* customerSheetObjects(sheet: CustomerSheet): Generator<Record<string, SheetValue>> {
  for (let i = 0; i < sheet.rows.length; i++) yield customerSheetObject(sheet, i);
}

/** Parquet column types by the columns' kinds. */
export function customerSheetParquetColumns(sheet: CustomerSheet): { name: string; type: 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'DATE' }[] {
  const types = { text: 'VARCHAR', money: 'DOUBLE', share: 'DOUBLE', number: 'DOUBLE', integer: 'BIGINT', date: 'DATE' } as const;
  return sheet.columns.map((c) => ({ name: c.key, type: types[c.kind] }));
}

/**
 * The sheet as an .xlsx workbook: one worksheet, a frozen bold header, numbers as numbers with
 * formats, dates as text (ISO, as in every other output). `created` fixes the document's dates
 * (the as-of date) so that they do not come from the clock.
 */
export async function customerSheetXlsx(sheet: CustomerSheet, created: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'segment';
  workbook.created = new Date(`${created}T00:00:00Z`);
  workbook.modified = workbook.created;
  const ws = workbook.addWorksheet('customers', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({
    header: c.key,
    key: c.key,
    width: c.key === 'name' || c.key === 'flags' ? 32 : c.key === 'segment' ? 20 : 12,
    ...(NUMBER_FORMATS[c.kind] ? { style: { numFmt: NUMBER_FORMATS[c.kind]! } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of sheet.rows) ws.addRow([...r]).commit();
  ws.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
