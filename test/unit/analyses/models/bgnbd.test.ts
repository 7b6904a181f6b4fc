/** Tests of src/analyses/models/bgnbd.ts. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bgNbdLogLikelihood, bgNbdTotalLogLikelihood, conditionalExpectedPurchases, expectedPurchases, pAlive, uniqueTriples } from '../../../../src/analyses/models/bgnbd.js';

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
