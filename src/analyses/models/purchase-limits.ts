/**
 * The limits of the purchase models, where their likelihood has no finite optimum. Each is a
 * model in its own right, with its own likelihood and predictions:
 *
 * - No drop-out: a → 0 or b → ∞ in the (M)BG/NBD, s → 0 or β → ∞ in the Pareto/NBD. What is left
 *   is the NBD (Ehrenberg): λ ~ Gamma(r, α), everyone stays; P(alive) = 1 and
 *   E[Y(t) | x, T] = (r + x) / (α + T) · t.
 * - Constant drop-out: a, b → ∞ with a / (a + b) = p fixed in the (M)BG/NBD: every customer
 *   drops out with the same probability p after each repeat purchase (after the first too in the
 *   MBG/NBD). Given λ, the expected purchases in t while alive are (1 − e^(−λpt)) / p; over the
 *   Gamma(r + x, α + T) posterior, E[Y(t) | alive] = (1 − ((α + T) / (α + T + pt))^(r + x)) / p.
 */
import type { Shift, Triple } from './bgnbd.js';
import { fitNumeric, type NumericFit } from './fit-numeric.js';
import { gammaln, logAddExp } from './special.js';

export interface NbdParams {
  readonly r: number;
  readonly alpha: number;
}

export interface ConstantDropoutParams extends NbdParams {
  /** The drop-out probability after a purchase. */
  readonly p: number;
}

/** Σ count · ln Γ(r + x) − ln Γ(r) + r ln α, with the gamma terms once per distinct x. */
function commonTerms(triples: readonly Triple[], r: number, alpha: number): number {
  const byX = new Map<number, number>();
  for (const t of triples) byX.set(t.x, (byX.get(t.x) ?? 0) + t.count);
  let sum = 0;
  const base = gammaln(r) - r * Math.log(alpha);
  for (const [x, count] of byX) sum += count * (gammaln(r + x) - base);
  return sum;
}

export function nbdLogLikelihood(p: NbdParams, triples: readonly Triple[]): number {
  let sum = commonTerms(triples, p.r, p.alpha);
  for (const t of triples) sum -= t.count * (p.r + t.x) * Math.log(p.alpha + t.T);
  return sum;
}

export function constantDropoutLogLikelihood(p: ConstantDropoutParams, triples: readonly Triple[], shift: Shift): number {
  const { r, alpha } = p;
  const stay = Math.log1p(-p.p);
  const leave = Math.log(p.p);
  let sum = commonTerms(triples, r, alpha);
  for (const t of triples) {
    const xe = t.x + shift;
    const stays = xe * stay - (r + t.x) * Math.log(alpha + t.T);
    const left = xe > 0 ? leave + (xe - 1) * stay - (r + t.x) * Math.log(alpha + t.tx) : -Infinity;
    sum += t.count * logAddExp(stays, left);
  }
  return sum;
}

const starts = [
  [1, 1],
  [0.5, 2],
  [2, 5],
];

/** The NBD fitted on times rescaled so that the longest T is 10 (α scales with them). */
export function fitNbd(triples: readonly Triple[], scale: number): NumericFit & { params: NbdParams } {
  const n = triples.reduce((s, t) => s + t.count, 0);
  const scaled = triples.map((t) => ({ ...t, tx: t.tx * scale, T: t.T * scale }));
  const fit = fitNumeric((v) => nbdLogLikelihood({ r: v[0]!, alpha: v[1]! }, scaled), ['positive', 'positive'], starts, n);
  const params = { r: fit.theta[0]!, alpha: fit.theta[1]! / scale };
  return { ...fit, params, theta: [params.r, params.alpha], logLikelihood: nbdLogLikelihood(params, triples) };
}

export function fitConstantDropout(triples: readonly Triple[], scale: number, shift: Shift): NumericFit & { params: ConstantDropoutParams } {
  const n = triples.reduce((s, t) => s + t.count, 0);
  const scaled = triples.map((t) => ({ ...t, tx: t.tx * scale, T: t.T * scale }));
  const ll = (v: readonly number[]): number => constantDropoutLogLikelihood({ r: v[0]!, alpha: v[1]!, p: v[2]! }, scaled, shift);
  const fit = fitNumeric(ll, ['positive', 'positive', 'probability'], starts.flatMap((s) => [[...s, 0.1], [...s, 0.5]]), n);
  const params = { r: fit.theta[0]!, alpha: fit.theta[1]! / scale, p: fit.theta[2]! };
  return { ...fit, params, theta: [params.r, params.alpha, params.p], logLikelihood: constantDropoutLogLikelihood(params, triples, shift) };
}

export const nbd = {
  pAlive: (): number => 1,
  conditional: (p: NbdParams, x: number, T: number, t: number): number => (t <= 0 ? 0 : ((p.r + x) / (p.alpha + T)) * t),
  unconditional: (p: NbdParams, t: number): number => (t <= 0 ? 0 : (p.r / p.alpha) * t),
};

export const constantDropout = {
  pAlive(p: ConstantDropoutParams, x: number, tx: number, T: number, shift: Shift): number {
    if (x + shift === 0) return 1;
    const odds = Math.log(p.p) - Math.log1p(-p.p) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
    return odds > 700 ? 0 : 1 / (1 + Math.exp(odds));
  },
  conditional(p: ConstantDropoutParams, x: number, tx: number, T: number, t: number, shift: Shift): number {
    if (t <= 0) return 0;
    const gone = -Math.expm1((p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + T + p.p * t)));
    return (gone / p.p) * constantDropout.pAlive(p, x, tx, T, shift);
  },
  /** A new customer: in the MBG/NBD they stay after the first purchase with probability 1 − p. */
  unconditional(p: ConstantDropoutParams, t: number, shift: Shift): number {
    if (t <= 0) return 0;
    const value = -Math.expm1(p.r * (Math.log(p.alpha) - Math.log(p.alpha + p.p * t))) / p.p;
    return shift === 1 ? (1 - p.p) * value : value;
  },
};
