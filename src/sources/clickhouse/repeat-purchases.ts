/**
 * ClickHouse's side of the purchase-day rule and of the repeat purchases per day for the CLV
 * tracking chart (as src/sources/files/duckdb/repeat-purchases.ts in DuckDB).
 */
import { chDate } from './connection.js';

/**
 * A purchase occasion over a customer's day (d_net: the day's net, d_neg: its refunds, d_quantity
 * and d_quantity_n: its quantity and how many rows had one), as the DuckDB summary's PURCHASE_DAY:
 * a positive net, or a net of zero with a positive quantity (without a quantity that day: with no refund).
 * `ifNull(d_quantity > 0, 0)`, not `ifNull(d_quantity, 0) > 0`: ClickHouse 21 refuses a conditional of
 * a Decimal and a 0 ("Conditional function with Decimal and non Decimal").
 */
export const CH_BOUGHT = '(d_net > 0 OR (d_net = 0 AND if(d_quantity_n > 0, ifNull(d_quantity > 0, 0), d_neg = 0)))';

/**
 * Per day: the purchase days after each customer's first, of the customers whose first purchase
 * day (among the rows `where` picks) is on or before `firstBy`. Each customer's purchase days as
 * an array (no window function, which a Distributed table would run per shard).
 */
export function chRepeatPurchasesSql(from: string, where: string, f: { customer: string; date: string; amount: string; quantity: string }, firstBy: string): string {
  const a = f.amount;
  const day = `SELECT ${f.customer} AS d_customer, ${f.date} AS d_date, sum(${a}) AS d_net, sumIf(${a}, ${a} < 0) AS d_neg,
      sum(${f.quantity}) AS d_quantity, count(${f.quantity}) AS d_quantity_n
    FROM ${from} WHERE ${where} GROUP BY d_customer, d_date`;
  const customers = `SELECT d_customer, groupArray(toInt64(toUInt16(d_date))) AS r_days, min(toInt64(toUInt16(d_date))) AS r_first
    FROM (${day}) WHERE ${CH_BOUGHT} GROUP BY d_customer`;
  return `SELECT r_day, toInt64(count()) AS purchases FROM (
      SELECT arrayJoin(arrayFilter(x -> x > r_first, r_days)) AS r_day FROM (${customers})
      WHERE r_first <= toInt64(toUInt16(${chDate(firstBy)})))
    GROUP BY r_day ORDER BY r_day`;
}
