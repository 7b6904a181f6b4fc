/** Tests of src/analyses/models/gamma-gamma.ts. */
import { describe, expect, it } from 'vitest';
import { digammaApprox, expectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from '../../../../src/analyses/models/gamma-gamma.js';

describe('Gamma-Gamma against scipy', () => {
  const g = { p: 6.25, q: 3.74, gamma: 15.44 };
  it.each([
    [1, 20, -3.5941964929492016],
    [3, 35.5, -4.090552209678847],
    [10, 7.25, -6.483100319457151],
  ])('ln f(m̄ | x = %d, m̄ = %d)', (x, m, expected) => {
    expect(gammaGammaLogLikelihood(g, x, m)).toBeCloseTo(expected, 10);
  });

  it('expected spend: the population mean for one-time buyers, towards the own mean with more purchases', () => {
    expect(expectedSpend(g, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    expect(expectedSpend(g, 2, 50)).toBeCloseTo((6.25 * (15.44 + 100)) / (12.5 + 2.74), 10);
    expect(Math.abs(expectedSpend(g, 100, 50) - 50)).toBeLessThan(Math.abs(expectedSpend(g, 2, 50) - 50));
  });

  it('refuses a fit whose q ≤ 1 (no finite mean spend) instead of returning it', () => {
    // Two buyers with wildly different means: a heavy tail, q runs low or to the edge.
    const fit = fitGammaGamma([{ x: 1, m: 1 }, { x: 1, m: 10_000 }]);
    expect(fit.converged).toBe(false);
    expect(fit.problem).toMatch(/q|edge|converge/);
  });
});

// Issue 27 (mutation testing): samples drawn from the model with numpy and fitted with scipy
// (scripts/clv_unit_reference.py prints both), and scipy's digamma.
const REGULAR = [[1, 13.25], [2, 8.05], [3, 11.05], [4, 22.6], [5, 13.8], [1, 8.8], [2, 23.65], [3, 5.36], [4, 11.47], [5, 9.62], [1, 20.22], [2, 38.15], [3, 7.79], [4, 17.89], [5, 48.43], [1, 3.72], [2, 9.17], [3, 19.56], [4, 27.96], [5, 10.78], [1, 12.13], [2, 14.97], [3, 18.09], [4, 53.4], [5, 11.7], [1, 70.84], [2, 18.28], [3, 10.7], [4, 16.26], [5, 9.67], [1, 27.38], [2, 46.99], [3, 9.08], [4, 10.63], [5, 20.12], [1, 7.5], [2, 10.01], [3, 22.33], [4, 7.73], [5, 16.76], [1, 4.55], [2, 12.77], [3, 6.62], [4, 6.78], [5, 21.01], [1, 30.61], [2, 15.95], [3, 8.15], [4, 11.41], [5, 6.56], [1, 6.65], [2, 8.8], [3, 9.38], [4, 12.55], [5, 8.77], [1, 40.87], [2, 20.06], [3, 21.73], [4, 7.41], [5, 10.62]].map(([x, m]) => ({ x: x!, m: m! }));
const HEAVY_TAIL = [[1, 7.48], [2, 43.19], [3, 59.91], [4, 305.76], [5, 531.39], [1, 80.62], [2, 49.58], [3, 23.55], [4, 1181.2], [5, 213.84], [1, 30.83], [2, 101.72], [3, 299.37], [4, 268.78], [5, 36.86], [1, 49.16], [2, 20.1], [3, 6.26], [4, 18.18], [5, 398.14], [1, 11.66], [2, 233.94], [3, 427.6], [4, 118.96], [5, 13.7], [1, 41.31], [2, 74.65], [3, 16.21], [4, 77.24], [5, 186.69], [1, 221.38], [2, 17.91], [3, 11.29], [4, 100.67], [5, 128.85], [1, 37.7], [2, 48.43], [3, 96.83], [4, 80.9], [5, 401.33], [1, 50.03], [2, 7331.22], [3, 34.02], [4, 186.77], [5, 15702.23], [1, 42.37], [2, 47.25], [3, 50.09], [4, 26.55], [5, 1107.47], [1, 21.85], [2, 67.34], [3, 280.43], [4, 212.32], [5, 131.04], [1, 39.2], [2, 194.3], [3, 104.92], [4, 74.72], [5, 33.15]].map(([x, m]) => ({ x: x!, m: m! }));
const total = (g: { p: number; q: number; gamma: number }, h: readonly { x: number; m: number }[]): number => h.reduce((s, { x, m }) => s + gammaGammaLogLikelihood(g, x, m), 0);

describe('Gamma-Gamma: the fit against scipy’s', () => {
  it('60 histories drawn with p 4, q 3, γ 10: scipy’s maximum p 5.7358, q 4.0636, γ 8.8654, ln L −210.8763', () => {
    const fit = fitGammaGamma(REGULAR);
    expect(fit.converged).toBe(true);
    expect(fit.problem).toBeNull();
    expect(fit.extreme).toBe(false);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.params.p).toBeCloseTo(5.73578004, 4);
    expect(fit.params.q).toBeCloseTo(4.06359378, 4);
    expect(fit.params.gamma).toBeCloseTo(8.86542631, 4);
    // In the spends' own unit (the fit rescales them to mean 1).
    expect(fit.logLikelihood).toBeCloseTo(-210.87629880979793, 6);
    expect(fit.logLikelihood).toBeCloseTo(total(fit.params, REGULAR), 8);
  });

  it('a heavy tail (drawn with q 0.7): scipy’s q 0.8689 ≤ 1, so no finite mean spend: reported, not returned as converged', () => {
    const fit = fitGammaGamma(HEAVY_TAIL);
    expect(fit.params.q).toBeCloseTo(0.86889692, 4);
    expect(fit.params.p).toBeCloseTo(3.05036771, 3);
    expect(fit.logLikelihood).toBeCloseTo(-372.30160332627514, 6);
    expect(fit.converged).toBe(false);
    expect(fit.problem).toBe('q = 0.869 ≤ 1: the model\'s mean spend is not finite');
    expect(fit.extreme).toBe(false);
  });

  it('the optimiser’s failure is named with its iterations', () => {
    const fit = fitGammaGamma([{ x: 1, m: 10 }, { x: 1, m: 30 }, { x: 2, m: 20 }, { x: 3, m: 12 }, { x: 5, m: 25 }]);
    expect(fit.problem).toBe(`the optimiser did not converge in ${fit.iterations} iterations`);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.extreme).toBe(true);
  });

  it('digammaApprox is scipy’s ψ to 1e-7', () => {
    for (const [z, psi] of [[0.5, -1.9635100260214235], [1, -0.5772156649015329], [3.7, 1.1671535393615113], [40, 3.6763273740348428]]) {
      expect(Math.abs(digammaApprox(z!) - psi!)).toBeLessThan(1e-7);
    }
    // Below 0.01 the step stays 1e-7: scipy's ψ(0.005).
    expect(digammaApprox(0.005)).toBeCloseTo(-200.56902091134438, 6);
  });

  it('expected spend of one purchase at m̄ = 0 is p γ / (p + q − 1)', () => {
    expect(expectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 1, 0)).toBeCloseTo((6.25 * 15.44) / (6.25 + 2.74), 12);
  });
});
