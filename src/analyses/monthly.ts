/**
 * Revenue per month of the ideal customers against the rest, for the report's chart. Pure: the
 * engine sums the months (all customers, and the ideal ones); this fills the months without sales.
 */
import type { PeriodRevenue } from '../sources/source.js';
import { periodIndex } from './periods.js';

export interface MonthRevenue {
  /** `2024-03`. */
  readonly month: string;
  readonly ideal: number;
  readonly rest: number;
}

function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `first` to `last` (ISO dates), with the engine's sums; months without sales are 0. */
export function monthlyRevenue(periods: readonly PeriodRevenue[], first: string, last: string): MonthRevenue[] {
  const start = periodIndex(first, 'month');
  const end = periodIndex(last, 'month');
  const byPeriod = new Map(periods.map((p) => [p.period, p]));
  const out: MonthRevenue[] = [];
  for (let i = start; i <= end; i++) {
    const p = byPeriod.get(i);
    out.push({ month: monthLabel(i), ideal: p?.keys ?? 0, rest: p ? p.all - p.keys : 0 });
  }
  return out;
}
