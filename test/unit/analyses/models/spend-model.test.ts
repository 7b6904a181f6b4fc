/** Tests of src/analyses/models/spend-model.ts. */
import { describe, expect, it } from 'vitest';
import { fitSpendModel } from '../../../../src/analyses/models/spend-model.js';

describe('the spend model at its limit', () => {
  it('two buyers far apart (q ≤ 1 or no optimum): a homogeneous spend with a warning, not an error', () => {
    const fit = fitSpendModel([{ x: 1, m: 1 }, { x: 1, m: 10_000 }]);
    expect(fit.model).toBe('homogeneous');
    expect(fit.expected(1, 1)).toBeCloseTo(5000.5, 10);
    expect(fit.warning).toMatch(/mean spend per repeat purchase, 5000.50/);
  });
});
