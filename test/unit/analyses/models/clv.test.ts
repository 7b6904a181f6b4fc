// segment clv end to end (CDNOW with a holdout; errors), and the pure steps between the engine's
// summary and the models, on hand-computed cases.
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../../src/kernel/errors.js';
import { checkRepeatBuyers, chooseByLikelihood, clvFromSummary, type ClvResult, discountedPurchases, fitSpend, histories, newCustomerValue, pearson, predict } from '../../../../src/analyses/models/clv.js';
import { holdoutCheck } from '../../../../src/analyses/models/holdout.js';
import { conditionalExpectedPurchases, expectedPurchases, pAlive } from '../../../../src/analyses/models/bgnbd.js';
import { expectedSpend } from '../../../../src/analyses/models/gamma-gamma.js';
import type { Predictor, PurchaseFit } from '../../../../src/analyses/models/purchase-model.js';
import type { SpendFit } from '../../../../src/analyses/models/spend-model.js';
import { madeUp, summary } from '../../../helpers/clv-made-up.js';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const bgPredictor: Predictor = {
  pAlive: (x, tx, T) => pAlive(BG, x, tx, T),
  conditional: (x, tx, T, t) => conditionalExpectedPurchases(BG, x, tx, T, t),
  unconditional: (t) => expectedPurchases(BG, t),
};
const ggSpend: SpendFit = { model: 'gamma_gamma', params: GG, standardErrors: null, meanSpend: 0, logLikelihood: 0, iterations: 0, warning: null, expected: (x, m) => expectedSpend(GG, x, m) };


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

// Issue 27 (mutation testing): the steps between the fits and the CLV, by hand, and the whole
// on 42 made-up customers whose fits sit at the models' limits (test/helpers/clv-made-up.ts).
const CLV_PARAMS = { asOf: '2024-12-31', spendModel: 'gamma-gamma' as const, unit: 'week' as const, horizonDays: 365, discountRate: 0.1 };
/** E[Y(t)] = t: each month's purchases are its length in the unit, so the discounting is by hand. */
const linear: Predictor = { pAlive: () => 0.5, conditional: (_x, _tx, _T, t) => t, unconditional: (t) => 2 * t, countProbabilities: () => new Float64Array() };
const MONTH = 365.25 / 12;

