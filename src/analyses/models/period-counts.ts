/**
 * P(X(t) = x): the probability that a customer makes x repeat purchases in the first t after their
 * first purchase, per model, for the period-transactions chart: customers by repeat purchases in
 * the calibration period, actual against Σ_i P(X(T_i) = x) (Fader, Hardie & Lee 2005, figure 3).
 * Each function gives x = 0, 1, …, n − 2 and, last, "n − 1 or more". Checked against
 * scripts/clv_period_counts.py (scipy).
 */
import type { BgNbdParams, Shift } from './bgnbd.js';
import type { ParetoNbdParams } from './pareto-nbd.js';
import type { ConstantDropoutParams, NbdParams } from './purchase-limits.js';
import { betaln } from './special.js';

/** Purchases in (0, t] while alive, over λ ~ Gamma(r, α): the NBD's P(N(t) = x), x = 0 … n − 1, in logs by recurrence. */
export function nbdCounts(p: NbdParams, t: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (!(t > 0)) {
    out[0] = 1;
    return out;
  }
  const logQ = Math.log(t) - Math.log(p.alpha + t);
  let log = p.r * (Math.log(p.alpha) - Math.log(p.alpha + t));
  for (let x = 0; x < n; x++) {
    out[x] = Math.exp(log);
    log += Math.log((p.r + x) / (x + 1)) + logQ;
  }
  return out;
}

/** The last entry becomes "n − 1 or more": 1 minus the others (never below 0). */
function closeTail(out: Float64Array): Float64Array {
  let sum = 0;
  for (let x = 0; x < out.length - 1; x++) sum += out[x]!;
  out[out.length - 1] = Math.max(0, 1 - sum);
  return out;
}

/**
 * Alive after the x-th repeat purchase with x by t, or left after the x-th with at least x by t:
 * P(X(t) = x) = E[(1 − p)^(x+k)] NB(x) + E[p (1 − p)^(x+k−1)] P(N(t) ≥ x), k = shift, the second
 * term only when x + k > 0 (FHL 2005 equation 8; k = 1 is the MBG/NBD, where the first purchase
 * can be the last). `stay(m)` = E[(1 − p)^m], `leave(m)` = E[p (1 − p)^(m − 1)].
 */
function dropoutCounts(nb: Float64Array, shift: Shift, stay: (m: number) => number, leave: (m: number) => number): Float64Array {
  const out = new Float64Array(nb.length);
  let below = 0;
  for (let x = 0; x < nb.length - 1; x++) {
    const m = x + shift;
    out[x] = stay(m) * nb[x]! + (m > 0 ? leave(m) * Math.max(0, 1 - below) : 0);
    below += nb[x]!;
  }
  return closeTail(out);
}

/** BG/NBD (shift 0) and MBG/NBD (shift 1): p ~ Beta(a, b). */
export function bgCounts(p: BgNbdParams, t: number, n: number, shift: Shift = 0): Float64Array {
  const ab = betaln(p.a, p.b);
  return dropoutCounts(nbdCounts(p, t, n), shift, (m) => Math.exp(betaln(p.a, p.b + m) - ab), (m) => Math.exp(betaln(p.a + 1, p.b + m - 1) - ab));
}

/** The constant drop-out limit: every customer's p is the same. */
export function constantDropoutCounts(p: ConstantDropoutParams, t: number, n: number, shift: Shift): Float64Array {
  return dropoutCounts(nbdCounts(p, t, n), shift, (m) => (1 - p.p) ** m, (m) => p.p * (1 - p.p) ** (m - 1));
}

/** The no-drop-out limit: the NBD itself. */
export function nbdLimitCounts(p: NbdParams, t: number, n: number): Float64Array {
  return closeTail(nbdCounts(p, t, n));
}

/** Simpson steps per unit of ln(1 + τ/β): the integrand is smooth there; 1e-9 of the counts (tested). */
const STEPS_PER_UNIT = 100;

/**
 * Pareto/NBD: alive at t with x purchases, or died at τ ∈ (0, t] with x by then. Over μ ~ Gamma(s, β)
 * the death density is s β^s / (β + τ)^(s+1), so
 *   P(X(t) = x) = (β / (β + t))^s NB(x; t) + ∫₀ᵗ s β^s / (β + τ)^(s+1) NB(x; τ) dτ.
 * Fader & Hardie's closed form of the integral sums ₂F₁ terms of alternating sign; here it is
 * integrated numerically instead, in v = ln(1 + τ/β), where it is s e^(−sv) NB(x; β(e^v − 1)) dv,
 * smooth and bounded, by composite Simpson (hand-written: @stdlib has no quadrature).
 */
export function paretoCounts(p: ParetoNbdParams, t: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (!(t > 0)) {
    out[0] = 1;
    return out;
  }
  const V = Math.log1p(t / p.beta);
  const alive = Math.exp(-p.s * V);
  const atT = nbdCounts(p, t, n);
  for (let x = 0; x < n; x++) out[x] = alive * atT[x]!;
  const steps = 2 * Math.max(32, Math.ceil((V * STEPS_PER_UNIT) / 2));
  const h = V / steps;
  for (let k = 0; k <= steps; k++) {
    const v = k * h;
    const weight = ((k === 0 || k === steps ? 1 : k % 2 === 1 ? 4 : 2) * h) / 3;
    const density = p.s * Math.exp(-p.s * v);
    const at = nbdCounts(p, p.beta * Math.expm1(v), n);
    for (let x = 0; x < n; x++) out[x]! += weight * density * at[x]!;
  }
  return closeTail(out);
}

/** One row of the period-transactions chart. */
export interface PeriodCountRow {
  /** Repeat purchases in the calibration period; the last row is "this many or more". */
  readonly x: number;
  readonly atLeast: boolean;
  readonly actual: number;
  /** Σ over customers of P(X(T_i) = x) (or ≥ x in the last row). */
  readonly expected: number;
}

/** Customers by repeat purchases (0 … groups − 2, then groups − 1 or more): actual, and expected at each customer's T. */
export function periodCounts(hs: readonly { readonly x: number; readonly T: number }[], probabilities: (t: number, n: number) => Float64Array, groups: number): PeriodCountRow[] {
  const actual = new Float64Array(groups);
  const byT = new Map<number, number>();
  for (const h of hs) {
    actual[Math.min(h.x, groups - 1)]!++;
    byT.set(h.T, (byT.get(h.T) ?? 0) + 1);
  }
  const expected = new Float64Array(groups);
  for (const [T, count] of byT) {
    const q = probabilities(T, groups);
    for (let x = 0; x < groups; x++) expected[x]! += count * q[x]!;
  }
  return Array.from({ length: groups }, (_, x) => ({ x, atLeast: x === groups - 1, actual: actual[x]!, expected: expected[x]! }));
}
