/** The per-customer summary in DuckDB: one query over the combined transactions, in the window, returned as columns (what the analyses read). */
import type { Db, Row } from './duckdb.js';
import { lit } from './sql.js';
import type { SummaryColumns, SummaryColumnsResult, SummaryQuery } from './contract.js';
import { SUMMARY_KINDS, num, str, periodSql } from './duckdb-reader.js';

/**
 * The canonical columns the combined transactions hold: a summary over an input without names,
 * margins, quantities or due dates selects typed NULLs instead of aggregating NULLs.
 */
export type TxColumns = ReadonlySet<string>;

/**
 * Whether a customer's day is a purchase occasion: a positive net amount, or a net of zero with
 * goods (free goods, a $0.00 order): a positive quantity, or without a quantity that day, no
 * refund. A day of refunds only (net below zero) is none. The ClickHouse summary
 * (src/sources/clickhouse/clickhouse-source.ts) states the same rule. "No refund" is no row of a
 * negative amount (`neg_n`, an integer, is above 0 exactly on those): the same test as a zero
 * sum of `neg_amount`, without a DECIMAL sum per day (~10% of the summary's CPU at 2M lines).
 */
export const PURCHASE_DAY = (quantity: string): string =>
  `(sum(amount) > 0 OR (sum(amount) = 0 AND coalesce(${quantity} > 0, coalesce(max(neg_n), 0) = 0)))`;

/**
 * The period revenues' sum and sum of squares (the XYZ coefficient of variation), deterministic: a
 * period's revenue stays the DECIMAL(38,4) sum of its amounts, and both sums are DECIMAL (HUGEINT)
 * sums, the same whatever order DuckDB's parallel aggregation adds a customer's periods in, cast to
 * DOUBLE once at the end. A sum of DOUBLEs was not: two runs on the same 2M lines differed in the
 * last bit for ~4,000 customers, and a CV at a class limit could have flipped. The cast is exact
 * below 2^53 units of the last digit and may be one step off the correctly rounded value beyond
 * (ss at a period revenue of ~9,500), but always the same step: sending the sums as text for
 * Number() to round cost +32% of this statement at 2M (BENCHMARKS.md, "The summary's sums, exact").
 * Bounds: a period revenue or its square beyond 38 digits (revenue above 10^15) or a sum beyond
 * HUGEINT stops the statement with DuckDB's overflow error, never a wrong figure. The other sums
 * are exact already: DECIMAL or integer sums cast to DOUBLE at the end; orders per period are
 * integers, whose DOUBLE sums are exact below 2^53.
 */
export const EXACT_SUMS = 'sum(revenue)::DOUBLE AS s, sum(revenue * revenue)::DOUBLE AS ss';

/**
 * The summary statement. Each level reads the staged rows (an in-memory table) directly, with no
 * CTE over the rows: a CTE referenced twice is materialised with every column, which took 2/3 of
 * the summary's time at 10M line items. Days are folded into periods and periods into customers,
 * so purchase days and the first day's revenue come from the same two levels as the CV's sums;
 * orders are distinct (customer, reference) pairs, cheaper than count(DISTINCT) per customer.
 * A purchase day without a margin has NaN as its margin, not NULL, which arg_min would pass over;
 * without a margin column the first day's margin is NULL outright (two arg_min fewer: ~8% of the
 * statement's CPU at 2M lines).
 */
