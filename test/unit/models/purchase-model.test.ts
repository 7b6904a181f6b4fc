// The BG/NBD and Gamma-Gamma models against the published CDNOW figures (Fader, Hardie & Lee
// 2005) and against values computed independently with scipy.special (gammaln, betaln, hyp2f1;
// the formulas as in lifetimes' reference implementation).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bgNbdLogLikelihood,
  bgNbdTotalLogLikelihood,
  compileLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  pAlive,
  uniqueTriples,
} from '../../../src/models/bgnbd.js';
import { digammaApprox, expectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from '../../../src/models/gamma-gamma.js';
import { bfgs, bfgsFromStarts } from '../../../src/models/optimise.js';
import { fitPurchaseModel } from '../../../src/models/purchase-model.js';
import { cdnowCalibration } from '../../helpers/cdnow.js';
import { hyp2f1, logAddExp } from '../../../src/models/special.js';

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

describe('BG/NBD against scipy', () => {
  it.each([
    [0, 0, 38.86, -0.5547132764381585],
    [2, 30.43, 38.86, -9.45860630706627],
    [10, 35, 38, -27.174518173102214],
    [50, 200, 210, -127.45342078382231],
  ])('ln L(x = %d, t_x = %d, T = %d)', (x, tx, T, expected) => {
    expect(bgNbdLogLikelihood(PUBLISHED, x, tx, T)).toBeCloseTo(expected, 10);
  });

  it('sums the same over unique triples as customer by customer', () => {
    const cs = [{ x: 0, tx: 0, T: 5 }, { x: 0, tx: 0, T: 5 }, { x: 2, tx: 3, T: 5 }, { x: 2, tx: 3, T: 7 }];
    const direct = cs.reduce((s, c) => s + bgNbdLogLikelihood(PUBLISHED, c.x, c.tx, c.T), 0);
    expect(uniqueTriples(cs)).toHaveLength(3);
    expect(bgNbdTotalLogLikelihood(PUBLISHED, uniqueTriples(cs))).toBeCloseTo(direct, 12);
  });

  it.each([
    [2, 30.43, 38.86, 39, 1.226028174767135, 0.726578570080673],
    [0, 0, 38.86, 39, 0.19509805201125396, 1],
    [5, 10, 38, 52, 0.13407838763563307, 0.027481579663076062],
    [1, 2, 3, 365, 8.866239297364016, 0.7187119306423656],
  ])('E[Y(t)] and P(alive) for x = %d, t_x = %d, T = %d, t = %d', (x, tx, T, t, expected, alive) => {
    expect(conditionalExpectedPurchases(PUBLISHED, x, tx, T, t)).toBeCloseTo(expected, 9);
    expect(pAlive(PUBLISHED, x, tx, T)).toBeCloseTo(alive, 12);
  });

  it('E[X(t)] of a new customer at 1, 3 and 31.86 weeks: 0.0532, 0.1506, 1.0405 (Hardie’s spreadsheet)', () => {
    const p = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
    // Within 1e-4 of each (the references are rounded to 4 digits; scipy gives 1.04059 at 31.86).
    for (const [t, e] of [[1, 0.0532], [3, 0.1506], [31.86, 1.0405]]) expect(Math.abs(expectedPurchases(p, t!) - e!)).toBeLessThan(1e-4);
  });

  it('MBG/NBD: E[X(t)] is b / (a + b) of the BG/NBD’s at b + 1, P(alive) of a one-time buyer below 1', () => {
    expect(expectedPurchases(PUBLISHED, 39, 1)).toBeCloseTo((2.426 / 3.219) * expectedPurchases({ ...PUBLISHED, b: 3.426 }, 39), 12);
    expect(pAlive(PUBLISHED, 0, 0, 30, 1)).toBeLessThan(1);
    expect(pAlive(PUBLISHED, 0, 0, 30, 0)).toBe(1);
    // lifetimes' ModifiedBetaGeoFitter formula, evaluated by hand: 1 / (1 + a / (b + x) · ((α + T) / (α + t_x))^(r + x)).
    expect(pAlive(PUBLISHED, 2, 10, 30, 1)).toBeCloseTo(1 / (1 + (0.793 / 4.426) * ((4.414 + 30) / (4.414 + 10)) ** 2.243), 12);
  });

  it('E[X(t)] of a new customer', () => {
    expect(expectedPurchases(PUBLISHED, 39)).toBeCloseTo(1.1967231933207985, 9);
    expect(expectedPurchases(PUBLISHED, 78)).toBeCloseTo(1.8605190579427455, 9);
    expect(expectedPurchases(PUBLISHED, 0)).toBe(0);
  });

  it('is continuous at a = 1, where its formula is singular', () => {
    const at = conditionalExpectedPurchases({ ...PUBLISHED, a: 1 }, 2, 30, 38, 39);
    const near = conditionalExpectedPurchases({ ...PUBLISHED, a: 1.001 }, 2, 30, 38, 39);
    expect(Number.isFinite(at)).toBe(true);
    expect(at).toBeCloseTo(near, 2);
  });

  it('P(alive) is a probability, falls with time since the last purchase, and E[Y] grows with t', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 500, noNaN: true }), fc.double({ min: 0.1, max: 500, noNaN: true }), (x, share, T, t) => {
        const tx = x === 0 ? 0 : share * T;
        const alive = pAlive(PUBLISHED, x, tx, T);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        expect(pAlive(PUBLISHED, x, tx, T + 10)).toBeLessThanOrEqual(alive + 1e-12);
        const e1 = conditionalExpectedPurchases(PUBLISHED, x, tx, T, t);
        expect(Number.isFinite(e1)).toBe(true);
        expect(conditionalExpectedPurchases(PUBLISHED, x, tx, T, 2 * t)).toBeGreaterThanOrEqual(e1 - 1e-9);
      }),
      { numRuns: 200 },
    );
  });
});

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

