/**
 * The CSV format: a header and one line per row, every cell by the one rule of src/kernel/csv-cell.ts
 * (formulas neutralised, numbers kept, separators quoted). With --excel: for Excel in a Nordic or
 * German locale, `;` between fields, decimal commas, CRLF and a UTF-8 byte order mark.
 */
import { csvCell } from '../kernel/csv-cell.js';
import type { Document, RowTable } from '../documents/document.js';
import { put, type FormatContext } from './context.js';

/** One CSV cell; for Excel, numbers with a decimal comma and text quoted where `;` would split it. */
function cell(v: unknown, excel: boolean): string {
  if (!excel) return csvCell(v);
  if (typeof v === 'number') return String(v).replace('.', ',');
  const s = csvCell(v);
  return s.startsWith('"') || !/;/.test(s) ? s : `"${s.replaceAll('"', '""')}"`;
}

export function* csvLines(table: RowTable, excel: boolean): Generator<string> {
  const sep = excel ? ';' : ',';
  // CRLF and a BOM for Excel: what it writes itself, and how it tells UTF-8 from the ANSI code page.
  const end = excel ? '\r\n' : '\n';
  let batch = `${excel ? '\uFEFF' : ''}${table.columns.map((c) => cell(c.name, excel)).join(sep)}${end}`;
  for (const row of table.rows) {
    batch += `${row.map((v) => cell(v, excel)).join(sep)}${end}`;
    if (batch.length >= 65_536) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}

export async function write(doc: Document, ctx: FormatContext): Promise<void> {
  return put(ctx.stdout, ctx.output, csvLines(await doc.rows!({ top: ctx.top, typed: false }), ctx.excel));
}
