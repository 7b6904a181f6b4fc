/**
 * The analysis window and the as-of date: decided from the options and the data's first and last
 * dates, never from the clock; and the warning a short window earns.
 */
import { DataError, UsageError } from '../kernel/errors.js';
import type { AnalysisParams } from './analysis.js';
import { daysBetween } from './stats.js';

/** Everything but the dates that depend on the data (as-of and window). */
export type StaticParams = Omit<AnalysisParams, 'asOf' | 'windowStart' | 'windowEnd'> & {
  readonly asOfOption?: string;
  readonly from?: string;
  readonly to?: string;
};

/** The window and as-of date, from the options and the data's dates. */
export function resolveDates(p: StaticParams, first: string | null, last: string | null): { asOf: string; windowStart: string; windowEnd: string } {
  if (first === null || last === null) throw new DataError('no transactions with a customer to analyse');
  const windowEnd = p.to ?? (p.asOfOption !== undefined && p.asOfOption < last ? p.asOfOption : last);
  const asOf = p.asOfOption ?? windowEnd;
  const windowStart = p.from ?? first;
  if (windowStart > windowEnd) throw new UsageError(`the window ${windowStart} to ${windowEnd} is empty`);
  return { asOf, windowStart, windowEnd };
}

/** Whole and fractional months between two ISO dates, as a calendar reader counts them. */
export function monthsBetween(a: string, b: string): number {
  return daysBetween(a, b) / (365.25 / 12);
}

/** A window shorter than two years, in words; undefined when it is long enough. */
export function spanWarning(first: string | null, last: string | null): string | undefined {
  if (first === null || last === null) return undefined;
  const months = monthsBetween(first, last);
  if (months >= 24) return undefined;
  return `the data covers ${months.toFixed(1)} months (${first} to ${last}); the method asks for 2-3 years, so regularity and recency are less reliable`;
}
