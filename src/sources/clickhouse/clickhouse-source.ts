/**
 * The source over a typed ClickHouse table (MergeTree or Distributed) or a read-only SELECT: the
 * per-customer summary and the row accounting are computed in ClickHouse; one row per customer
 * comes back. It is a whole Source (src/sources/source.ts), as the files source is; what reads
 * export files (profiling, staging, rejected lines, side tables) is the files side's alone: side
 * files given beside --engine clickhouse are read there (src/sources/files/side-files.ts).
 *
 * The SQL keeps to what ClickHouse 18.16 has: no CTEs and one JOIN per SELECT, so the summary is
 * three nested GROUP BYs (customer and day → customer and period → customer) over one scan.
 */
import { randomUUID } from 'node:crypto';
import { chDate, chIdent, type ClickHouseConnection } from './connection.js';
import { chString } from './names.js';
import { ZERO_WIDTH_CHARS } from '../files/duckdb/sql.js';
import { CH_BOUGHT, chRepeatPurchasesSql } from './repeat-purchases.js';
import type { CohortPeriod, CustomerPeriodRow, DayPurchases, Period, PeriodActivityQuery, PeriodRevenue, PeriodRevenueQuery, RepeatPurchaseQuery, Source, SummaryColumnsResult, SummaryQuery, SummaryResult } from '../source.js';
import { dayNumber, isoDay, summaryColumns, summaryRows } from '../summary-columns.js';

/** Which source column holds each field (checked names); optional ones may be missing. */
export interface ClickHouseColumns {
  readonly customer: string;
  readonly date: string;
  readonly amount: string;
  readonly name?: string;
  readonly order?: string;
  /** A 0/1 column that marks purchases (written by `segment load`); else amount > 0 is one. */
  readonly isOrder?: string;
  readonly margin?: string;
  readonly cost?: string;
  readonly quantity?: string;
  readonly dueDate?: string;
  readonly paidDate?: string;
  readonly currency?: string;
}

/** A table name (checked) or a read-only SELECT. */
export type ClickHouseRelation = { readonly table: string } | { readonly query: string };

/** The accounting of the source's rows, by the rules a typed table can have. */
export interface ClickHouseAccounting {
  readonly read: number;
  readonly emptyDate: number;
  readonly emptyAmount: number;
  readonly unattributed: { readonly rows: number; readonly amount: number };
  readonly used: number;
  readonly usedAmount: number;
  readonly customers: number;
  readonly orders: number;
  readonly refunds: { readonly rows: number; readonly amount: number };
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  /** Used rows per currency code, most first. */
  readonly currencies: readonly { currency: string; rows: number }[];
}

type Row = Record<string, string | number | null>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * A customer key as the embedded engine reads it (./sql.ts `seg_key`): beyond ASCII, without
 * zero-width characters and in Unicode NFC; empty is none. A server before 21.11 has no NFC
 * function: keys loaded by `segment load` are NFC already (README, "ClickHouse").
 */
function chKey(s: string, nfc: boolean): string {
  const stripped = `replaceRegexpAll(${s}, ${chString(ZERO_WIDTH_CHARS)}, '')`;
  const beyondAscii = nfc ? `if(length(${s}) = lengthUTF8(${s}) OR NOT isValidUTF8(${s}), ${s}, normalizeUTF8NFC(${stripped}))` : `if(length(${s}) = lengthUTF8(${s}), ${s}, ${stripped})`;
  return `nullIf(${beyondAscii}, '')`;
}

export class ClickHouseSource implements Source {
  readonly name = 'clickhouse';
  version = '';
  /** Whether the server has normalizeUTF8NFC (21.11 and later). */
  private nfc = false;

  constructor(
    private readonly db: ClickHouseConnection,
    private readonly relation: ClickHouseRelation,
    private readonly cols: ClickHouseColumns,
  ) {}

  private from(): string {
    return 'table' in this.relation ? chIdent(this.relation.table) : `(${this.relation.query})`;
  }

  private c(name: string | undefined): string {
    return name === undefined ? 'NULL' : chIdent(name);
  }

