/**
 * src/models/special.ts in-process: the stdlib functions as wired, and logAddExp, against values
 * from scipy 1.17.1 (/usr/bin/python3):
 *   scipy.special.gammaln(4.5) = 2.4537365708424423; betaln(2.5, 3.5) = -3.3018352699620523;
 *   hyp2f1(1, 2, 3, 0.5) = 1.545177444479562 (by hand 2(−ln(1 − z) − z) / z² = 8(ln 2 − 0.5)).
 */
import { describe, expect, it } from 'vitest';
import { betaln, gammaln, hyp2f1, logAddExp } from '../../../src/models/special.js';

describe('special functions', () => {
  it('ln Γ, ln B and 2F1 at known points', () => {
    expect(gammaln(4.5)).toBeCloseTo(2.453736570842442, 12);
    expect(betaln(2.5, 3.5)).toBeCloseTo(-3.3018352699620523, 12);
    // 2F1(1, 2; 3; z) = 2(−ln(1 − z) − z) / z²: at 0.5, 8(ln 2 − 0.5) = 1.5451774444795623.
    expect(hyp2f1(1, 2, 3, 0.5)).toBeCloseTo(8 * (Math.LN2 - 0.5), 12);
  });

  it('logAddExp is ln(eᵃ + eᵇ) without overflow, and −∞ terms drop out', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(Math.log(3), Math.log(2))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 10);
    expect(logAddExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 10);
    expect(logAddExp(-Infinity, 5)).toBe(5);
    expect(logAddExp(5, -Infinity)).toBe(5);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
  });
});
