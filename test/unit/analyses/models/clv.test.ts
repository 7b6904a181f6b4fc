// segment clv end to end (CDNOW with a holdout; errors), and the pure steps between the engine's
// summary and the models, on hand-computed cases.
import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../../../src/sources/files/duckdb/engine.js';
import { DataError } from '../../../../src/kernel/errors.js';
import { checkRepeatBuyers, discountedPurchases, histories, pearson, predict } from '../../../../src/analyses/models/clv.js';
import { holdoutCheck } from '../../../../src/analyses/models/holdout.js';
import { conditionalExpectedPurchases, expectedPurchases, pAlive } from '../../../../src/analyses/models/bgnbd.js';
import { expectedSpend } from '../../../../src/analyses/models/gamma-gamma.js';
import type { Predictor } from '../../../../src/analyses/models/purchase-model.js';
import type { SpendFit } from '../../../../src/analyses/models/spend-model.js';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const bgPredictor: Predictor = {
  pAlive: (x, tx, T) => pAlive(BG, x, tx, T),
  conditional: (x, tx, T, t) => conditionalExpectedPurchases(BG, x, tx, T, t),
  unconditional: (t) => expectedPurchases(BG, t),
};
const ggSpend: SpendFit = { model: 'gamma_gamma', params: GG, standardErrors: null, meanSpend: 0, logLikelihood: 0, iterations: 0, warning: null, expected: (x, m) => expectedSpend(GG, x, m) };

const summary = (over: Partial<CustomerSummary> & { customer: string }): CustomerSummary => ({
  name: over.customer, firstDate: '2024-01-01', lastDate: '2024-01-01', recencyDays: 0, tenureDays: 0, firstPeriod: 0, orders: 1, transactions: 1, revenue: 10, refunds: 0,
  margin: null, quantity: null, activePeriods: 1, periodRevenueSum: 10, periodRevenueSumSq: 100, periodOrdersSum: null, periodOrdersSumSq: null, invoicesDue: 0, invoicesOnTime: 0, daysLateSum: 0,
  purchaseDays: 1, firstDayRevenue: 10, firstPurchaseDate: over.firstDate ?? '2024-01-01', lastPurchaseDate: over.lastDate ?? '2024-01-01', ...over,
});

