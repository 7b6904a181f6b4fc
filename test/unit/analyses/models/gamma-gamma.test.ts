/** Tests of src/analyses/models/gamma-gamma.ts. */
import { describe, expect, it } from 'vitest';
import { expectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from '../../../../src/analyses/models/gamma-gamma.js';

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