  /**
   * Each field as an expression over the source's own columns. Every query reads the source in the
   * SELECT that aggregates first, with no subquery between: on a Distributed table ClickHouse runs
   * that level on the shards, so they send partial aggregates (per customer and day), not rows.
   */
  private fields(): Fields {
    const k = this.cols;
    const amount = `toDecimal64(${this.c(k.amount)}, 4)`;
    return {
      customer: chKey(`toString(${this.c(k.customer)})`, this.nfc),
      name: k.name ? `nullIf(toString(${this.c(k.name)}), '')` : 'NULL',
      date: `toDate(${this.c(k.date)})`,
      amount,
      order: k.order ? `nullIf(toString(${this.c(k.order)}), '')` : 'CAST(NULL AS Nullable(String))',
      isOrder: k.isOrder ? `toUInt8(${this.c(k.isOrder)})` : `toUInt8(${amount} > 0)`,
      margin: k.margin ? `toDecimal64(${this.c(k.margin)}, 4)` : k.cost ? `(${amount} - toDecimal64(${this.c(k.cost)}, 4))` : 'NULL',
      quantity: k.quantity ? `toDecimal64(${this.c(k.quantity)}, 4)` : 'NULL',
      due: k.dueDate ? `toDate(${this.c(k.dueDate)})` : 'CAST(NULL AS Nullable(Date))',
      paid: k.paidDate ? `toDate(${this.c(k.paidDate)})` : 'CAST(NULL AS Nullable(Date))',
      currency: k.currency ? `nullIf(toString(${this.c(k.currency)}), '')` : 'CAST(NULL AS Nullable(String))',
    };
  }

  /** Used rows: a date, an amount and a customer (the rules of a typed table), and `where`. */
  private used(where = ''): string {
    const f = this.fields();
    return `isNotNull(${f.date}) AND isNotNull(${f.amount}) AND isNotNull(${f.customer})${where ? ` AND ${where}` : ''}`;
  }

  progress(): number {
    return this.db.progress();
  }

  async open(): Promise<void> {
    const [v] = await this.db.rows<Row>(`SELECT version() AS v, (SELECT count() FROM system.functions WHERE name = 'normalizeUTF8NFC') AS nfc`);
    this.version = String(v?.v ?? '');
    this.nfc = Number(v?.nfc ?? 0) > 0;
  }

  async accounting(): Promise<ClickHouseAccounting> {
    const f = this.fields();
    const ok = `isNotNull(${f.date}) AND isNotNull(${f.amount})`;
    const used = this.used();
    const [r] = await this.db.rows<Row>(
      `SELECT count() AS read, countIf(isNull(${f.date})) AS empty_date, countIf(isNotNull(${f.date}) AND isNull(${f.amount})) AS empty_amount,
         countIf(${ok} AND isNull(${f.customer})) AS unattributed, toString(sumIf(${f.amount}, ${ok} AND isNull(${f.customer}))) AS unattributed_amount,
         countIf(${used}) AS used, toString(sumIf(${f.amount}, ${used})) AS used_amount,
         uniqExactIf(${f.customer}, ${used}) AS customers,
         countIf(${used} AND ${f.amount} < 0) AS refund_rows, toString(sumIf(${f.amount}, ${used} AND ${f.amount} < 0)) AS refund_amount,
         ${ordersSql(f, used)} AS orders,
         toString(minIf(${f.date}, ${used})) AS first, toString(maxIf(${f.date}, ${used})) AS last
       FROM ${this.from()}`,
    );
    const currencies = this.cols.currency
      ? await this.db.rows<Row>(`SELECT ${f.currency} AS code, count() AS n FROM ${this.from()} WHERE ${this.used(`isNotNull(${f.currency})`)} GROUP BY code ORDER BY n DESC, code`)
      : [];
    const used0 = num(r?.used);
    return {
      read: num(r?.read),
      emptyDate: num(r?.empty_date),
      emptyAmount: num(r?.empty_amount),
      unattributed: { rows: num(r?.unattributed), amount: num(r?.unattributed_amount) },
      used: used0,
      usedAmount: num(r?.used_amount),
      customers: num(r?.customers),
      orders: num(r?.orders),
      refunds: { rows: num(r?.refund_rows), amount: num(r?.refund_amount) },
      firstDate: used0 > 0 ? String(r?.first) : null,
      lastDate: used0 > 0 ? String(r?.last) : null,
      currencies: currencies.map((c) => ({ currency: String(c.code), rows: num(c.n) })),
    };
  }

