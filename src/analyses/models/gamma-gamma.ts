/**
 * The Gamma-Gamma model of spend per purchase (Colombo & Jiang 1999; Fader, Hardie & Lee, "RFM
 * and CLV: using iso-value curves for customer base analysis", JMR 2005): a customer's purchases
 * are Gamma(p, ν) around their own mean, and ν ~ Gamma(q, γ) across customers. It is fitted on
 * the repeat buyers' mean spend of their repeat purchases, assuming spend does not depend on how
 * often a customer buys (the correlation is reported beside the fit).
 */
import { bfgsFromStarts } from './optimise.js';
import { gammaln } from './special.js';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** A repeat buyer: x repeat purchases with mean spend m (> 0). */
export interface SpendHistory {
  readonly x: number;
  readonly m: number;
}

/** ln of the density of the mean spend m of x purchases (FHL 2005b, equation 1 marginalised). */
export function gammaGammaLogLikelihood(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = g;
  const px = p * x;
  return gammaln(px + q) - gammaln(px) - gammaln(q) + q * Math.log(gamma) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(x * m + gamma);
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly problem: string | null;
  /** Some (rescaled) parameter is below 1e-3 or above 1e3: the optimum may be at the homogeneous limit. */
  readonly extreme: boolean;
}

const LOG_BOUND = 15;

/** ψ(z), the digamma function, by a central difference of @stdlib's ln Γ: relative error about 1e-8 at most for z ≥ 0.01, ample for a gradient (no digamma dependency needed). */
export function digammaApprox(z: number): number {
  const h = 1e-5 * Math.max(z, 0.01);
  return (gammaln(z + h) - gammaln(z - h)) / (2 * h);
}

/**
 * Σ ln density over the histories and its gradient in (p, q, γ). Terms that depend on x alone
 * are summed once per distinct x; a history costs one log and one division.
 */
function compile(xs: Float64Array, ms: Float64Array): (g: GammaGammaParams) => { value: number; gradient: [number, number, number] } {
  const n = xs.length;
  // Per distinct x: the customers and Σ ln m.
  const byX = new Map<number, { count: number; sumLogM: number }>();
  for (let i = 0; i < n; i++) {
    const g = byX.get(xs[i]!) ?? { count: 0, sumLogM: 0 };
    g.count++;
    g.sumLogM += Math.log(ms[i]!);
    byX.set(xs[i]!, g);
  }
  const groups = [...byX].sort((a, b) => a[0] - b[0]);
  return ({ p, q, gamma }) => {
    let value = 0;
    let dp = 0;
    let dq = 0;
    let dgamma = 0;
    const logGamma = Math.log(gamma);
    const psiQ = digammaApprox(q);
    for (const [x, s] of groups) {
      const px = p * x;
      const logX = Math.log(x);
      value += s.count * (gammaln(px + q) - gammaln(px) - gammaln(q) + q * logGamma + px * logX) + (px - 1) * s.sumLogM;
      const psiPxQ = digammaApprox(px + q);
      dp += s.count * x * (psiPxQ - digammaApprox(px) + logX) + x * s.sumLogM;
      dq += s.count * (psiPxQ - psiQ + logGamma);
      dgamma += (s.count * q) / gamma;
    }
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const u = x * ms[i]! + gamma;
      const logU = Math.log(u);
      const pxq = p * x + q;
      value -= pxq * logU;
      dp -= x * logU;
      dq -= logU;
      dgamma -= pxq / u;
    }
    return { value, gradient: [dp, dq, dgamma] };
  };
}

/**
 * Maximum likelihood fit by BFGS with the gradient (./optimise.ts) in log-parameter space, from
 * three starting points. Spend is rescaled so that its mean is 1 (γ scales with it; p, q do not).
 */
export function fitGammaGamma(histories: readonly SpendHistory[]): GammaGammaFit {
  const n = histories.length;
  const mean = histories.reduce((s, h) => s + h.m, 0) / Math.max(n, 1);
  const scale = mean > 0 ? 1 / mean : 1;
  const xs = Float64Array.from(histories, (h) => h.x);
  const ms = Float64Array.from(histories, (h) => h.m * scale);
  const total = compile(xs, ms);
  const unpack = (v: readonly number[]): GammaGammaParams => ({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), gamma: Math.exp(v[2]!) });
  // In log-parameters u = ln θ: ∂f/∂u = θ · ∂f/∂θ.
  const objective = (v: readonly number[]): { value: number; gradient: readonly number[] } => {
    if (v.some((u) => Math.abs(u) > LOG_BOUND)) return { value: Infinity, gradient: [0, 0, 0] };
    const g = unpack(v);
    const { value, gradient } = total(g);
    const theta = [g.p, g.q, g.gamma];
    return { value: -value / n, gradient: gradient.map((d, i) => (-d * theta[i]!) / n) };
  };
  const starts = [
    [0, 0, 0],
    [Math.log(2), Math.log(3), Math.log(2)],
    [Math.log(5), Math.log(2), Math.log(0.5)],
  ];
  const best = bfgsFromStarts(objective, starts, { gradientTolerance: 1e-9 });
  const params = unpack(best.x);
  const atBound = best.x.findIndex((u) => Math.abs(u) > LOG_BOUND - 1);
  const names = ['p', 'q', 'gamma'];
  let problem: string | null = null;
  // The edge first: a search stopped there has not converged either, but the edge says why
  // (mean spends that hardly vary send p or q towards +∞).
  if (atBound >= 0) problem = `parameter ${names[atBound]} ran to the edge of its range (${Math.exp(best.x[atBound]!).toPrecision(3)}): the data do not identify the model`;
  else if (!best.converged) problem = `the optimiser did not converge in ${best.iterations} iterations`;
  else if (params.q <= 1) problem = `q = ${params.q.toPrecision(3)} ≤ 1: the model's mean spend is not finite`;
  // ln L of the unscaled spends: each m's density picks up ln(scale).
  const logLikelihood = -best.value * n + n * Math.log(scale);
  const extreme = best.x.some((u) => Math.abs(u) > 6.9);
  return { params: { ...params, gamma: params.gamma / scale }, logLikelihood, iterations: best.iterations, converged: problem === null, problem, extreme };
}

/** E[M | x, m̄]: the expected mean spend of a customer's future purchases (FHL 2005b, eq. 5). */
export function expectedSpend(g: GammaGammaParams, x: number, m: number): number {
  if (x === 0) return (g.p * g.gamma) / (g.q - 1);
  return (g.p * (g.gamma + x * m)) / (g.p * x + g.q - 1);
}
