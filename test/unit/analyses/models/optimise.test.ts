/**
 * Tests of src/analyses/models/optimise.ts (issue 27, mutation testing): BFGS's stopping rules and
 * bfgsFromStarts's choice, on functions whose minimum is known by hand. (Rosenbrock's valley and the
 * warm start are in special.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { bfgs, bfgsFromStarts, type FnWithGradient } from '../../../../src/analyses/models/optimise.js';

/** (x − 1)² + 10 (y + 2)²: minimum 0 at (1, −2). */
const bowl: FnWithGradient = (v) => ({ value: (v[0]! - 1) ** 2 + 10 * (v[1]! + 2) ** 2, gradient: [2 * (v[0]! - 1), 20 * (v[1]! + 2)] });

describe('bfgs', () => {
  it('finds a quadratic’s minimum in a few iterations, and says it converged', () => {
    const m = bfgs(bowl, [5, 5]);
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(1, 8);
    expect(m.x[1]).toBeCloseTo(-2, 8);
    expect(m.value).toBeLessThan(1e-15);
    expect(m.iterations).toBeGreaterThan(0);
    expect(m.iterations).toBeLessThanOrEqual(12);
  });

  it('at the minimum already: no iteration', () => {
    const m = bfgs(bowl, [1, -2]);
    expect(m).toMatchObject({ x: [1, -2], value: 0, iterations: 0, converged: true });
  });

  it('a start outside the domain (+∞, NaN or a non-finite gradient): no step, not converged', () => {
    expect(bfgs(() => ({ value: Infinity, gradient: [0] }), [3])).toEqual({ x: [3], value: Infinity, iterations: 0, converged: false });
    expect(bfgs(() => ({ value: 1, gradient: [NaN] }), [3])).toMatchObject({ value: Infinity, converged: false });
  });

  it('out of iterations: says so, with the iterations used', () => {
    const m = bfgs(bowl, [5, 5], { maxIterations: 1 });
    expect(m.iterations).toBe(1);
    expect(m.converged).toBe(false);
    expect(m.value).toBeLessThan(bowl([5, 5]).value);
  });

  it('a looser tolerance stops earlier', () => {
    const tight = bfgs(bowl, [5, 5], { gradientTolerance: 1e-12 });
    const loose = bfgs(bowl, [5, 5], { gradientTolerance: 1 });
    expect(loose.iterations).toBeLessThan(tight.iterations);
    expect(Math.abs(loose.x[0]! - 1)).toBeGreaterThan(Math.abs(tight.x[0]! - 1));
  });

  it('stalled where no step lowers the value: converged only if the gradient is within 100 × the tolerance', () => {
    // A flat value with a small constant gradient: no step ever lowers it.
    const flat = (g: number): FnWithGradient => () => ({ value: 1, gradient: [g] });
    expect(bfgs(flat(5e-7), [0], { gradientTolerance: 1e-8 })).toMatchObject({ iterations: 0, converged: true });
    expect(bfgs(flat(2e-6), [0], { gradientTolerance: 1e-8 })).toMatchObject({ iterations: 0, converged: false });
    expect(bfgs(flat(1e-6), [0], { gradientTolerance: 1e-8 }).converged).toBe(true);
  });

  it('steps only into the domain: a minimum at 2 with +∞ below 0.5, from 3 and from 0.6', () => {
    const walled: FnWithGradient = (v) => ({ value: v[0]! <= 0.5 ? Infinity : (v[0]! - 2) ** 2, gradient: [2 * (v[0]! - 2)] });
    expect(bfgs(walled, [3]).x[0]).toBeCloseTo(2, 8);
    expect(bfgs(walled, [0.6]).x[0]).toBeCloseTo(2, 8);
  });

  it('recovers when the gradient lies (the direction is not downhill): steepest descent again', () => {
    // The gradient is right, the value rises towards the minimum first: BFGS’s update can point uphill.
    let evaluations = 0;
    const f: FnWithGradient = (v) => {
      evaluations++;
      const x = v[0]!;
      return { value: x ** 4 - 3 * x ** 2 + x, gradient: [4 * x ** 3 - 6 * x + 1] };
    };
    const m = bfgs(f, [2]);
    expect(m.converged).toBe(true);
    // The local minimum right of 0: 4x³ − 6x + 1 = 0 at x ≈ 1.1309.
    expect(4 * m.x[0]! ** 3 - 6 * m.x[0]! + 1).toBeCloseTo(0, 7);
    expect(evaluations).toBeGreaterThan(1);
  });
});

describe('bfgsFromStarts', () => {
  it('the best minimum over the starts, with every start’s iterations counted', () => {
    // Two valleys: x = −1 (value −1) and x = 2 (value 0).
    const two: FnWithGradient = (v) => {
      const x = v[0]!;
      return x < 0.5 ? { value: (x + 1) ** 2 - 1, gradient: [2 * (x + 1)] } : { value: (x - 2) ** 2, gradient: [2 * (x - 2)] };
    };
    const a = bfgs(two, [3]);
    const b = bfgs(two, [-1.5]);
    const m = bfgsFromStarts(two, [[3], [-1.5]]);
    expect(m.x[0]).toBeCloseTo(-1, 8);
    expect(m.iterations).toBe(a.iterations + b.iterations);
    expect(a.x[0]).toBeCloseTo(2, 8);
    expect(bfgsFromStarts(two, [[-1.5], [3]]).x[0]).toBeCloseTo(-1, 8);
  });

  it('ties go to the earlier start; starts outside the domain are skipped; none at all is no minimum', () => {
    const m = bfgsFromStarts(bowl, [[1, -2], [5, 5]]);
    expect(m.x).toEqual([1, -2]);
    const skip = bfgsFromStarts((v) => (v[0]! > 10 ? { value: Infinity, gradient: [0] } : { value: (v[0]! - 1) ** 2, gradient: [2 * (v[0]! - 1)] }), [[20], [4]]);
    expect(skip.x[0]).toBeCloseTo(1, 8);
    expect(skip.converged).toBe(true);
    expect(bfgsFromStarts(bowl, [])).toEqual({ x: [], value: Infinity, iterations: 0, converged: false });
  });
});
