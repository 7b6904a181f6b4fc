// segment clv end to end (CDNOW with a holdout; errors), and the pure steps between the engine's
// summary and the models, on hand-computed cases.
import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../../src/engine/engine.js';
import { DataError } from '../../../src/errors.js';
import { checkRepeatBuyers, discountedPurchases, histories, pearson, predict } from '../../../src/models/clv.js';
import { holdoutCheck } from '../../../src/models/holdout.js';
import { conditionalExpectedPurchases, expectedPurchases, pAlive } from '../../../src/models/bgnbd.js';
import { expectedSpend } from '../../../src/models/gamma-gamma.js';
import type { Predictor } from '../../../src/models/purchase-model.js';
import type { SpendFit } from '../../../src/models/spend-model.js';
import { runInProcess } from '../../helpers/in-process.js';
import { clvSchema } from '../../../src/schemas-clv.js';
import { reportSchema } from '../../../src/schemas.js';

const CDNOW = ['fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week'];
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const bgPredictor: Predictor = {
  pAlive: (x, tx, T) => pAlive(BG, x, tx, T),
  conditional: (x, tx, T, t) => conditionalExpectedPurchases(BG, x, tx, T, t),
  unconditional: (t) => expectedPurchases(BG, t),
};
const ggSpend: SpendFit = { model: 'gamma_gamma', params: GG, standardErrors: null, meanSpend: 0, logLikelihood: 0, iterations: 0, warning: null, expected: (x, m) => expectedSpend(GG, x, m) };

