/**
 * Small statistics helpers in the style of d3-array: one job each, no I/O, and the empty and
 * n < 2 cases decided (and tested) rather than left to NaN.
 */

/** A running sum with Neumaier's compensation, so that money adds up to the cent. */
export class Accumulator {
  private s = 0;
  private c = 0;

  add(v: number): this {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
    return this;
  }

  get value(): number {
    return this.s + this.c;
  }
}

/** Sum; 0 for no values, compensated (see Accumulator). */
export function sum(values: Iterable<number>): number {
  const acc = new Accumulator();
  for (const v of values) acc.add(v);
  return acc.value;
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

/** Values with negatives as 0, ascending; a typed array sorts numbers natively, without a comparator. */
function ascendingNonNegative(values: ArrayLike<number>): Float64Array {
  const xs = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) xs[i] = Math.max(0, values[i]!);
  return xs.sort();
}

/**
 * Gini coefficient of non-negative values (negative ones count as 0): 0 when everybody holds the
 * same, towards 1 when one holds everything. 0 for fewer than two values or a zero total.
 */
export function gini(values: ArrayLike<number>): number {
  const xs = ascendingNonNegative(values);
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
export function lorenz(values: ArrayLike<number>, points = 101): LorenzPoint[] {
  const xs = ascendingNonNegative(values);
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
export function tieGroups(sorted: ArrayLike<number>): TieGroup[] {
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

/** Median; undefined for no values; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | undefined {
  const xs = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return undefined;
  return n % 2 === 1 ? xs[(n - 1) / 2]! : (xs[n / 2 - 1]! + xs[n / 2]!) / 2;
}

/** ln(k!) for k = 0..n, by summing logarithms (exact enough for tests on customer counts). */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) out[k] = out[k - 1]! + Math.log(k);
  return out;
}

/**
 * Fisher's exact test, two-sided, of a 2×2 table [[a, b], [c, d]]: the probability, with the
 * margins fixed, of a table at most as likely as the one seen. 1 for an empty table.
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  if (n === 0) return 1;
  const lf = logFactorials(n);
  const row1 = a + b;
  const col1 = a + c;
  const logP = (x: number): number =>
    lf[row1]! + lf[n - row1]! + lf[col1]! + lf[n - col1]! - lf[n]! - lf[x]! - lf[row1 - x]! - lf[col1 - x]! - lf[n - row1 - col1 + x]!;
  const observed = logP(a);
  let p = 0;
  const lo = Math.max(0, row1 + col1 - n);
  const hi = Math.min(row1, col1);
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    // A relative tolerance keeps tables as likely as the observed one in the sum.
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/** The standard normal distribution function (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Mann-Whitney U test, two-sided, by the normal approximation with a correction for ties.
 * Undefined when either group is empty; p = 1 when every value is the same.
 */
export function mannWhitney(xs: readonly number[], ys: readonly number[]): { u: number; p: number } | undefined {
  const n1 = xs.length;
  const n2 = ys.length;
  if (n1 === 0 || n2 === 0) return undefined;
  const all = [...xs.map((v) => ({ v, g: 0 })), ...ys.map((v) => ({ v, g: 1 }))].sort((a, b) => a.v - b.v);
  const n = n1 + n2;
  let rankSum1 = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && all[j]!.v === all[i]!.v) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.g === 0) rankSum1 += rank;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  const u = rankSum1 - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, p: 1 };
  const z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  return { u, p: Math.min(1, 2 * (1 - normalCdf(Math.max(0, z)))) };
}
