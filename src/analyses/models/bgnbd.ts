/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee, "Counting your customers the easy
 * way", Marketing Science 24(2), 2005): while alive, a customer buys at a Poisson rate λ ~
 * Gamma(r, α); after each repeat purchase they drop out with probability p ~ Beta(a, b).
 * The MBG/NBD (Batislam, Denizel & Filiztekin 2007) lets them drop out after the first purchase
 * too, so that a one-time buyer can already have left: its formulas are the BG/NBD's with x + 1
 * in place of x in every Beta term (`shift` = 1 below; 0 is the BG/NBD).
 *
 * Per customer: x repeat purchases, t_x the time of the last one, T the time since the first,
 * all in one time unit. Likelihoods are in log space; the fit is by maximum likelihood over the
 * unique (x, t_x, T) triples, in log-parameter space (see ./optimise.ts).
 */
import { bfgs, bfgsFromStarts, type FnWithGradient } from './optimise.js';
import { betaln, gammaln, hyp2f1, logAddExp } from './special.js';

/** 0: the BG/NBD; 1: the MBG/NBD (drop-out possible after the first purchase too). */
export type Shift = 0 | 1;

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
export function bgNbdLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number, shift: Shift = 0): number {
  const { r, alpha, a, b } = p;
  const xe = x + shift;
  const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const stays = betaln(a, b + xe) - betaln(a, b) - (r + x) * Math.log(alpha + T);
  if (xe === 0) return common + stays;
  const leftAfterLast = betaln(a + 1, b + xe - 1) - betaln(a, b) - (r + x) * Math.log(alpha + tx);
  return common + logAddExp(stays, leftAfterLast);
}

/** Σ count · ln L over the triples. */
export function bgNbdTotalLogLikelihood(p: BgNbdParams, triples: readonly Triple[], shift: Shift = 0): number {
  return compileLogLikelihood(triples, shift)(p);
}

/** Indexes of each triple's value among the distinct values (ascending). */
function indexed(values: ArrayLike<number>): { distinct: Float64Array; index: Uint32Array } {
  const distinct = Float64Array.from(new Set(Array.from(values))).sort();
  const at = new Map<number, number>();
  distinct.forEach((v, i) => {
    at.set(v, i);
  });
  return { distinct, index: Uint32Array.from(Array.from(values), (v) => at.get(v)!) };
}

/** The log-likelihood and its partial derivatives in r, α, a, b. */
export interface LogLikelihoodGradient {
  readonly value: number;
  readonly gradient: readonly [number, number, number, number];
}

/**
 * Σ_{k<x} 1/(s + k) for each distinct x (ascending integers): ψ(s + x) − ψ(s), the derivative of
 * ln Γ(s + x) − ln Γ(s), without a digamma function.
 */
function harmonic(s: number, xs: Float64Array, out: Float64Array): void {
  let sum = 0;
  let k = 0;
  for (let i = 0; i < xs.length; i++) {
    for (; k < xs[i]!; k++) sum += 1 / (s + k);
    out[i] = sum;
  }
}

/**
 * Σ count · ln L as a function of the parameters, for many evaluations: the gamma and beta terms
 * depend on x alone and the logs on T or t_x alone, so each is computed once per distinct value
 * and a triple costs one exp and one log. `withGradient` also gives the analytic derivatives:
 * those of the gamma and beta terms are finite sums over x (see harmonic), as x is a count.
 */
