/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee, "Counting your customers the easy
 * way", Marketing Science 24(2), 2005): while alive, a customer buys at a Poisson rate λ ~
 * Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b).
 *
 * Per customer: x repeat purchases, t_x the time of the last one, T the time since the first,
 * all in one time unit. Likelihoods are in log space; the fit is by maximum likelihood over the
 * unique (x, t_x, T) triples, in log-parameter space (see ./optimise.ts).
 */
import { minimise } from './optimise.js';
import { betaln, gammaln, hyp2f1, logAddExp } from './special.js';

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Customers with the same history, counted. */
export interface Triple {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly count: number;
}

/** ln L(r, α, a, b | x, t_x, T) for one customer (equation 6 of the paper, in logs). */
export function bgNbdLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const stays = betaln(a, b + x) - betaln(a, b) - (r + x) * Math.log(alpha + T);
  if (x === 0) return common + stays;
  const leftAfterLast = betaln(a + 1, b + x - 1) - betaln(a, b) - (r + x) * Math.log(alpha + tx);
  return common + logAddExp(stays, leftAfterLast);
}

/** Σ count · ln L over the triples. */
export function bgNbdTotalLogLikelihood(p: BgNbdParams, triples: readonly Triple[]): number {
  return compileLogLikelihood(triples)(p);
}

/** Indexes of each triple's value among the distinct values. */
function indexed(values: ArrayLike<number>): { distinct: Float64Array; index: Uint32Array } {
  const distinct = Float64Array.from(new Set(Array.from(values))).sort();
  const at = new Map<number, number>();
  distinct.forEach((v, i) => {
    at.set(v, i);
  });
  return { distinct, index: Uint32Array.from(Array.from(values), (v) => at.get(v)!) };
}

/**
 * Σ count · ln L as a function of the parameters, for many evaluations: the gamma and beta terms
 * depend on x alone and the logs on T or t_x alone, so each is computed once per distinct value
 * and a triple costs one exp and one log.
 */
export function compileLogLikelihood(triples: readonly Triple[]): (p: BgNbdParams) => number {
  const n = triples.length;
  const xs = indexed(triples.map((t) => t.x));
  const Ts = indexed(triples.map((t) => t.T));
  const txs = indexed(triples.map((t) => t.tx));
  const counts = Float64Array.from(triples, (t) => t.count);
  const common = new Float64Array(xs.distinct.length);
  const stays = new Float64Array(xs.distinct.length);
  const left = new Float64Array(xs.distinct.length);
  const logT = new Float64Array(Ts.distinct.length);
  const logTx = new Float64Array(txs.distinct.length);
  return ({ r, alpha, a, b }) => {
    const ab = betaln(a, b);
    xs.distinct.forEach((x, i) => {
      common[i] = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
      stays[i] = betaln(a, b + x) - ab;
      left[i] = x > 0 ? betaln(a + 1, b + x - 1) - ab : -Infinity;
    });
    Ts.distinct.forEach((T, i) => {
      logT[i] = Math.log(alpha + T);
    });
    txs.distinct.forEach((tx, i) => {
      logTx[i] = Math.log(alpha + tx);
    });
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const i = xs.index[k]!;
      const rx = r + xs.distinct[i]!;
      const s = stays[i]! - rx * logT[Ts.index[k]!]!;
      const l = left[i]! - rx * logTx[txs.index[k]!]!;
      sum += counts[k]! * (common[i]! + logAddExp(s, l));
    }
    return sum;
  };
}

/** Groups customers by (x, t_x, T): the likelihood is evaluated once per group. */
export function uniqueTriples(customers: readonly { x: number; tx: number; T: number }[]): Triple[] {
  const groups = new Map<string, { x: number; tx: number; T: number; count: number }>();
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { x: c.x, tx: c.tx, T: c.T, count: 1 });
  }
  return [...groups.values()];
}

export interface BgNbdFit {
  readonly params: BgNbdParams;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Why it did not converge, in words; null when it did. */
  readonly problem: string | null;
  /** A converged fit at the model's no-drop-out limit, in words; null otherwise. */
  readonly note: string | null;
}

/** log-parameters beyond ±LOG_BOUND (about 3e-7 … 3e6) are outside the model's sensible range. */
const LOG_BOUND = 15;

/** The same customers with t_x and T rounded to a grid of `cells` steps over [0, max T], merged. */
function coarsen(triples: readonly Triple[], maxT: number, cells: number): Triple[] {
  const step = maxT / cells;
  const groups = new Map<string, { x: number; tx: number; T: number; count: number }>();
  for (const t of triples) {
    const T = Math.max(step, Math.round(t.T / step) * step);
    const tx = Math.min(T, Math.round(t.tx / step) * step);
    const key = `${t.x}|${tx}|${T}`;
    const g = groups.get(key);
    if (g) g.count += t.count;
    else groups.set(key, { x: t.x, tx, T, count: t.count });
  }
  return [...groups.values()];
}

