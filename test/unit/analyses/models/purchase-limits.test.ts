// Fits at a model's limit are results with a warning (issue 25): the limits' own formulas against
// the full models near the limit, standard errors on a hand-solved case, and `segment clv` on small
// files whose fits sit at each limit (fixtures/clv-limits, written by scripts/clv_limit_fixtures.py).
import { describe, expect, it } from 'vitest';
import { bgNbdTotalLogLikelihood, conditionalExpectedPurchases, expectedPurchases, pAlive, uniqueTriples } from '../../../../src/analyses/models/bgnbd.js';
import { constantDropout, constantDropoutLogLikelihood, nbd, nbdLogLikelihood } from '../../../../src/analyses/models/purchase-limits.js';
import { homogeneousLogLikelihood } from '../../../../src/analyses/models/spend-model.js';
import { gammaln } from '../../../../src/analyses/models/special.js';

const histories = [
  { x: 0, tx: 0, T: 20 },
  { x: 2, tx: 10, T: 30 },
  { x: 5, tx: 28, T: 30 },
  { x: 1, tx: 3, T: 25 },
];
const triples = uniqueTriples(histories);

describe('the limits against the full models near them', () => {
  it.each([0, 1] as const)('constant drop-out p: the (M)BG/NBD with a, b → ∞ and a / (a + b) = p (shift %d)', (shift) => {
    const p = { r: 0.8, alpha: 5, p: 0.2 };
    const near = { r: 0.8, alpha: 5, a: 0.2e7, b: 0.8e7 };
    for (const h of histories) {
      expect(constantDropout.pAlive(p, h.x, h.tx, h.T, shift)).toBeCloseTo(pAlive(near, h.x, h.tx, h.T, shift), 5);
      expect(constantDropout.conditional(p, h.x, h.tx, h.T, 26, shift)).toBeCloseTo(conditionalExpectedPurchases(near, h.x, h.tx, h.T, 26, shift), 4);
    }
    expect(constantDropout.unconditional(p, 26, shift)).toBeCloseTo(expectedPurchases(near, 26, shift), 4);
    expect(constantDropoutLogLikelihood(p, triples, shift)).toBeCloseTo(bgNbdTotalLogLikelihood(near, triples, shift), 4);
  });

  it('no drop-out: the BG/NBD with a → 0 is the NBD; everyone alive; purchases grow linearly', () => {
    const p = { r: 0.8, alpha: 5 };
    const near = { ...p, a: 1e-9, b: 2 };
    expect(nbdLogLikelihood(p, triples)).toBeCloseTo(bgNbdTotalLogLikelihood(near, triples), 6);
    for (const h of histories) {
      expect(nbd.conditional(p, h.x, h.T, 26)).toBeCloseTo(conditionalExpectedPurchases(near, h.x, h.tx, h.T, 26), 5);
      expect(pAlive(near, h.x, h.tx, h.T)).toBeCloseTo(nbd.pAlive(), 6);
    }
    expect(nbd.unconditional(p, 26)).toBeCloseTo((0.8 / 5) * 26, 12);
  });

  it('the homogeneous spend limit: each mean of x purchases Gamma(p x, p x / mean), by hand', () => {
    const hs = [{ x: 1, m: 20 }, { x: 2, m: 30 }];
    const mean = (20 + 60) / 3;
    const density = (k: number, rate: number, m: number): number => k * Math.log(rate) - gammaln(k) + (k - 1) * Math.log(m) - rate * m;
    expect(homogeneousLogLikelihood(3, hs, mean)).toBeCloseTo(density(3, 3 / mean, 20) + density(6, 6 / mean, 30), 10);
  });
});

