/**
 * The engine interface: everything that touches transaction rows goes through it. The in-process
 * DuckDB engine implements it; a distributed engine must produce the same staged accounting and
 * the same per-customer summary from the same declarative plans, and nothing else.
 */
import type { DateOrder, DateShapes, DecimalStyle, Dialect, FieldName, NumberShapes } from './conventions.js';
import type { RateSpec } from './row-rules-sql.js';
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

export interface EngineSettings {
  readonly tempDir: string;
  readonly memoryLimit?: string;
  readonly threads?: number;
  /** Track the running query's progress (for the progress line on a terminal). */
  readonly progress?: boolean;
}

/** One input as the engine reads it: a UTF-8 file (maybe gzipped) and its dialect. */
export interface InputReader {
  readonly id: number;
  readonly display: string;
  readonly path: string;
  readonly gzip: boolean;
  readonly dialect: Dialect;
}

/** How a column's values are read. */
export type ValueReading =
  | { readonly as: 'key' }
  | { readonly as: 'text' }
  | { readonly as: 'counterparty'; readonly pattern?: string }
  | { readonly as: 'number'; readonly style: DecimalStyle }
  | { readonly as: 'date'; readonly order: DateOrder }
  | { readonly as: 'currency' }
  /** The currency code written into an amount, as in `1.234,56 DKK`. */
  | { readonly as: 'code' }
  /** A debit/credit flag: 1 for the incoming values, -1 for the outgoing ones (lower case), else NULL. */
  /** `blank`: what an empty flag means, when the column holds one flag and blanks (John Lewis: `CR` or nothing). */
  | { readonly as: 'direction'; readonly incoming: readonly string[]; readonly outgoing: readonly string[]; readonly blank?: 'incoming' | 'outgoing' };

export interface FieldReading {
  readonly field: FieldName;
  readonly index: number;
  readonly reading: ValueReading;
  /**
   * The CSV reader types the column itself (fastest): for decimal-point numbers and ISO dates
   * whose sampled values all took the cast. A later value that does not is rejected by the
   * reader, with its line; it is never reinterpreted.
   */
  readonly typed?: boolean;
}

/** Which shapes to count in a column: number or date shapes, or only distinct and top values. */
export interface ProfileRequest {
  readonly index: number;
  /** number, date: count value shapes; currency: count codes; name: count names; plain: neither. */
  readonly as: 'number' | 'date' | 'currency' | 'name' | 'plain';
}

/** Shape counts of one column, for deciding its convention. */
export interface ColumnProfile {
  readonly index: number;
  readonly nonEmpty: number;
  readonly distinct: number;
  /** Values the CSV reader itself could type (a plain decimal point number, an ISO date). */
  readonly castable: number;
  readonly number: NumberShapes & {
    /** Currency codes or symbols written into the values, as in `1.234,56 DKK`. */
    readonly codes: readonly string[];
    /** Values written as negative (`-12,50`, `(12.50)`, `12.50-`): how a signed amount column shows itself. */
    readonly negative?: number;
  };
  readonly date: DateShapes;
  /** Values of three letters (currency codes). */
  readonly currencyLike: number;
  /** Values with a word in them that are no account number (names of people and firms). */
  readonly nameLike: number;
  /** Name requests: the mean length of the values, and how many hold a run of 4+ digits (ids, dates, references). */
  readonly meanLength?: number;
  readonly digitRuns?: number;
  /** The most frequent values; `count` is exact when the column has few distinct values (≤ 12), else 0. */
  readonly topValues: readonly { value: string; count: number }[];
}

export interface InputProfile {
  readonly rows: number;
  /** True when the profile saw every row (the sample limit was not reached). */
  readonly complete: boolean;
  readonly columns: readonly ColumnProfile[];
  /** Per column: distinct values per customer among customers with two or more rows. */
  readonly perCustomerVariation: ReadonlyMap<number, number>;
}

/** Rules that give each row its fate, in order; the first that matches decides. */
export type RowRule =
  | { readonly rule: 'malformed' }
  | { readonly rule: 'pending'; readonly fields: readonly FieldName[] }
  /** A bank's own summary line (opening balance, turnover): the raw columns, and the RE2 pattern of the labels. */
  | { readonly rule: 'summary'; readonly indices: readonly number[]; readonly pattern: string }
  | { readonly rule: 'stage'; readonly index: number; readonly won: readonly string[] }
  | { readonly rule: 'void'; readonly field: FieldName; readonly pattern: string }
  | { readonly rule: 'empty'; readonly field: FieldName }
  | { readonly rule: 'invalid'; readonly field: FieldName }
  | { readonly rule: 'currency'; readonly keep: string }
  /** No exchange rate for the row's currency on its date (with a conversion). */
  | { readonly rule: 'norate' }
  | { readonly rule: 'outgoing' }
  | { readonly rule: 'zero' }
  | { readonly rule: 'unattributed' };

export interface StagePlan {
  readonly fields: readonly FieldReading[];
  readonly rules: readonly RowRule[];
  /** Order references like `C536379` (with numeric ones besides) are credit notes. */
  readonly cancellationPrefix: boolean;
  /** Columns kept as customer attributes. */
  readonly attributes: readonly { index: number; name: string }[];
  readonly bank: boolean;
  /**
   * Amounts (and margins) converted into the reporting currency: by the row's currency (or the
   * input's, without a currency column) and date. Rows without a rate match the `norate` rule.
   */
  readonly conversion?: { readonly reporting: string; readonly inputCurrency: string | null; readonly rates: readonly RateSpec[] };
  /**
   * Grouped: one stored row per customer, date, order and other keys (fast, small). Otherwise a
   * row per record, needed to match identical records across inputs and to count them.
   */
  readonly grouped: boolean;
}