describe('special functions and the optimiser', () => {
  it.each([
    [2.243, 4.426, 4.219, 0.5, 5.161693901383611],
    [2.243, 4.426, 4.219, 0.99, 68635.69006480249],
    [50.243, 52.426, 52.219, 0.95, 4.301776335036385e65],
    [0.243, 2.426, 2.219, 0.9, 1.9476311698186006],
  ])('2F1(%d, %d; %d; %d) as scipy', (a, b, c, z, expected) => {
    expect(hyp2f1(a, b, c, z) / expected).toBeCloseTo(1, 10);
  });

  it('ψ by central differences of ln Γ, against its known values (ψ(1) = −γ, ψ(½) = −γ − 2 ln 2, ψ(10) = H₉ − γ)', () => {
    const euler = 0.5772156649015329;
    expect(digammaApprox(1)).toBeCloseTo(-euler, 9);
    expect(digammaApprox(0.5)).toBeCloseTo(-euler - 2 * Math.log(2), 9);
    const h9 = Array.from({ length: 9 }, (_, k) => 1 / (k + 1)).reduce((s, v) => s + v, 0);
    expect(digammaApprox(10)).toBeCloseTo(h9 - euler, 9);
    expect(digammaApprox(0.05) - digammaApprox(1.05)).toBeCloseTo(-1 / 0.05, 6);
  });

  it('logAddExp: no overflow, -Infinity drops out', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(3, -Infinity)).toBe(3);
  });

  it('BFGS finds the minimum of Rosenbrock’s valley with its gradient in tens of iterations, and says when it ran out', () => {
    const rosen = (v: readonly number[]): { value: number; gradient: number[] } => ({
      value: 100 * (v[1]! - v[0]! ** 2) ** 2 + (1 - v[0]!) ** 2,
      gradient: [-400 * v[0]! * (v[1]! - v[0]! ** 2) - 2 * (1 - v[0]!), 200 * (v[1]! - v[0]! ** 2)],
    });
    const m = bfgs(rosen, [-1.2, 1]);
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(1, 6);
    expect(m.x[1]).toBeCloseTo(1, 6);
    expect(m.iterations).toBeLessThan(100);
    expect(bfgs(rosen, [-1.2, 1], { maxIterations: 3 }).converged).toBe(false);
    // Outside the domain (+∞) the step is shortened: the minimum of x² on x > 0.5 is found at its edge side.
    const bounded = bfgsFromStarts((v) => ({ value: v[0]! <= 0.5 ? Infinity : (v[0]! - 2) ** 2, gradient: [2 * (v[0]! - 2)] }), [[0], [3]]);
    expect(bounded.x[0]).toBeCloseTo(2, 6);
  });

  it('warm-started with a previous run’s inverse Hessian, BFGS needs fewer iterations on a nearby objective', () => {
    const quad = (shift: number) => (v: readonly number[]) => ({ value: (v[0]! - shift) ** 2 + 10 * (v[1]! - v[0]!) ** 2, gradient: [2 * (v[0]! - shift) - 20 * (v[1]! - v[0]!), 20 * (v[1]! - v[0]!)] });
    const first = bfgs(quad(1), [5, -3]);
    expect(first.inverseHessian).toBeDefined();
    const cold = bfgs(quad(1.01), first.x);
    const warm = bfgs(quad(1.01), first.x, { inverseHessian: first.inverseHessian! });
    expect(warm.x[0]).toBeCloseTo(1.01, 6);
    expect(warm.iterations).toBeLessThan(cold.iterations);
  });

  it('treats NaN as +∞ and returns no minimum when nothing is finite', () => {
    const m = bfgsFromStarts(() => ({ value: NaN, gradient: [0, 0] }), [[0, 0]]);
    expect(m.converged).toBe(false);
    expect(m.value).toBe(Infinity);
  });
});
