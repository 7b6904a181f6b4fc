// Fits at a model's limit are results with a warning (issue 25): the limits' own formulas against
// the full models near the limit, standard errors on a hand-solved case, and `segment clv` on small
// files whose fits sit at each limit (fixtures/clv-limits, written by scripts/clv_limit_fixtures.py).
import { describe, expect, it } from 'vitest';
import { bgNbdTotalLogLikelihood, conditionalExpectedPurchases, expectedPurchases, pAlive, uniqueTriples } from '../../../../src/analyses/models/bgnbd.js';
import { constantDropout, constantDropoutLogLikelihood, fitConstantDropout, fitNbd, nbd, nbdLogLikelihood } from '../../../../src/analyses/models/purchase-limits.js';
import { homogeneousLogLikelihood } from '../../../../src/analyses/models/spend-model.js';
import { gammaln } from '../../../../src/analyses/models/special.js';
import { cdnowCalibration } from '../../../helpers/cdnow.js';

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


// Issue 27 (mutation testing): the limits fitted on CDNOW against scipy (scripts/clv_unit_reference.py),
// and their predictions' edges by hand.
describe('the limits fitted, and their edges', () => {
  const cdnow = uniqueTriples(cdnowCalibration().customers);

  it('the NBD on CDNOW: r 0.38477, α 12.072, ln L −9,763.6576 (scipy; FHL 2005 print 0.385, 12.072)', () => {
    const fit = fitNbd(cdnow, 10 / 39);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.38476615, 4);
    expect(fit.params.alpha).toBeCloseTo(12.07202332, 2);
    expect(fit.theta).toEqual([fit.params.r, fit.params.alpha]);
    expect(fit.logLikelihood).toBeCloseTo(-9763.657614672615, 3);
  });

  it.each([
    [0, 0.24743603596983477, 4.723372088857003, 0.16212096544468968, -9603.616000710226],
    [1, 0.3280751810079053, 5.230337505769571, 0.1648971051365274, -9604.894992170513],
  ] as const)('constant drop-out on CDNOW (shift %d) as scipy’s: r %d, α %d, p %d, ln L %d', (shift, r, alpha, p, ll) => {
    const fit = fitConstantDropout(cdnow, 10 / 39, shift);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(r, 3);
    expect(fit.params.alpha).toBeCloseTo(alpha, 1);
    expect(fit.params.p).toBeCloseTo(p, 3);
    expect(fit.theta).toEqual([fit.params.r, fit.params.alpha, fit.params.p]);
    expect(fit.logLikelihood).toBeCloseTo(ll, 2);
  });

  it('nothing is expected in no time; P(alive) is exactly 0 past odds of e^700 and 1 for a one-time buyer of the BG/NBD limit', () => {
    const p = { r: 1, alpha: 1, p: 0.5 };
    expect(nbd.conditional(p, 2, 10, 0)).toBe(0);
    expect(nbd.conditional(p, 2, 10, -1)).toBe(0);
    expect(nbd.unconditional(p, 0)).toBe(0);
    expect(nbd.unconditional(p, -1)).toBe(0);
    expect(constantDropout.conditional(p, 2, 1, 10, 0, 0)).toBe(0);
    expect(constantDropout.unconditional(p, 0, 0)).toBe(0);
    expect(constantDropout.unconditional(p, -1, 1)).toBe(0);
    expect(constantDropout.pAlive(p, 0, 0, 50, 0)).toBe(1);
    expect(constantDropout.pAlive(p, 0, 0, 50, 1)).toBeLessThan(1);
    // ln odds = ln(p / (1 − p)) + (r + x) ln((α + T) / (α + t_x)) = 0 + 2 · 352.5 = 705: e^−705 is a double, the cut makes it 0.
    const T = Math.exp(352.5) - 1;
    expect(1 / (1 + Math.exp(705))).toBeGreaterThan(0);
    expect(constantDropout.pAlive(p, 1, 0, T, 0)).toBe(0);
    // Just below the cut (ln odds 2 · 349.5 = 699): not 0.
    expect(constantDropout.pAlive(p, 1, 0, Math.exp(349.5) - 1, 0)).toBeGreaterThan(0);
  });

  it('E[Y(t)] and E[X(t)] of the constant drop-out by hand (r 1, α 1, p 0.5)', () => {
    const p = { r: 1, alpha: 1, p: 0.5 };
    // x = 2, t_x = 4, T = 6, t = 10: (1 − (7 / 12)³) / 0.5 · P(alive), P(alive) = 1 / (1 + (7 / 5)³).
    const alive = 1 / (1 + (7 / 5) ** 3);
    expect(constantDropout.pAlive(p, 2, 4, 6, 0)).toBeCloseTo(alive, 14);
    expect(constantDropout.conditional(p, 2, 4, 6, 10, 0)).toBeCloseTo(((1 - (7 / 12) ** 3) / 0.5) * alive, 14);
    // A new customer over 10: (1 − 1 / 6) / 0.5; the MBG/NBD's times 1 − p.
    expect(constantDropout.unconditional(p, 10, 0)).toBeCloseTo((1 - 1 / 6) / 0.5, 14);
    expect(constantDropout.unconditional(p, 10, 1)).toBeCloseTo(0.5 * ((1 - 1 / 6) / 0.5), 14);
    expect(nbd.conditional({ r: 1, alpha: 1 }, 2, 5, 12)).toBe(6);
  });
});
