/** Tests of src/analyses/models/spend-model.ts. */
import { describe, expect, it } from 'vitest';
import { expectedSpend, fitGammaGamma } from '../../../../src/analyses/models/gamma-gamma.js';
import { fitSpendModel, homogeneousLogLikelihood } from '../../../../src/analyses/models/spend-model.js';
import { HEAVY_TAIL, REGULAR } from '../../../helpers/spend-samples.js';

describe('the spend model at its limit', () => {
  it('two buyers far apart (q ≤ 1 or no optimum): a homogeneous spend with a warning, not an error', () => {
    const fit = fitSpendModel([{ x: 1, m: 1 }, { x: 1, m: 10_000 }]);
    expect(fit.model).toBe('homogeneous');
    expect(fit.expected(1, 1)).toBeCloseTo(5000.5, 10);
    expect(fit.warning).toMatch(/mean spend per repeat purchase, 5000.50/);
  });
});

// Issue 27 (mutation testing): the samples of test/helpers/spend-samples.ts, with scipy's fits and
// the homogeneous limit's likelihood (scripts/clv_unit_reference.py).
describe('the spend model: the Gamma-Gamma, or its limit, and why', () => {
  it('a regular sample: the Gamma-Gamma with scipy’s parameters and standard errors, the mean spend Σ x m̄ / Σ x', () => {
    const fit = fitSpendModel(REGULAR);
    expect(fit.model).toBe('gamma_gamma');
    expect(fit.warning).toBeNull();
    expect(fit.params!.q).toBeCloseTo(4.06359378, 4);
    expect(fit.logLikelihood).toBeCloseTo(-210.87629880979793, 6);
    expect(fit.iterations).toBeGreaterThan(0);
    const purchases = REGULAR.reduce((s, h) => s + h.x, 0);
    expect(fit.meanSpend).toBeCloseTo(REGULAR.reduce((s, h) => s + h.x * h.m, 0) / purchases, 12);
    expect(fit.meanSpend).toBeCloseTo(16.185, 10);
    const se = fit.standardErrors!;
    expect(se.p).toBeCloseTo(4.75604744, 2);
    expect(se.q).toBeCloseTo(1.17671489, 3);
    expect(se.gamma).toBeCloseTo(9.69831838, 2);
    expect(fit.expected(2, 20)).toBeCloseTo(expectedSpend(fit.params!, 2, 20), 12);
  });

  it('a heavy tail (q ≤ 1) that beats its limit: homogeneous, with the reason and scipy’s limit mean 701.98', () => {
    const fit = fitSpendModel(HEAVY_TAIL);
    expect(fit.model).toBe('homogeneous');
    expect(fit.params).toBeNull();
    expect(fit.standardErrors).toBeNull();
    expect(fit.meanSpend).toBeCloseTo(701.9774444444442, 9);
    expect(fit.expected(3, 10)).toBe(fit.meanSpend);
    // scipy: the limit's ln L profiled over p is −412.4485 at p = 0.12495.
    expect(fit.logLikelihood).toBeCloseTo(-412.4484791645475, 5);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.warning).toBe(
      "the spend model (Gamma-Gamma) cannot be used: q = 0.869 ≤ 1: the model's mean spend is not finite (a few very large spends dominate); CLV treats spend as homogeneous instead (or use --spend-model none): every customer's expected spend per purchase is the mean spend per repeat purchase, 701.98 (log-likelihood at the limit -412.45)",
    );
  });

  it('every customer with the same mean spend: the limit’s likelihood is infinite, said in words', () => {
    const fit = fitSpendModel([{ x: 1, m: 20 }, { x: 2, m: 20 }, { x: 3, m: 20 }, { x: 5, m: 20 }]);
    expect(fit.model).toBe('homogeneous');
    expect(fit.logLikelihood).toBeNull();
    expect(fit.iterations).toBe(0);
    expect(fit.warning).toBe(
      "mean spend per purchase hardly varies between customers, so the spend model (Gamma-Gamma) has no finite optimum: it is at its limit q, γ → ∞ with γ / q fixed: every customer's expected spend per purchase is the mean spend per repeat purchase, 20.00 (log-likelihood at the limit infinite: every customer has the same mean spend)",
    );
  });

  it('homogeneousLogLikelihood equals scipy’s at p = 2 (regular sample −229.0791, heavy tail −930.7745)', () => {
    expect(homogeneousLogLikelihood(2, REGULAR, 16.185)).toBeCloseTo(-229.0791039420279, 8);
    expect(homogeneousLogLikelihood(2, HEAVY_TAIL, 701.9774444444442)).toBeCloseTo(-930.7744700400686, 7);
  });
});