export function summarySql(q: SummaryQuery, has: TxColumns): string {
  const asOf = `DATE ${lit(q.asOf)}`;
  const inWindow = `customer IS NOT NULL AND date <= DATE ${lit(q.to)}${q.from ? ` AND date >= DATE ${lit(q.from)}` : ''}`;
  const p = periodSql('date', q.period);
  const margin = has.has('margin');
  const due = `pos_n > 0 AND due_date IS NOT NULL AND (paid_date IS NOT NULL OR due_date < ${asOf})`;
  // Punctuality: invoices (positive amounts) with a due date that were paid, or are overdue at the
  // as-of date (late by as-of − due). Credit notes are not paid by the customer.
  const punctuality = has.has('due_date')
    ? `coalesce(sum(pos_n) FILTER (WHERE ${due}), 0)::INTEGER AS due,
        coalesce(sum(pos_n) FILTER (WHERE ${due} AND paid_date IS NOT NULL AND paid_date <= due_date), 0)::INTEGER AS on_time,
        coalesce(sum(pos_n * greatest(datediff('day', due_date, coalesce(paid_date, ${asOf})), 0)) FILTER (WHERE ${due}), 0)::DOUBLE AS days_late`
    : '0 AS due, 0 AS on_time, 0::DOUBLE AS days_late';
  // Orders: distinct references of purchases; without an order column, each purchase row.
  const orders = `count(DISTINCT order_ref) FILTER (WHERE is_order) + coalesce(sum(n) FILTER (WHERE is_order AND order_ref IS NULL), 0)`;
  const periodOrders = q.periodOrders
    ? `, period_orders AS (SELECT customer, ${p} AS period, (${orders})::DOUBLE AS orders FROM tx WHERE ${inWindow} GROUP BY customer, period)`
    : '';
  return `
    WITH per_period AS (
      SELECT customer, ${p} AS period, sum(net) AS revenue,
        count(*) FILTER (WHERE bought) AS purchase_days,
        min(date) FILTER (WHERE bought) AS first_pos, max(date) FILTER (WHERE bought) AS last_pos,
        arg_min(net, date) FILTER (WHERE bought) AS first_net,
        ${margin ? 'arg_min(day_margin, date) FILTER (WHERE bought)' : 'NULL::DOUBLE'} AS first_margin
      FROM (SELECT customer, date, sum(amount) AS net,
        ${margin ? "coalesce(sum(margin)::DOUBLE, 'NaN'::DOUBLE) AS day_margin, " : ''}${PURCHASE_DAY(has.has('quantity') ? 'sum(quantity)' : 'NULL')} AS bought
        FROM tx WHERE ${inWindow} GROUP BY customer, date)
      GROUP BY customer, period)${periodOrders},
    periods AS (
      SELECT customer, count(*)::INTEGER AS active, ${EXACT_SUMS},
        ${q.periodOrders ? 'sum(orders) AS os, sum(orders * orders) AS oss' : 'NULL::DOUBLE AS os, NULL::DOUBLE AS oss'},
        sum(purchase_days)::INTEGER AS purchase_days, min(first_pos) AS first_pos, max(last_pos) AS last_pos,
        coalesce(arg_min(first_net, first_pos) FILTER (WHERE first_pos IS NOT NULL), 0)::DOUBLE AS first_day_revenue,
        ${margin ? '(arg_min(first_margin, first_pos) FILTER (WHERE first_pos IS NOT NULL))::DOUBLE' : 'NULL::DOUBLE'} AS first_day_margin
      FROM per_period${q.periodOrders ? ' LEFT JOIN period_orders USING (customer, period)' : ''} GROUP BY customer),
    refs AS (
      SELECT customer, count(*) AS refs
      FROM (SELECT DISTINCT customer, order_ref FROM tx WHERE ${inWindow} AND is_order AND order_ref IS NOT NULL)
      GROUP BY customer),
    base AS (
      SELECT customer, ${has.has('name') ? 'arg_max(name, date)' : 'NULL::VARCHAR'} AS name, min(date) AS first, max(date) AS last,
        coalesce(sum(n) FILTER (WHERE is_order AND order_ref IS NULL), 0) AS unreferenced_orders,
        sum(n)::INTEGER AS transactions,
        sum(amount)::DOUBLE AS revenue,
        coalesce(sum(neg_amount), 0)::DOUBLE AS refunds,
        ${margin ? 'sum(margin)::DOUBLE' : 'NULL::DOUBLE'} AS margin,
        ${has.has('quantity') ? 'sum(quantity)::DOUBLE' : 'NULL::DOUBLE'} AS quantity,
        ${punctuality}
      FROM tx WHERE ${inWindow} GROUP BY customer)
    SELECT customer, coalesce(name, customer) AS name,
      datediff('day', DATE '1970-01-01', first)::INTEGER AS first, datediff('day', DATE '1970-01-01', last)::INTEGER AS last,
      datediff('day', last, ${asOf})::INTEGER AS recency, datediff('day', first, ${asOf})::INTEGER AS tenure,
      ${periodSql('first', q.period)}::INTEGER AS first_period,
      (coalesce(refs, 0) + unreferenced_orders)::INTEGER AS orders,
      transactions, revenue, refunds, margin, quantity, active, s, ss, os, oss, due, on_time, days_late,
      purchase_days, first_day_revenue, first_day_margin,
      datediff('day', DATE '1970-01-01', coalesce(first_pos, first))::INTEGER AS first_purchase,
      datediff('day', DATE '1970-01-01', coalesce(last_pos, last))::INTEGER AS last_purchase
    FROM base JOIN periods USING (customer) LEFT JOIN refs USING (customer) ORDER BY customer`;
}

