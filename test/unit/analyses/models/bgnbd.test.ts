/** Tests of src/analyses/models/bgnbd.ts. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bgNbdLogLikelihood, bgNbdTotalLogLikelihood, coarsen, compileLogLikelihood, conditionalExpectedPurchases, expectedPurchases, fitBgNbd, pAlive, rescaled, tripleIndex, uniqueTriples } from '../../../../src/analyses/models/bgnbd.js';
import { cdnowCalibration } from '../../../helpers/cdnow.js';

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

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

// Issue 27 (mutation testing): values from scripts/clv_unit_reference.py (scipy), and the
// helpers the fit uses, by hand.
describe('BG/NBD: the MBG/NBD, the compiled likelihood and the fit’s helpers', () => {
  it.each([
    [0, 0, 38.86, -0.3869522205708533],
    [2, 30.43, 38.86, -9.687182636249961],
    [10, 35, 38, -27.246757930841113],
  ])('MBG/NBD ln L(x = %d, t_x = %d, T = %d) equals scipy’s', (x, tx, T, expected) => {
    expect(bgNbdLogLikelihood(PUBLISHED, x, tx, T, 1)).toBeCloseTo(expected, 10);
  });

  it('ln L where leaving after the last purchase dominates (x = 3, t_x = 1, T = 60): scipy’s −7.8794', () => {
    expect(bgNbdLogLikelihood(PUBLISHED, 3, 1, 60)).toBeCloseTo(-7.8793942270708826, 10);
  });

  const mixed = [
    { x: 0, tx: 0, T: 38.86, count: 3 },
    { x: 2, tx: 30.43, T: 38.86, count: 1 },
    { x: 3, tx: 1, T: 60, count: 2 },
    { x: 10, tx: 35, T: 38, count: 1 },
    { x: 2, tx: 5, T: 60, count: 4 },
  ];

  it.each([0, 1] as const)('the compiled sum (shift %d) is Σ count · ln L per customer, and its gradient the central differences', (shift) => {
    const direct = mixed.reduce((s, t) => s + t.count * bgNbdLogLikelihood(PUBLISHED, t.x, t.tx, t.T, shift), 0);
    const f = compileLogLikelihood(mixed, shift);
    expect(f(PUBLISHED)).toBeCloseTo(direct, 10);
    expect(bgNbdTotalLogLikelihood(PUBLISHED, mixed, shift)).toBeCloseTo(direct, 10);
    const { value, gradient } = f.withGradient(PUBLISHED);
    expect(value).toBeCloseTo(direct, 10);
    const h = 1e-6;
    (['r', 'alpha', 'a', 'b'] as const).forEach((k, i) => {
      const numeric = (f({ ...PUBLISHED, [k]: PUBLISHED[k] + h }) - f({ ...PUBLISHED, [k]: PUBLISHED[k] - h })) / (2 * h);
      expect(gradient[i]!).toBeCloseTo(numeric, 4);
    });
  });

  it('tripleIndex counts each history and points every customer at its triple', () => {
    const cs = [{ x: 1, tx: 2, T: 5 }, { x: 0, tx: 0, T: 5 }, { x: 1, tx: 2, T: 5 }, { x: 1, tx: 3, T: 5 }, { x: 1, tx: 2, T: 6 }];
    const { triples, index } = tripleIndex(cs);
    expect(triples).toEqual([
      { x: 1, tx: 2, T: 5, count: 2 },
      { x: 0, tx: 0, T: 5, count: 1 },
      { x: 1, tx: 3, T: 5, count: 1 },
      { x: 1, tx: 2, T: 6, count: 1 },
    ]);
    expect([...index]).toEqual([0, 1, 0, 2, 3]);
  });

  it('coarsen rounds t_x and T to the grid, T at least one step and t_x at most T, and merges', () => {
    // max T 10, 5 cells: step 2.
    const out = coarsen(
      [
        { x: 1, tx: 0.9, T: 0.4, count: 1 }, // T → max(2, 0) = 2, t_x → min(2, 0) = 0
        { x: 1, tx: 0.2, T: 2.6, count: 2 }, // T → 2, t_x → 0: merged with the first
        { x: 2, tx: 5.1, T: 4.9, count: 1 }, // T → 4, t_x → min(4, 6) = 4
        { x: 2, tx: 3.1, T: 9.1, count: 3 }, // T → 10, t_x → 4
      ],
      10,
      5,
    );
    expect(out).toEqual([
      { x: 1, tx: 0, T: 2, count: 3 },
      { x: 2, tx: 4, T: 4, count: 1 },
      { x: 2, tx: 4, T: 10, count: 3 },
    ]);
  });

  it('rescaled brings the longest T to 10 (t_x with it); no time at all leaves the scale at 1', () => {
    const { scale, scaled } = rescaled([{ x: 1, tx: 4, T: 20, count: 2 }, { x: 0, tx: 0, T: 40, count: 1 }]);
    expect(scale).toBe(0.25);
    expect(scaled).toEqual([{ x: 1, tx: 1, T: 5, count: 2 }, { x: 0, tx: 0, T: 10, count: 1 }]);
    expect(rescaled([{ x: 0, tx: 0, T: 0, count: 1 }]).scale).toBe(1);
  });

  it('P(alive) is exactly 0 once the odds of having left pass e^700, and 1 for a one-time buyer of the BG/NBD', () => {
    // ln odds = ln(a / (b + x − 1)) + (r + x) ln((α + T) / (α + t_x)) ≈ 705 here: e^−705 is not 0 in doubles.
    const p = { r: 1, alpha: 1, a: 1.2, b: 1 };
    const logOdds = Math.log(1.2 / 1) + 2 * Math.log(Math.exp(352.5 - Math.log(1.2) / 2));
    expect(logOdds).toBeCloseTo(705, 9);
    const T = Math.exp(352.5 - Math.log(1.2) / 2) - 1;
    expect(1 / (1 + Math.exp(logOdds))).toBeGreaterThan(0);
    expect(pAlive(p, 1, 0, T)).toBe(0);
    expect(pAlive(p, 1, 0, 100)).toBeGreaterThan(0);
  });

  it('E[Y(t)] of the MBG/NBD equals scipy’s (lifetimes’ formula), and nothing is expected in no time', () => {
    expect(conditionalExpectedPurchases(PUBLISHED, 0, 0, 38.86, 39, 1)).toBeCloseTo(0.12746138254566047, 9);
    expect(conditionalExpectedPurchases(PUBLISHED, 2, 30.43, 38.86, 39, 1)).toBeCloseTo(1.3404974284912061, 9);
    expect(conditionalExpectedPurchases(PUBLISHED, 2, 30.43, 38.86, 0)).toBe(0);
    expect(conditionalExpectedPurchases(PUBLISHED, 2, 30.43, 38.86, -1)).toBe(0);
    expect(expectedPurchases(PUBLISHED, -1)).toBe(0);
    expect(expectedPurchases(PUBLISHED, 0, 1)).toBe(0);
  });

  it('at a = 1 (singular formula) E[X(t)] and E[Y(t)] take the limit: scipy’s 1.08428 and 1.12656', () => {
    const p = { ...PUBLISHED, a: 1 };
    expect(expectedPurchases(p, 39)).toBeCloseTo(1.0842790135066138, 6);
    expect(conditionalExpectedPurchases(p, 2, 30, 38, 39)).toBeCloseTo(1.1265613256786788, 6);
    // Just outside the band |a − 1| < 1e-7 the formula itself is used, and agrees.
    expect(expectedPurchases({ ...PUBLISHED, a: 1 + 1e-4 }, 39)).toBeCloseTo(1.0842790135066138, 3);
  });

  it('E[Y(t)] is 0, not NaN, where the series fails', () => {
    // Huge r + x with z near 1: the ₂F₁ is not finite.
    const v = conditionalExpectedPurchases({ r: 500, alpha: 0.01, a: 0.5, b: 0.5 }, 400, 10, 10, 1e6);
    expect(v).toBe(0);
  });
});

describe('BG/NBD: the fit on a small sample', () => {
  it('converges, not extreme, to a maximum: ln L at the fit is above the published parameters’ and every nudge', () => {
    const { customers } = cdnowCalibration();
    const triples = uniqueTriples(customers.slice(0, 600));
    const fit = fitBgNbd(triples);
    expect(fit.converged).toBe(true);
    expect(fit.extreme).toBe(false);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.logLikelihood).toBeCloseTo(bgNbdTotalLogLikelihood(fit.params, triples), 8);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.99, 1.01]) expect(bgNbdTotalLogLikelihood({ ...fit.params, [k]: fit.params[k] * f }, triples)).toBeLessThan(fit.logLikelihood);
    }
  });
});
