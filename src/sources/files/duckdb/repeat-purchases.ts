/**
 * Repeat purchases per day for the CLV tracking chart, in DuckDB: each customer's purchase days
 * (the summary's PURCHASE_DAY rule) in the window, the customers whose first one is on or before
 * `firstBy`, counted per day after that first day. The ClickHouse engine states the same query.
 */
import type { DayPurchases, RepeatPurchaseQuery } from './contract.js';
import type { Db } from './duckdb.js';
import { PURCHASE_DAY, type TxColumns } from './duckdb-summary.js';
import { lit } from './sql.js';

export function repeatPurchasesSql(q: RepeatPurchaseQuery, has: TxColumns): string {
  const inWindow = `customer IS NOT NULL AND date <= DATE ${lit(q.to)}${q.from ? ` AND date >= DATE ${lit(q.from)}` : ''}`;
  return `
    WITH days AS (
      SELECT customer, date FROM tx WHERE ${inWindow} GROUP BY customer, date
      HAVING ${PURCHASE_DAY(has.has('quantity') ? 'sum(quantity)' : 'NULL')}),
    firsts AS (SELECT customer, min(date) AS first FROM days GROUP BY customer)
    SELECT strftime(date, '%Y-%m-%d') AS date, count(*)::INTEGER AS purchases
    FROM days JOIN firsts USING (customer)
    WHERE first <= DATE ${lit(q.firstBy)} AND date > first
    GROUP BY date ORDER BY date`;
}

export async function repeatPurchasesByDay(db: Db, q: RepeatPurchaseQuery, has: TxColumns): Promise<DayPurchases[]> {
  const c = await db.columns(repeatPurchasesSql(q, has));
  const dates = (c.date ?? []) as string[];
  const purchases = (c.purchases ?? []) as number[];
  return dates.map((date, i) => ({ date, purchases: purchases[i]! }));
}
