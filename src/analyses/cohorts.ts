/**
 * Cohorts by the period of each customer's first order: for each cohort and each period since,
 * the customers active (with an order), the retention share, the net revenue and the revenue per
 * original customer. Pure, but for `runCohorts`, which asks the engine for the per-customer,
 * per-period rows.
 *
 * Orders are the summary's (purchases of positive value); revenue is net of refunds. A customer
 * with no order in the window has no cohort, and revenue before a customer's first order (refunds
 * of earlier purchases) is in no cell: both are counted, in `outside`, so the triangle plus
 * `outside` is all the revenue of the window.
 */
import type { CohortPeriod, CustomerPeriodRow } from '../sources/source.js';
import type { Source } from '../sources/source.js';
import { UsageError } from '../kernel/errors.js';
import { Accumulator } from './stats.js';

export interface CohortCell {
  /** Periods since the cohort's first: 0 is the period of the first order. */
  readonly offset: number;
  readonly period: number;
  readonly active: number;
  readonly retentionShare: number;
  readonly revenue: number;
  readonly revenuePerCustomer: number;
}

export interface Cohort {
  readonly period: number;
  readonly customers: number;
  readonly revenue: number;
  readonly cells: readonly CohortCell[];
}

export interface CohortResult {
  readonly by: CohortPeriod;
  readonly firstPeriod: number | null;
  readonly lastPeriod: number | null;
  readonly cohorts: readonly Cohort[];
  /** Customers without an order in the window, and revenue before a first order. */
  readonly outside: { readonly customers: number; readonly revenue: number };
  readonly customers: number;
  readonly revenue: number;
}

/** `2011-01`, `2011-Q1`, `2011`. */
export function periodLabel(period: number, by: CohortPeriod): string {
  switch (by) {
    case 'month':
      return `${Math.floor(period / 12)}-${String((period % 12) + 1).padStart(2, '0')}`;
    case 'quarter':
      return `${Math.floor(period / 4)}-Q${(period % 4) + 1}`;
    case 'year':
      return String(period);
  }
}

/** The period holding an ISO date, numbered as the engine numbers it. */
export function periodOf(date: string, by: CohortPeriod): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return by === 'month' ? y * 12 + m - 1 : by === 'quarter' ? y * 4 + Math.floor((m - 1) / 3) : y;
}

/** Rows must be grouped by customer (the engine orders them by customer, then period). */
export function cohortAnalysis(rows: readonly CustomerPeriodRow[], by: CohortPeriod, lastPeriod: number | null): CohortResult {
  // Per cohort period: its customers, and per period since, the active count and revenue.
  const cohorts = new Map<number, { customers: number; revenue: Accumulator; cells: Map<number, { active: number; revenue: Accumulator }> }>();
  const outside = { customers: 0, revenue: new Accumulator() };
  const total = new Accumulator();
  let customers = 0;
  let first: number | null = null;
  let last = lastPeriod;
  if (last === null) for (const r of rows) if (last === null || r.period > last) last = r.period;
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j]!.customer === rows[i]!.customer) j++;
    customers++;
    const own = rows.slice(i, j);
    const start = own.find((r) => r.orders > 0)?.period;
    for (const r of own) total.add(r.revenue);
    if (start === undefined) {
      outside.customers++;
      for (const r of own) outside.revenue.add(r.revenue);
    } else {
      if (first === null || start < first) first = start;
      const cohort = cohorts.get(start) ?? { customers: 0, revenue: new Accumulator(), cells: new Map() };
      cohort.customers++;
      for (const r of own) {
        if (r.period < start) {
          outside.revenue.add(r.revenue);
          continue;
        }
        const cell = cohort.cells.get(r.period) ?? { active: 0, revenue: new Accumulator() };
        if (r.orders > 0) cell.active++;
        cell.revenue.add(r.revenue);
        cohort.revenue.add(r.revenue);
        cohort.cells.set(r.period, cell);
      }
      cohorts.set(start, cohort);
    }
    i = j;
  }
  const result: Cohort[] = [...cohorts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([period, c]) => {
      const cells: CohortCell[] = [];
      // Every period from the cohort's first to the last of the window, empty ones included.
      for (let p = period; p <= (last ?? period); p++) {
        const cell = c.cells.get(p);
        const revenue = cell?.revenue.value ?? 0;
        const active = cell?.active ?? 0;
        cells.push({ offset: p - period, period: p, active, retentionShare: active / c.customers, revenue, revenuePerCustomer: revenue / c.customers });
      }
      return { period, customers: c.customers, revenue: c.revenue.value, cells };
    });
  return { by, firstPeriod: first, lastPeriod: last, cohorts: result, outside: { customers: outside.customers, revenue: outside.revenue.value }, customers, revenue: total.value };
}

/** The dates the cohorts cover: --from and --to within the data, and whether its first and last periods are cut. */
export interface CohortWindow {
  readonly from: string;
  readonly to: string;
  /** The window starts with the data (no --from after its first date). */
  readonly startsWithData: boolean;
  readonly firstPartial: boolean;
  readonly lastPartial: boolean;
}

const dayAfter = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** --from and --to clipped to the data's first and last dates; a period is partial when the day before the start (after the end) is in it. */
export function cohortWindow(range: { readonly first: string; readonly last: string }, by: CohortPeriod, from?: string, to?: string): CohortWindow {
  const start = from !== undefined && from > range.first ? from : range.first;
  const end = to !== undefined && to < range.last ? to : range.last;
  if (start > end) throw new UsageError(`the window ${start} to ${end} has no transactions`);
  return {
    from: start,
    to: end,
    startsWithData: start === range.first,
    firstPartial: periodOf(dayAfter(start, -1), by) === periodOf(start, by),
    lastPartial: periodOf(dayAfter(end, 1), by) === periodOf(end, by),
  };
}

/** `segment cohorts`: the window and the cohorts of the engine's customers in it. */
export async function runCohorts(source: Source, settings: { readonly by: CohortPeriod; readonly from?: string | undefined; readonly to?: string | undefined }): Promise<{ result: CohortResult; window: CohortWindow }> {
  const { by, from, to } = settings;
  const range = await source.dateRange();
  if (range.first === null || range.last === null) throw new UsageError('no transactions with a customer to put in cohorts');
  const window = cohortWindow({ first: range.first, last: range.last }, by, from, to);
  const rows = await source.customerPeriods({ ...(from !== undefined ? { from } : {}), to: window.to, period: by });
  return { result: cohortAnalysis(rows, by, periodOf(window.to, by)), window };
}
