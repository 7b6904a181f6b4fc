/**
 * RFM scores as the R package rfm (0.3.0, `rfm_table_order` and `rfm_table_customer`) computes
 * them, so that R users get the same scores to the customer.
 *
 * The package (R/utils.R `bins`, R/rfm-table-transaction.R `rfm_prep_bins`):
 *   breaks = quantile(x, probs = seq(0, 1, length.out = n + 1))[-c(1, n + 1)] + 1   (type 7)
 *   lower  = c(min(x), breaks);  upper = c(breaks, max(x) + 1)
 *   score i where lower[i] <= x < upper[i]   (F and M: i; R: n + 1 - i)
 * The intervals are closed on the left and open on the right, as R's `findInterval(x, breaks)`,
 * so a score is 1 + the number of breaks at or below the value. Ties are not kept together by
 * anything but the breaks, and equal breaks leave a score empty, exactly as in R.
 *
 * Written by hand: R's type-7 quantile is a two-line formula, and no npm package states which of
 * the nine definitions it uses as plainly; the tests check it against values R prints.
 */

/**
 * R's default quantile (type 7) of values sorted ascending: h = (n − 1)p, linear between the
 * order statistics around h. Undefined for no values.
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  return a + (h - lo) * (sorted[hi]! - a);
}

/** The package's inner breaks for `bins` scores: the type-7 quantiles at k / bins, plus 1. Empty for no values. */
export function rPackageBreaks(values: ArrayLike<number>, bins: number): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const breaks: number[] = [];
  for (let k = 1; k < bins; k++) breaks.push(quantileType7(sorted, k / bins)! + 1);
  return breaks;
}

/** 1 + the number of breaks at or below `x`: R's `findInterval(x, breaks) + 1`. */
export function intervalIndex(x: number, breaks: readonly number[]): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/**
 * Scores 1..bins as the R package gives them, in the input order. `lowerIsBetter` for recency,
 * whose score the package reverses (the fewest days score `bins`).
 */
export function rPackageScores(values: ArrayLike<number>, bins: number, lowerIsBetter: boolean): { scores: number[]; breaks: number[] } {
  const breaks = rPackageBreaks(values, bins);
  const scores = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const k = intervalIndex(values[i]!, breaks);
    scores[i] = lowerIsBetter ? bins + 1 - k : k;
  }
  return { scores, breaks };
}
