/**
 * What the analyses and the commands ask of the transactions once they are read: a source. The
 * files source (src/sources/files/, DuckDB over staged exports) and the ClickHouse source (a typed
 * table on a server) both give all of it; how rows got there (staging, profiling, rejects) is each
 * source's own business and no part of this contract.
 */
import type { COHORT_PERIODS, PERIODS } from '../parameter-values.js';

export type CohortPeriod = (typeof COHORT_PERIODS)[number];

export interface PeriodActivityQuery {
  /** The window, inclusive, as ISO dates; without `from` it starts with the data. */
  readonly from?: string;
  readonly to: string;
  readonly period: CohortPeriod;
}

/** Periods are numbered as in src/analyses/periods.ts: year × 12 + month − 1, year × 4 + quarter − 1, year. */
export interface CustomerPeriodRow {
  readonly customer: string;
  readonly period: number;
  readonly revenue: number;
  readonly orders: number;
}

export type Period = (typeof PERIODS)[number];

export interface SummaryQuery {
  /** The window, inclusive, as ISO dates; without `from` it starts with the data. */
  readonly from?: string;
  readonly to: string;
  /** The date recency and overdue invoices are measured from (on or after `to`). */
  readonly asOf: string;
  readonly period: Period;
  /**
   * Also count distinct orders per period (for XYZ by orders). Off by default: the distinct count
   * per customer and period is the costliest part of the summary.
   */
  readonly periodOrders?: boolean;
}

/** One row per customer, computed in the engine: the contract every engine must meet. */
export interface CustomerSummary {
  readonly customer: string;
  readonly name: string;
  readonly firstDate: string;
  readonly lastDate: string;
  /** Days from the last purchase to the as-of date. */
  readonly recencyDays: number;
  /** Days from the first purchase to the as-of date. */
  readonly tenureDays: number;
  /** The period (numbered as in src/analyses/periods.ts) of the first purchase. */
  readonly firstPeriod: number;
  /** Distinct order references of purchases (credit notes excluded); transactions without one. */
  readonly orders: number;
  readonly transactions: number;
  readonly revenue: number;
  /** Sum of negative amounts (refunds, credit notes), as a negative number or 0. */
  readonly refunds: number;
  readonly margin: number | null;
  readonly quantity: number | null;
  /** Periods with any transaction, from the customer's first period to the as-of period. */
  readonly activePeriods: number;
  /** Sum and sum of squares of per-period net revenue. */
  readonly periodRevenueSum: number;
  readonly periodRevenueSumSq: number;
  /** Sum and sum of squares of per-period order counts; null unless the query asked for them. */
  readonly periodOrdersSum: number | null;
  readonly periodOrdersSumSq: number | null;
  /** Invoices with a due date, and their punctuality. */
  readonly invoicesDue: number;
  readonly invoicesOnTime: number;
  readonly daysLateSum: number;
  /**
   * Distinct purchase days: days whose net amount (all the customer's rows of that day, same-day
   * purchases and refunds merged) is positive, or zero with goods (free goods, a $0.00 order: a
   * positive quantity, or without a quantity that day, no refund). Column `purchase_days`.
   */
  readonly purchaseDays: number;
  /** The net amount of the first purchase day (0 without one). Column `first_day_revenue`. */
  readonly firstDayRevenue: number;
  /**
   * The margin of the first purchase day (null without a margin that day). Column
   * `first_day_margin`; only the DuckDB engine gives it (for `clv --value margin`).
   */
  readonly firstDayMargin?: number | null;
  /**
   * The first and last purchase days (as purchaseDays counts them): a day of refunds only is no
   * purchase. The first and last dates when there is no purchase day.
   * Columns `first_purchase`, `last_purchase` (days since 1970-01-01).
   */
  readonly firstPurchaseDate: string;
  readonly lastPurchaseDate: string;
}

/**
 * The same summary as columns, one typed array per field, customer i at index i (in key order):
 * what the analyses read, so that no per-customer object is built for a customer not rendered.
 * Dates are days since 1970-01-01. Nullable numbers are NaN where a customer has none; a column is
 * null when no customer has a value (no margin, no quantity, no per-period orders asked for).
 */
