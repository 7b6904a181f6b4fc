/** Each analysis command's view as rows (CSV, Parquet, workbooks): one row per customer, the JSON's customer with punctuality flattened. */
import type { Analysis, CustomerRow } from '../analyses/analysis.js';
import type { RowShape, RowTable } from './document.js';
import type { View } from './view-wording.js';
import { customerJson } from './view-json.js';

/** The rows of the view: the first `top` customers (all when undefined), with typed columns when the format types cells. */
export async function viewRows(view: View, a: Analysis, shape: RowShape): Promise<RowTable> {
  const { head, rows } = viewTable(view, a, shape.top);
  // The kinds come from the JSON schemas (zod): loaded only for the formats that type cells.
  const columns = shape.typed ? (await import('./output-columns.js')).outputColumns(view, head, rows) : head.map((name) => ({ name, kind: 'text' as const }));
  return { name: 'customers', columns, rows: rows.map((r) => head.map((h) => r[h])) };
}

/** The CSV output's columns and rows (also written as Parquet). */
export function viewTable(view: View, a: Analysis, top: number | undefined): { head: string[]; rows: Record<string, unknown>[] } {
  const rows = (top === undefined ? a.customers : a.customers.slice(0, top)).map((r) => {
    const json = customerJson(view, a, r) as Record<string, unknown>;
    if ('punctuality' in json) {
      const p = json.punctuality as { invoices: number; on_time_share: number; mean_days_late: number } | null;
      delete json.punctuality;
      json.invoices_due = p?.invoices ?? null;
      json.on_time_share = p?.on_time_share ?? null;
      json.mean_days_late = p?.mean_days_late ?? null;
    }
    return json;
  });
  const first = rows[0] ?? (customerJson(view, a, emptyRow) as Record<string, unknown>);
  const head = Object.keys(first).filter((k) => k !== 'punctuality');
  return { head, rows };
}

const emptyRow: CustomerRow = {
  key: '', name: '', firstDate: '', lastDate: '', tenureDays: 0, recencyDays: 0, orders: 0, transactions: 0, revenue: 0, refunds: 0, margin: null, marginRate: null, avgCheck: null, nonPositive: false, abcValue: 0, rank: 0, share: 0, cumulativeShare: 0, abcClass: 'C', periods: 0, cv: null, xyzClass: null, xyzReason: null, r: 0, f: null, m: 0, rfmScore: '', segment: '', pareto: null, contribution: null, belowBreakEven: null, punctuality: null,
};
