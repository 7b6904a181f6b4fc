/** Tests of src/analyses/models/spend-model.ts. */
import { describe, expect, it } from 'vitest';
import { expectedSpend } from '../../../../src/analyses/models/gamma-gamma.js';
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