describe('segment clv on CDNOW', () => {
  it('fits the published parameters through the whole pipeline and gives the paper’s holdout table', async () => {
    const r = await runInProcess(['clv', ...CDNOW, '--holdout-from', '1997-10-01', '--json', '--top', '3']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.calibration).toEqual({ from: '1997-01-01', to: '1997-09-30' });
    // All the paper's 2,357 customers: the 8 whose first purchase was $0.00 are purchase days too.
    expect(out.customers_without_purchase_day).toBe(0);
    const bg = out.purchase_model;
    expect(bg).toMatchObject({ model: 'bgnbd', limit: null, selected_by: 'asked' });
    expect(bg.parameters.r).toBeCloseTo(0.243, 2);
    expect(bg.parameters.alpha).toBeCloseTo(4.414, 1);
    expect(bg.parameters.a).toBeCloseTo(0.793, 2);
    expect(bg.parameters.b).toBeCloseTo(2.426, 1);
    expect(Object.keys(bg.standard_errors)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(out.models).toHaveLength(1);
    expect(out.spend_model).toMatchObject({ model: 'gamma_gamma', customers: 946, left_out_non_positive_spend: 0 });
    expect(out.spend_model.p).toBeCloseTo(6.25, 1);
    expect(out.spend_model.q).toBeCloseTo(3.74, 1);
    expect(out.spend_model.gamma).toBeCloseTo(15.44, 1);
    const h = out.holdout;
    expect(h).toMatchObject({ from: '1997-10-01', to: '1998-06-30', length: 39, customers: 2357 });
    expect(h.by_repeat_purchases.map((row: { x: number }) => row.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // The paper's 1,411 customers without a repeat purchase in the calibration period.
    expect(h.by_repeat_purchases[0].customers).toBe(1411);
    expect(h.by_repeat_purchases.reduce((s: number, row: { customers: number }) => s + row.customers, 0)).toBe(2357);
    // The paper's shape: predicted and actual means rise together with calibration purchases.
    const means = h.by_repeat_purchases.map((row: { predicted_mean: number; actual_mean: number }) => [row.predicted_mean, row.actual_mean]);
    for (let i = 1; i < means.length; i++) expect(means[i][0]).toBeGreaterThan(means[i - 1][0]);
    expect(Math.abs(h.predicted - h.actual) / h.actual).toBeLessThan(0.2);
    expect(out.customers).toHaveLength(3);
    expect(out.customers[0].clv).toBeGreaterThanOrEqual(out.customers[1].clv);
    expect(r.stderr).toBe('');
    expect(clvSchema.safeParse(out).success).toBe(true);
  });

  it('report --clv: P(alive) and CLV beside the ranked ideal customers, the two groups, the models in the method', async () => {
    const r = await runInProcess(['report', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--clv', '--json', '--quiet']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(reportSchema.safeParse(out).success).toBe(true);
    expect(out.clv.predicted).toBe(true);
    expect(out.clv.ideal.map((c: { customer: string }) => c.customer)).toEqual(out.ranking.map((c: { customer: string }) => c.customer));
    expect(out.clv.groups.map((g: { group: string }) => g.group)).toEqual(['Ideal but probably gone', 'Rising']);
    const [gone, rising] = out.clv.groups;
    const ideal = new Set(out.ranking.map((c: { customer: string }) => c.customer));
    expect(gone.customers).toBeGreaterThan(0);
    for (const m of gone.members) expect(ideal.has(m.customer) && m.p_alive < 0.5).toBe(true);
    for (const m of rising.members) expect(ideal.has(m.customer)).toBe(false);
    const se = String.raw` \(SE [\d.]+\)`;
    expect(out.method.some((line: string) => new RegExp(`BG/NBD: r = [\\d.]+${se}, α = [\\d.]+${se}, a = [\\d.]+${se}, b = [\\d.]+${se} \\(log-likelihood -[\\d.]+`).test(line))).toBe(true);
    expect(out.method.some((line: string) => new RegExp(`Gamma-Gamma .* p = [\\d.]+${se}, q = [\\d.]+${se}, γ = [\\d.]+${se}`).test(line))).toBe(true);
  });

  it('--model auto: all three fits in the JSON; with a holdout the lowest holdout error wins, without one the highest likelihood', async () => {
    const withHoldout = JSON.parse((await runInProcess(['clv', ...CDNOW, '--holdout-from', '1997-10-01', '--model', 'auto', '--json', '--top', '1'])).stdout);
    expect(clvSchema.safeParse(withHoldout).success).toBe(true);
    expect(withHoldout.models.map((m: { model: string }) => m.model)).toEqual(['bgnbd', 'mbgnbd', 'pnbd']);
    expect(withHoldout.purchase_model.selected_by).toBe('holdout');
    const errors = [...withHoldout.purchase_model.selection.matchAll(/(BG\/NBD|MBG\/NBD|Pareto\/NBD) (\d\.\d+)/g)].map((m: RegExpMatchArray) => Number(m[2]));
    expect(errors).toHaveLength(3);
    expect(withHoldout.holdout.mean_absolute_error).toBeCloseTo(Math.min(...errors), 4);
    const byLikelihood = JSON.parse((await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--model', 'auto', '--json', '--top', '1'])).stdout);
    expect(byLikelihood.purchase_model.selected_by).toBe('likelihood');
    const best = Math.max(...byLikelihood.models.map((m: { log_likelihood: number }) => m.log_likelihood));
    expect(byLikelihood.purchase_model.log_likelihood).toBe(best);
    expect(byLikelihood.purchase_model.selection).toMatch(/highest log-likelihood .*without --holdout-from/);
  });

  it('--new-customer: E[X(t)] over 223 days (31.86 weeks) is the reference 1.0405; value = first purchase + repeat purchases × spend', async () => {
    const r = await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--new-customer', '--horizon', '223', '--json', '--top', '1']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(clvSchema.safeParse(out).success).toBe(true);
    const n = out.new_customer;
    expect(Math.abs(n.repeat_purchases - 1.0405)).toBeLessThan(1e-4);
    expect(n.value).toBeCloseTo(n.first_purchase + n.repeat_purchases * n.spend_per_purchase, 1);
    // Gamma-Gamma's population mean spend, p γ / (q − 1).
    const g = out.spend_model;
    expect(n.spend_per_purchase).toBeCloseTo((g.p * g.gamma) / (g.q - 1), 1);
    const md = await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--new-customer', '--format', 'md']);
    expect(md.stdout).toMatch(/## A new customer\n\nExpected over the next 365 days from a customer's first purchase: [\d.]+ repeat purchases × [\d.,]+ expected spend per purchase/);
    const none = JSON.parse((await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--json', '--top', '1'])).stdout);
    expect(none.new_customer).toBeNull();
  });

  it('stops with exit 3 and says what is missing when too few customers bought twice', async () => {
    const csv = 'customer,date,amount\na,2024-01-01,10\nb,2024-01-02,20\nb,2024-02-02,20\nc,2024-03-01,5\n';
    const r = await runInProcess(['clv', '-'], { stdin: csv });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^segment clv: too few repeat buyers to fit a purchase model: 1 of 3 customers bought on more than one day; it needs at least 10 \(use a longer window/m);
  });

  it('refuses --as-of with --holdout-from, and a bad horizon, as usage errors', async () => {
    const both = await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--holdout-from', '1997-10-01']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--as-of and --holdout-from exclude each other/);
    const horizon = await runInProcess(['clv', ...CDNOW, '--horizon', '-5']);
    expect(horizon.code).toBe(2);
    expect(horizon.stderr).toMatch(/--horizon takes a number of days/);
  });
});

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
