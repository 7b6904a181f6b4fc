/** The analyses on hand-computed cases, and their invariants as properties. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { abcAnalysis, type AbcItem, type AbcMethod } from '../../../src/analyses/abc.js';
import { analyse, type AnalysisParams } from '../../../src/analyses/analysis.js';
import { cutScores, quantileScores, rQuantileScores } from '../../../src/analyses/rfm.js';
import { periodIndex } from '../../../src/analyses/periods.js';
import type { CustomerSummary } from '../../../src/sources/files/duckdb/engine.js';
import { analysisParams, summary } from '../../helpers/analysis-fixtures.js';

const items = (values: number[]): AbcItem[] => values.map((value, i) => ({ key: `c${String(i).padStart(3, '0')}`, value }));

// ---------------------------------------------------------------------------------------------
// Properties of the whole analysis over random customer summaries.

const PARAMS: AnalysisParams = analysisParams();

const summaryArb = fc
  .record({
    revenue: fc.integer({ min: -500, max: 100_000 }),
    orders: fc.integer({ min: 1, max: 40 }),
    first: fc.integer({ min: 0, max: 1000 }),
    length: fc.integer({ min: 0, max: 95 }),
    active: fc.integer({ min: 1, max: 30 }),
    spread: fc.double({ min: 1, max: 5, noNaN: true }),
  })
  .map(({ revenue, orders, first, length, active, spread }) => {
    const day = (d: number) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const firstDate = day(first);
    const lastDate = day(Math.min(1095, first + length * 10));
    return { revenue, orders, firstDate, lastDate, first, last: Math.min(1095, first + length * 10), active, sumSq: (revenue * revenue * spread) / active };
  });

const summariesArb = fc.array(summaryArb, { minLength: 1, maxLength: 60 }).map((xs) =>
  xs.map(
    (x, i): CustomerSummary => ({
      customer: `k${i}`,
      name: `k${i}`,
      firstDate: x.firstDate,
      lastDate: x.lastDate,
      recencyDays: 1095 - x.last,
      tenureDays: 1095 - x.first,
      firstPeriod: periodIndex(x.firstDate, 'month'),
      orders: x.orders,
      transactions: x.orders,
      revenue: x.revenue,
      refunds: 0,
      margin: x.revenue * 0.3,
      quantity: null,
      activePeriods: x.active,
      periodRevenueSum: x.revenue,
      periodRevenueSumSq: x.sumSq,
      periodOrdersSum: x.orders,
      periodOrdersSumSq: (x.orders * x.orders) / x.active,
      invoicesDue: 0,
      invoicesOnTime: 0,
      daysLateSum: 0,
    }),
  ),
);

const fingerprint = (a: ReturnType<typeof analyse>) =>
  Object.fromEntries(a.customers.map((c) => [c.key, `${c.abcClass}${c.xyzClass ?? '-'}${c.rfmScore}${c.segment}${c.pareto ?? ''}`]));

describe('properties', () => {
  const methods: AbcMethod[] = ['cumulative', 'count', 'computed'];
  it('shuffling the customers changes nothing', () => {
    fc.assert(
      fc.property(summariesArb, fc.constantFrom(...methods), (xs, method) => {
        const p = { ...PARAMS, abc: { ...PARAMS.abc, method, limits: method === 'count' ? ([0.2, 0.5] as const) : PARAMS.abc.limits } };
        const a = analyse(xs, p);
        const b = analyse([...xs].reverse(), p);
        expect(fingerprint(b)).toEqual(fingerprint(a));
      }),
      { numRuns: 150 },
    );
  });
  it('scaling every amount by k > 0 changes no class', () => {
    fc.assert(
      fc.property(summariesArb, fc.constantFrom(0.01, 0.5, 3, 1000), fc.constantFrom(...methods), (xs, k, method) => {
        const p = { ...PARAMS, abc: { ...PARAMS.abc, method } };
        const scaled = xs.map((c) => ({ ...c, revenue: c.revenue * k, margin: c.margin === null ? null : c.margin * k, periodRevenueSum: c.periodRevenueSum * k, periodRevenueSumSq: c.periodRevenueSumSq * k * k }));
        expect(fingerprint(analyse(scaled, p))).toEqual(fingerprint(analyse(xs, p)));
      }),
      { numRuns: 150 },
    );
  });
  it('class shares sum to 1, classes are monotone in value, equal values never split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10, max: 60 }), { minLength: 1, maxLength: 80 }), fc.constantFrom(...methods), (values, method) => {
        const r = abcAnalysis(items(values), method, method === 'count' ? [0.2, 0.5] : [0.8, 0.95]);
        const customerShares = r.classes.A.customerShare + r.classes.B.customerShare + r.classes.C.customerShare;
        expect(customerShares).toBeCloseTo(1, 12);
        if (r.total !== 0) expect(r.classes.A.valueShare + r.classes.B.valueShare + r.classes.C.valueShare).toBeCloseTo(1, 9);
        const order = { A: 0, B: 1, C: 2 };
        for (let i = 1; i < r.rows.length; i++) {
          const prev = r.rows[i - 1]!;
          const cur = r.rows[i]!;
          expect(order[cur.abcClass]).toBeGreaterThanOrEqual(order[prev.abcClass]);
          if (cur.value === prev.value) expect(cur.abcClass).toBe(prev.abcClass);
        }
        for (const row of r.rows) if (row.value <= 0) expect(row.abcClass).toBe('C');
      }),
      { numRuns: 300 },
    );
  });
  it('RFM scores stay within 1..N and equal values share a score', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 100 }), fc.integer({ min: 2, max: 10 }), fc.boolean(), (values, bins, lower) => {
        const s = quantileScores(values, bins, lower);
        for (const score of s.scores) {
          expect(score).toBeGreaterThanOrEqual(1);
          expect(score).toBeLessThanOrEqual(bins);
        }
        values.forEach((v, i) => {
          values.forEach((w, j) => {
            if (v === w) expect(s.scores[i]).toBe(s.scores[j]);
            if (!lower && v < w) expect(s.scores[i]!).toBeLessThanOrEqual(s.scores[j]!);
            if (lower && v < w) expect(s.scores[i]!).toBeGreaterThanOrEqual(s.scores[j]!);
          });
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('no customers', () => {
  it('gives empty classes, no segments filled and no Pareto groups', () => {
    const a = analyse([], PARAMS);
    expect(a.customers).toEqual([]);
    expect(a.abc.classes.A).toEqual({ customers: 0, customerShare: 0, value: 0, valueShare: 0 });
    expect(a.pareto.ideal.customers).toBe(0);
    expect(a.oneOff.active).toBe(false);
  });
});

describe('one-off purchases', () => {
  it('rank by average check and skip XYZ and RFM frequency', () => {
    const xs: CustomerSummary[] = [1, 2, 3, 4, 5].map((i) => ({
      customer: `k${i}`, name: `k${i}`, firstDate: '2024-01-01', lastDate: `2024-0${i}-01`, recencyDays: 300 - i * 30, tenureDays: 365, firstPeriod: periodIndex('2024-01-01', 'month'), orders: 1, transactions: 1, revenue: i * 100,
      refunds: 0, margin: null, quantity: null, activePeriods: 1, periodRevenueSum: i * 100, periodRevenueSumSq: i * i * 10000,
      periodOrdersSum: 1, periodOrdersSumSq: 1, invoicesDue: 0, invoicesOnTime: 0, daysLateSum: 0,
    }));
    const a = analyse(xs, { ...PARAMS, abc: { ...PARAMS.abc, basisGiven: false } });
    expect(a.oneOff).toMatchObject({ active: true, oneOrderShare: 1 });
    expect(a.basis).toBe('avg-check');
    expect(a.xyz.enabled).toBe(false);
    expect(a.rfm.f).toBeNull();
    expect(a.customers.every((c) => c.xyzClass === null && c.f === null)).toBe(true);
    expect(a.customers[0]!.rfmScore).toBe('5–5');
  });
});

describe('profitability', () => {
  it('gives contribution, the minimum cost-effective order and who is below break-even', () => {
    const base = { firstDate: '2024-01-01', lastDate: '2024-06-01', recencyDays: 200, tenureDays: 365, firstPeriod: periodIndex('2024-01-01', 'month'), transactions: 0, refunds: 0, quantity: null, activePeriods: 1, periodRevenueSum: 0, periodRevenueSumSq: 0, periodOrdersSum: 0, periodOrdersSumSq: 0, invoicesDue: 0, invoicesOnTime: 0, daysLateSum: 0 };
    const xs: CustomerSummary[] = [
      { ...base, customer: 'big', name: 'big', orders: 10, revenue: 10000, margin: 3000 },
      { ...base, customer: 'small', name: 'small', orders: 10, revenue: 1000, margin: 300 },
    ];
    const a = analyse(xs, { ...PARAMS, costPerOrder: 50 });
    // Margin rate 3300 / 11000 = 30%; minimum order 50 / 0.3 = 166.67.
    expect(a.profit!.marginRate).toBeCloseTo(0.3, 12);
    expect(a.profit!.minimumOrder).toBeCloseTo(166.6667, 3);
    const small = a.customers.find((c) => c.key === 'small')!;
    expect(small.contribution).toBe(300 - 10 * 50);
    expect(small.belowBreakEven).toBe(true);
    expect(a.customers.find((c) => c.key === 'big')!.belowBreakEven).toBe(false);
    expect(a.profit!.belowBreakEven).toEqual({ customers: 1, revenue: 1000 });
  });
});


describe('refunds net into revenue', () => {
  it('ranks, scores and shares on the net revenue', () => {
    // b bought 1,500 and took 900 back: net 600, below c's 1,000.
    const xs = [summary('a', 10, 5, 2000), summary('b', 10, 5, 600, -900), summary('c', 10, 5, 1000)];
    const a = analyse(xs, PARAMS);
    const b = a.customers.find((c) => c.key === 'b')!;
    expect(b).toMatchObject({ revenue: 600, refunds: -900, abcValue: 600, avgCheck: 120, rank: 3 });
    expect(b.share).toBeCloseTo(600 / 3600, 12);
  });
});

describe('the analysis, survivors of the first Stryker run', () => {
  const withMargin = (s: CustomerSummary, margin: number): CustomerSummary => ({ ...s, margin });
  // Cost 10 an order; margin 325 of revenue 1300: a margin rate of exactly 0.25, a minimum order of 40.
  const xs = [
    withMargin(summary('A', 10, 10, 1000), 250), // contribution 150, average check 100
    withMargin(summary('B', 20, 5, 200), 50), // contribution exactly 0, average check exactly 40: not below
    withMargin(summary('C', 30, 4, 100), 25), // contribution −15: below
    withMargin(summary('D', 40, 1, 0), 0), // net 0: contribution −10, below; no margin rate
  ];
  it('profitability with a cost per order: rate, minimum order, break-even at exactly 0 and at exactly the minimum, by class', () => {
    const a = analyse(xs, analysisParams({ costPerOrder: 10 }));
    const byKey = Object.fromEntries(a.customers.map((c) => [c.key, c]));
    expect(['A', 'B', 'C', 'D'].map((k) => [k, byKey[k]!.contribution, byKey[k]!.belowBreakEven, byKey[k]!.marginRate])).toEqual([
      ['A', 150, false, 0.25],
      ['B', 0, false, 0.25],
      ['C', -15, true, 0.25],
      ['D', -10, true, null],
    ]);
    expect(a.profit).toMatchObject({ margin: 325, marginRate: 0.25, costPerOrder: 10, minimumOrder: 40, belowBreakEven: { customers: 2, revenue: 100 } });
    const classes = Object.fromEntries(a.customers.map((c) => [c.key, c.abcClass]));
    // B crosses 80% of the revenue, so it is A too.
    expect(classes).toEqual({ A: 'A', B: 'A', C: 'B', D: 'C' });
    expect(a.profit!.byClass).toEqual([
      { abcClass: 'A', revenue: 1200, margin: 300, marginRate: 0.25, contribution: 150 },
      { abcClass: 'B', revenue: 100, margin: 25, marginRate: 0.25, contribution: -15 },
      { abcClass: 'C', revenue: 0, margin: 0, marginRate: null, contribution: -10 },
    ]);
    expect(a.totals.nonPositive).toBe(1);
  });
  it('without a cost per order: no contribution, no break-even; a class without revenue has no margin rate', () => {
    const a = analyse([withMargin(summary('A', 10, 10, 1000), 250), withMargin(summary('Z', 10, 2, 0), -5)], analysisParams());
    expect(a.customers.map((c) => [c.key, c.contribution, c.belowBreakEven])).toEqual([
      ['A', null, null],
      ['Z', null, null],
    ]);
    expect(a.profit).toMatchObject({ costPerOrder: null, minimumOrder: null, belowBreakEven: null, marginRate: 0.245 });
    expect(a.profit!.byClass.map((c) => [c.abcClass, c.revenue, c.marginRate, c.contribution])).toEqual([
      ['A', 1000, 0.25, null],
      ['B', 0, null, null],
      ['C', 0, null, null],
    ]);
  });
  it('no minimum order when the margin rate is 0 or the revenue is not positive', () => {
    const zero = analyse([withMargin(summary('A', 10, 2, 100), 10), withMargin(summary('B', 10, 2, 100), -10)], analysisParams({ costPerOrder: 5 }));
    expect(zero.profit).toMatchObject({ marginRate: 0, minimumOrder: null });
    const none = analyse([withMargin(summary('A', 10, 2, 0), 10)], analysisParams({ costPerOrder: 5 }));
    expect(none.profit).toMatchObject({ marginRate: null, minimumOrder: null });
  });
  it('ranks by margin without a second Pareto by margin; by revenue with one', () => {
    expect(analyse(xs, analysisParams({ abc: { ...analysisParams().abc, basis: 'margin' } })).paretoMargin).toBeNull();
    expect(analyse(xs, analysisParams()).paretoMargin).not.toBeNull();
  });
  it('says why purchases are one-off: the share that bought once and the threshold, in whole percents', () => {
    const ones = [summary('A', 10, 3, 500), summary('B', 10, 1, 100), summary('C', 10, 1, 100), summary('D', 10, 1, 100), summary('E', 10, 1, 100)];
    const a = analyse(ones, analysisParams());
    expect(a.oneOff).toEqual({ oneOrderShare: 0.8, active: true, reason: 'one-off purchases: 80% of customers bought once (threshold 80%)' });
    expect(a.xyz).toEqual({ enabled: false, reason: 'skipped: one-off purchases: 80% of customers bought once (threshold 80%)' });
    expect(analyse([], analysisParams()).oneOff).toEqual({ oneOrderShare: 0, active: false, reason: null });
  });
});

describe('RFM options through the whole analysis', () => {
  // A: 1000 over 10 orders (average 100); B: 300 in one order; C: 50 with no order (its revenue is its average).
  const xs = [summary('A', 10, 10, 1000), summary('B', 50, 1, 300), { ...summary('C', 90, 1, 50), orders: 0 }];
  const m = (a: ReturnType<typeof analyse>) => Object.fromEntries(a.customers.map((c) => [c.key, c.m]));
  it('--monetary avg scores M by the average check (the revenue when there is no order), total by revenue', () => {
    const total = m(analyse(xs, analysisParams()));
    expect(total.A! > total.B! && total.B! > total.C!).toBe(true);
    const avg = m(analyse(xs, analysisParams({ rfm: { ...analysisParams().rfm, monetary: 'avg' } })));
    expect(avg.B! > avg.A! && avg.A! > avg.C!).toBe(true);
  });
  it("--quantiles r and cut points score as rfm's functions do over the same columns", () => {
    const many = [10, 10, 10, 10, 20, 30, 40, 40].map((v, i) => summary(`k${i}`, 10 + i * 7, 1 + (i % 3), v));
    const p = analysisParams({ oneOff: { threshold: 1.01, forced: false } });
    const r = analyse(many, { ...p, rfm: { ...p.rfm, quantiles: 'r' } });
    const revenue = Float64Array.from(many.map((s) => s.revenue));
    expect(r.rfm.m.scores).toEqual(rQuantileScores(revenue, 5, false).scores);
    expect(rQuantileScores(revenue, 5, false).scores).not.toEqual(quantileScores(revenue, 5, false).scores);
    const cuts = analyse(many, { ...p, rfm: { ...p.rfm, cuts: { r: [20, 30, 40, 50], f: [1, 2, 3, 4], m: [15, 25, 35, 45] } } });
    const recency = Float64Array.from(many.map((s) => s.recencyDays));
    const orders = Float64Array.from(many.map((s) => s.orders));
    expect(cuts.rfm.r.scores).toEqual(cutScores(recency, [20, 30, 40, 50], true).scores);
    expect(cuts.rfm.f!.scores).toEqual(cutScores(orders, [1, 2, 3, 4], false).scores);
    expect(cuts.rfm.m.scores).toEqual(cutScores(revenue, [15, 25, 35, 45], false).scores);
  });
});
