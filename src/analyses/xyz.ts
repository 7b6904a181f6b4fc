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
import type { Period } from '../sources/source.js';
import { periodIndex } from './periods.js';
import { coefficientOfVariation } from './stats.js';
import type { XYZ_SPANS } from '../parameter-values.js';

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
  readonly span: (typeof XYZ_SPANS)[number];
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

/** XYZ over columns, customer i at index i: class 0 (none), 1 X, 2 Y, 3 Z; cv NaN without one. */
export interface XyzColumns {
  readonly periods: Int32Array;
  readonly mean: Float64Array;
  readonly cv: Float64Array;
  readonly xyzClass: Uint8Array;
  /** Why there is no class: 0 (there is one), 1 too few periods, 2 net value not positive. */
  readonly reason: Uint8Array;
}

/**
 * A CV from sums of squares carries rounding of about 1e-15: one that is exactly a limit in exact
 * arithmetic (1 for 7 equal months of 14) must get the limit's class at any scale of money, as
 * ABC compares its shares with a tolerance too.
 */
const LIMIT_TOLERANCE = 1e-9;

export const XYZ_CODES: readonly (XyzClass | null)[] = [null, 'X', 'Y', 'Z'];

export function xyzReason(code: number, p: XyzParams): string | null {
  return code === 1 ? tooShort(p) : code === 2 ? NOT_POSITIVE : null;
}

export function xyzColumns(firstPeriod: ArrayLike<number>, sums: ArrayLike<number>, sumSqs: ArrayLike<number>, p: XyzParams, window = windowPeriods(p)): XyzColumns {
  const n = firstPeriod.length;
  const out = { periods: new Int32Array(n), mean: new Float64Array(n), cv: new Float64Array(n).fill(NaN), xyzClass: new Uint8Array(n), reason: new Uint8Array(n) };
  const [x, y] = p.limits;
  for (let i = 0; i < n; i++) {
    const start = p.span === 'window' ? window.start : Math.max(window.start, firstPeriod[i]!);
    const periods = window.end - start + 1;
    out.periods[i] = periods;
    out.mean[i] = periods > 0 ? sums[i]! / periods : 0;
    if (periods < p.minPeriods) {
      out.reason[i] = 1;
      continue;
    }
    const cv = coefficientOfVariation(periods, sums[i]!, sumSqs[i]!);
    if (cv === undefined) {
      out.reason[i] = 2;
      continue;
    }
    out.cv[i] = cv;
    out.xyzClass[i] = cv <= x + LIMIT_TOLERANCE ? 1 : cv <= y + LIMIT_TOLERANCE ? 2 : 3;
  }
  return out;
}

export function xyzOf(input: XyzInput, p: XyzParams, window = windowPeriods(p)): XyzRow {
  const c = xyzColumns([input.firstPeriod], [input.sum], [input.sumSq], p, window);
  const cv = c.cv[0]!;
  return { key: input.key, periods: c.periods[0]!, mean: c.mean[0]!, cv: Number.isNaN(cv) ? null : cv, xyzClass: XYZ_CODES[c.xyzClass[0]!] ?? null, reason: xyzReason(c.reason[0]!, p) };
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