export interface RuleCount {
  /** Index into StagePlan.rules; -1 for rows the reader itself could not split into fields. */
  readonly rule: number;
  readonly rows: number;
  readonly amount: number;
}

export interface MalformedRow {
  /** The reader's error type, such as `MISSING COLUMNS` or `UNQUOTED VALUE`. */
  readonly type: string;
  readonly line: number;
  readonly bytePosition: number;
  readonly error: string;
  readonly text: string;
}

/** Rows the reader refused because a typed column's value did not convert. */
export interface CastRejects {
  /** The column (index in the input). */
  readonly index: number;
  readonly rows: number;
  readonly examples: readonly { readonly bytePosition: number; readonly line: number; readonly value: string | null; readonly text: string }[];
}

export interface StageResult {
  readonly accepted: number;
  readonly used: number;
  readonly usedAmount: number;
  readonly byRule: readonly RuleCount[];
  readonly malformed: readonly MalformedRow[];
  readonly malformedCount: number;
  /** Rows the reader could not split, by its error type (e.g. `TOO MANY COLUMNS`). */
  readonly malformedByType: readonly { readonly type: string; readonly rows: number }[];
  readonly castRejects: readonly CastRejects[];
  /** Byte positions of every record the reader refused (malformed or not converted). */
  readonly refusedPositions: readonly number[];
  /** Rows kept that are identical to another row of the same file (customer, date, amount, order); not counted when grouped. */
  readonly identicalWithinFile: number | null;
  readonly currencies: readonly { currency: string; rows: number }[];
  /** Used rows with a negative amount (refunds, credit notes): netted, never orders. */
  readonly refunds: { readonly rows: number; readonly amount: number };
  readonly customers: number;
  readonly orders: number;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
}

/** A rejected row, found by its position among the reader's accepted records. */
export interface RejectedRecord {
  readonly ordinal: number;
  readonly rule: number;
  readonly fields: readonly (string | null)[];
}

export interface CombineResult {
  /** Rows dropped as identical to a row of an earlier input (customer, date, amount, order). */
  readonly crossInputDuplicates: readonly { input: number; rows: number; amount: number }[];
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

export interface TableRows {
  readonly rows: readonly { readonly key: string | null; readonly fields: readonly (string | null)[] }[];
  /** Rows the reader could not split into the header's fields. */
  readonly malformed: number;
  /** Byte positions of those rows, as the reader reports them (for their line numbers). */
  readonly refusedPositions?: readonly number[];
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

export interface Engine {
  readonly name: string;
  readonly version: string;
  /** The running query's progress in percent, or -1 when unknown (or not tracked). */
  progress(): number;
  /** Shape counts of the given columns over the first `limit` rows (all rows without a limit). */
  profile(input: InputReader, columns: readonly ProfileRequest[], customerIndex: number | undefined, limit: number | undefined): Promise<InputProfile>;
  stage(input: InputReader, plan: StagePlan): Promise<StageResult>;
  /** The first rows of each given rule, by position, with the raw value of the rule's column (reads the input again). */
  rejectedExamples(input: InputReader, plan: StagePlan, rules: readonly number[], perRule: number): Promise<{ rule: number; ordinal: number; value: string | null }[]>;
  /** Every row the reader refused: split into the wrong number of fields, or a value that did not convert. */
  malformedRows(input: number): Promise<(MalformedRow & { readonly index: number | null })[]>;
  /** Rows of the given rules with all their raw fields (reads the input again). */
  rejectedRecords(input: InputReader, plan: StagePlan, rules: readonly number[], limit: number): Promise<RejectedRecord[]>;
  combine(inputs: readonly number[]): Promise<CombineResult>;
  dateRange(): Promise<{ first: string | null; last: string | null }>;
  customerSummary(query: SummaryQuery): Promise<SummaryResult>;
  /** Per customer and calendar period: net revenue and orders (for cohorts). */
  customerPeriods(query: PeriodActivityQuery): Promise<CustomerPeriodRow[]>;
  /**
   * Per day with any: the purchase days (the summary's rule: a positive net, or a zero net with
   * goods) of the customers whose first purchase day is on or before `firstBy`, after that first
   * day (for the CLV tracking chart). Ordered by date.
   */
  repeatPurchasesByDay(query: RepeatPurchaseQuery): Promise<DayPurchases[]>;
  /** The same summary as columns (what the analyses read; cheaper for many customers). */
  customerColumns(query: SummaryQuery): Promise<SummaryColumnsResult>;
  /** Per customer, each attribute column's most frequent value (ties: the first in sort order). */
  customerAttributes(): Promise<Map<string, Map<string, string>>>;
  /** A small side table (a customers export, staff picks): every row, with its key read as keys are. */
  readTable(input: InputReader, keyIndex: number): Promise<TableRows>;
  /** Net revenue per period in the window: of all customers, and of the customers in `keys`. */
  revenueByPeriod(query: PeriodRevenueQuery, keys: readonly string[]): Promise<PeriodRevenue[]>;
  /** The combined transactions as CSV rows for `segment load`, each tagged by its input (embedded engine only). */
  exportTransactions?(path: string, tags: readonly string[], currency?: string | null): Promise<number>;
  close(): void;
}
