/**
 * The spend model: Gamma-Gamma (./gamma-gamma.ts) where its likelihood has a finite optimum, and
 * otherwise its limit. When mean spend hardly varies between customers, q, γ → ∞ with γ / q
 * fixed: the customers' rates ν all equal q / γ and every customer has the same expected spend,
 * the mean spend per repeat purchase Σ x m̄ / Σ x. What is left is a homogeneous Gamma model
 * (each purchase Gamma(p, ν), the mean of x purchases Gamma(p x, ν x)); its likelihood is the
 * Gamma-Gamma's at the limit, profiled over p with ν = p / mean (infinite when every mean is equal).
 */
import { fitNumeric, memo, standardErrors } from './fit-numeric.js';
import { expectedSpend, fitGammaGamma, gammaGammaLogLikelihood, type GammaGammaParams, type SpendHistory } from './gamma-gamma.js';
import { gammaln } from './special.js';

export interface SpendFit {
  readonly model: 'gamma_gamma' | 'homogeneous';
  /** The Gamma-Gamma's p, q, γ; null at the homogeneous limit. */
  readonly params: GammaGammaParams | null;
  readonly standardErrors: Readonly<Record<string, number | null>> | null;
  /** The mean spend per repeat purchase, Σ x m̄ / Σ x. */
  readonly meanSpend: number;
  /** ln L of the mean repeat spends; null when it is infinite (every customer's mean the same). */
  readonly logLikelihood: number | null;
  readonly iterations: number;
  readonly warning: string | null;
  /** E[M | x, m̄]: expected spend per future purchase. */
  expected(x: number, m: number): number;
}

/** The Gamma-Gamma is taken over its limit only when it gains at least this in ln L. */
const LIMIT_TOLERANCE = 0.01;

/** ln L of the homogeneous limit at shape p: the mean of x purchases is Gamma(p x, rate p x / mean). */
export function homogeneousLogLikelihood(p: number, hs: readonly SpendHistory[], mean: number): number {
  let sum = 0;
  for (const { x, m } of hs) {
    const k = p * x;
    sum += k * Math.log(k / mean) - gammaln(k) + (k - 1) * Math.log(m) - (k * m) / mean;
  }
  return sum;
}

function homogeneous(hs: readonly SpendHistory[], lead: string): SpendFit {
  const purchases = hs.reduce((s, h) => s + h.x, 0);
  const mean = hs.reduce((s, h) => s + h.x * h.m, 0) / purchases;
  const varies = hs.some((h) => Math.abs(h.m - mean) > 1e-9 * mean);
  const fit = varies ? fitNumeric((v) => homogeneousLogLikelihood(v[0]!, hs, mean), ['positive'], [[1], [10]], hs.length) : null;
  const logLikelihood = fit?.converged && !fit.extreme ? fit.logLikelihood : null;
  const ll = logLikelihood === null ? 'infinite: every customer has the same mean spend' : logLikelihood.toFixed(2);
  return {
    model: 'homogeneous',
    params: null,
    standardErrors: null,
    meanSpend: mean,
    logLikelihood,
    iterations: fit?.iterations ?? 0,
    warning: `${lead}: every customer's expected spend per purchase is the mean spend per repeat purchase, ${mean.toFixed(2)} (log-likelihood at the limit ${ll})`,
    expected: () => mean,
  };
}

/** Gamma-Gamma, or its homogeneous limit with a warning that says why; never an error. */
export function fitSpendModel(hs: readonly SpendHistory[]): SpendFit {
  const gg = fitGammaGamma(hs);
  const gammaGamma = (): SpendFit => {
    const params = gg.params;
    const ll = (v: readonly number[]): number => hs.reduce((s, h) => s + gammaGammaLogLikelihood({ p: v[0]!, q: v[1]!, gamma: v[2]! }, h.x, h.m), 0);
    const ses = memo(() => {
      const v = standardErrors(ll, [params.p, params.q, params.gamma]);
      return { p: v[0]!, q: v[1]!, gamma: v[2]! };
    });
    const meanSpend = hs.reduce((s, h) => s + h.x * h.m, 0) / hs.reduce((s, h) => s + h.x, 0);
    return {
      model: 'gamma_gamma',
      params,
      get standardErrors() {
        return ses();
      },
      meanSpend,
      logLikelihood: gg.logLikelihood,
      iterations: gg.iterations,
      warning: null,
      expected: (x, m) => expectedSpend(params, x, m),
    };
  };
  if (gg.converged && !gg.extreme) return gammaGamma();
  const limitLl = homogeneous(hs, '').logLikelihood;
  // Does the Gamma-Gamma beat its limit? (A search that drifts towards the limit never does.)
  const beatsLimit = limitLl !== null && gg.logLikelihood > limitLl + LIMIT_TOLERANCE;
  if (gg.converged && beatsLimit) return gammaGamma();
  // Not converged but above its limit: the limit is not why, so the warning names the fit's problem
  // (saying spend "hardly varies" there was wrong: one such sample had a customer at 10,000 among 10s).
  if (beatsLimit) {
    const why = gg.problem?.startsWith('q =') ? ' (a few very large spends dominate)' : '';
    return homogeneous(hs, `the spend model (Gamma-Gamma) cannot be used: ${gg.problem}${why}; CLV treats spend as homogeneous instead (or use --spend-model none)`);
  }
  return homogeneous(hs, 'mean spend per purchase hardly varies between customers, so the spend model (Gamma-Gamma) has no finite optimum: it is at its limit q, γ → ∞ with γ / q fixed');
}
