/**
 * Tests of src/analyses/models/bootstrap.ts (issue 27, mutation testing): on the made-up customers of
 * test/helpers/clv-made-up.ts (fits at the constant drop-out limit, fast), the intervals against the
 * replicates refitted here with the same seeded draws, and the failures.
 */
import { describe, expect, it } from 'vitest';
import { uniqueTriples } from '../../../../src/analyses/models/bgnbd.js';
import { bootstrap, INTERVAL_LEVEL } from '../../../../src/analyses/models/bootstrap.js';
import { clvFromSummary, fitSpend, histories, predictUnranked, type History } from '../../../../src/analyses/models/clv.js';
import { fitPurchaseModel } from '../../../../src/analyses/models/purchase-model.js';
import { DataError } from '../../../../src/kernel/errors.js';
import { mulberry32 } from '../../../../src/kernel/random.js';
import { madeUp } from '../../../helpers/clv-made-up.js';

const PARAMS = { asOf: '2024-12-31', model: 'bgnbd' as const, spendModel: 'gamma-gamma' as const, unit: 'week' as const, horizonDays: 365, discountRate: 0.1 };
const hs = histories(madeUp(), PARAMS.asOf, PARAMS.unit).histories;
const result = clvFromSummary(madeUp(), PARAMS);

/** The replicates' per-customer purchases and CLV, drawn as bootstrap draws them (single precision, as it keeps them). */
function replicates(n: number, seed: number): { purchases: Float32Array[]; clv: Float32Array[] } {
  const random = mulberry32(seed);
  const out = { purchases: [] as Float32Array[], clv: [] as Float32Array[] };
  for (let b = 0; b < n; b++) {
    const sample: History[] = Array.from({ length: hs.length }, () => hs[Math.floor(random() * hs.length)]!);
    const fit = fitPurchaseModel('bgnbd', uniqueTriples(sample));
    const p = predictUnranked(hs, fit.predict, fitSpend(sample).spend, PARAMS);
    out.purchases.push(Float32Array.from(p.purchases));
    out.clv.push(Float32Array.from(p.clv));
  }
  return out;
}

/** Type-7 quantile of two values: a + q (b − a), a ≤ b. */
const between = (u: number, v: number, q: number): number => Math.min(u, v) + q * Math.abs(v - u);

describe('bootstrap', () => {
  it('two replicates: each interval runs from the 10th to the 90th percentile of the two predictions', () => {
    const r = bootstrap(hs, result, 2, 7);
    expect(INTERVAL_LEVEL).toBe(0.8);
    expect([r.replicates, r.seed, r.failed]).toEqual([2, 7, 0]);
    const [a, b] = replicates(2, 7).purchases;
    const [ca, cb] = replicates(2, 7).clv;
    expect(r.purchases.size).toBe(hs.length);
    hs.forEach((h, i) => {
      expect(r.purchases.get(h.key)!.low).toBeCloseTo(between(a![i]!, b![i]!, 0.1), 9);
      expect(r.purchases.get(h.key)!.high).toBeCloseTo(between(a![i]!, b![i]!, 0.9), 9);
      expect(r.clv.get(h.key)!.high).toBeCloseTo(between(ca![i]!, cb![i]!, 0.9), 6);
    });
    // The totals: over the replicates' sums (in double precision).
    const totalOf = (rows: Float32Array | undefined): number => rows!.reduce((s, v) => s + v, 0);
    expect(r.totalPurchases.low).toBeCloseTo(between(totalOf(a), totalOf(b), 0.1), 3);
    expect(r.totalPurchases.high).toBeCloseTo(between(totalOf(a), totalOf(b), 0.9), 3);
    expect(r.totalClv!.low).toBeLessThanOrEqual(r.totalClv!.high);
    expect(r.totalClv!.high).toBeCloseTo(between(totalOf(ca), totalOf(cb), 0.9), 1);
  });

  it('the same seed gives the same intervals; another seed others', () => {
    const one = bootstrap(hs, result, 3, 11);
    expect(bootstrap(hs, result, 3, 11)).toEqual(one);
    expect(bootstrap(hs, result, 3, 12).totalPurchases).not.toEqual(one.totalPurchases);
  });

  it('without a spend model: purchases only, no CLV intervals', () => {
    const r = bootstrap(hs, { ...result, spend: null }, 2, 7);
    expect(r.clv.size).toBe(0);
    expect(r.totalClv).toBeNull();
    expect(r.purchases.size).toBe(hs.length);
  });

  it('resamples no model fits are counted as failed; fewer than two fitted is a DataError that says so', () => {
    // 12 repeat buyers among 40 customers: a resample often has fewer than 10.
    const few = hs.map((h, i) => (i < 28 && h.x > 0 ? { ...h, x: 0, tx: 0, repeatSpend: null } : h));
    const r = bootstrap(few, result, 6, 3);
    expect(r.failed).toBeGreaterThan(0);
    expect(r.failed).toBeLessThan(5);
    const none = hs.map((h) => ({ ...h, x: 0, tx: 0, repeatSpend: null }));
    expect(() => bootstrap(none, result, 3, 1)).toThrow(DataError);
    expect(() => bootstrap(none, result, 3, 1)).toThrow('the bootstrap failed: 3 of 3 resamples could not be fitted (more customers, or fewer --intervals, would help)');
  });

  it('a bug in a refit is not swallowed as a failed resample', () => {
    // An unknown model name: the limit's wording reads its title, undefined (a TypeError, not a DataError).
    const broken = { ...result, purchase: { ...result.purchase, model: 'nonsense' } } as unknown as typeof result;
    expect(() => bootstrap(hs, broken, 2, 1)).toThrow(TypeError);
  });
});
