/**
 * The Pareto/NBD (Schmittlein, Morrison & Colombo 1987) as implemented in Fader, Hardie & Lee,
 * "A note on implementing the Pareto/NBD model in MATLAB" (2005): while alive a customer buys
 * at a Poisson rate λ ~ Gamma(r, α); their lifetime is exponential with rate μ ~ Gamma(s, β).
 *
 * The likelihood needs the Gauss hypergeometric ₂F₁ (@stdlib's, via ./special.ts). The note
 * writes its argument as (α − β)/(α + t) when α ≥ β and (β − α)/(β + t) otherwise, so that
 * 0 ≤ z < 1 always. The ₂F₁ here always has c = a + 1; it is taken in logs through Euler's
 * transformation ₂F₁(a, b; c; z) = (1 − z)^(c − a − b) ₂F₁(c − a, c − b; c; z), which leaves a
 * ₂F₁(1, a + 1 − b; a + 1; z) of modest size where the plain series would overflow for
 * customers with many purchases.
 */
import type { Triple } from './bgnbd.js';
import { gammaln, hyp2f1, logAddExp } from './special.js';

export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/**
 * ₂F₁(1, b; c; z) for 0 ≤ z < 1 and 0 < b < c by its power series Σ (b)ₙ / (c)ₙ zⁿ, whose terms
 * fall at least as fast as zⁿ. Hand-written as a fallback only: @stdlib's ₂F₁ (like scipy's, both
 * ports of Cephes) returns NaN for some of these arguments (e.g. ₂F₁(1, 1; 601; 0.999) ≈ 1.0017).
 */
export function hyp2f1Series(b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 1_000_000; n++) {
    term *= (z * (b + n)) / (c + n);
    sum += term;
    if (term < 1e-17 * sum) return sum;
  }
  return NaN;
}

/** ln ₂F₁(a, b; a + 1; z) for 0 ≤ z < 1, by Euler's transformation (see above). */
export function logHyp2f1Shifted(a: number, b: number, z: number): number {
  if (z === 0) return 0;
  const library = hyp2f1(1, a + 1 - b, a + 1, z);
  const f = Number.isFinite(library) ? library : hyp2f1Series(a + 1 - b, a + 1, z);
  return (1 - b) * Math.log1p(-z) + Math.log(f);
}

/**
 * ln A₀ of the note: the part of the likelihood from dying between t_x and T (−∞ when t_x = T).
 */
export function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const rsx = r + s + x;
  const [b, m, d] = alpha >= beta ? [s + 1, alpha, alpha - beta] : [r + x, beta, beta - alpha];
  const l1 = logHyp2f1Shifted(rsx, b, d / (m + tx)) - rsx * Math.log(m + tx);
  const l2 = logHyp2f1Shifted(rsx, b, d / (m + T)) - rsx * Math.log(m + T);
  if (!(l2 < l1)) return -Infinity;
  return l1 + Math.log(-Math.expm1(l2 - l1));
}

/** ln L(r, α, s, β | x, t_x, T) (the note's equation 2, in logs). */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta);
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  return common + logAddExp(alive, Math.log(s / (r + s + x)) + logA0(p, x, tx, T));
}

export function paretoNbdTotalLogLikelihood(p: ParetoNbdParams, triples: readonly Triple[]): number {
  let sum = 0;
  for (const t of triples) sum += t.count * paretoNbdLogLikelihood(p, t.x, t.tx, t.T);
  return sum;
}

/** P(alive | x, t_x, T) (the note's equation 4). */
export function paretoPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const odds = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0(p, x, tx, T);
  return odds > 700 ? 0 : 1 / (1 + Math.exp(odds));
}

/** β · (1 − (β / (β + t))^(s − 1)) / (s − 1), continuous at s = 1 (where it is β ln((β + t) / β)). */
function lifetimeFactor(s: number, beta: number, t: number): number {
  const L = Math.log(beta) - Math.log(beta + t);
  return beta * (Math.abs(s - 1) < 1e-10 ? -L : -Math.expm1((s - 1) * L) / (s - 1));
}

/** E[Y(t) | x, t_x, T] (the note's equation 5). */
export function paretoConditional(p: ParetoNbdParams, x: number, tx: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const value = ((p.r + x) / (p.alpha + T)) * lifetimeFactor(p.s, p.beta + T, t) * paretoPAlive(p, x, tx, T);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** E[X(t)] of a new customer (the note's equation 3). */
export function paretoUnconditional(p: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  return (p.r / p.alpha) * lifetimeFactor(p.s, p.beta, t);
}
