/** Tests of src/analyses/models/fit-numeric.ts. */
import { describe, expect, it } from 'vitest';
import { fitNumeric, invert, memo, standardErrors } from '../../../../src/analyses/models/fit-numeric.js';
import { gammaln } from '../../../../src/analyses/models/special.js';

describe('standard errors from the inverse Hessian', () => {
  it('Poisson counts: SE of λ is √(λ / n) at the optimum λ = mean', () => {
    const counts = [2, 4, 3, 5, 1, 3];
    const ll = (v: readonly number[]): number => counts.reduce((s, k) => s + k * Math.log(v[0]!) - v[0]! - gammaln(k + 1), 0);
    const [se] = standardErrors(ll, [3]);
    expect(se).toBeCloseTo(Math.sqrt(3 / 6), 6);
  });

  it('is null where the likelihood is flat (not identified), and inverts a 2 × 2 by hand', () => {
    expect(standardErrors(() => 1, [2, 3])).toEqual([null, null]);
    expect(invert([[4, 7], [2, 6]])!.flat().map((v) => Number(v.toFixed(12)))).toEqual([0.6, -0.7, -0.2, 0.4]);
  });
});

// Issue 27 (mutation testing): maximum likelihood on cases solved by hand, the exact Hessian of a
// quadratic, and the inverse's pivoting.
describe('fitNumeric', () => {
  const counts = [2, 4, 3, 5, 1, 3];
  const poisson = (v: readonly number[]): number => counts.reduce((s, k) => s + k * Math.log(v[0]!) - v[0]! - gammaln(k + 1), 0);
  const bernoulli = (k: number, n: number) => (v: readonly number[]): number => k * Math.log(v[0]!) + (n - k) * Math.log1p(-v[0]!);

  it('a Poisson rate: the mean, 3, from either start; ln L at it; an inverse Hessian to warm-start with', () => {
    const fit = fitNumeric(poisson, ['positive'], [[1], [10]], counts.length);
    expect(fit.theta[0]).toBeCloseTo(3, 6);
    expect(fit.logLikelihood).toBeCloseTo(poisson([3]), 8);
    expect(fit.converged).toBe(true);
    expect(fit.extreme).toBe(false);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.inverseHessian).toHaveLength(1);
    const warm = fitNumeric(poisson, ['positive'], [fit.theta], counts.length, 1e-10, fit.inverseHessian);
    expect(warm.theta[0]).toBeCloseTo(3, 8);
  });

  it('a probability: 3 of 10 gives 0.3 (logit scale)', () => {
    const fit = fitNumeric(bernoulli(3, 10), ['probability'], [[0.5]], 10);
    expect(fit.theta[0]).toBeCloseTo(0.3, 6);
    expect(fit.logLikelihood).toBeCloseTo(3 * Math.log(0.3) + 7 * Math.log(0.7), 8);
    expect(fit.extreme).toBe(false);
  });

  it('0 of 10 runs towards p = 0: extreme (logit below −6.9), not past the bound (logit −15)', () => {
    const fit = fitNumeric(bernoulli(0, 10), ['probability'], [[0.5]], 10);
    expect(fit.extreme).toBe(true);
    expect(fit.theta[0]).toBeLessThan(1e-3);
    expect(fit.theta[0]).toBeGreaterThanOrEqual(1 / (1 + Math.exp(15)));
  });

  it('a likelihood that is nowhere finite: not converged, ln L −∞', () => {
    const fit = fitNumeric(() => NaN, ['positive'], [[1]], 5);
    expect(fit.converged).toBe(false);
    expect(fit.logLikelihood).toBe(-Infinity);
  });

  it('a start outside the bound (e^16) is not evaluated: no minimum from it', () => {
    let calls = 0;
    const fit = fitNumeric((v) => { calls++; return -((v[0]! - 2) ** 2); }, ['positive'], [[Math.exp(16)]], 1);
    expect(calls).toBe(0);
    expect(fit.converged).toBe(false);
  });
});

