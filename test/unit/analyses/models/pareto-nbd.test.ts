// The Pareto/NBD against the FHL note's CDNOW fit, CLVTools' standard errors, Hardie's
// spreadsheet and values computed with scipy (scripts/clv_reference.py), and the ₂F₁ it uses.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uniqueTriples } from '../../../../src/analyses/models/bgnbd.js';
import { hyp2f1Series, logA0, logHyp2f1Shifted, paretoConditional, paretoNbdLogLikelihood, paretoNbdTotalLogLikelihood, paretoPAlive, paretoUnconditional } from '../../../../src/analyses/models/pareto-nbd.js';
import { fitPurchaseModel } from '../../../../src/analyses/models/purchase-model.js';
import { hyp2f1 } from '../../../../src/analyses/models/special.js';
import { cdnowCalibration } from '../../../helpers/cdnow.js';

const NOTE = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };

describe('₂F₁ as the Pareto/NBD uses it (c = a + 1, 0 ≤ z < 1)', () => {
  it.each([
    [26.5595, 26.5534, 0.02567, 1.9453856942060153],
    [1.1595, 1.6061, 0.3, 1.3541176330883042],
    [40, 0.5, 0.95, 3.801511895708007],
  ])('ln ₂F₁(%d, %d; a + 1; %d) by Euler’s transformation equals scipy’s', (a, b, z, expected) => {
    expect(Math.exp(logHyp2f1Shifted(a, b, z)) / expected).toBeCloseTo(1, 10);
    expect(hyp2f1(a, b, a + 1, z) / expected).toBeCloseTo(1, 9);
  });

  it('stays finite where the plain series overflows (many purchases, z near 1)', () => {
    expect(Number.isFinite(hyp2f1(600, 600, 601, 0.999))).toBe(false);
    // Cephes (@stdlib, scipy) gives NaN for ₂F₁(1, 1; 601; 0.999); the series fallback gives its value
    // (1 + z/601 + 2z²/(601·602) + …, computed here by hand to the third term).
    expect(hyp2f1Series(1, 601, 0.999)).toBeCloseTo(1 + 0.999 / 601 + (2 * 0.999 ** 2) / (601 * 602) + (6 * 0.999 ** 3) / (601 * 602 * 603), 9);
    const v = logHyp2f1Shifted(600, 600, 0.999);
    expect(Number.isFinite(v)).toBe(true);
    // (1 − z)^(1 − b) dominates: ln ≈ 599 · ln(1000).
    expect(v).toBeGreaterThan(599 * Math.log(1000));
  });

  it('the series equals the library’s ₂F₁(1, b; c; z) where that is finite (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 60, noNaN: true }), fc.double({ min: 0.1, max: 60, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), (b, extra, z) => {
        const lib = hyp2f1(1, b, b + extra, z);
        if (Number.isFinite(lib)) expect(hyp2f1Series(b, b + extra, z) / lib).toBeCloseTo(1, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('equals ₂F₁ wherever both are finite (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 60, noNaN: true }), fc.double({ min: 0.1, max: 60, noNaN: true }), fc.double({ min: 0, max: 0.9, noNaN: true }), (a, b, z) => {
        const direct = hyp2f1(a, b, a + 1, z);
        if (!Number.isFinite(direct) || direct > 1e200) return;
        expect(logHyp2f1Shifted(a, b, z)).toBeCloseTo(Math.log(direct), 6);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Pareto/NBD formulas against scipy', () => {
  it.each([
    [0, 0, 38.86, -0.521129196],
    [2, 30.43, 38.86, -9.5545106946],
    [26, 30.86, 31, -39.1321278835],
    [5, 10, 38, -14.6058963382],
  ])('ln L(x = %d, t_x = %d, T = %d)', (x, tx, T, expected) => {
    expect(paretoNbdLogLikelihood(NOTE, x, tx, T)).toBeCloseTo(expected, 8);
  });

  it('x = 26, t_x = 30.86, T = 31: 25.46 expected purchases in 52 weeks (Hardie; scipy 25.4549), P(alive) 0.99792', () => {
    expect(paretoConditional(NOTE, 26, 30.86, 31, 52)).toBeCloseTo(25.4549, 3);
    expect(Math.abs(paretoConditional(NOTE, 26, 30.86, 31, 52) - 25.46)).toBeLessThan(0.01);
    expect(paretoPAlive(NOTE, 26, 30.86, 31)).toBeCloseTo(0.9979177665519067, 9);
  });

  it('with α < β and with α ≥ β (both branches of the note): scipy’s values', () => {
    const other = { r: 2, alpha: 5, s: 0.6, beta: 3 };
    expect(paretoConditional(other, 26, 30.86, 31, 52)).toBeCloseTo(29.637026253612312, 8);
    expect(paretoPAlive(other, 26, 30.86, 31)).toBeCloseTo(0.997387749377267, 9);
  });

  it('continuous at s = 1; A₀ is empty when t_x = T; E[X(t)] grows with t', () => {
    const at1 = paretoUnconditional({ ...NOTE, s: 1 }, 39);
    expect(at1).toBeCloseTo(paretoUnconditional({ ...NOTE, s: 1 + 1e-6 }, 39), 5);
    expect(at1).toBeCloseTo((NOTE.r / NOTE.alpha) * NOTE.beta * Math.log((NOTE.beta + 39) / NOTE.beta), 10);
    expect(logA0(NOTE, 3, 20, 20)).toBe(-Infinity);
    expect(paretoPAlive(NOTE, 3, 20, 20)).toBe(1);
    expect(paretoUnconditional(NOTE, 78)).toBeGreaterThan(paretoUnconditional(NOTE, 39));
  });
});

describe('Pareto/NBD on CDNOW', () => {
  it('r 0.553, α 10.58, s 0.606, β 11.67, LL −9,595.0; SEs 0.0476, 0.843, 0.187, 6.21', () => {
    const fit = fitPurchaseModel('pnbd', uniqueTriples(cdnowCalibration().customers));
    expect(fit.limit).toBeNull();
    const p = fit.params as Record<string, number>;
    expect(p.r).toBeCloseTo(0.553, 3);
    expect(p.alpha).toBeCloseTo(10.58, 1);
    expect(p.s).toBeCloseTo(0.606, 2);
    expect(p.beta).toBeCloseTo(11.67, 0);
    expect(fit.logLikelihood).toBeCloseTo(-9595.0, 1);
    const se = fit.standardErrors as Record<string, number>;
    expect(se.r).toBeCloseTo(0.0476, 3);
    expect(se.alpha).toBeCloseTo(0.843, 2);
    expect(se.s).toBeCloseTo(0.187, 2);
    expect(se.beta).toBeCloseTo(6.21, 1);
  });
});

// Issue 27 (mutation testing): the edges of the formulas, by hand and against the values above.
describe('Pareto/NBD: the edges', () => {
  it('the series gives NaN, not a wrong sum, when a million terms do not converge (z a hair below 1)', () => {
    // Σ zⁿ / (n + 1) with z = 1 − 1e-12: the millionth term is still ≈ 1e-6 of a sum near 14.
    expect(hyp2f1Series(1, 2, 1 - 1e-12)).toBeNaN();
    // z = 0: the sum is its first term.
    expect(hyp2f1Series(3, 5, 0)).toBe(1);
    // Σ (1/2)ⁿ = 2 (b = c): converged to the last bit.
    expect(hyp2f1Series(2, 2, 0.5)).toBeCloseTo(2, 15);
  });

  it('ln ₂F₁ at z = 0 is 0', () => {
    expect(logHyp2f1Shifted(5, 2, 0)).toBe(0);
  });

  it('the total is Σ count · ln L', () => {
    const triples = [{ x: 0, tx: 0, T: 38.86, count: 3 }, { x: 2, tx: 30.43, T: 38.86, count: 2 }];
    expect(paretoNbdTotalLogLikelihood(NOTE, triples)).toBeCloseTo(3 * -0.521129196 + 2 * -9.5545106946, 8);
    expect(paretoNbdTotalLogLikelihood(NOTE, [])).toBe(0);
  });

  it('P(alive) is exactly 0 once the odds of having died pass e^700 (x = 300, t_x = 1, T = 112: ≈ e^704), not below', () => {
    const odds = (T: number): number => Math.log(NOTE.s / (NOTE.r + NOTE.s + 300)) + (NOTE.r + 300) * Math.log(NOTE.alpha + T) + NOTE.s * Math.log(NOTE.beta + T) + logA0(NOTE, 300, 1, T);
    expect(odds(112)).toBeGreaterThan(700);
    expect(odds(112)).toBeLessThan(705);
    // e^−704 is a (subnormal) double, not 0: the cut makes it 0.
    expect(1 / (1 + Math.exp(odds(112)))).toBeGreaterThan(0);
    expect(paretoPAlive(NOTE, 300, 1, 112)).toBe(0);
    expect(odds(110)).toBeLessThan(700);
    expect(paretoPAlive(NOTE, 300, 1, 110)).toBeGreaterThan(0);
  });

  it('nothing is expected in no time, and a non-finite product is 0', () => {
    expect(paretoConditional(NOTE, 2, 30.43, 38.86, 0)).toBe(0);
    expect(paretoConditional(NOTE, 2, 30.43, 38.86, -5)).toBe(0);
    expect(paretoUnconditional(NOTE, 0)).toBe(0);
    expect(paretoUnconditional(NOTE, -5)).toBe(0);
    // t = ∞: the lifetime factor is ∞ for s < 1; reported as 0, not ∞.
    expect(paretoConditional(NOTE, 2, 30.43, 38.86, Infinity)).toBe(0);
    expect(paretoConditional(NOTE, 2, 30.43, 38.86, 52)).toBeGreaterThan(0);
  });

  it('E[X(t)] is (r/α) · β · (1 − (β/(β + t))^(s − 1)) / (s − 1) away from s = 1 (the note’s equation 3, by hand)', () => {
    const expected = (NOTE.r / NOTE.alpha) * ((NOTE.beta * (1 - (NOTE.beta / (NOTE.beta + 39)) ** (NOTE.s - 1))) / (NOTE.s - 1));
    expect(paretoUnconditional(NOTE, 39)).toBeCloseTo(expected, 12);
    // Within 1e-10 of s = 1 the limit β ln((β + t)/β) is used.
    const near = { ...NOTE, s: 1 + 1e-11 };
    expect(paretoUnconditional(near, 39)).toBe((NOTE.r / NOTE.alpha) * NOTE.beta * (Math.log(NOTE.beta + 39) - Math.log(NOTE.beta)));
  });
});

// Issue 27 (mutation survivors): values from mpmath at 30 digits (mp.hyp2f1, the note's A₀ written directly).
describe('Pareto/NBD: the series fallback and the α ≥ β branch against mpmath', () => {
  it('ln ₂F₁(600, 600; 601; 0.999) through the series fallback: 4137.747078495164 (mpmath)', () => {
    expect(logHyp2f1Shifted(600, 600, 0.999)).toBeCloseTo(4137.747078495164, 8);
  });

  it.each([
    [100, 1, -11.59645159398425],
    [1, 100, -9.73476800793473],
  ])('ln A₀ with α = %d, β = %d (r 0.5, s 0.8, x 2, t_x 3, T 40): %d (mpmath)', (alpha, beta, expected) => {
    expect(logA0({ r: 0.5, alpha, s: 0.8, beta }, 2, 3, 40)).toBeCloseTo(expected, 9);
  });
});
