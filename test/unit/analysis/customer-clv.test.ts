/**
 * src/analysis/customer-clv.ts in-process: the churn risk and spend tier limits, the terciles,
 * the expected next order worked out by hand from (α + T) / (r + x − 1), and the method's text.
 */
import { describe, expect, it } from 'vitest';
import { churnRisk, customerClvColumns, customerClvMethod, expectedWait, spendTierCuts } from '../../../src/analysis/customer-clv.js';
import type { BootstrapResult } from '../../../src/models/bootstrap.js';
import type { ClvCustomer, ClvResult } from '../../../src/models/clv.js';

const customer = (key: string, over: Partial<ClvCustomer> = {}): ClvCustomer => ({
  key, name: key, firstDate: '2023-01-01', lastDate: '2023-06-01', x: 1, tx: 10, T: 20, meanSpend: null, pAlive: 0.9, expectedPurchases: 1, expectedSpend: null, clv: null, rank: 1, ...over,
} as ClvCustomer);
const result = (customers: ClvCustomer[], over: { unit?: 'day' | 'week' | 'month'; r?: number; alpha?: number } = {}): ClvResult =>
  ({
    params: { asOf: '2024-01-01', model: 'bg-nbd', spendModel: 'gamma-gamma', unit: over.unit ?? 'week', horizonDays: 365, discountRate: 0.1 },
    purchase: { model: 'bg-nbd', params: { r: over.r ?? 0.5, alpha: over.alpha ?? 2, a: 1, b: 1 } },
    customers,
  }) as unknown as ClvResult;

