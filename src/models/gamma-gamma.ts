/**
 * The Gamma-Gamma model of spend per purchase (Colombo & Jiang 1999; Fader, Hardie & Lee, "RFM
 * and CLV: using iso-value curves for customer base analysis", JMR 2005): a customer's purchases
 * are Gamma(p, ν) around their own mean, and ν ~ Gamma(q, γ) across customers. It is fitted on
 * the repeat buyers' mean spend of their repeat purchases, assuming spend does not depend on how
 * often a customer buys (the correlation is reported beside the fit).
 */
import { minimise } from './optimise.js';
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
}

const LOG_BOUND = 15;

/**
 * Maximum likelihood fit. Spend is rescaled so that its mean is 1 (γ scales with it; p, q do
 * not). Terms that depend on x alone are summed once per distinct x.
 */
export function fitGammaGamma(histories: readonly SpendHistory[]): GammaGammaFit {
  const n = histories.length;
  const mean = histories.reduce((s, h) => s + h.m, 0) / Math.max(n, 1);
  const scale = mean > 0 ? 1 / mean : 1;
  const xs = new Float64Array(n);
  const ms = new Float64Array(n);
  histories.forEach((h, i) => {
    xs[i] = h.x;
    ms[i] = h.m * scale;
  });
  // Per distinct x: the customers, Σ ln m and x ln x, so that one evaluation costs one log each.
  const byX = new Map<number, { count: number; sumLogM: number }>();
  for (let i = 0; i < n; i++) {
    const g = byX.get(xs[i]!) ?? { count: 0, sumLogM: 0 };
    g.count++;
    g.sumLogM += Math.log(ms[i]!);
    byX.set(xs[i]!, g);
  }
  const total = (g: GammaGammaParams): number => {
    const { p, q, gamma } = g;
    let sum = 0;
    for (const [x, s] of byX) {
      const px = p * x;
      sum += s.count * (gammaln(px + q) - gammaln(px) - gammaln(q) + q * Math.log(gamma) + px * Math.log(x)) + (px - 1) * s.sumLogM;
    }
    for (let i = 0; i < n; i++) sum -= (p * xs[i]! + q) * Math.log(xs[i]! * ms[i]! + gamma);
    return sum;
  };
  const unpack = (v: readonly number[]): GammaGammaParams => ({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), gamma: Math.exp(v[2]!) });
  const objective = (v: readonly number[]): number => (v.some((u) => Math.abs(u) > LOG_BOUND) ? Infinity : -total(unpack(v)) / n);
  const starts = [
    [0, 0, 0],
    [Math.log(2), Math.log(3), Math.log(2)],
    [Math.log(5), Math.log(2), Math.log(0.5)],
  ];
  const best = minimise(objective, starts);
  const params = unpack(best.x);
  const atBound = best.x.findIndex((u) => Math.abs(u) > LOG_BOUND - 1);
  const names = ['p', 'q', 'gamma'];
  let problem: string | null = null;
  if (!best.converged) problem = `the optimiser did not converge in ${best.iterations} iterations`;
  else if (atBound >= 0) problem = `parameter ${names[atBound]} ran to the edge of its range (${Math.exp(best.x[atBound]!).toPrecision(3)}): the data do not identify the model`;
  else if (params.q <= 1) problem = `q = ${params.q.toPrecision(3)} ≤ 1: the model's mean spend is not finite`;
  // ln L of the unscaled spends: each m's density picks up ln(scale).
  const logLikelihood = -best.value * n + n * Math.log(scale);
  return { params: { ...params, gamma: params.gamma / scale }, logLikelihood, iterations: best.iterations, converged: problem === null, problem };
}

/** E[M | x, m̄]: the expected mean spend of a customer's future purchases (FHL 2005b, eq. 5). */
export function expectedSpend(g: GammaGammaParams, x: number, m: number): number {
  if (x === 0) return (g.p * g.gamma) / (g.q - 1);
  return (g.p * (g.gamma + x * m)) / (g.p * x + g.q - 1);
}