export function compileLogLikelihood(triples: readonly Triple[], shift: Shift = 0): ((p: BgNbdParams) => number) & { withGradient: (p: BgNbdParams) => LogLikelihoodGradient } {
  const n = triples.length;
  const xs = indexed(triples.map((t) => t.x));
  // The Beta terms' count: x for the BG/NBD, x + 1 for the MBG/NBD.
  const xes = xs.distinct.map((x) => x + shift);
  const Ts = indexed(triples.map((t) => t.T));
  const txs = indexed(triples.map((t) => t.tx));
  const xIndex = xs.index;
  const TIndex = Ts.index;
  const txIndex = txs.index;
  const counts = Float64Array.from(triples, (t) => t.count);
  const nx = xs.distinct.length;
  const customersAtX = new Float64Array(nx);
  for (let k = 0; k < n; k++) customersAtX[xIndex[k]!]! += counts[k]!;
  const common = new Float64Array(nx);
  const stays = new Float64Array(nx);
  const left = new Float64Array(nx);
  const logT = new Float64Array(Ts.distinct.length);
  const logTx = new Float64Array(txs.distinct.length);
  const invT = new Float64Array(Ts.distinct.length);
  const invTx = new Float64Array(txs.distinct.length);
  const stayWeight = new Float64Array(nx);
  const hr = new Float64Array(nx);
  const hb = new Float64Array(nx);
  const hab = new Float64Array(nx);
  const prepare = ({ r, alpha, a, b }: BgNbdParams): void => {
    const ab = betaln(a, b);
    const base = gammaln(r) - r * Math.log(alpha);
    for (let i = 0; i < nx; i++) {
      const x = xs.distinct[i]!;
      const xe = xes[i]!;
      common[i] = gammaln(r + x) - base;
      stays[i] = betaln(a, b + xe) - ab;
      left[i] = xe > 0 ? betaln(a + 1, b + xe - 1) - ab : -Infinity;
    }
    for (let i = 0; i < logT.length; i++) logT[i] = Math.log(alpha + Ts.distinct[i]!);
    for (let i = 0; i < logTx.length; i++) logTx[i] = Math.log(alpha + txs.distinct[i]!);
  };
  const value = (p: BgNbdParams): number => {
    prepare(p);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const i = xIndex[k]!;
      const rx = p.r + xs.distinct[i]!;
      const s = stays[i]! - rx * logT[TIndex[k]!]!;
      const l = left[i]! - rx * logTx[txIndex[k]!]!;
      // log(e^s + e^l), inlined: this loop is the fit's cost.
      const lse = l === -Infinity ? s : s >= l ? s + Math.log(1 + Math.exp(l - s)) : l + Math.log(1 + Math.exp(s - l));
      sum += counts[k]! * (common[i]! + lse);
    }
    return sum;
  };
  const withGradient = (p: BgNbdParams): LogLikelihoodGradient => {
    const { r, alpha, a, b } = p;
    prepare(p);
    for (let i = 0; i < invT.length; i++) invT[i] = 1 / (alpha + Ts.distinct[i]!);
    for (let i = 0; i < invTx.length; i++) invTx[i] = 1 / (alpha + txs.distinct[i]!);
    stayWeight.fill(0);
    let sum = 0;
    let dr = 0;
    let dalpha = 0;
    for (let k = 0; k < n; k++) {
      const i = xIndex[k]!;
      const c = counts[k]!;
      const rx = r + xs.distinct[i]!;
      const iT = TIndex[k]!;
      const itx = txIndex[k]!;
      const s = stays[i]! - rx * logT[iT]!;
      const l = left[i]! - rx * logTx[itx]!;
      // w: the share of the likelihood from "still alive at T".
      let lse: number;
      let w: number;
      if (l === -Infinity) {
        lse = s;
        w = 1;
      } else if (s >= l) {
        const e = Math.exp(l - s);
        lse = s + Math.log(1 + e);
        w = 1 / (1 + e);
      } else {
        const e = Math.exp(s - l);
        lse = l + Math.log(1 + e);
        w = e / (1 + e);
      }
      sum += c * (common[i]! + lse);
      dr -= c * (w * logT[iT]! + (1 - w) * logTx[itx]!);
      dalpha -= c * rx * (w * invT[iT]! + (1 - w) * invTx[itx]!);
      stayWeight[i]! += c * w;
    }
    harmonic(r, xs.distinct, hr);
    harmonic(b, xes, hb);
    harmonic(a + b, xes, hab);
    let da = 0;
    let db = 0;
    const logAlpha = Math.log(alpha);
    for (let i = 0; i < nx; i++) {
      const xe = xes[i]!;
      const N = customersAtX[i]!;
      const W = stayWeight[i]!;
      dr += N * (hr[i]! + logAlpha);
      dalpha += (N * r) / alpha;
      // d/da, d/db of ln B(a, b + x) − ln B(a, b) (weight W) and of ln B(a + 1, b + x − 1) − ln B(a, b).
      da += W * -hab[i]!;
      db += W * (hb[i]! - hab[i]!);
      if (xe > 0) {
        da += (N - W) * (1 / a - hab[i]!);
        db += (N - W) * (hb[i]! - 1 / (b + xe - 1) - hab[i]!);
      }
    }
    return { value: sum, gradient: [dr, dalpha, da, db] };
  };
  return Object.assign(value, { withGradient });
}

