/**
 * RFM scores: R (days since the last purchase), F (orders), M (net revenue, or the average check).
 * Scores run 1..N, higher is better (recent, frequent, big).
 *
 * By default the scores are quantiles of customers with ties kept together: customers are ordered
 * from worst to best, and a group of equal values takes the score of the quantile in which its
 * first member falls. Equal values always get the same score, so when many customers share a value
 * (one order, typically) the scores above theirs can stay empty: that is reported, never hidden by
 * shifting scores. Custom cut points give the scores directly.
 */
import { rPackageScores } from './quantiles.js';
import { tieGroups } from './stats.js';

export interface ScoreRange {
  readonly score: number;
  readonly customers: number;
  readonly min: number | null;
  readonly max: number | null;
}

export interface Scoring {
  readonly scores: readonly number[];
  readonly ranges: readonly ScoreRange[];
  /** Scores that no customer has, and why. */
  readonly empty: readonly number[];
  readonly emptyReason: string | null;
  /** 'r': the R package rfm's type-7 quantile breaks (`--quantiles r`); `cuts` then holds its breaks. */
  readonly method: 'quantiles' | 'cuts' | 'r';
  readonly cuts: readonly number[] | null;
}

/**
 * Quantile scores with ties kept together. `lowerIsBetter` for recency (fewer days is better).
 * Scores follow the input order.
 */
export function quantileScores(values: ArrayLike<number>, bins: number, lowerIsBetter: boolean): Scoring {
  const n = values.length;
  // Worst to best. Ties share a score, so only the values need sorting (natively, in a typed
  // array); each customer then finds where its tie group starts by binary search.
  const sorted = Float64Array.from(values).sort();
  if (lowerIsBetter) sorted.reverse();
  const groupStart = (v: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lowerIsBetter ? sorted[mid]! > v : sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const scoreAt = (start: number): number => Math.min(bins, Math.floor((start / n) * bins + 1e-9) + 1);
  const scores = new Array<number>(n);
  for (let i = 0; i < n; i++) scores[i] = scoreAt(groupStart(values[i]!));
  let biggest: { value: number; size: number } | undefined;
  for (const g of tieGroups(sorted)) if (!biggest || g.end - g.start > biggest.size) biggest = { value: g.value, size: g.end - g.start };
  return describe(values, scores, bins, 'quantiles', null, biggest && n > 0 ? `${Math.round((biggest.size / n) * 100)}% of customers share the value ${biggest.value}, and equal values get equal scores` : null);
}

/**
 * Scores from cut points (ascending): for F and M, a value up to the first cut scores 1, up to the
 * second 2, …, above the last N; for R, up to the first cut (days) scores N, …, above the last 1.
 */
export function cutScores(values: ArrayLike<number>, cuts: readonly number[], lowerIsBetter: boolean): Scoring {
  const bins = cuts.length + 1;
  const scores = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    let above = 0;
    for (const c of cuts) if (values[i]! > c) above++;
    scores[i] = lowerIsBetter ? bins - above : above + 1;
  }
  return describe(values, scores, bins, 'cuts', cuts, 'no customer falls between those cut points');
}

/**
 * Scores as the R package rfm computes them (see quantiles.ts): type-7 quantile breaks plus 1,
 * intervals closed on the left. The breaks are reported as the cut points.
 */
export function rQuantileScores(values: ArrayLike<number>, bins: number, lowerIsBetter: boolean): Scoring {
  const { scores, breaks } = rPackageScores(values, bins, lowerIsBetter);
  return describe(values, scores, bins, 'r', breaks, 'equal quantile breaks leave it empty, as in the R package rfm');
}

function describe(values: ArrayLike<number>, scores: readonly number[], bins: number, method: Scoring['method'], cuts: readonly number[] | null, why: string | null): Scoring {
  const ranges: ScoreRange[] = [];
  const count = new Array<number>(bins + 1).fill(0);
  const min = new Array<number>(bins + 1).fill(Infinity);
  const max = new Array<number>(bins + 1).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const s = scores[i]!;
    count[s]! += 1;
    if (v < min[s]!) min[s] = v;
    if (v > max[s]!) max[s] = v;
  }
  for (let s = 1; s <= bins; s++) {
    const any = count[s]! > 0;
    ranges.push({ score: s, customers: count[s]!, min: any ? min[s]! : null, max: any ? max[s]! : null });
  }
  const empty = values.length > 0 ? ranges.filter((r) => r.customers === 0).map((r) => r.score) : [];
  return { scores, ranges, empty, emptyReason: empty.length > 0 ? why : null, method, cuts };
}