/** The combined transactions with a customer: their first and last dates, rows and amount. */
export interface KeyedTotals {
  readonly first: string | null;
  readonly last: string | null;
  readonly rows: number;
  readonly amount: number;
}

/**
 * The counts around the window, without a statement when they are known: a window to the last
 * date and from the first leaves nothing out (a 10-row run's most frequent case, issue 28).
 */
async function windowCounts(db: Db, q: SummaryQuery, known: KeyedTotals | undefined): Promise<Row | undefined> {
  if (known && known.last !== null && q.to === known.last && q.from === undefined) {
    return { after_n: 0, after_amount: 0, before_n: 0, before_amount: 0, total_n: known.rows, total_amount: known.amount, first: known.first, last: known.last };
  }
  const to = `DATE ${lit(q.to)}`;
  const from = q.from ? `DATE ${lit(q.from)}` : undefined;
  const [counts] = await db.all<Row>(
    `SELECT coalesce(sum(n) FILTER (WHERE date > ${to}), 0)::BIGINT AS after_n,
            coalesce(sum(amount) FILTER (WHERE date > ${to}), 0)::DOUBLE AS after_amount,
            coalesce(sum(n) FILTER (WHERE ${from ? `date < ${from}` : 'false'}), 0)::BIGINT AS before_n,
            coalesce(sum(amount) FILTER (WHERE ${from ? `date < ${from}` : 'false'}), 0)::DOUBLE AS before_amount,
            coalesce(sum(n), 0)::BIGINT AS total_n, coalesce(sum(amount), 0)::DOUBLE AS total_amount,
            min(date)::VARCHAR AS first, max(date)::VARCHAR AS last
     FROM tx WHERE customer IS NOT NULL`,
  );
  return counts;
}

/** `known`: the totals of the combined transactions with a customer, when the engine has them. */
export async function summaryColumns(db: Db, q: SummaryQuery, has: TxColumns, known?: KeyedTotals): Promise<SummaryColumnsResult> {
  const counts = await windowCounts(db, q, known);
  const { rows: n, columns: c } = await db.typed(summarySql(q, has), SUMMARY_KINDS);
  const int = (k: string): Int32Array => c[k] as Int32Array;
  const dbl = (k: string): Float64Array => c[k] as Float64Array;
  const nullable = (k: string): Float64Array | null => (dbl(k).some((v) => !Number.isNaN(v)) ? dbl(k) : null);
  const columns: SummaryColumns = {
    length: n,
    customer: c.customer as string[],
    name: c.name as string[],
    firstDay: int('first'),
    lastDay: int('last'),
    recencyDays: int('recency'),
    tenureDays: int('tenure'),
    firstPeriod: int('first_period'),
    orders: int('orders'),
    transactions: int('transactions'),
    revenue: dbl('revenue'),
    refunds: dbl('refunds'),
    margin: nullable('margin'),
    quantity: nullable('quantity'),
    activePeriods: int('active'),
    periodRevenueSum: dbl('s'),
    periodRevenueSumSq: dbl('ss'),
    periodOrdersSum: q.periodOrders ? dbl('os') : null,
    periodOrdersSumSq: q.periodOrders ? dbl('oss') : null,
    invoicesDue: int('due'),
    invoicesOnTime: int('on_time'),
    daysLateSum: dbl('days_late'),
    purchaseDays: int('purchase_days'),
    firstDayRevenue: dbl('first_day_revenue'),
    firstDayMargin: has.has('margin') ? dbl('first_day_margin') : null,
    firstPurchaseDay: int('first_purchase'),
    lastPurchaseDay: int('last_purchase'),
  };
  return {
    columns,
    earliestDate: str(counts?.first),
    latestDate: str(counts?.last),
    afterTo: { rows: num(counts?.after_n), amount: num(counts?.after_amount) },
    beforeFrom: { rows: num(counts?.before_n), amount: num(counts?.before_amount) },
    total: { rows: num(counts?.total_n), amount: num(counts?.total_amount) },
  };
}
