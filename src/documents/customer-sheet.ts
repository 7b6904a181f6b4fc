/**
 * The customer sheet as rows (CSV, with --excel for a Nordic or German Excel; Parquet; an .xlsx
 * workbook) and as objects (JSON, NDJSON): its columns' kinds type the Parquet columns and the
 * workbook's number formats.
 */
import type { CustomerSheet, SheetValue } from '../analyses/customer-sheet.js';
import type { RowTable } from './document.js';

export function customerSheetRows(sheet: CustomerSheet): RowTable {
  return { name: 'customers', columns: sheet.columns.map((c) => ({ name: c.key, kind: c.kind })), rows: sheet.rows };
}

/** Row i of the sheet as an object keyed by column (JSON, NDJSON, Parquet). */
export function customerSheetObject(sheet: CustomerSheet, i: number): Record<string, SheetValue> {
  const r = sheet.rows[i]!;
  return Object.fromEntries(sheet.columns.map((c, j) => [c.key, r[j] ?? null]));
}

export function* customerSheetObjects(sheet: CustomerSheet): Generator<Record<string, SheetValue>> {
  for (let i = 0; i < sheet.rows.length; i++) yield customerSheetObject(sheet, i);
}