// Issue 27, fourth round: a Gamma-Gamma that converged at an extreme (some rescaled parameter
// beyond e^±6.9), found by a search over small random samples. Whether it is kept depends only on
// whether it beats its homogeneous limit by LIMIT_TOLERANCE (0.01) in ln L.
describe('the spend model: a converged but extreme Gamma-Gamma', () => {
  const histories = (pairs: readonly (readonly [number, number])[]) => pairs.map(([x, m]) => ({ x, m }));
  // p ≈ 5,100: converged, extreme, and well above its limit: the Gamma-Gamma is kept.
  const BEATS = histories([[5, 2.66], [4, 1.56], [5, 2.26], [1, 32.39], [1, 1.17], [4, 3.47], [5, 5.07], [5, 2.25], [3, 58.24], [2, 1.12], [4, 3.68], [2, 9.21]]);
  // Converged and extreme, 0.0002 above its limit: under the tolerance, so the limit.
  const TIES = histories([[2, 1.85], [1, 1.16], [5, 1.63], [2, 1.57], [3, 1.32], [1, 1.17], [4, 1.99]]);

  it('kept when it beats the limit by more than 0.01', () => {
    const gg = fitGammaGamma(BEATS);
    expect(gg.converged).toBe(true);
    expect(gg.extreme).toBe(true);
    const fit = fitSpendModel(BEATS);
    expect(fit.model).toBe('gamma_gamma');
    expect(fit.warning).toBeNull();
    expect(fit.params).toEqual(gg.params);
    expect(fit.logLikelihood).toBe(gg.logLikelihood);
  });

  it('the limit when it gains less than 0.01, with the limit’s own ln L and the reason', () => {
    const gg = fitGammaGamma(TIES);
    expect(gg.converged).toBe(true);
    expect(gg.extreme).toBe(true);
    const fit = fitSpendModel(TIES);
    expect(fit.model).toBe('homogeneous');
    expect(fit.logLikelihood).not.toBeNull();
    expect(gg.logLikelihood - fit.logLikelihood!).toBeGreaterThan(0);
    expect(gg.logLikelihood - fit.logLikelihood!).toBeLessThan(0.01);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.warning).toMatch(/^mean spend per purchase hardly varies between customers, so the spend model \(Gamma-Gamma\) has no finite optimum/);
    const purchases = TIES.reduce((s, h) => s + h.x, 0);
    expect(fit.expected(3, 100)).toBeCloseTo(TIES.reduce((s, h) => s + h.x * h.m, 0) / purchases, 12);
  });

  it('means equal to within 1e-9 of the mean count as equal: no fit is tried (0 iterations), the likelihood is infinite', () => {
    // 50 and 50 + 1e-8: a difference of 2e-10 of the mean.
    const fit = fitSpendModel([{ x: 1, m: 50 }, { x: 2, m: 50 + 1e-8 }, { x: 3, m: 50 }]);
    expect(fit.model).toBe('homogeneous');
    expect(fit.iterations).toBe(0);
    expect(fit.logLikelihood).toBeNull();
    expect(fit.warning).toMatch(/log-likelihood at the limit infinite: every customer has the same mean spend\)$/);
  });

  it('one customer at the mean and the others off it: the means vary, the limit is fitted', () => {
    const fit = fitSpendModel([{ x: 1, m: 49 }, { x: 1, m: 51 }, { x: 1, m: 50 }]);
    expect(fit.model).toBe('homogeneous');
    expect(fit.iterations).toBeGreaterThan(0);
  });

  it('a Gamma-Gamma that stops at the edge of its range but beats its limit: the limit, with the fit’s problem as the reason (spend does vary)', () => {
    // One customer at 10,000 among customers at 10: γ runs towards 0.
    const hs = histories([[4, 10], [5, 10], [1, 10_000], [1, 10], [2, 10], [2, 10]]);
    const gg = fitGammaGamma(hs);
    expect(gg.problem).toMatch(/^parameter gamma ran to the edge of its range/);
    const fit = fitSpendModel(hs);
    expect(fit.model).toBe('homogeneous');
    expect(gg.logLikelihood).toBeGreaterThan(fit.logLikelihood! + 0.01);
    expect(fit.warning).toBe(`the spend model (Gamma-Gamma) cannot be used: ${gg.problem}; CLV treats spend as homogeneous instead (or use --spend-model none): every customer's expected spend per purchase is the mean spend per repeat purchase, ${fit.meanSpend.toFixed(2)} (log-likelihood at the limit ${fit.logLikelihood!.toFixed(2)})`);
  });

  it('a Gamma-Gamma that did not converge but beats its limit: the same, naming the iterations', () => {
    const hs = histories([[3, 1.28], [2, 1.71], [1, 1.38], [3, 1.83], [2, 1.08], [2, 1.74], [3, 1.55], [3, 1.23]]);
    const gg = fitGammaGamma(hs);
    expect(gg.problem).toMatch(/^the optimiser did not converge in \d+ iterations$/);
    const fit = fitSpendModel(hs);
    expect(fit.model).toBe('homogeneous');
    expect(gg.logLikelihood).toBeGreaterThan(fit.logLikelihood! + 0.01);
    expect(fit.warning).toMatch(/^the spend model \(Gamma-Gamma\) cannot be used: the optimiser did not converge in \d+ iterations; CLV treats spend as homogeneous instead/);
  });

  it('means 1e-6 of the mean apart vary: the limit is fitted', () => {
    const fit = fitSpendModel([{ x: 1, m: 50 }, { x: 2, m: 50.00005 }, { x: 3, m: 50 }]);
    expect(fit.model).toBe('homogeneous');
    expect(fit.iterations).toBeGreaterThan(0);
  });
});
