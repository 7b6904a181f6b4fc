/**
 * The median and quartiles of a sample, as R's quantile() type 7 (linear interpolation between
 * order statistics, the default of R and of d3.quantile): what the journey reports for days and
 * activities, never the mean alone.
 */

/** The p-quantile (0 ≤ p ≤ 1) of ascending values; undefined for none. */
export function quantileSorted(sorted: readonly number[], p: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  if (n === 1) return sorted[0];
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(n - 1, lo + 1)]!;
  return a + (h - lo) * (b - a);
}

export interface Quartiles {
  readonly n: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

/** Quartiles of the values (NaN left out); null for none. */
export function quartiles(values: readonly number[]): Quartiles | null {
  const xs = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  return { n: xs.length, q1: quantileSorted(xs, 0.25)!, median: quantileSorted(xs, 0.5)!, q3: quantileSorted(xs, 0.75)! };
}
