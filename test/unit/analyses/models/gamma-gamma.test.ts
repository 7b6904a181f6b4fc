/** Tests of src/analyses/models/gamma-gamma.ts. */
import { describe, expect, it } from 'vitest';
import { HEAVY_TAIL, REGULAR } from '../../../helpers/spend-samples.js';
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
// (test/helpers/spend-samples.ts; scripts/clv_unit_reference.py prints both), and scipy's digamma.
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

// Issue 27, fourth round: the edge of the log-parameter range (|ln θ| ≤ 15, rescaled).
describe('Gamma-Gamma: the edge of the parameters’ range', () => {
  it('equal mean spends send p and q to +∞: the search stops at the edge, e^15, and says which parameter ran there', () => {
    const fit = fitGammaGamma([1, 2, 3, 1, 2].map((x) => ({ x, m: 50 })));
    expect(fit.converged).toBe(false);
    expect(fit.extreme).toBe(true);
    // Inside the box: no rescaled log-parameter beyond 15 (the spends' mean is 50, so γ is 50 × the rescaled one).
    expect(Math.log(fit.params.p)).toBeLessThanOrEqual(15);
    expect(Math.log(fit.params.q)).toBeLessThanOrEqual(15);
    expect(Math.log(fit.params.q)).toBeGreaterThan(14);
    expect(Math.log(fit.params.gamma * (1 / 50))).toBeLessThanOrEqual(15);
    expect(fit.problem).toMatch(/^parameter (p|q) ran to the edge of its range \(3\.[0-9]{2}e\+6\): the data do not identify the model$/);
    expect(fit.problem).toBe(`parameter p ran to the edge of its range (${fit.params.p.toPrecision(3)}): the data do not identify the model`);
  });

  it('a fit that stops short of the edge without converging is named by its iterations', () => {
    // Near-equal spends (a spread of ±15%): p and q large, but inside e^14.
    let seed = 3;
    const rnd = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const hs = Array.from({ length: 50 }, () => ({ x: 1 + Math.floor(rnd() * 5), m: 50 * (1 + 0.3 * (rnd() - 0.5)) }));
    const fit = fitGammaGamma(hs);
    expect(fit.converged).toBe(false);
    expect(fit.problem).toBe(`the optimiser did not converge in ${fit.iterations} iterations`);
    expect(Math.log(fit.params.p)).toBeLessThan(14);
    expect(Math.log(fit.params.q)).toBeLessThan(14);
  });
});
