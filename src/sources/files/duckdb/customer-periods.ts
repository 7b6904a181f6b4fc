/**
 * Per customer and calendar period: net revenue and orders, for cohorts. Its own small query over
 * the combined transactions, with the summary's definitions: an order is a distinct order
 * reference of a purchase (a positive amount that is no credit note), or a purchase row without
 * one; revenue is net of refunds.
 */
import type { CohortPeriod, CustomerPeriodRow, PeriodActivityQuery } from './contract.js';
import type { Db } from './duckdb.js';
import { lit } from './sql.js';
import { periodSql } from './duckdb-reader.js';

export type { CohortPeriod, CustomerPeriodRow, PeriodActivityQuery };

/** Months and quarters numbered as the summary's periods (duckdb-reader.ts periodSql); years by the year. */
export function cohortPeriodSql(date: string, period: CohortPeriod): string {
  return period === 'year' ? `year(${date})` : periodSql(date, period);
}

export function customerPeriodsSql(q: PeriodActivityQuery): string {
  const window = `date <= DATE ${lit(q.to)}${q.from ? ` AND date >= DATE ${lit(q.from)}` : ''}`;
  const orders = `count(DISTINCT order_ref) FILTER (WHERE is_order) + coalesce(sum(n) FILTER (WHERE is_order AND order_ref IS NULL), 0)`;
  return `SELECT customer, ${cohortPeriodSql('date', q.period)}::INTEGER AS period, sum(amount)::DOUBLE AS revenue, (${orders})::INTEGER AS orders
    FROM tx WHERE customer IS NOT NULL AND ${window} GROUP BY customer, period ORDER BY customer, period`;
}

export async function customerPeriods(db: Db, q: PeriodActivityQuery): Promise<CustomerPeriodRow[]> {
  const c = await db.columns(customerPeriodsSql(q));
  const customer = (c.customer ?? []) as string[];
  const period = (c.period ?? []) as number[];
  const revenue = (c.revenue ?? []) as number[];
  const orders = (c.orders ?? []) as number[];
  return customer.map((key, i) => ({ customer: key, period: period[i]!, revenue: revenue[i]!, orders: orders[i]! }));
}
