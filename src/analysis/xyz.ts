/**
 * XYZ analysis: who buys regularly. The coefficient of variation (population standard deviation /
 * mean) of a customer's per-period totals, over the periods from the customer's first period to
 * the window's end (`span: 'customer'`), or over the whole window (`span: 'window'`). Periods
 * without a purchase count as zero: a customer who stopped buying becomes irregular; one who
 * joined late is not held to periods before they existed.
 *
 * The limits default to 0.5 and 1.0 (X ≤ 0.5 < Y ≤ 1.0 < Z): customer purchasing is intermittent,
 * and the inventory convention (0.1 and 0.25) would put nearly every customer in Z.
 * A customer with fewer than `minPeriods` periods in the span gets no class, never X.
 */
import type { Period } from '../engine/engine.js';
import { periodIndex } from './periods.js';
import { coefficientOfVariation } from './stats.js';

export type XyzClass = 'X' | 'Y' | 'Z';
export const XYZ_CLASSES: readonly XyzClass[] = ['X', 'Y', 'Z'];

export interface XyzInput {
  readonly key: string;
  /** The period of the customer's first purchase (see periods.ts). */
  readonly firstPeriod: number;
  readonly sum: number;
  readonly sumSq: number;
}

export interface XyzParams {
  readonly period: Period;
  readonly span: 'customer' | 'window';
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly limits: readonly [number, number];
  readonly minPeriods: number;
}

export interface XyzRow {
  readonly key: string;
  /** Periods in the customer's span. */
  readonly periods: number;
  readonly mean: number;
  readonly cv: number | null;
  readonly xyzClass: XyzClass | null;
  /** Why there is no class. */
  readonly reason: string | null;
}

/** The periods of the window, numbered once for all customers. */
export function windowPeriods(p: XyzParams): { start: number; end: number } {
  return { start: periodIndex(p.windowStart, p.period), end: periodIndex(p.windowEnd, p.period) };
}

const NOT_POSITIVE = 'net value is zero or negative';

export function xyzOf(input: XyzInput, p: XyzParams, window = windowPeriods(p)): XyzRow {
  const start = p.span === 'window' ? window.start : Math.max(window.start, input.firstPeriod);
  const periods = window.end - start + 1;
  const mean = periods > 0 ? input.sum / periods : 0;
  if (periods < p.minPeriods) return { key: input.key, periods, mean, cv: null, xyzClass: null, reason: tooShort(p) };
  const cv = coefficientOfVariation(periods, input.sum, input.sumSq);
  if (cv === undefined) return { key: input.key, periods, mean, cv: null, xyzClass: null, reason: NOT_POSITIVE };
  const [x, y] = p.limits;
  return { key: input.key, periods, mean, cv, xyzClass: cv <= x ? 'X' : cv <= y ? 'Y' : 'Z', reason: null };
}

// One reason string per parameter set, not one per customer.
const tooShortReasons = new WeakMap<XyzParams, string>();
function tooShort(p: XyzParams): string {
  let reason = tooShortReasons.get(p);
  if (reason === undefined) {
    reason = `fewer than ${p.minPeriods} ${p.period}s in the span`;
    tooShortReasons.set(p, reason);
  }
  return reason;
}