describe('CLV: discounting, the new customer, the choice and the warnings', () => {
  it('discounts each month’s purchases from its end, compounded yearly; the last month shorter', () => {
    // 61 days: two whole months (30.4375 days each) and 0.125 of a day.
    const r = discountedPurchases(linear, { x: 1, tx: 1, T: 2 }, { unit: 'day', horizonDays: 61, discountRate: 0.1 });
    expect(r.purchases).toBe(61);
    expect(r.discounted).toBeCloseTo(MONTH / 1.1 ** (MONTH / 365.25) + MONTH / 1.1 ** ((2 * MONTH) / 365.25) + (61 - 2 * MONTH) / 1.1 ** (61 / 365.25), 12);
    // In weeks: the predictor gets days / 7.
    expect(discountedPurchases(linear, { x: 1, tx: 1, T: 2 }, { unit: 'week', horizonDays: 70, discountRate: 0 }).purchases).toBe(10);
  });

  it('stops once the horizon’s purchases are reached (a predictor that saturates adds nothing after)', () => {
    const flat: Predictor = { ...linear, conditional: (_x, _tx, _T, t) => Math.min(t, 10) };
    const r = discountedPurchases(flat, { x: 1, tx: 1, T: 2 }, { unit: 'day', horizonDays: 365, discountRate: 0.1 });
    expect(r.purchases).toBe(10);
    expect(r.discounted).toBeCloseTo(10 / 1.1 ** (MONTH / 365.25), 12);
  });

  it('a new customer: the mean first purchase plus E[X(t)] discounted by month, times the spend of a customer with no repeat purchase', () => {
    const hs = [
      { key: 'a', name: 'a', firstDate: '', lastDate: '', x: 2, tx: 3, T: 9, repeatSpend: 30, revenue: 100 }, // first day 40
      { key: 'b', name: 'b', firstDate: '', lastDate: '', x: 0, tx: 0, T: 9, repeatSpend: null, revenue: 20 }, // first day 20
    ];
    const spend = { ...ggSpend, expected: (x: number, m: number) => (x === 0 && m === 0 ? 7 : NaN) };
    const result = { params: { unit: 'day', horizonDays: 61, discountRate: 0.1 }, purchase: { predict: linear }, spend } as unknown as ClvResult;
    const v = newCustomerValue(result, hs);
    expect(v.firstPurchase).toBe(30);
    expect(v.repeatPurchases).toBe(122);
    const discounted = (2 * MONTH) / 1.1 ** (MONTH / 365.25) + (2 * MONTH) / 1.1 ** ((2 * MONTH) / 365.25) + (2 * (61 - 2 * MONTH)) / 1.1 ** (61 / 365.25);
    expect(v.discountedRepeatPurchases).toBeCloseTo(discounted, 12);
    expect(v.spendPerPurchase).toBe(7);
    expect(v.value).toBeCloseTo(30 + discounted * 7, 10);
    const undiscounted = newCustomerValue({ ...result, params: { ...result.params, discountRate: 0 }, spend: null } as ClvResult, hs);
    expect(undiscounted.discountedRepeatPurchases).toBe(122);
    expect(undiscounted.spendPerPurchase).toBeNull();
    expect(undiscounted.value).toBeNull();
    expect(newCustomerValue(result, []).firstPurchase).toBe(0);
  });

  it('auto takes the highest likelihood and says so with the three; a model asked for is taken as asked', () => {
    const fitted = (model: string, logLikelihood: number) => ({ model, logLikelihood }) as unknown as PurchaseFit;
    const fits = [fitted('bgnbd', -10), fitted('mbgnbd', -9.5), fitted('pnbd', -9.75)];
    const auto = chooseByLikelihood(fits, 'auto');
    expect(auto.fit).toBe(fits[1]);
    expect(auto.selection).toEqual({ by: 'likelihood', reason: 'chosen by --model auto for the highest log-likelihood (BG/NBD -10.00, MBG/NBD -9.50, Pareto/NBD -9.75); without --holdout-from there is no holdout error to compare' });
    expect(chooseByLikelihood([fits[2]!, fits[0]!], 'auto').fit).toBe(fits[2]);
    expect(chooseByLikelihood([fits[2]!], 'pnbd')).toEqual({ fit: fits[2], selection: { by: 'asked', reason: 'Pareto/NBD, as asked' } });
  });

  it('the whole, BG/NBD: the limit’s, the spend limit’s and the left-out customers’ warnings, ranked by CLV', () => {
    const r = clvFromSummary(madeUp(), { ...CLV_PARAMS, model: 'bgnbd' });
    expect(r.fits).toHaveLength(1);
    expect(r.purchase.limit).toBe('constant_dropout');
    expect(r.selection).toEqual({ by: 'asked', reason: 'BG/NBD, as asked' });
    expect([r.noPurchaseDay, r.spendLeftOut, r.spendCustomers]).toEqual([1, 1, 32]);
    expect(r.spend!.model).toBe('homogeneous');
    expect(r.correlation).toBeCloseTo(-0.05918076296398522, 12);
    expect(r.warnings).toEqual([
      r.purchase.warning,
      r.spend!.warning,
      '1 customers have no purchase day (only refunds) and are left out of the models',
      '1 repeat buyers with a net repeat spend of 0 or less are left out of the spend model',
    ]);
    expect(r.customers).toHaveLength(41);
    expect(r.customers.map((c) => c.rank)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    const clvs = r.customers.map((c) => c.clv!);
    expect(clvs).toEqual([...clvs].sort((a, b) => b - a));
    const top = r.customers[0]!;
    const d = discountedPurchases(r.purchase.predict, top, CLV_PARAMS);
    expect(top.clv).toBeCloseTo(d.discounted * r.spend!.meanSpend, 10);
  });

  it('the whole, auto: three fits in order, the best likelihood chosen', () => {
    const r = clvFromSummary(madeUp(), { ...CLV_PARAMS, model: 'auto' });
    expect(r.fits.map((f) => f.model)).toEqual(['bgnbd', 'mbgnbd', 'pnbd']);
    expect(r.purchase).toBe(r.fits.reduce((b, f) => (f.logLikelihood > b.logLikelihood ? f : b)));
    expect(r.selection.by).toBe('likelihood');
  });

  it('a spend that grows with the purchases: the correlation warning; without a spend model no money at all', () => {
    const r = clvFromSummary(madeUp((i, days) => 5 * days + (i % 3)), { ...CLV_PARAMS, model: 'bgnbd' });
    expect(r.correlation!).toBeGreaterThan(0.3);
    expect(r.warnings).toContain(`frequency and mean spend are correlated (r = ${r.correlation!.toFixed(2)}): the spend model assumes they are not, so its expected spend (and CLV) is biased`);
    const none = clvFromSummary(madeUp(), { ...CLV_PARAMS, model: 'bgnbd', spendModel: 'none' });
    expect([none.spend, none.correlation, none.spendLeftOut, none.spendCustomers]).toEqual([null, null, 0, 0]);
    expect(none.warnings).toEqual([none.purchase.warning, '1 customers have no purchase day (only refunds) and are left out of the models']);
    expect(none.customers.every((c) => c.clv === null && c.expectedSpend === null)).toBe(true);
    const purchases = none.customers.map((c) => c.expectedPurchases);
    expect(purchases).toEqual([...purchases].sort((a, b) => b - a));
  });

  it('too few repeat buyers with a positive spend, and --value margin without margins, are DataErrors', () => {
    const hs = histories(madeUp(), '2024-12-31', 'week').histories.map((h, i) => (i < 34 && h.x > 0 ? { ...h, repeatSpend: -1 } : h));
    expect(() => fitSpend(hs)).toThrow(/too few repeat buyers with a positive repeat spend to fit the spend model: 5; it needs at least 10 \(--spend-model none gives purchases and P\(alive\) without money\)$/);
    expect(() => histories(madeUp(), '2024-12-31', 'week', 'margin')).toThrow(/customer c01 has purchases without a margin/);
    const withMargin = histories([summary({ customer: 'm', firstDate: '2024-01-01', lastDate: '2024-01-15', purchaseDays: 3, revenue: 100, firstDayRevenue: 40, margin: 50, firstDayMargin: 20 })], '2024-01-29', 'week', 'margin');
    expect(withMargin.histories[0]!.repeatSpend).toBe(15);
  });
});
