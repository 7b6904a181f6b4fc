/** Tests of src/analyses/models/special.ts. */
/**
 * src/analyses/models/special.ts in-process: the stdlib functions as wired, and logAddExp, against values
 * from scipy 1.17.1 (/usr/bin/python3):
 *   scipy.special.gammaln(4.5) = 2.4537365708424423; betaln(2.5, 3.5) = -3.3018352699620523;
 *   hyp2f1(1, 2, 3, 0.5) = 1.545177444479562 (by hand 2(−ln(1 − z) − z) / z² = 8(ln 2 − 0.5)).
 */
import { describe, expect, it } from 'vitest';
import { digammaApprox } from '../../../../src/analyses/models/gamma-gamma.js';
import { bfgs, bfgsFromStarts } from '../../../../src/analyses/models/optimise.js';
import { hyp2f1, logAddExp, betaln, gammaln } from '../../../../src/analyses/models/special.js';

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

describe('logAddExp at its edges (issue 27)', () => {
  it('a large gap: the larger term, without overflow (ln(e¹⁰⁰⁰ + 1) = 1000 in doubles)', () => {
    expect(logAddExp(1000, 0)).toBe(1000);
    expect(logAddExp(0, 1000)).toBe(1000);
    expect(logAddExp(-1000, 0)).toBe(0);
  });

  it('+∞ with −∞ is +∞ (the −∞ term drops out first, so ∞ − ∞ is never formed)', () => {
    expect(logAddExp(Infinity, -Infinity)).toBe(Infinity);
    expect(logAddExp(-Infinity, Infinity)).toBe(Infinity);
  });
});