/**
 * Maximum likelihood fit. Times are rescaled so that the longest T is 10 (α scales with them;
 * r, a, b do not), which keeps the four log-parameters on similar scales for Nelder-Mead.
 * Several starting points are tried on the histories rounded to a grid (cheap, and close), and
 * the best is then refined on the exact histories.
 */
export function fitBgNbd(triples: readonly Triple[]): BgNbdFit {
  const maxT = Math.max(0, ...triples.map((t) => t.T));
  const scale = maxT > 0 ? 10 / maxT : 1;
  const scaled = triples.map((t) => ({ ...t, tx: t.tx * scale, T: t.T * scale }));
  const n = triples.reduce((s, t) => s + t.count, 0);
  const unpack = (v: readonly number[]): BgNbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) });
  const objectiveOf = (data: readonly Triple[]): ((v: readonly number[]) => number) => {
    const logLikelihood = compileLogLikelihood(data);
    return (v) => (v.some((u) => Math.abs(u) > LOG_BOUND) ? Infinity : -logLikelihood(unpack(v)) / n);
  };
  // Several starts: all ones (as lifetimes starts), and spread around it.
  const starts = [
    [0, 0, 0, 0],
    [Math.log(0.5), Math.log(2), Math.log(0.5), Math.log(2)],
    [Math.log(2), Math.log(5), Math.log(2), Math.log(5)],
    [Math.log(0.2), Math.log(0.5), Math.log(1), Math.log(3)],
  ];
  const rough = minimise(objectiveOf(scaled.length > 2000 ? coarsen(scaled, 10, 100) : scaled), starts, { valueTolerance: 1e-7, pointTolerance: 1e-3 });
  const fine = minimise(objectiveOf(scaled), [rough.x], { step: 0.1 });
  const best = { ...fine, iterations: rough.iterations + fine.iterations };
  const params = unpack(best.x);
  const names = ['r', 'alpha', 'a', 'b'];
  // a → 0 or b → ∞ is the model's limit without drop-out (the NBD): a fit, not a failure.
  const noDropout = (i: number): boolean => (i === 2 && best.x[2]! < 0) || (i === 3 && best.x[3]! > 0);
  const edges = best.x.map((u, i) => (Math.abs(u) > LOG_BOUND - 1 ? i : -1)).filter((i) => i >= 0);
  const atBound = edges.find((i) => !noDropout(i)) ?? -1;
  const problem = !best.converged
    ? `the optimiser did not converge in ${best.iterations} iterations`
    : atBound >= 0
      ? `parameter ${names[atBound]} ran to the edge of its range (${Math.exp(best.x[atBound]!).toPrecision(3)}): the data do not identify the model`
      : null;
  const note = problem === null && edges.length > 0
    ? `the data show almost no drop-out (${edges.map((i) => `${names[i]} = ${Math.exp(best.x[i]!).toPrecision(3)}`).join(', ')}): the purchase model is at its limit without drop-out, so P(alive) is close to 1 for everyone`
    : null;
  return {
    params: { ...params, alpha: params.alpha / scale },
    logLikelihood: -best.value * n,
    iterations: best.iterations,
    converged: problem === null,
    problem,
    note,
  };
}

/** ln of ((α + T) / (α + t_x))^(r + x) · a / (b + x − 1): the odds of having left, in logs. */
function logOddsLeft(p: BgNbdParams, x: number, tx: number, T: number): number {
  return Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
}

/** P(alive | x, t_x, T) (equation 11). One-time buyers (x = 0) are alive by the model's design. */
export function pAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const odds = logOddsLeft(p, x, tx, T);
  return odds > 700 ? 0 : 1 / (1 + Math.exp(odds));
}

/** E[X(t)]: expected purchases in (0, t] of a new customer (equation 7). */
export function expectedPurchases(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t of a customer with this history
 * (equation 10). At a = 1 the formula's factor 1/(a − 1) is singular (its limit exists); there
 * the value is the mean of a just above and below.
 */
export function conditionalExpectedPurchases(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  if (t <= 0) return 0;
  if (Math.abs(p.a - 1) < 1e-7) {
    return (conditionalExpectedPurchases({ ...p, a: 1 - 1e-6 }, x, tx, T, t) + conditionalExpectedPurchases({ ...p, a: 1 + 1e-6 }, x, tx, T, t)) / 2;
  }
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const logRatio = (r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t));
  const bracket = 1 - Math.exp(logRatio) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const value = ((a + b + x - 1) / (a - 1)) * bracket * pAlive(p, x, tx, T);
  // biome-ignore lint/complexity/useMathMinMax: a NaN (a failed series) counts as 0 too, which Math.max would not do
  return value > 0 ? value : 0;
}
