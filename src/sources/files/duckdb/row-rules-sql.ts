/**
 * SQL fragments of the row rules about money direction, bank summary lines and currency
 * conversion. Each is a pure function of column expressions, so that any statement that stages
 * rows (one pass or several) can use them as they are.
 */
import { lit } from './sql.js';

/**
 * 1 for an incoming flag, -1 for an outgoing one, NULL for anything else (rejected by its rule); an
 * empty flag is `blank` when the column holds one flag and blanks.
 */
export function directionSql(raw: string, incoming: readonly string[], outgoing: readonly string[], blank?: 'incoming' | 'outgoing'): string {
  const v = `lower(trim(${raw}))`;
  const empty = blank === undefined ? '' : `WHEN coalesce(${v}, '') = '' THEN ${blank === 'incoming' ? 1 : -1} `;
  return `(CASE ${empty}WHEN ${v} IN (${incoming.map(lit).join(', ')}) THEN 1 WHEN ${v} IN (${outgoing.map(lit).join(', ')}) THEN -1 END)::TINYINT`;
}

/** The amount with the flag's sign; the sign written in the amount is ignored. */
export function signedAmountSql(amount: string, direction: string): string {
  return `CASE WHEN ${direction} IS NULL THEN ${amount} ELSE abs(${amount}) * ${direction} END`;
}

/** Whether any of the raw columns holds nothing but a summary label (see ../ingest/summary-rows.ts). */
export function summaryRowSql(raws: readonly string[], pattern: string): string {
  if (raws.length === 0) return 'false';
  // Labels are short: the length test spares the regular expression on most values.
  return raws.map((c) => `coalesce(length(${c}) <= 48 AND regexp_matches(${c}, ${lit(pattern)}), false)`).join(' OR ');
}

export interface RateSpec {
  readonly currency: string;
  /** ISO date from which the rate applies; null: always. */
  readonly from: string | null;
  readonly rate: number;
}

/**
 * The rate that converts an amount in `currency` on `date` into the reporting currency: 1 for the
 * reporting currency itself, the latest rate dated on or before the date (or the undated one), and
 * NULL when there is none (the row is rejected by its rule).
 */
export function rateSql(currency: string, date: string, reporting: string, rates: readonly RateSpec[]): string {
  const branches: string[] = [`WHEN ${currency} IS NULL OR ${currency} = ${lit(reporting)} THEN 1`];
  const sorted = [...rates].sort((a, b) => a.currency.localeCompare(b.currency) || (b.from ?? '').localeCompare(a.from ?? ''));
  for (const r of sorted) {
    const when = r.from === null ? `${currency} = ${lit(r.currency)}` : `${currency} = ${lit(r.currency)} AND ${date} >= DATE ${lit(r.from)}`;
    branches.push(`WHEN ${when} THEN ${r.rate}`);
  }
  return `(CASE ${branches.join(' ')} END)::DOUBLE`;
}
