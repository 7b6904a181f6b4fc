/** The analyses on hand-computed cases, and their invariants as properties. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { abcAnalysis, computedPoints, type AbcItem, type AbcMethod } from '../../../src/analysis/abc.js';
import { analyse, type AnalysisParams } from '../../../src/analysis/analysis.js';
import { paretoAnalysis } from '../../../src/analysis/pareto.js';
import { cutScores, quantileScores } from '../../../src/analysis/rfm.js';
import { coverage, DEFAULT_SEGMENTS, RFM_PACKAGE_SEGMENTS, segmentOf } from '../../../src/analysis/segments.js';
import { periodIndex } from '../../../src/analysis/periods.js';
import { xyzOf } from '../../../src/analysis/xyz.js';
import type { CustomerSummary } from '../../../src/engine/engine.js';
import { analysisParams } from '../../helpers/analysis-fixtures.js';

const items = (values: number[]): AbcItem[] => values.map((value, i) => ({ key: `c${String(i).padStart(3, '0')}`, value }));
const classesByValue = (values: number[], method: AbcMethod, limits: [number, number] = [0.8, 0.95]) =>
  abcAnalysis(items(values), method, limits).rows.map((r) => `${r.value}:${r.abcClass}`);

describe('ABC, cumulative', () => {
  it('puts the customers up to 80% in A, to 95% in B', () => {
    expect(classesByValue([50, 30, 10, 5, 5], 'cumulative')).toEqual(['50:A', '30:A', '10:B', '5:B', '5:B']);
  });
  it('puts the customer who crosses the limit in the upper class', () => {
    // 50 + 31 = 81% ≥ 80%: 31 is A (a tool that moves the crossing customer to B gives A = 50%).
    expect(classesByValue([50, 31, 9, 6, 4], 'cumulative')).toEqual(['50:A', '31:A', '9:B', '6:B', '4:C']);
  });
  it('never splits equal values', () => {
    expect(classesByValue([40, 20, 20, 20], 'cumulative')).toEqual(['40:A', '20:A', '20:A', '20:A']);
  });
  it('keeps non-positive customers in C and out of the A count', () => {
    const r = abcAnalysis(items([10, 5, -3, 0]), 'cumulative', [0.8, 0.95]);
    // 10 of a net 12 is 83%: A; then 5 crosses 95%: B.
    expect(r.rows.map((x) => x.abcClass)).toEqual(['A', 'B', 'C', 'C']);
    expect(r.total).toBe(12);
    expect(r.classes.C).toMatchObject({ customers: 2, value: -3, valueShare: -0.25 });
  });
  it('handles no customers, one, and all equal', () => {
    expect(abcAnalysis([], 'cumulative', [0.8, 0.95]).rows).toEqual([]);
    expect(classesByValue([7], 'cumulative')).toEqual(['7:A']);
    expect(classesByValue([3, 3, 3, 3], 'cumulative')).toEqual(['3:A', '3:A', '3:A', '3:A']);
  });
  it('puts everybody in C when there is nothing to share', () => {
    expect(classesByValue([-5, -1], 'cumulative')).toEqual(['-1:C', '-5:C']);
  });
  it('gives shares and cumulative shares of the total', () => {
    const rows = abcAnalysis(items([60, 30, 10]), 'cumulative', [0.8, 0.95]).rows;
    expect(rows.map((r) => [r.share, r.cumulativeShare])).toEqual([[0.6, 0.6], [0.3, 0.9], [0.1, 1]]);
  });
});

describe('ABC, count', () => {
  it('takes the top 20% of customers as A, the next 30% as B', () => {
    expect(classesByValue([5, 4, 3, 2, 1, 1, 1, 1, 1, 1], 'count', [0.2, 0.5])).toEqual(['5:A', '4:A', '3:B', '2:B', '1:B', '1:B', '1:B', '1:B', '1:B', '1:B']);
  });
  it('gives a tie group the class of its first member', () => {
    expect(classesByValue([9, 9, 9, 1, 1], 'count', [0.2, 0.5])).toEqual(['9:A', '9:A', '9:A', '1:C', '1:C']);
  });
});

describe('ABC, computed (Ultsch & Lötsch)', () => {
  it('values 1..9 give A = {9, 8, 7}', () => {
    const r = abcAnalysis(items([1, 2, 3, 4, 5, 6, 7, 8, 9]), 'computed', [0.8, 0.95]);
    expect(r.rows.filter((x) => x.abcClass === 'A').map((x) => x.value)).toEqual([9, 8, 7]);
  });
  it('values 100, 10, 9, …, 1 give A = {100}', () => {
    const r = abcAnalysis(items([100, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), 'computed', [0.8, 0.95]);
    expect(r.rows.filter((x) => x.abcClass === 'A').map((x) => x.value)).toEqual([100]);
  });
  it('places the points on the ABC curve', () => {
    const p = computedPoints([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    // Nearest to (0, 1) on the segment between 3/9 and 4/9 of the customers.
    expect(p.paretoEffort).toBeGreaterThan(3 / 9);
    expect(p.paretoEffort).toBeLessThan(4 / 9);
    // The mean is 5: five customers have at least the mean.
    expect(p.breakEvenEffort).toBeCloseTo(5 / 9, 10);
    expect(p.abEffort).toBe(p.paretoEffort);
    expect(p.bcEffort).toBeGreaterThan(p.abEffort);
  });
});

describe('XYZ', () => {
  const params = { period: 'month' as const, span: 'customer' as const, windowStart: '2023-01-01', windowEnd: '2023-06-30', limits: [0.5, 1] as const, minPeriods: 3 };
  const first = (date: string) => periodIndex(date, 'month');
  it('a customer buying 100 every month is X with CV 0', () => {
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-01-10'), sum: 600, sumSq: 60000 }, params)).toMatchObject({ periods: 6, cv: 0, xyzClass: 'X' });
  });
  it('one purchase in six months is Z: CV √5', () => {
    const r = xyzOf({ key: 'a', firstPeriod: first('2023-01-10'), sum: 600, sumSq: 360000 }, params);
    expect(r.cv).toBeCloseTo(Math.sqrt(5), 10);
    expect(r.xyzClass).toBe('Z');
  });
  it('counts from the first purchase, not the window start', () => {
    // First purchase in April: 3 months (Apr-Jun), 100 each → X.
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-04-02'), sum: 300, sumSq: 30000 }, params)).toMatchObject({ periods: 3, xyzClass: 'X' });
    // Over the whole window the same customer is irregular.
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-04-02'), sum: 300, sumSq: 30000 }, { ...params, span: 'window' })).toMatchObject({ periods: 6, xyzClass: 'Y' });
  });
  it('gives no class, never X, to a customer with too few periods', () => {
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-05-20'), sum: 200, sumSq: 20000 }, params)).toMatchObject({ periods: 2, xyzClass: null, reason: 'fewer than 3 months in the span' });
  });
  it('gives no class to a customer whose net value is not positive', () => {
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-01-01'), sum: -50, sumSq: 2500 }, params)).toMatchObject({ xyzClass: null, reason: 'net value is zero or negative' });
  });
});

describe('RFM scores', () => {
  it('keeps ties together and says which scores are empty', () => {
    const s = quantileScores([1, 1, 1, 1, 2, 3, 4, 5, 6, 7], 5, false);
    expect(s.scores).toEqual([1, 1, 1, 1, 3, 3, 4, 4, 5, 5]);
    expect(s.empty).toEqual([2]);
    expect(s.emptyReason).toBe('40% of customers share the value 1, and equal values get equal scores');
    expect(s.ranges[2]).toEqual({ score: 3, customers: 2, min: 2, max: 3 });
  });
  it('scores recency the other way round: fewer days is better', () => {
    expect(quantileScores([10, 20, 30, 40, 50], 5, true).scores).toEqual([5, 4, 3, 2, 1]);
  });
  it('scores from cut points', () => {
    expect(cutScores([10, 30, 31, 200, 400], [30, 90, 180, 365], true).scores).toEqual([5, 5, 4, 2, 1]);
    expect(cutScores([1, 2, 3, 6, 11], [1, 2, 5, 10], false).scores).toEqual([1, 2, 3, 4, 5]);
  });
  it('has nothing to score without customers', () => {
    expect(quantileScores([], 5, false)).toMatchObject({ scores: [], empty: [] });
  });
});

describe('segments', () => {
  it('the default table names every one of the 125 combinations, each rule some', () => {
    const c = coverage(DEFAULT_SEGMENTS, 5);
    expect(c.uncovered).toEqual([]);
    expect(c.wins.reduce((s, w) => s + w, 0)).toBe(125);
    expect(c.wins.every((w) => w > 0)).toBe(true);
  });
  it('reproduces the R package rfm 0.3.0 table in its order', () => {
    expect(RFM_PACKAGE_SEGMENTS.map((r) => `${r.name} ${r.r.join('-')}/${r.f.join('-')}/${r.m.join('-')}`)).toEqual([
      'Champions 5-5/5-5/5-5',
      'Potential Loyalist 3-5/3-5/2-5',
      'Loyal Customers 2-4/2-4/2-4',
      'Promising 3-4/1-3/3-5',
      'New Customers 4-5/1-3/1-5',
      "Can't Lose Them 1-2/3-4/4-5",
      'At Risk 1-2/2-5/4-5',
      'Need Attention 1-3/3-5/3-5',
      'About To Sleep 2-3/1-3/1-4',
      'Lost 1-1/1-5/1-5',
    ]);
    expect(segmentOf(5, 5, 5, RFM_PACKAGE_SEGMENTS)).toBe('Champions');
    expect(segmentOf(2, 1, 5, RFM_PACKAGE_SEGMENTS)).toBe('Others');
  });
  it('finds rules that can never match', () => {
    const rules = [{ name: 'all', r: [1, 5], f: [1, 5], m: [1, 5] } as const, { name: 'never', r: [5, 5], f: [5, 5], m: [5, 5] } as const];
    expect(coverage(rules, 5).wins).toEqual([125, 0]);
  });
});

describe('Pareto', () => {
  it('measures the top 20% and 4%, the 80% point and the Gini coefficient', () => {
    const p = paretoAnalysis(items([100, 50, 20, 10, 5, 5, 4, 3, 2, 1]), 0.2, 0.04);
    expect(p.ideal).toMatchObject({ customers: 2, value: 150, share: 0.75 });
    expect(p.elite).toMatchObject({ customers: 1, value: 100, share: 0.5 });
    expect(p.customersFor80).toEqual({ customers: 3, share: 0.3 });
    expect(p.gini).toBeCloseTo(0.665, 10);
    expect(p.lorenz).toHaveLength(101);
    expect(p.lorenz[0]).toEqual({ customerShare: 0, valueShare: 0 });
    expect(p.lorenz[100]!.valueShare).toBeCloseTo(1, 12);
  });
  it('takes customers tied with the last of a group into the group', () => {
    const p = paretoAnalysis(items([10, 10, 10, 1, 1]), 0.2, 0.04);
    expect(p.ideal.customers).toBe(3);
  });
  it('never flags a customer with nothing to show', () => {
    expect(paretoAnalysis(items([0, 0, -1]), 0.2, 0.04).ideal.customers).toBe(0);
  });
});

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

function summary(customer: string, recencyDays: number, orders: number, revenue: number, refunds = 0): CustomerSummary {
  return {
    customer, name: customer, firstDate: '2022-01-10', lastDate: '2024-12-01', recencyDays, tenureDays: 1086,
    firstPeriod: periodIndex('2022-01-10', 'month'), orders, transactions: orders, revenue, refunds, margin: null, quantity: null,
    activePeriods: orders, periodRevenueSum: revenue, periodRevenueSumSq: revenue * revenue, periodOrdersSum: orders,
    periodOrdersSumSq: orders, invoicesDue: 0, invoicesOnTime: 0, daysLateSum: 0, purchaseDays: orders, firstDayRevenue: revenue / orders,
  };
}

describe('RFM scores of another number of bins name segments on the 1-5 scale', () => {
  // Best, middle and worst on every score: with 3 bins the scores are 3, 2 and 1, which the
  // segment table (written for 1-5) reads as ⌈3·5/3⌉ = 5, ⌈2·5/3⌉ = 4 and ⌈1·5/3⌉ = 2.
  const xs = [summary('best', 5, 30, 3000), summary('middle', 200, 10, 1000), summary('worst', 700, 2, 100)];
  it('3 bins', () => {
    const a = analyse(xs, { ...PARAMS, rfm: { ...PARAMS.rfm, bins: 3 } });
    const by = Object.fromEntries(a.customers.map((c) => [c.key, `${c.rfmScore} ${c.segment}`]));
    expect(by).toEqual({ best: '333 Champions', middle: '222 Champions', worst: '111 Hibernating' });
  });
  it('10 bins', () => {
    // Ten customers, one per score: scores 10..1 read as ⌈s/2⌉: 5, 5, 4, 4, 3, 3, 2, 2, 1, 1,
    // the same on R, F and M: 555 and 444 are Champions, 333 Loyal, 222 Hibernating, 111 Lost.
    const ten = Array.from({ length: 10 }, (_, i) => summary(`k${i}`, 10 + i * 50, 40 - i * 3, 5000 - i * 400));
    const a = analyse(ten, { ...PARAMS, rfm: { ...PARAMS.rfm, bins: 10 } });
    const seg = a.customers.map((c) => `${c.key}:${c.r}:${c.segment}`);
    expect(seg).toEqual([
      'k0:10:Champions', 'k1:9:Champions', 'k2:8:Champions', 'k3:7:Champions', 'k4:6:Loyal Customers',
      'k5:5:Loyal Customers', 'k6:4:Hibernating', 'k7:3:Hibernating', 'k8:2:Lost', 'k9:1:Lost',
    ]);
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