describe('from the summary to histories', () => {
  it('x, t_x, T in the unit; repeat spend net of the first day; no purchase day is counted, not modelled', () => {
    const h = histories(
      [
        summary({ customer: 'a', firstDate: '2024-01-01', lastDate: '2024-01-15', purchaseDays: 3, revenue: 100, firstDayRevenue: 40 }),
        summary({ customer: 'b', firstDate: '2024-01-08', lastDate: '2024-01-08' }),
        summary({ customer: 'c', purchaseDays: 0, revenue: -5, firstDayRevenue: -5 }),
      ],
      '2024-01-29',
      'week',
    );
    expect(h.noPurchaseDay).toBe(1);
    expect(h.histories.map((x) => [x.key, x.x, x.tx, x.T, x.repeatSpend])).toEqual([
      ['a', 2, 2, 4, 30],
      ['b', 0, 0, 3, null],
    ]);
  });

  it('a day of refunds only is no purchase: x counts positive days, t_x and T run between the purchase days; the refund stays in the repeat spend', () => {
    // Bought 01-01 (40) and 01-15 (70); a refund of 10 alone on 01-22, and one of 5 on 12-30 before the first purchase.
    const [h] = histories(
      [summary({ customer: 'a', firstDate: '2023-12-30', lastDate: '2024-01-22', firstPurchaseDate: '2024-01-01', lastPurchaseDate: '2024-01-15', purchaseDays: 2, revenue: 95, firstDayRevenue: 40 })],
      '2024-01-29',
      'week',
    ).histories;
    expect([h!.x, h!.tx, h!.T, h!.repeatSpend, h!.firstDate, h!.lastDate]).toEqual([1, 2, 4, 55, '2024-01-01', '2024-01-15']);
  });

  it('pearson: null below two points or without variation', () => {
    expect(pearson([], [])).toBeNull();
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([1, 1], [2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('fewer than 10 repeat buyers is a DataError, never NaN', () => {
    const hs = Array.from({ length: 30 }, (_, i) => ({ key: String(i), name: String(i), firstDate: '', lastDate: '', x: i < 5 ? 1 : 0, tx: i < 5 ? 3 : 0, T: 10, repeatSpend: i < 5 ? 10 : null, revenue: 10 }));
    expect(() => checkRepeatBuyers(hs)).toThrow(DataError);
    expect(() => checkRepeatBuyers(hs)).toThrow(/5 of 30 customers/);
  });
});

describe('CLV and the holdout table', () => {
  const params = { unit: 'day' as const, horizonDays: 365, discountRate: 0 };
  const h = { x: 2, tx: 200, T: 270 };

  it('no discount: CLV purchases are the expected purchases; a discount lowers them, more for a higher rate', () => {
    const plain = discountedPurchases(bgPredictor, h, params);
    expect(plain.purchases).toBeCloseTo(conditionalExpectedPurchases(BG, 2, 200, 270, 365), 12);
    expect(plain.discounted).toBe(plain.purchases);
    const ten = discountedPurchases(bgPredictor, h, { ...params, discountRate: 0.1 });
    const twenty = discountedPurchases(bgPredictor, h, { ...params, discountRate: 0.2 });
    expect(ten.purchases).toBe(plain.purchases);
    expect(ten.discounted).toBeLessThan(plain.discounted);
    expect(ten.discounted).toBeGreaterThan(plain.discounted / 1.1);
    expect(twenty.discounted).toBeLessThan(ten.discounted);
  });

  it('ranks by CLV, ties by key, and gives customers with one history one prediction', () => {
    const base = { name: '', firstDate: '', lastDate: '', revenue: 0 };
    const rows = predict(
      [
        { ...base, key: 'b', x: 0, tx: 0, T: 100, repeatSpend: null },
        { ...base, key: 'a', x: 0, tx: 0, T: 100, repeatSpend: null },
        { ...base, key: 'c', x: 5, tx: 90, T: 100, repeatSpend: 50 },
        { ...base, key: 'd', x: 3, tx: 90, T: 100, repeatSpend: -20 },
      ],
      bgPredictor,
      ggSpend,
      params,
    );
    expect(rows.map((r) => [r.rank, r.key])).toEqual([[1, 'c'], [2, 'd'], [3, 'a'], [4, 'b']]);
    expect(rows[2]!.clv).toBe(rows[3]!.clv);
    expect(rows[2]!.pAlive).toBe(1);
    // A non-positive repeat spend counts as 0: shrunk towards zero, not negative.
    expect(rows[1]!.expectedSpend).toBeCloseTo((6.25 * 15.44) / (6.25 * 3 + 2.74), 10);
  });

  it('groups the holdout by calibration repeat purchases, 7 and more together', () => {
    const base = { name: '', firstDate: '', lastDate: '', revenue: 0, repeatSpend: null, tx: 1, T: 10 };
    const hs = [
      { ...base, key: 'a', x: 0, tx: 0 },
      { ...base, key: 'b', x: 0, tx: 0 },
      { ...base, key: 'c', x: 7 },
      { ...base, key: 'd', x: 12 },
    ];
    const r = holdoutCheck(hs, bgPredictor, new Map([['a', 2], ['d', 4], ['z', 9]]), { from: '2024-01-01', to: '2024-06-30', length: 26 });
    expect(r.customers).toBe(4);
    expect(r.actual).toBe(6);
    expect(r.rows).toHaveLength(8);
    expect(r.rows[0]).toMatchObject({ x: 0, customers: 2, actualMean: 1 });
    expect(r.rows[7]).toMatchObject({ x: 7, atLeast: true, customers: 2, actualMean: 2 });
    expect(r.rows[3]).toMatchObject({ customers: 0, predictedMean: 0, actualMean: 0 });
    const predicted = hs.reduce((s, c) => s + conditionalExpectedPurchases(BG, c.x, c.tx, c.T, 26), 0);
    expect(r.predicted).toBeCloseTo(predicted, 12);
    expect(r.meanAbsoluteError).toBeCloseTo(r.perCustomer.reduce((s, c) => s + Math.abs(c.predicted - c.actual), 0) / 4, 12);
  });
});
