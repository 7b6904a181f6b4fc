/**
 * The per-customer summary between its two shapes: columns (typed arrays, what the engine returns
 * and the analyses read) and one object per customer (the engine contract's CustomerSummary, for
 * callers that want rows and for tests that write summaries by hand).
 */
import type { CustomerSummary, SummaryColumns } from './source.js';

const DAY_MS = 86_400_000;
const EPOCH_DAY = Date.UTC(1970, 0, 1);

/** Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`). */
export function dayNumber(iso: string): number {
  return Math.round((Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) - EPOCH_DAY) / DAY_MS);
}

// Few distinct days (a few thousand) against many customers: each is formatted once.
const isoCache = new Map<number, string>();

/** The ISO date (`YYYY-MM-DD`) of a day number. */
export function isoDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(EPOCH_DAY + day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

const orNull = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v);

/** One object per customer, from the columns. */
export function summaryRows(c: SummaryColumns): CustomerSummary[] {
  const rows = new Array<CustomerSummary>(c.length);
  for (let i = 0; i < c.length; i++) {
    rows[i] = {
      customer: c.customer[i]!,
      name: c.name[i]!,
      firstDate: isoDay(c.firstDay[i]!),
      lastDate: isoDay(c.lastDay[i]!),
      recencyDays: c.recencyDays[i]!,
      tenureDays: c.tenureDays[i]!,
      firstPeriod: c.firstPeriod[i]!,
      orders: c.orders[i]!,
      transactions: c.transactions[i]!,
      revenue: c.revenue[i]!,
      refunds: c.refunds[i]!,
      margin: orNull(c.margin?.[i]),
      quantity: orNull(c.quantity?.[i]),
      activePeriods: c.activePeriods[i]!,
      periodRevenueSum: c.periodRevenueSum[i]!,
      periodRevenueSumSq: c.periodRevenueSumSq[i]!,
      periodOrdersSum: orNull(c.periodOrdersSum?.[i]),
      periodOrdersSumSq: orNull(c.periodOrdersSumSq?.[i]),
      invoicesDue: c.invoicesDue[i]!,
      invoicesOnTime: c.invoicesOnTime[i]!,
      daysLateSum: c.daysLateSum[i]!,
      purchaseDays: c.purchaseDays[i]!,
      firstDayRevenue: c.firstDayRevenue[i]!,
      firstDayMargin: orNull(c.firstDayMargin?.[i]),
      firstPurchaseDate: isoDay(c.firstPurchaseDay[i]!),
      lastPurchaseDate: isoDay(c.lastPurchaseDay[i]!),
    };
  }
  return rows;
}

/** A nullable numeric field as a column: null when no row has a value, NaN where one has none. */
function nullable(rows: readonly CustomerSummary[], get: (c: CustomerSummary) => number | null | undefined): Float64Array | null {
  if (!rows.some((c) => get(c) !== null && get(c) !== undefined)) return null;
  return Float64Array.from(rows, (c) => get(c) ?? NaN);
}

/** The columns of summaries given as objects (written by hand, or from another engine). */
export function summaryColumns(rows: readonly CustomerSummary[]): SummaryColumns {
  const int = (get: (c: CustomerSummary) => number | undefined): Int32Array => Int32Array.from(rows, (c) => get(c) ?? 0);
  const dbl = (get: (c: CustomerSummary) => number | undefined): Float64Array => Float64Array.from(rows, (c) => get(c) ?? 0);
  return {
    length: rows.length,
    customer: rows.map((c) => c.customer),
    name: rows.map((c) => c.name),
    firstDay: int((c) => dayNumber(c.firstDate)),
    lastDay: int((c) => dayNumber(c.lastDate)),
    recencyDays: int((c) => c.recencyDays),
    tenureDays: int((c) => c.tenureDays),
    firstPeriod: int((c) => c.firstPeriod),
    orders: int((c) => c.orders),
    transactions: int((c) => c.transactions),
    revenue: dbl((c) => c.revenue),
    refunds: dbl((c) => c.refunds),
    margin: nullable(rows, (c) => c.margin),
    quantity: nullable(rows, (c) => c.quantity),
    activePeriods: int((c) => c.activePeriods),
    periodRevenueSum: dbl((c) => c.periodRevenueSum),
    periodRevenueSumSq: dbl((c) => c.periodRevenueSumSq),
    periodOrdersSum: nullable(rows, (c) => c.periodOrdersSum),
    periodOrdersSumSq: nullable(rows, (c) => c.periodOrdersSumSq),
    invoicesDue: int((c) => c.invoicesDue),
    invoicesOnTime: int((c) => c.invoicesOnTime),
    daysLateSum: dbl((c) => c.daysLateSum),
    purchaseDays: int((c) => c.purchaseDays),
    firstDayRevenue: dbl((c) => c.firstDayRevenue),
    firstDayMargin: nullable(rows, (c) => c.firstDayMargin),
    // Summaries written by hand before these fields existed: the first and last dates.
    firstPurchaseDay: int((c) => dayNumber(c.firstPurchaseDate ?? c.firstDate)),
    lastPurchaseDay: int((c) => dayNumber(c.lastPurchaseDate ?? c.lastDate)),
  };
}