/**
 * Each customer's triple among the distinct (x, t_x, T), counted: per-customer values computed
 * once per triple. Nested maps by number, not string keys: formatting 200,000 times took longer
 * than the fit.
 */
export function tripleIndex(customers: readonly { x: number; tx: number; T: number }[]): { triples: Triple[]; index: Uint32Array } {
  const byX = new Map<number, Map<number, Map<number, number>>>();
  const triples: { x: number; tx: number; T: number; count: number }[] = [];
  const index = new Uint32Array(customers.length);
  customers.forEach((c, k) => {
    let byTx = byX.get(c.x);
    if (!byTx) {
      byTx = new Map();
      byX.set(c.x, byTx);
    }
    let byT = byTx.get(c.tx);
    if (!byT) {
      byT = new Map();
      byTx.set(c.tx, byT);
    }
    let i = byT.get(c.T);
    if (i === undefined) {
      i = triples.length;
      byT.set(c.T, i);
      triples.push({ x: c.x, tx: c.tx, T: c.T, count: 0 });
    }
    triples[i]!.count++;
    index[k] = i;
  });
  return { triples, index };
}

/** Groups customers by (x, t_x, T): the likelihood is evaluated once per group. */
export function uniqueTriples(customers: readonly { x: number; tx: number; T: number }[]): Triple[] {
  return tripleIndex(customers).triples;
}

export interface BgNbdFit {
  readonly params: BgNbdParams;
  /** ln L in the stated time unit (comparable with published values). */
  readonly logLikelihood: number;
  readonly iterations: number;
  /** The optimiser converged. */
  readonly converged: boolean;
  /**
   * Some parameter is far out (below 1e-3 or above 1e3, α in the rescaled time): the optimum may
   * be at one of the model's limits (./purchase-limits.ts), to be compared there.
   */
  readonly extreme: boolean;
}

/** log-parameters beyond ±LOG_BOUND (about 3e-7 … 3e6) are outside the model's sensible range. */
const LOG_BOUND = 15;
/** log-parameters beyond ±EXTREME (1e-3 … 1e3) make a fit worth comparing with the limits. */
const EXTREME = 6.9;

/** The same customers with t_x and T rounded to a grid of `cells` steps over [0, max T], merged. */
export function coarsen(triples: readonly Triple[], maxT: number, cells: number): Triple[] {
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

/** The factor that brings the longest T to 10, and the triples in that time. */
export function rescaled(triples: readonly Triple[]): { scale: number; scaled: Triple[] } {
  // A loop, not Math.max(...): 200,000 distinct histories overflow the argument list.
  const maxT = triples.reduce((m, t) => Math.max(m, t.T), 0);
  const scale = maxT > 0 ? 10 / maxT : 1;
  return { scale, scaled: triples.map((t) => ({ ...t, tx: t.tx * scale, T: t.T * scale })) };
}

/**
 * Maximum likelihood fit by BFGS with the analytic gradient, in log-parameter space (a few tens
 * of passes over the triples where Nelder-Mead needed hundreds). Times are rescaled so that the
 * longest T is 10 (α scales with them; r, a, b do not), which keeps the four log-parameters on
 * similar scales. Several starting points are tried on the histories rounded to a grid (cheap,
 * and close); the best is then refined on the exact histories. The log-likelihood is then
 * computed once more in the stated unit: rescaling time adds Σ x · ln(scale) to it.
 */
export function fitBgNbd(triples: readonly Triple[], shift: Shift = 0): BgNbdFit {
  const { scale, scaled } = rescaled(triples);
  const n = triples.reduce((s, t) => s + t.count, 0);
  const unpack = (v: readonly number[]): BgNbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) });
  const outside = (v: readonly number[]): boolean => v.some((u) => Math.abs(u) > LOG_BOUND);
  // In log-parameters u = ln θ: ∂f/∂u = θ · ∂f/∂θ.
  const objectiveOf = (data: readonly Triple[]): FnWithGradient => {
    const logLikelihood = compileLogLikelihood(data, shift);
    return (v) => {
      if (outside(v)) return { value: Infinity, gradient: v.map(() => 0) };
      const p = unpack(v);
      const { value, gradient } = logLikelihood.withGradient(p);
      const theta = [p.r, p.alpha, p.a, p.b];
      return { value: -value / n, gradient: gradient.map((g, i) => (-g * theta[i]!) / n) };
    };
  };
  // Several starts: all ones (as lifetimes starts), and spread around it.
  const starts = [
    [0, 0, 0, 0],
    [Math.log(0.5), Math.log(2), Math.log(0.5), Math.log(2)],
    [Math.log(2), Math.log(5), Math.log(2), Math.log(5)],
    [Math.log(0.2), Math.log(0.5), Math.log(1), Math.log(3)],
  ];
  const rough = bfgsFromStarts(objectiveOf(scaled.length > 2000 ? coarsen(scaled, 10, 100) : scaled), starts, { gradientTolerance: 1e-6 });
  const fine = bfgs(objectiveOf(scaled), rough.x, { gradientTolerance: 1e-9 });
  const scaledParams = unpack(fine.x);
  const params = { ...scaledParams, alpha: scaledParams.alpha / scale };
  return {
    params,
    logLikelihood: compileLogLikelihood(triples, shift)(params),
    iterations: rough.iterations + fine.iterations,
    converged: fine.converged && Number.isFinite(fine.value),
    extreme: fine.x.some((u) => Math.abs(u) > EXTREME),
  };
}