export interface SummaryColumns {
  readonly length: number;
  readonly customer: readonly string[];
  /** The display name; the key where the input has none. */
  readonly name: readonly string[];
  readonly firstDay: Int32Array;
  readonly lastDay: Int32Array;
  readonly recencyDays: Int32Array;
  readonly tenureDays: Int32Array;
  readonly firstPeriod: Int32Array;
  readonly orders: Int32Array;
  readonly transactions: Int32Array;
  readonly revenue: Float64Array;
  readonly refunds: Float64Array;
  readonly margin: Float64Array | null;
  readonly quantity: Float64Array | null;
  readonly activePeriods: Int32Array;
  readonly periodRevenueSum: Float64Array;
  readonly periodRevenueSumSq: Float64Array;
  readonly periodOrdersSum: Float64Array | null;
  readonly periodOrdersSumSq: Float64Array | null;
  readonly invoicesDue: Int32Array;
  readonly invoicesOnTime: Int32Array;
  readonly daysLateSum: Float64Array;
  readonly purchaseDays: Int32Array;
  readonly firstDayRevenue: Float64Array;
  /** NaN where a customer has none; null or absent without margins. */
  readonly firstDayMargin?: Float64Array | null;
  readonly firstPurchaseDay: Int32Array;
  readonly lastPurchaseDay: Int32Array;
}

/** What the window leaves out and the data's dates, beside the summary. */
export interface SummaryTotals {
  readonly latestDate: string | null;
  readonly earliestDate: string | null;
  /** Rows left out by the window, with their amounts. */
  readonly afterTo: { rows: number; amount: number };
  readonly beforeFrom: { rows: number; amount: number };
  readonly total: { rows: number; amount: number };
}

export interface SummaryResult extends SummaryTotals {
  readonly customers: readonly CustomerSummary[];
}

export interface SummaryColumnsResult extends SummaryTotals {
  readonly columns: SummaryColumns;
}

export interface PeriodRevenueQuery {
  readonly from?: string;
  readonly to: string;
  readonly period: Period;
}

export interface PeriodRevenue {
  /** The period, numbered as in src/analyses/periods.ts. */
  readonly period: number;
  readonly all: number;
  readonly keys: number;
}

export interface RepeatPurchaseQuery {
  /** The window, inclusive, as ISO dates; without `from` it starts with the data. */
  readonly from?: string;
  readonly to: string;
  /** Only customers whose first purchase day in the window is on or before this date (the calibration's customers). */
  readonly firstBy: string;
}

/** A day's repeat purchases: purchase days, as the summary counts them, after each customer's first. */
export interface DayPurchases {
  readonly date: string;
  readonly purchases: number;
}

export interface Source {
  readonly name: string;
  readonly version: string;
  /** The running query's progress in percent, or -1 when unknown (or not tracked). */
  progress(): number;
  /** The first and last dates of the used rows; null without any. */
  dateRange(): Promise<{ first: string | null; last: string | null }>;
  customerSummary(query: SummaryQuery): Promise<SummaryResult>;
  /** The same summary as columns (what the analyses read; cheaper for many customers). */
  customerColumns(query: SummaryQuery): Promise<SummaryColumnsResult>;
  /** Per customer and calendar period: net revenue and orders (for cohorts). */
  customerPeriods(query: PeriodActivityQuery): Promise<CustomerPeriodRow[]>;
  /**
   * Per day with any: the purchase days (the summary's rule: a positive net, or a zero net with
   * goods) of the customers whose first purchase day is on or before `firstBy`, after that first
   * day (for the CLV tracking chart). Ordered by date.
   */
  repeatPurchasesByDay(query: RepeatPurchaseQuery): Promise<DayPurchases[]>;
  /** Per customer, each attribute column's most frequent value (ties: the first in sort order); empty where the source keeps none. */
  customerAttributes(): Promise<Map<string, Map<string, string>>>;
  /** Net revenue per period in the window: of all customers, and of the customers in `keys`. */
  revenueByPeriod(query: PeriodRevenueQuery, keys: readonly string[]): Promise<PeriodRevenue[]>;
  close(): void;
}