  async dateRange(): Promise<{ first: string | null; last: string | null }> {
    const date = this.fields().date;
    const [r] = await this.db.rows<Row>(`SELECT count() AS n, toString(min(${date})) AS first, toString(max(${date})) AS last FROM ${this.from()} WHERE ${this.used()}`);
    return num(r?.n) === 0 ? { first: null, last: null } : { first: String(r?.first), last: String(r?.last) };
  }

  async customerSummary(q: SummaryQuery): Promise<SummaryResult> {
    const { columns, ...totals } = await this.customerColumns(q);
    return { ...totals, customers: summaryRows(columns) };
  }

  async customerColumns(q: SummaryQuery): Promise<SummaryColumnsResult> {
    const to = chDate(q.to);
    const from = q.from !== undefined ? chDate(q.from) : undefined;
    const { date, amount } = this.fields();
    const before = from ? `${date} < ${from}` : '0';
    const [t] = await this.db.rows<Row>(
      `SELECT countIf(${date} > ${to}) AS after_n, toString(sumIf(${amount}, ${date} > ${to})) AS after_amount,
         countIf(${before}) AS before_n, toString(sumIf(${amount}, ${before})) AS before_amount,
         count() AS total_n, toString(sum(${amount})) AS total_amount, toString(min(${date})) AS first, toString(max(${date})) AS last
       FROM ${this.from()} WHERE ${this.used()}`,
    );
    const rows = await this.db.rows<Row>(summarySql(this.from(), this.used(this.window(q)), this.fields(), q));
    const asOf = dayNumber(q.asOf);
    const customers = rows.map((r) => {
      const first = isoDay(num(r.first));
      const last = isoDay(num(r.last));
      return {
        customer: String(r.customer),
        name: r.name === null || r.name === '' ? String(r.customer) : String(r.name),
        firstDate: first,
        lastDate: last,
        recencyDays: asOf - num(r.last),
        tenureDays: asOf - num(r.first),
        firstPeriod: num(r.first_period),
        orders: num(r.orders),
        transactions: num(r.transactions),
        revenue: num(r.revenue),
        refunds: num(r.refunds),
        margin: r.margin === null ? null : num(r.margin),
        quantity: r.quantity === null ? null : num(r.quantity),
        activePeriods: num(r.active),
        periodRevenueSum: num(r.s),
        periodRevenueSumSq: num(r.ss),
        periodOrdersSum: q.periodOrders ? num(r.os) : null,
        periodOrdersSumSq: q.periodOrders ? num(r.oss) : null,
        invoicesDue: num(r.due),
        invoicesOnTime: num(r.on_time),
        daysLateSum: num(r.days_late),
        purchaseDays: num(r.purchase_days),
        firstDayRevenue: num(r.first_day_revenue),
        // minIf/maxIf give day 0 where no day is positive: the first and last dates then.
        firstPurchaseDate: num(r.purchase_days) > 0 ? isoDay(num(r.first_purchase)) : first,
        lastPurchaseDate: num(r.purchase_days) > 0 ? isoDay(num(r.last_purchase)) : last,
      };
    });
    const n = num(t?.total_n);
    return {
      columns: summaryColumns(customers),
      earliestDate: n > 0 ? String(t?.first) : null,
      latestDate: n > 0 ? String(t?.last) : null,
      afterTo: { rows: num(t?.after_n), amount: num(t?.after_amount) },
      beforeFrom: { rows: num(t?.before_n), amount: num(t?.before_amount) },
      total: { rows: n, amount: num(t?.total_amount) },
    };
  }

  /** As src/sources/files/duckdb/customer-periods.ts: net revenue and orders per customer and calendar period. */
  async customerPeriods(q: PeriodActivityQuery): Promise<CustomerPeriodRow[]> {
    const f = this.fields();
    const rows = await this.db.rows<Row>(
      `SELECT ${f.customer} AS key, toInt32(${chCohortPeriod(f.date, q.period)}) AS period_number, toFloat64(sum(${f.amount})) AS revenue,
         toInt64(${ordersSql(f, '1')}) AS orders
       FROM ${this.from()} WHERE ${this.used(this.window(q))} GROUP BY key, period_number ORDER BY key, period_number`,
    );
    return rows.map((r) => ({ customer: String(r.key), period: num(r.period_number), revenue: num(r.revenue), orders: num(r.orders) }));
  }

