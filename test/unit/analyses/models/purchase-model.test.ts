// The BG/NBD and Gamma-Gamma models against the published CDNOW figures (Fader, Hardie & Lee
// 2005) and against values computed independently with scipy.special (gammaln, betaln, hyp2f1;
// the formulas as in lifetimes' reference implementation).
import { describe, expect, it } from 'vitest';
import {
  bgNbdTotalLogLikelihood,
  compileLogLikelihood,
  conditionalExpectedPurchases,
  fitBgNbd,
  uniqueTriples,
} from '../../../../src/analyses/models/bgnbd.js';
import { fitGammaGamma, } from '../../../../src/analyses/models/gamma-gamma.js';
import { fitPurchaseModel } from '../../../../src/analyses/models/purchase-model.js';
import { cdnowCalibration } from '../../../helpers/cdnow.js';

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('CDNOW: the published parameters', () => {
  const { customers, spend } = cdnowCalibration();

  it('has the paper’s 2,357 customers and 946 repeat buyers', () => {
    expect(customers).toHaveLength(2357);
    expect(spend).toHaveLength(946);
  });

  it('BG/NBD: r = 0.243, α = 4.414, a = 0.793, b = 2.426', () => {
    const fit = fitBgNbd(uniqueTriples(customers));
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    // ln L in weeks, as the paper prints it (−9,582.4; scipy: −9,582.4292).
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdTotalLogLikelihood(PUBLISHED, uniqueTriples(customers)));
  });

  it.each([0, 1] as const)('the analytic gradient (shift %d: BG/NBD, MBG/NBD) matches central differences of the log-likelihood', (shift) => {
    const f = compileLogLikelihood(uniqueTriples(customers), shift);
    const at = { r: 0.3, alpha: 4, a: 0.8, b: 2.5 };
    const { value, gradient } = f.withGradient(at);
    expect(value).toBeCloseTo(f(at), 9);
    const h = 1e-6;
    (['r', 'alpha', 'a', 'b'] as const).forEach((k, i) => {
      const numeric = (f({ ...at, [k]: at[k] + h }) - f({ ...at, [k]: at[k] - h })) / (2 * h);
      expect(gradient[i]! / numeric).toBeCloseTo(1, 5);
    });
  });

  it('BG/NBD with standard errors: r 0.2426 (0.0126), α 4.4136 (0.378), a 0.7929 (0.186), b 2.4259 (0.705); LL −9,582.4', () => {
    const fit = fitPurchaseModel('bgnbd', uniqueTriples(customers));
    expect(fit.limit).toBeNull();
    const { r, alpha, a, b } = fit.params as Record<string, number>;
    expect([r, alpha, a, b].map((v) => Number(v!.toFixed(4)))).toEqual([0.2426, 4.4136, 0.7929, 2.4259]);
    const se = fit.standardErrors as Record<string, number>;
    expect(se.r).toBeCloseTo(0.0126, 4);
    expect(se.alpha).toBeCloseTo(0.378, 3);
    expect(se.a).toBeCloseTo(0.186, 3);
    expect(se.b).toBeCloseTo(0.705, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it('MBG/NBD: r 0.525, α 6.183, a 0.891, b 1.614 (scipy: LL −9,582.1357, SEs 0.0833, 0.696, 0.155, 0.537)', () => {
    const fit = fitPurchaseModel('mbgnbd', uniqueTriples(customers));
    expect(fit.limit).toBeNull();
    const { r, alpha, a, b } = fit.params as Record<string, number>;
    expect(r).toBeCloseTo(0.525, 3);
    expect(alpha).toBeCloseTo(6.183, 2);
    expect(a).toBeCloseTo(0.891, 3);
    expect(b).toBeCloseTo(1.614, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.1357, 2);
    const se = fit.standardErrors as Record<string, number>;
    expect([se.r, se.alpha, se.a, se.b].map((v) => Number(v!.toPrecision(3)))).toEqual([0.0833, 0.696, 0.155, 0.537]);
  });

  it('BG/NBD fits 200,000 distinct histories (no argument-list limit; the 10M bench once overflowed the stack)', () => {
    // CDNOW's customers copied, each copy observed a hair longer: every history distinct, the fit the paper's.
    const many = Array.from({ length: 200 }, (_, k) => customers.map((c) => ({ ...c, T: c.T + k * 1e-4 }))).flat();
    const triples = uniqueTriples(many);
    expect(triples.length).toBeGreaterThan(200_000);
    const fit = fitBgNbd(triples);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.243, 2);
  });

  it('fits are deterministic: the same customers in another order give the same parameters', () => {
    const a = fitBgNbd(uniqueTriples(customers));
    const b = fitBgNbd(uniqueTriples([...customers].reverse()));
    // Summed in another order: equal to the fit's precision.
    expect(b.params.r).toBeCloseTo(a.params.r, 5);
    expect(b.params.b).toBeCloseTo(a.params.b, 5);
    expect(fitBgNbd(uniqueTriples(customers)).params).toEqual(a.params);
  });

  it('Gamma-Gamma on the 946 repeat buyers: p = 6.25, q = 3.74, γ = 15.44', () => {
    const fit = fitGammaGamma(spend);
    expect(fit.converged).toBe(true);
    expect(fit.params.p).toBeCloseTo(6.25, 1);
    expect(fit.params.q).toBeCloseTo(3.74, 1);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
  });

  it('the conditional expectation: 1.226 purchases in 39 weeks for x = 2, t_x = 30.43, T = 38.86', () => {
    expect(conditionalExpectedPurchases(PUBLISHED, 2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
  });
});
