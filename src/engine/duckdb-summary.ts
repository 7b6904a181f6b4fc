/** The per-customer summary in DuckDB: one query over the combined transactions, in the window, returned as columns (what the analyses read). */
import type { Db, Row } from './duckdb.js';
import { lit } from './sql.js';
import type { SummaryColumns, SummaryColumnsResult, SummaryQuery } from './contract.js';
import { SUMMARY_KINDS, num, str, periodSql } from './duckdb-reader.js';

export async function summaryColumns(db: Db, q: SummaryQuery): Promise<SummaryColumnsResult> {
  const asOf = `DATE ${lit(q.asOf)}`;
  const to = `DATE ${lit(q.to)}`;
  const from = q.from ? `DATE ${lit(q.from)}` : undefined;
  const inWindow = `date <= ${to}${from ? ` AND date >= ${from}` : ''}`;
  const [counts] = await db.all<Row>(
    `SELECT coalesce(sum(n) FILTER (WHERE date > ${to}), 0)::BIGINT AS after_n,
            coalesce(sum(amount) FILTER (WHERE date > ${to}), 0)::DOUBLE AS after_amount,
            coalesce(sum(n) FILTER (WHERE ${from ? `date < ${from}` : 'false'}), 0)::BIGINT AS before_n,
            coalesce(sum(amount) FILTER (WHERE ${from ? `date < ${from}` : 'false'}), 0)::DOUBLE AS before_amount,
            coalesce(sum(n), 0)::BIGINT AS total_n, coalesce(sum(amount), 0)::DOUBLE AS total_amount,
            min(date)::VARCHAR AS first, max(date)::VARCHAR AS last
     FROM tx WHERE customer IS NOT NULL`,
  );
  const p = periodSql('date', q.period);
  const due = `pos_n > 0 AND due_date IS NOT NULL AND (paid_date IS NOT NULL OR due_date < ${asOf})`;
  // Orders: distinct references of purchases; without an order column, each purchase row.
  const orders = `count(DISTINCT order_ref) FILTER (WHERE is_order) + coalesce(sum(n) FILTER (WHERE is_order AND order_ref IS NULL), 0)`;
  // Per-period sums come from the per-day sums (fewer rows; exact decimal sums either way), unless
  // orders per period are asked for, which need the order references.
  const perPeriod = q.periodOrders
    ? `SELECT customer, ${p} AS period, sum(amount)::DOUBLE AS revenue, (${orders})::DOUBLE AS orders FROM w GROUP BY customer, period`
    : `SELECT customer, ${p} AS period, sum(net)::DOUBLE AS revenue, NULL::DOUBLE AS orders FROM per_day GROUP BY customer, period`;
  const { rows: n, columns: c } = await db.typed(
    `
    WITH w AS (SELECT * FROM tx WHERE customer IS NOT NULL AND ${inWindow}),
    per_day AS (SELECT customer, date, sum(amount) AS net FROM w GROUP BY customer, date),
    days AS (
      SELECT customer, (count(*) FILTER (WHERE net > 0))::INTEGER AS purchase_days,
        coalesce(arg_min(net, date) FILTER (WHERE net > 0), 0)::DOUBLE AS first_day_revenue,
          min(date) FILTER (WHERE net > 0) AS first_pos, max(date) FILTER (WHERE net > 0) AS last_pos
      FROM per_day GROUP BY customer),
    per_period AS (${perPeriod}),
    periods AS (
      SELECT customer, count(*)::INTEGER AS active, sum(revenue) AS s, sum(revenue * revenue) AS ss,
             sum(orders) AS os, sum(orders * orders) AS oss
      FROM per_period GROUP BY customer),
    base AS (
      SELECT customer, arg_max(name, date) AS name, min(date) AS first, max(date) AS last,
        (${orders})::INTEGER AS orders,
        sum(n)::INTEGER AS transactions,
        sum(amount)::DOUBLE AS revenue,
        coalesce(sum(neg_amount), 0)::DOUBLE AS refunds,
        sum(margin)::DOUBLE AS margin,
        sum(quantity)::DOUBLE AS quantity,
        -- Punctuality: invoices (positive amounts) with a due date that were paid, or are overdue
        -- at the as-of date (late by as-of − due). Credit notes are not paid by the customer.
        coalesce(sum(pos_n) FILTER (WHERE ${due}), 0)::INTEGER AS due,
        coalesce(sum(pos_n) FILTER (WHERE ${due} AND paid_date IS NOT NULL AND paid_date <= due_date), 0)::INTEGER AS on_time,
        coalesce(sum(pos_n * greatest(datediff('day', due_date, coalesce(paid_date, ${asOf})), 0)) FILTER (WHERE ${due}), 0)::DOUBLE AS days_late
      FROM w GROUP BY customer)
    SELECT customer, coalesce(name, customer) AS name,
      datediff('day', DATE '1970-01-01', first)::INTEGER AS first, datediff('day', DATE '1970-01-01', last)::INTEGER AS last,
      datediff('day', last, ${asOf})::INTEGER AS recency, datediff('day', first, ${asOf})::INTEGER AS tenure,
      ${periodSql('first', q.period)}::INTEGER AS first_period,
      orders, transactions, revenue, refunds, margin, quantity, active, s, ss, os, oss, due, on_time, days_late,
      purchase_days, first_day_revenue,
        datediff('day', DATE '1970-01-01', coalesce(first_pos, first))::INTEGER AS first_purchase,
        datediff('day', DATE '1970-01-01', coalesce(last_pos, last))::INTEGER AS last_purchase
    FROM base JOIN periods USING (customer) JOIN days USING (customer) ORDER BY customer`,
    SUMMARY_KINDS,
  );
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