  /** As src/sources/files/duckdb/repeat-purchases.ts: repeat purchase days per day. */
  async repeatPurchasesByDay(q: RepeatPurchaseQuery): Promise<DayPurchases[]> {
    const rows = await this.db.rows<Row>(chRepeatPurchasesSql(this.from(), this.used(this.window(q)), this.fields(), q.firstBy));
    return rows.map((r) => ({ date: isoDay(num(r.r_day)), purchases: num(r.purchases) }));
  }

  /**
   * Net revenue per period of all customers and of `keys`. The keys go into a temporary table of
   * one HTTP session (streamed: no query size limit for a million keys), sent to every shard with
   * GLOBAL IN; one scan of the source either way.
   */
  async revenueByPeriod(q: PeriodRevenueQuery, keys: readonly string[]): Promise<PeriodRevenue[]> {
    const session = randomUUID();
    await this.db.command('CREATE TEMPORARY TABLE period_keys (customer String)', session);
    if (keys.length > 0) await this.db.insertStrings('period_keys', 'customer', keys, session);
    const f = this.fields();
    const rows = await this.db.rows<Row>(
      `SELECT toInt32(${chPeriod(f.date, q.period)}) AS period_number, toFloat64(sum(${f.amount})) AS all_revenue,
         toFloat64(sumIf(${f.amount}, ${f.customer} GLOBAL IN period_keys)) AS keys_revenue
       FROM ${this.from()} WHERE ${this.used(this.window(q))} GROUP BY period_number ORDER BY period_number`,
      session,
    );
    return rows.map((r) => ({ period: num(r.period_number), all: num(r.all_revenue), keys: num(r.keys_revenue) }));
  }

  private window(q: { readonly from?: string; readonly to: string }): string {
    const date = this.fields().date;
    return `${date} <= ${chDate(q.to)}${q.from !== undefined ? ` AND ${date} >= ${chDate(q.from)}` : ''}`;
  }

  async customerAttributes(): Promise<Map<string, Map<string, string>>> {
    return new Map();
  }

  /** Closes the connection (src/sources/open.ts, which opened it, closes it again when the run ends; twice is harmless). */
  close(): void {
    void this.db.close();
  }
}

/** The period number of a date in ClickHouse, as src/analyses/periods.ts (and the DuckDB engine) number it. */
export function chPeriod(date: string, period: Period): string {
  switch (period) {
    case 'month':
      return `(toYear(${date}) * 12 + toMonth(${date}) - 1)`;
    case 'quarter':
      return `(toYear(${date}) * 4 + toQuarter(${date}) - 1)`;
    case 'week':
      // Weeks start on Monday; 1970-01-05 (day 4) was one.
      return `intDiv(toInt64(toUInt16(${date})) - 4, 7)`;
  }
}

/** A cohort period (month, quarter or year) numbered as src/sources/files/duckdb/customer-periods.ts numbers it. */
export function chCohortPeriod(date: string, period: CohortPeriod): string {
  return period === 'year' ? `toYear(${date})` : chPeriod(date, period);
}

/** The source's fields as expressions over its own columns (ClickHouseSource.fields). */
interface Fields {
  readonly customer: string;
  readonly name: string;
  readonly date: string;
  readonly amount: string;
  readonly order: string;
  readonly isOrder: string;
  readonly margin: string;
  readonly quantity: string;
  readonly due: string;
  readonly paid: string;
  readonly currency: string;
}

/** Orders among the rows `where` picks: distinct references of purchases, and purchases without one. */
function ordersSql(f: Fields, where: string): string {
  const purchase = `${where} AND ${f.isOrder} = 1`;
  return `(uniqExactIf(assumeNotNull(${f.order}), ${purchase} AND isNotNull(${f.order})) + countIf(${purchase} AND isNull(${f.order})))`;
}

/**
 * The summary: per customer and day (the level that reads the source, run on the shards of a
 * Distributed table), then per period, then per customer (one row each). Every level names its
 * results apart (d_, p_): ClickHouse resolves an alias anywhere in a SELECT.
 */