/** ln of ((α + T) / (α + t_x))^(r + x) · a / (b + x − 1): the odds of having left, in logs. */
function logOddsLeft(p: BgNbdParams, x: number, tx: number, T: number, shift: Shift): number {
  return Math.log(p.a) - Math.log(p.b + x + shift - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
}

/**
 * P(alive | x, t_x, T) (equation 11). In the BG/NBD one-time buyers (x = 0) are alive by the
 * model's design; in the MBG/NBD they can have left.
 */
export function pAlive(p: BgNbdParams, x: number, tx: number, T: number, shift: Shift = 0): number {
  if (x + shift === 0) return 1;
  const odds = logOddsLeft(p, x, tx, T, shift);
  return odds > 700 ? 0 : 1 / (1 + Math.exp(odds));
}

/**
 * E[X(t)]: expected purchases in (0, t] of a new customer (equation 7). In the MBG/NBD a
 * customer stays after the first purchase with probability 1 − p, which turns Beta(a, b) into
 * b / (a + b) · Beta(a, b + 1): the BG/NBD's value at b + 1, times b / (a + b).
 */
export function expectedPurchases(p: BgNbdParams, t: number, shift: Shift = 0): number {
  if (shift === 1) return (p.b / (p.a + p.b)) * expectedPurchases({ ...p, b: p.b + 1 }, t);
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  if (Math.abs(a - 1) < 1e-7) return (expectedPurchases({ ...p, a: 1 - 1e-6 }, t) + expectedPurchases({ ...p, a: 1 + 1e-6 }, t)) / 2;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t of a customer with this history
 * (equation 10). At a = 1 the formula's factor 1/(a − 1) is singular (its limit exists); there
 * the value is the mean of a just above and below.
 */
export function conditionalExpectedPurchases(p: BgNbdParams, x: number, tx: number, T: number, t: number, shift: Shift = 0): number {
  if (t <= 0) return 0;
  if (Math.abs(p.a - 1) < 1e-7) {
    return (conditionalExpectedPurchases({ ...p, a: 1 - 1e-6 }, x, tx, T, t, shift) + conditionalExpectedPurchases({ ...p, a: 1 + 1e-6 }, x, tx, T, t, shift)) / 2;
  }
  const { r, alpha, a, b } = p;
  const xe = x + shift;
  const z = t / (alpha + T + t);
  const logRatio = (r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t));
  const bracket = 1 - Math.exp(logRatio) * hyp2f1(r + x, b + xe, a + b + xe - 1, z);
  const value = ((a + b + xe - 1) / (a - 1)) * bracket * pAlive(p, x, tx, T, shift);
  // Not Math.max: a NaN from the series must come out as 0 here, as it always did.
  // biome-ignore lint/complexity/useMathMinMax: NaN handling differs
  return value > 0 ? value : 0;
}