// Issue 27, fourth round (mutation testing): the transforms, the options passed on, one extreme parameter.
describe('fitNumeric: what reaches the optimiser', () => {
  const counts = [2, 4, 3, 5, 1, 3];
  const poisson = (v: readonly number[]): number => counts.reduce((s, k) => s + k * Math.log(v[0]!) - v[0]! - gammaln(k + 1), 0);

  it.each([
    ['positive', 0.25],
    ['positive', 40],
    ['probability', 0.5],
    ['probability', 0.9],
    ['probability', 0.02],
  ] as const)('the first point evaluated is the start itself (%s %d): the free space round-trips', (kind, start) => {
    const seen: number[] = [];
    fitNumeric((v) => { seen.push(v[0]!); return -((v[0]! - 0.3) ** 2); }, [kind], [[start]], 1);
    expect(seen[0]).toBeCloseTo(start, 12);
  });

  it('a probability is moved on the logit scale: its neighbours in the gradient are start ± 1e-6 in logit', () => {
    const seen: number[] = [];
    fitNumeric((v) => { seen.push(v[0]!); return -((v[0]! - 0.3) ** 2); }, ['probability'], [[0.9]], 1);
    const logit = (p: number): number => Math.log(p / (1 - p));
    expect(logit(seen[1]!) - logit(0.9)).toBeCloseTo(1e-6, 12);
    expect(logit(seen[2]!) - logit(0.9)).toBeCloseTo(-1e-6, 12);
  });

  it('the gradient tolerance is passed on: a loose one stops sooner, short of the optimum', () => {
    const loose = fitNumeric(poisson, ['positive'], [[20]], counts.length, 0.05);
    const tight = fitNumeric(poisson, ['positive'], [[20]], counts.length, 1e-10);
    expect(loose.iterations).toBeLessThan(tight.iterations);
    expect(Math.abs(loose.theta[0]! - 3)).toBeGreaterThan(1e-6);
    expect(tight.theta[0]).toBeCloseTo(3, 6);
  });

  it('a warm start’s inverse Hessian is used: the first step is −H g', () => {
    // In u = ln λ the objective is e^u − 3u (+ a constant): at λ = 2.9 its gradient is −0.1. The first
    // point tried after the start and its two gradient neighbours is u − H g: with H = 1/3, λ = 2.9 e^{0.1/3};
    // cold (H = 1), λ = 2.9 e^{0.1}.
    const firstStep = (inverseHessian?: number[][]): number => {
      const seen: number[] = [];
      fitNumeric((v) => { seen.push(v[0]!); return poisson(v); }, ['positive'], [[2.9]], counts.length, 1e-9, inverseHessian);
      return seen[3]!;
    };
    expect(firstStep([[1 / 3]])).toBeCloseTo(2.9 * Math.exp(0.1 / 3), 6);
    expect(firstStep()).toBeCloseTo(2.9 * Math.exp(0.1), 6);
  });

  it('one parameter near its limit is enough to call the fit extreme', () => {
    // The optimum: λ = 3 and a rate of 5,000 (ln 5,000 = 8.5 > 6.9).
    const fit = fitNumeric((v) => poisson([v[0]!]) - (v[1]! - 5000) ** 2 / 1e6, ['positive', 'positive'], [[1, 4000]], counts.length);
    expect(fit.theta[0]).toBeCloseTo(3, 4);
    expect(fit.extreme).toBe(true);
  });
});

describe('standard errors and the inverse, exactly', () => {
  it('a quadratic ln L = −½ (θ − c)ᵀ A (θ − c): the SEs are √diag(A⁻¹), A = [[4, 1], [1, 2]] → √(2/7), √(4/7)', () => {
    const ll = (v: readonly number[]): number => {
      const a = v[0]! - 3;
      const b = v[1]! - 5;
      return -0.5 * (4 * a * a + 2 * a * b + 2 * b * b);
    };
    const [s1, s2] = standardErrors(ll, [3, 5]);
    expect(s1).toBeCloseTo(Math.sqrt(2 / 7), 6);
    expect(s2).toBeCloseTo(Math.sqrt(4 / 7), 6);
  });

  it('a parameter at 0 still gets a step (1e-8 of its scale, not 0)', () => {
    const [se] = standardErrors((v) => -0.5 * 4 * v[0]! ** 2, [0]);
    expect(se).toBeCloseTo(0.5, 3);
  });

  it('a minimum instead of a maximum (−H not positive) gives null', () => {
    expect(standardErrors((v) => 0.5 * v[0]! ** 2, [1])).toEqual([null]);
  });

  it('invert pivots on the largest entry, and finds a singular matrix', () => {
    expect(invert([[0, 1], [1, 0]])).toEqual([[0, 1], [1, 0]]);
    // Needs a row swap at the second column too: [[1, 2, 3], [0, 0, 1], [0, 1, 4]].
    const inv = invert([[1, 2, 3], [0, 0, 1], [0, 1, 4]])!;
    expect(inv.flat().map((v) => Math.round(v * 1e12) / 1e12 + 0)).toEqual([1, 5, -2, 0, -4, 1, 0, 1, 0]);
    // A small pivot beside a larger one below: partial pivoting keeps the digits.
    const tiny = invert([[1e-20, 1], [1, 1]])!;
    expect(tiny.flat().map((v) => Math.round(v * 1e12) / 1e12 + 0)).toEqual([-1, 1, 1, 0]);
    expect(invert([[1, 2], [2, 4]])).toBeNull();
    expect(invert([[0, 0], [0, 0]])).toBeNull();
  });

  it('memo computes once, when first read', () => {
    let calls = 0;
    const m = memo(() => ++calls);
    expect(calls).toBe(0);
    expect(m()).toBe(1);
    expect(m()).toBe(1);
    expect(calls).toBe(1);
  });
});