describe('churnRisk', () => {
  it('is high below 0.3, medium from 0.3 to below 0.7, low from 0.7', () => {
    expect([0, 0.2999, 0.3, 0.6999, 0.7, 1].map(churnRisk)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low']);
  });
});

describe('spendTierCuts', () => {
  it('are the type-7 terciles of the CLV of repeat buyers with a CLV, whatever their order', () => {
    // Repeat buyers' CLV 100, 20, 40, 30 → sorted 20, 30, 40, 100: h = 3 × 1/3 = 1 → 30; h = 2 → 40.
    const r = result([customer('a', { clv: 100 }), customer('b', { clv: 20 }), customer('c', { clv: 40 }), customer('d', { clv: 30 }), customer('e', { x: 0, clv: 1 }), customer('f', { clv: null })]);
    expect(spendTierCuts(r)).toEqual({ low: 30, high: 40 });
    // Two: h = 1/3 and 2/3 between 10 and 40 → 20 and 30.
    const two = spendTierCuts(result([customer('a', { clv: 40 }), customer('b', { clv: 10 })]))!;
    expect(two.low).toBeCloseTo(20, 12);
    expect(two.high).toBeCloseTo(30, 12);
    expect(spendTierCuts(result([customer('e', { x: 0, clv: 5 }), customer('f', { clv: null })]))).toBeNull();
  });
});

describe('expectedWait', () => {
  it('is (α + T) / (r + x − 1) when r + x > 1, else none', () => {
    expect(expectedWait(0.5, 2, 2, 4)).toBe(4);
    expect(expectedWait(0.5, 2, 1, 4)).toBe(12);
    expect(expectedWait(0.5, 2, 0.5, 4)).toBeNull();
    expect(expectedWait(0.25, 2, 0, 4)).toBeNull();
    expect(expectedWait(1.5, 1, 0, 2)).toBe(6);
  });
});

describe('customerClvColumns', () => {
  // r 0.5, α 2, weeks, as of 2024-01-01.
  const cs = [
    customer('a', { x: 2, T: 4, pAlive: 0.95, expectedPurchases: 3, clv: 100 }), // wait 6 / 1.5 = 4 weeks: 2024-01-29
    customer('b', { x: 0, T: 4, pAlive: 0.2, expectedPurchases: 0.1, clv: 5 }), // r + x = 0.5: no date
    customer('c', { x: 1, T: 1000, pAlive: 0.5, clv: 20 }), // 1002 / 0.5 = 2004 weeks = 14,028 days: 2062-05-29
    customer('d', { x: 1, T: 3000, pAlive: 0.7, clv: 30 }), // 6004 weeks = 42,028 days: beyond 100 years
    customer('e', { x: 3, T: 0, clv: null }), // 2 / 2.5 = 0.8 weeks = 5.6 days → 6: 2024-01-07
  ];

  it('gives P(alive), purchases, CLV, risk, tier and the next order date', () => {
    const m = customerClvColumns(result(cs));
    // Terciles of 100, 5 (x = 0: out), 20, 30 → 20, 30, 100: h = 2/3 → 26.67, h = 4/3 → 53.33.
    expect([...m.keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(m.get('a')).toStrictEqual({ pAlive: 0.95, expectedPurchases: 3, clv: 100, churnRisk: 'low', spendTier: 'high', expectedNextOrder: '2024-01-29' });
    expect(m.get('b')).toMatchObject({ churnRisk: 'high', spendTier: 'low', expectedNextOrder: null });
    expect(m.get('c')).toMatchObject({ churnRisk: 'medium', spendTier: 'low', expectedNextOrder: '2062-05-29' });
    expect(m.get('d')).toMatchObject({ churnRisk: 'low', spendTier: 'medium', expectedNextOrder: null });
    expect(m.get('e')).toMatchObject({ clv: null, spendTier: null, expectedNextOrder: '2024-01-07' });
  });

  it('a CLV exactly on a cut point takes the higher tier', () => {
    // Repeat CLVs 10, 20, 30, 40: cut points 20 and 30.
    const m = customerClvColumns(result([10, 20, 30, 40].map((clv, i) => customer(`k${i}`, { clv }))));
    expect([...m.values()].map((c) => c.spendTier)).toEqual(['low', 'medium', 'high', 'high']);
  });

  it('has no tier without a repeat buyer with a CLV', () => {
    const m = customerClvColumns(result([customer('a', { x: 0, clv: 10 })]));
    expect(m.get('a')!.spendTier).toBeNull();
  });

  it('dates a wait of exactly 100 years, and rounds a wait to whole days', () => {
    // Days: r 0.5, α 0, x 1, T 18,262.5 → 18,262.5 / 0.5 = 36,525 days (datetime.date(2024,1,1) + timedelta(36525) = 2124-01-02).
    const m = customerClvColumns(result([customer('a', { x: 1, T: 18_262.5 })], { unit: 'day', alpha: 0 }));
    expect(m.get('a')!.expectedNextOrder).toBe('2124-01-02');
    // Months of 30.4375 days: r 1, α 0.5, x 1, T 0.5 → 1 month → 30 days.
    const mo = customerClvColumns(result([customer('a', { x: 1, T: 0.5 })], { unit: 'month', r: 1, alpha: 0.5 }));
    expect(mo.get('a')!.expectedNextOrder).toBe('2024-01-31');
  });

  it('adds the bootstrap intervals when given, null for a customer without one', () => {
    const intervals = {
      replicates: 200, seed: 7, failed: 3,
      purchases: new Map([['a', { low: 1, high: 2 }]]),
      clv: new Map([['a', { low: 50, high: 150 }]]),
      totalPurchases: { low: 1, high: 2 }, totalClv: null,
    } as unknown as BootstrapResult;
    const m = customerClvColumns(result(cs), intervals);
    expect(m.get('a')).toMatchObject({ purchasesInterval: { low: 1, high: 2 }, clvInterval: { low: 50, high: 150 } });
    expect(m.get('b')).toMatchObject({ purchasesInterval: null, clvInterval: null });
    expect('purchasesInterval' in customerClvColumns(result(cs)).get('a')!).toBe(false);
  });
});

describe('customerClvMethod', () => {
  it('states the model, the limits, the cut points and the intervals', () => {
    const intervals = { replicates: 200, seed: 7, failed: 3 } as unknown as BootstrapResult;
    expect(customerClvMethod(result([10, 20, 30, 40].map((clv, i) => customer(`k${i}`, { clv }))), intervals)).toEqual([
      '*_low and *_high: 80% bootstrap intervals (10th to 90th percentile over 197 resamples of the customers, both models refitted; seed 7).',
      'p_alive, expected_purchases and clv as segment clv computes them (bg-nbd; 365 days ahead from 2024-01-01).',
      'churn_risk from P(alive): high below 0.3, medium from 0.3 to below 0.7, low from 0.7.',
      'spend_tier by CLV tercile among the customers with a repeat purchase: low below 20.00, medium below 30.00, high from there (the same cut points for every customer).',
      'expected_next_order: the as-of date plus the expected time to the next purchase given the customer is alive, (α + T) / (r + x − 1); empty where that expectation is not finite (r + x ≤ 1) or beyond 100 years.',
    ]);
    const plain = customerClvMethod(result([customer('a', { clv: null })]));
    expect(plain).toHaveLength(4);
    expect(plain[2]).toBe('spend_tier: not given (no spend model, or no repeat buyer).');
  });
});
