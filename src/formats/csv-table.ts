/**
 * A result table as CSV, written by papaparse (`Papa.unparse`). A text cell that a spreadsheet
 * would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
 * leading `'`, as in ./csv.ts, unless it is a plain number, so that `-154.35` stays a number.
 */
import Papa from 'papaparse';

/** Formula starts, except plain numbers such as `-154.35` or `+45`. */
const FORMULA = /^(?![-+]?(\d[\d ,.]*)?\d(e[-+]?\d+)?$)[=+\-@\t\r]/i;

function plain(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
}

export function csvTable(head: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const data = rows.map((r) => head.map((h) => plain(r[h])));
  return `${Papa.unparse({ fields: [...head], data }, { escapeFormulae: FORMULA, newline: '\n' })}\n`;
}
