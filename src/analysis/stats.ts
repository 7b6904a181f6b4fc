/**
 * Small statistics helpers in the style of d3-array: one job each, no I/O, and the empty and
 * n < 2 cases decided (and tested) rather than left to NaN.
 */

/** Sum; 0 for no values. Uses Neumaier's compensation so that money adds up to the cent. */
export function sum(values: Iterable<number>): number {
  let s = 0;
  let c = 0;
  for (const v of values) {
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Mean; undefined for no values. */
export function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : sum(values) / values.length;
}

/**
 * Population variance from a count, a sum and a sum of squares (the form the engine returns).
 * Undefined for n = 0; 0 for n = 1. Never negative (rounding can make Q/n − m² slightly so).
 */
export function varianceFromMoments(n: number, s: number, ss: number): number | undefined {
  if (n <= 0) return undefined;
  const m = s / n;
  return Math.max(0, ss / n - m * m);
}

/**
 * Coefficient of variation (population standard deviation / mean) from moments. Undefined when
 * n = 0 or the mean is not positive: variation around nothing (or a loss) has no meaning here.
 */
export function coefficientOfVariation(n: number, s: number, ss: number): number | undefined {
  const v = varianceFromMoments(n, s, ss);
  if (v === undefined) return undefined;
  const m = s / n;
  if (!(m > 0)) return undefined;
  return Math.sqrt(v) / m;
}

/**
 * Gini coefficient of non-negative values (negative ones count as 0): 0 when everybody holds the
 * same, towards 1 when one holds everything. 0 for fewer than two values or a zero total.
 */
export function gini(values: readonly number[]): number {
  const xs = values.map((v) => Math.max(0, v)).sort((a, b) => a - b);
  const n = xs.length;
  const total = sum(xs);
  if (n < 2 || total === 0) return 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (2 * (i + 1) - n - 1) * xs[i]!;
  return weighted / (n * total);
}

export interface LorenzPoint {
  /** Share of customers, from the smallest. */
  readonly customerShare: number;
  /** Share of value they hold. */
  readonly valueShare: number;
}

/**
 * The Lorenz curve at `points` evenly spaced customer shares (0 to 1), interpolated linearly
 * between customers. Negative values count as 0. With no value at all it is the diagonal.
 */
export function lorenz(values: readonly number[], points = 101): LorenzPoint[] {
  const xs = values.map((v) => Math.max(0, v)).sort((a, b) => a - b);
  const n = xs.length;
  const total = sum(xs);
  const cumulative = [0];
  for (const x of xs) cumulative.push(cumulative[cumulative.length - 1]! + x);
  const out: LorenzPoint[] = [];
  for (let k = 0; k < points; k++) {
    const p = points === 1 ? 1 : k / (points - 1);
    let share: number;
    if (n === 0 || total === 0) share = p;
    else {
      const pos = p * n;
      const i = Math.floor(pos);
      const lower = cumulative[Math.min(i, n)]!;
      const upper = cumulative[Math.min(i + 1, n)]!;
      share = (lower + (upper - lower) * (pos - i)) / total;
    }
    out.push({ customerShare: p, valueShare: share });
  }
  return out;
}

export interface TieGroup {
  readonly value: number;
  /** Positions (0-based, inclusive start, exclusive end) in the descending order. */
  readonly start: number;
  readonly end: number;
}

/** Groups of equal values in an already sorted array. Empty for an empty array. */
export function tieGroups(sorted: readonly number[]): TieGroup[] {
  const groups: TieGroup[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] !== sorted[start]) {
      groups.push({ value: sorted[start]!, start, end: i });
      start = i;
    }
  }
  return groups;
}

/** Days between two ISO dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
