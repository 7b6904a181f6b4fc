/**
 * The customers of an analysis as columns, read by rank (from 0) without building row objects.
 * The report reads every customer (groups, portrait, personas, picks) but prints few: a row object
 * of 34 fields per customer, kept alive for the whole report, cost seconds at 100,000+ customers.
 * `rowsTable` gives the same view over row objects (tests, and analyses built from rows).
 */
import type { AbcClass } from './abc.js';
import type { ParetoFlag } from './pareto.js';
import type { XyzClass } from './xyz.js';

export interface Punctuality {
  readonly invoices: number;
  readonly onTimeShare: number;
  readonly meanDaysLate: number;
}

export interface CustomerRow {
  readonly key: string;
  readonly name: string;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly tenureDays: number;
  readonly recencyDays: number;
  readonly orders: number;
  readonly transactions: number;
  readonly revenue: number;
  readonly refunds: number;
  readonly margin: number | null;
  readonly marginRate: number | null;
  readonly avgCheck: number | null;
  /** Refunds exceed purchases: kept, flagged, never A. */
  readonly nonPositive: boolean;
  readonly abcValue: number;
  readonly rank: number;
  readonly share: number;
  readonly cumulativeShare: number;
  readonly abcClass: AbcClass;
  readonly periods: number;
  readonly cv: number | null;
  readonly xyzClass: XyzClass | null;
  readonly xyzReason: string | null;
  readonly r: number;
  readonly f: number | null;
  readonly m: number;
  readonly rfmScore: string;
  readonly segment: string;
  readonly pareto: ParetoFlag;
  readonly contribution: number | null;
  readonly belowBreakEven: boolean | null;
  readonly punctuality: Punctuality | null;
}

/** Each accessor gives the value the customer's row would hold: the row is built by the same code. */
export interface CustomerTable {
  readonly length: number;
  /** The ideal group's positions in this table, in order (an analysis's first ranks). */
  ideal(): readonly number[];
  row(i: number): CustomerRow;
  key(i: number): string;
  name(i: number): string;
  pareto(i: number): ParetoFlag;
  rank(i: number): number;
  revenue(i: number): number;
  refunds(i: number): number;
  margin(i: number): number | null;
  marginRate(i: number): number | null;
  avgCheck(i: number): number | null;
  contribution(i: number): number | null;
  belowBreakEven(i: number): boolean | null;
  abcValue(i: number): number;
  abcClass(i: number): AbcClass;
  xyzClass(i: number): XyzClass | null;
  cv(i: number): number | null;
  recencyDays(i: number): number;
  tenureDays(i: number): number;
  segment(i: number): string;
  punctuality(i: number): Punctuality | null;
}

/** The table over row objects: each accessor reads the row's field. */
export function rowsTable(rows: readonly CustomerRow[]): CustomerTable {
  const at = (i: number): CustomerRow => rows[i]!;
  return {
    length: rows.length,
    ideal: () => rows.flatMap((c, i) => (c.pareto !== null ? [i] : [])),
    row: at,
    key: (i) => at(i).key,
    name: (i) => at(i).name,
    pareto: (i) => at(i).pareto,
    rank: (i) => at(i).rank,
    revenue: (i) => at(i).revenue,
    refunds: (i) => at(i).refunds,
    margin: (i) => at(i).margin,
    marginRate: (i) => at(i).marginRate,
    avgCheck: (i) => at(i).avgCheck,
    contribution: (i) => at(i).contribution,
    belowBreakEven: (i) => at(i).belowBreakEven,
    abcValue: (i) => at(i).abcValue,
    abcClass: (i) => at(i).abcClass,
    xyzClass: (i) => at(i).xyzClass,
    cv: (i) => at(i).cv,
    recencyDays: (i) => at(i).recencyDays,
    tenureDays: (i) => at(i).tenureDays,
    segment: (i) => at(i).segment,
    punctuality: (i) => at(i).punctuality,
  };
}

/** Customers given as rows or as a table, as a table. */
export function asTable(customers: readonly CustomerRow[] | CustomerTable): CustomerTable {
  return Array.isArray(customers) ? rowsTable(customers as readonly CustomerRow[]) : (customers as CustomerTable);
}

/**
 * The table with each row built once: rows handed out twice (the ranking and the picks) are the
 * same object, as when they came from one array of rows.
 */
export function memoRows(t: CustomerTable): CustomerTable {
  const rows = new Array<CustomerRow | undefined>(t.length);
  return { ...t, row: (i) => (rows[i] ??= t.row(i)) };
}

/** Every customer's key, in table order. */
export function tableKeys(t: CustomerTable): string[] {
  const keys = new Array<string>(t.length);
  for (let i = 0; i < t.length; i++) keys[i] = t.key(i);
  return keys;
}

/** An analysis's customers as a table; an analysis made of rows only (tests) gets one over its rows. */
export function tableOf(a: { readonly customers: readonly CustomerRow[]; readonly table?: CustomerTable }): CustomerTable {
  return a.table ?? rowsTable(a.customers);
}

/** Every analysed customer's key, in rank order, without building rows. */
export function customerKeys(a: { readonly customers: readonly CustomerRow[]; readonly table?: CustomerTable }): string[] {
  return tableKeys(tableOf(a));
}

// An attribute's values by position, read once per table: the portrait and every persona field
// read the same attribute over every customer, and a lookup by key costs more than the rest.
const attributeColumns = new WeakMap<CustomerTable, WeakMap<ReadonlyMap<string, string>, readonly (string | undefined)[]>>();

/** Each customer's value of an attribute (keyed by customer key), in table order; undefined where there is none. */
export function attributeColumn(t: CustomerTable, values: ReadonlyMap<string, string>): readonly (string | undefined)[] {
  const byValues = attributeColumns.get(t) ?? new WeakMap<ReadonlyMap<string, string>, readonly (string | undefined)[]>();
  attributeColumns.set(t, byValues);
  let column = byValues.get(values);
  if (!column) {
    const out = new Array<string | undefined>(t.length);
    for (let i = 0; i < t.length; i++) out[i] = values.get(t.key(i));
    column = out;
    byValues.set(values, column);
  }
  return column;
}
