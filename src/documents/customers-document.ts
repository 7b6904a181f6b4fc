/**
 * The Document of `segment customers`: one sheet, a row per customer with every figure (CSV,
 * workbooks, Parquet, JSON, NDJSON); for a terminal or Markdown, the top of the sheet in its main
 * columns (the sheet itself is too wide to read there).
 */
import type { CustomerSheet } from '../analyses/customer-sheet.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { customerSheetObject, customerSheetObjects, customerSheetRows } from './customer-sheet.js';
import type { Document } from './document.js';
import { formatInt, formatMoney, plural } from './format.js';
import { LazyRows } from './lazy-rows.js';

export interface CustomersResult {
  readonly sheet: CustomerSheet;
  readonly asOf: string;
  /** The --clv method, when the CLV columns are there. */
  readonly method: readonly string[];
  readonly warnings: readonly string[];
}

/** Rows listed in a table or Markdown when --top is not given. */
export const CUSTOMERS_TOP = 20;

/** The columns a table shows, when the sheet has them. */
const SHOWN = ['rank', 'customer', 'name', 'revenue', 'orders', 'abc_xyz', 'segment', 'group', 'clv'] as const;

function sheetBlocks(r: CustomersResult, top: number, markdown: boolean): Block[] {
  const { sheet } = r;
  const index = new Map(sheet.columns.map((c, i) => [c.key, i]));
  // The name column only where some customer has a name other than the key.
  const named = sheet.rows.some((row) => (row[index.get('name') ?? -1] ?? '') !== '' && row[index.get('name') ?? -1] !== row[index.get('customer') ?? -1]);
  const shown = SHOWN.filter((k) => index.has(k) && (k !== 'name' || named));
  const cell = (k: string, v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return k === 'revenue' || k === 'clv' ? formatMoney(v) : formatInt(v);
    return k === 'customer' || k === 'name' ? data(String(v)) : String(v);
  };
  const rows = sheet.rows.slice(0, top).map((row) => shown.map((k) => cell(k, row[index.get(k)!])));
  const align = shown.map((k) => (k === 'rank' || k === 'revenue' || k === 'orders' || k === 'clv' ? 'right' : 'left') as 'left' | 'right');
  const blocks: Block[] = [
    heading(`Customers as of ${r.asOf}`, 1),
    paragraph(`${plural(sheet.rows.length, 'customer')}, ranked; every column of the sheet is in --format csv, xlsx, json, ndjson or parquet.`),
    table(shown, rows, align, sheet.rows.length - rows.length),
  ];
  if (r.method.length > 0) blocks.push(heading('Method'), list(r.method));
  if (markdown && r.warnings.length > 0) blocks.push(heading('Warnings'), list(r.warnings.map(data)));
  return blocks;
}

export function customersDocument(r: CustomersResult): Document {
  const { sheet } = r;
  const count = (top: number | undefined): number => Math.min(top ?? sheet.rows.length, sheet.rows.length);
  return {
    command: 'customers',
    title: 'Customers',
    date: r.asOf,
    blocks: (t) => sheetBlocks(r, t.top ?? CUSTOMERS_TOP, !t.terminal),
    json: (s) => ({ command: 'customers', as_of: r.asOf, method: [...r.method], warnings: [...r.warnings], customers: new LazyRows(count(s.top), (i) => customerSheetObject(sheet, i)) }),
    objects: (s) => (s.top === undefined ? customerSheetObjects(sheet) : Array.from({ length: count(s.top) }, (_, i) => customerSheetObject(sheet, i))),
    rows: (s) => {
      const table = customerSheetRows(sheet);
      return s.top === undefined ? table : { ...table, rows: sheet.rows.slice(0, s.top) };
    },
  };
}