function summarySql(from: string, where: string, f: Fields, q: SummaryQuery): string {
  const asOf = chDate(q.asOf);
  const a = f.amount;
  const due = `${a} > 0 AND isNotNull(${f.due}) AND (isNotNull(${f.paid}) OR ${f.due} < ${asOf})`;
  const day = `SELECT ${f.customer} AS d_customer, ${f.date} AS d_date, ${chPeriod('d_date', q.period)} AS d_period,
      sum(${a}) AS d_net, count() AS d_n, sumIf(${a}, ${a} < 0) AS d_neg, anyLast(${f.name}) AS d_name,
      sum(${f.margin}) AS d_margin, sum(${f.quantity}) AS d_quantity, count(${f.margin}) AS d_margin_n, count(${f.quantity}) AS d_quantity_n,
      groupUniqArrayIf(assumeNotNull(${f.order}), ${f.isOrder} = 1 AND isNotNull(${f.order})) AS d_refs,
      countIf(${f.isOrder} = 1 AND isNull(${f.order})) AS d_unref,
      countIf(${due}) AS d_due, countIf(${due} AND isNotNull(${f.paid}) AND ${f.paid} <= ${f.due}) AS d_on_time,
      sumIf(greatest(toInt64(toUInt16(ifNull(${f.paid}, ${asOf}))) - toInt64(toUInt16(assumeNotNull(${f.due}))), 0), ${due}) AS d_days_late
    FROM ${from} WHERE ${where} GROUP BY d_customer, d_date`;
  const period = `SELECT d_customer AS customer, d_period, toFloat64(sum(d_net)) AS p_revenue,
      toFloat64(length(groupUniqArrayArray(d_refs)) + sum(d_unref)) AS p_orders,
      groupUniqArrayArray(d_refs) AS p_refs, sum(d_unref) AS p_unref, sum(d_n) AS p_n, sum(d_net) AS p_net, sum(d_neg) AS p_neg,
      sum(d_margin) AS p_margin, sum(d_quantity) AS p_quantity, sum(d_margin_n) AS p_margin_n, sum(d_quantity_n) AS p_quantity_n,
      sum(d_due) AS p_due, sum(d_on_time) AS p_on_time, sum(d_days_late) AS p_days_late,
      min(d_date) AS p_first, max(d_date) AS p_last, argMax(d_name, d_date) AS p_name,
      countIf(${CH_BOUGHT}) AS p_purchase_days, minIf(d_date, ${CH_BOUGHT}) AS p_first_pos, argMinIf(d_net, d_date, ${CH_BOUGHT}) AS p_first_pos_net,
      maxIf(d_date, ${CH_BOUGHT}) AS p_last_pos
    FROM (${day}) GROUP BY customer, d_period`;
  return `SELECT customer, argMax(p_name, p_last) AS name, toUInt16(min(p_first)) AS first, toUInt16(max(p_last)) AS last,
      length(groupUniqArrayArray(p_refs)) + sum(p_unref) AS orders, sum(p_n) AS transactions,
      toFloat64(sum(p_net)) AS revenue, toFloat64(sum(p_neg)) AS refunds,
      if(sum(p_margin_n) > 0, toFloat64(sum(p_margin)), NULL) AS margin, if(sum(p_quantity_n) > 0, toFloat64(sum(p_quantity)), NULL) AS quantity,
      count() AS active, sum(p_revenue) AS s, sum(p_revenue * p_revenue) AS ss, sum(p_orders) AS os, sum(p_orders * p_orders) AS oss,
      sum(p_due) AS due, sum(p_on_time) AS on_time, sum(p_days_late) AS days_late,
      sum(p_purchase_days) AS purchase_days, toFloat64(argMinIf(p_first_pos_net, p_first_pos, p_purchase_days > 0)) AS first_day_revenue,
      toUInt16(minIf(p_first_pos, p_purchase_days > 0)) AS first_purchase, toUInt16(maxIf(p_last_pos, p_purchase_days > 0)) AS last_purchase,
      ${chPeriod('min(p_first)', q.period)} AS first_period
    FROM (${period}) GROUP BY customer ORDER BY customer`;
}
