/** Tests of src/analyses/models/fit-numeric.ts. */
import { describe, expect, it } from 'vitest';
import { standardErrors, invert } from '../../../../src/analyses/models/fit-numeric.js';
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
