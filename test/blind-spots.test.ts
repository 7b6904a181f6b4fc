/**
 * The places where planted bugs once went unnoticed (issue 19), each pinned by what a user sees:
 * who is ideal, which p-value a finding has, which date order a mixed column gets, what Markdown
 * shows, which segment a 3- or 10-bin score names, how long an XYZ span is, what revenue nets to.
 * All in-process: no CLI start-up per case.
 */
import { describe, expect, it } from 'vitest';
import { analyse, type AnalysisParams } from '../src/analysis/analysis.js';
import type { CustomerRow } from '../src/analysis/analysis.js';
import { paretoAnalysis } from '../src/analysis/pareto.js';
import { periodIndex } from '../src/analysis/periods.js';
import { portrait } from '../src/analysis/portrait.js';
import { fisherExact } from '../src/analysis/stats.js';
import { xyzOf } from '../src/analysis/xyz.js';
import type { CustomerSummary } from '../src/engine/engine.js';
import { decideDateOrder, type DateShapeCounts } from '../src/ingest/decide.js';
import { paragraph, data } from '../src/documents/blocks.js';
import { mdData, renderMarkdown } from '../src/formats/markdown.js';
import { analysisParams, customerRow } from './helpers/analysis-fixtures.js';

describe('Pareto groups are taken of every customer, not only the profitable ones', () => {
  // Ten customers, three with a positive value: the top 20% is ⌈0.2 × 10⌉ = 2 customers, the
  // top 4% is 1. Counting only the three profitable ones would give 1 and 1.
  const values = [100, 90, 80, 0, 0, 0, 0, 0, -1, -2];
  // Inside each test, not at collection: Stryker credits a mutant only to the tests that run it.
  const pareto = () => paretoAnalysis(values.map((value, i) => ({ key: `c${i}`, value })), 0.2, 0.04);
  it('sizes the ideal and elite groups on all ten', () => {
    const r = pareto();
    expect(r.customers).toBe(10);
    expect(r.ideal.customers).toBe(2);
    expect(r.elite.customers).toBe(1);
    expect([...r.flags]).toEqual([['c0', 'elite'], ['c1', 'ideal']]);
  });
  it('gives their shares of the net total', () => {
    const r = pareto();
    // 190 of a net 267.
    expect(r.ideal.share).toBeCloseTo(190 / 267, 12);
    expect(r.elite.share).toBeCloseTo(100 / 267, 12);
  });
  it('never lets a zero-value customer fill a group that the count would reach', () => {
    const few = paretoAnalysis([5, 0, 0, 0, 0].map((value, i) => ({ key: `z${i}`, value })), 0.4, 0.2);
    // ⌈0.4 × 5⌉ = 2, but the second customer has nothing: the group stops at one.
    expect(few.ideal.customers).toBe(1);
  });
});

describe("Fisher's exact test counts tables exactly as likely as the observed one", () => {
  it('gives scipy’s two-sided p for [[0, 3], [6, 3]]', () => {
    // scipy.stats.fisher_exact([[0, 3], [6, 3]]).pvalue = 0.18181818181818182: the table
    // [[3, 0], [3, 6]] is exactly as likely as the observed one and belongs in the sum.
    expect(fisherExact(0, 3, 6, 3)).toBeCloseTo(0.18181818181818182, 12);
  });
  it('gives scipy’s p for a table without a twin', () => {
    // scipy.stats.fisher_exact([[6, 2], [9, 23]]).pvalue
    expect(fisherExact(6, 2, 9, 23)).toBeCloseTo(0.03576355588739489, 12);
  });
});

describe('a date column with day-first and month-first values', () => {
  const counts = (over: Partial<DateShapeCounts>): DateShapeCounts => ({
    nonEmpty: 10, pending: 0, iso: 0, ymd: 0, compact: 0, dmy: 0, mdy: 0, dayMonthAmbiguous: 0, dmon: 0, invalid: 0,
    dmyExample: '25.12.2023', mdyExample: '12/25/2023', ...over,
  });
  it('takes the order most values settle, and says the others are rejected', () => {
    const d = decideDateOrder(counts({ dmy: 6, mdy: 2, dayMonthAmbiguous: 2 }));
    expect(d).toMatchObject({ status: 'decided', value: 'dmy' });
    expect(d.status === 'decided' && d.note).toBe('2 values (like 12/25/2023) only fit month first and are rejected');
  });
  it('takes month first when most values settle month first', () => {
    const d = decideDateOrder(counts({ dmy: 1, mdy: 7, dayMonthAmbiguous: 2 }));
    expect(d).toMatchObject({ status: 'decided', value: 'mdy' });
    expect(d.status === 'decided' && d.note).toBe('1 value (like 25.12.2023) only fit day first and are rejected');
  });
});

describe('Markdown keeps underscores in names literal', () => {
  it('escapes underscores that could start or end emphasis', () => {
    expect(mdData('_Acme_')).toBe('\\_Acme\\_');
    expect(renderMarkdown([paragraph(`Customer ${data('_Acme_')} pays.`)])).toBe('Customer \\_Acme\\_ pays.\n');
  });
  it('leaves an underscore inside a word as written', () => {
    expect(mdData('size_band')).toBe('size_band');
    expect(mdData('a_b_c')).toBe('a_b_c');
  });
});

const PARAMS: AnalysisParams = analysisParams();

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

describe('the XYZ span of a customer who started before the window', () => {
  const params = { period: 'month' as const, span: 'customer' as const, windowStart: '2023-01-01', windowEnd: '2023-06-30', limits: [0.5, 1] as const, minPeriods: 3 };
  it('starts at the window, not at the first purchase', () => {
    const row = xyzOf({ key: 'old', firstPeriod: periodIndex('2021-06-15', 'month'), sum: 600, sumSq: 60_000 }, params);
    // January to June 2023: six months of 100, CV 0.
    expect(row).toMatchObject({ periods: 6, mean: 100, cv: 0, xyzClass: 'X' });
  });
  it('starts at the first purchase of a customer who joined inside the window', () => {
    const row = xyzOf({ key: 'new', firstPeriod: periodIndex('2023-04-02', 'month'), sum: 300, sumSq: 30_000 }, params);
    expect(row).toMatchObject({ periods: 3, mean: 100, cv: 0, xyzClass: 'X' });
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

describe('the portrait corrects for the number of tests (Bonferroni)', () => {
  const row = (key: string, pareto: CustomerRow['pareto']): CustomerRow => customerRow(key, { pareto });
  // 40 customers, 8 ideal. 'North': 6 of the 8 ideal, 9 of the 32 others: Fisher p = 0.0358.
  // Two levels are tested, so the corrected p is 0.0715: not beyond chance at 5%.
  const customers = Array.from({ length: 40 }, (_, i) => row(`k${String(i).padStart(2, '0')}`, i < 8 ? 'ideal' : null));
  const region = new Map(customers.map((c, i) => [c.key, (i < 8 ? i < 6 : i < 17) ? 'North' : 'South']));
  it('does not call an uncorrected p of 3.6% a finding when two values were tested', () => {
    const p = portrait(customers, [{ name: 'region', source: 'test', values: region }]);
    expect(p.tests).toBe(2);
    const north = p.attributes[0]!.kind === 'categorical' ? p.attributes[0]!.levels.find((l) => l.value === 'North')! : undefined;
    expect(north?.p).toBeCloseTo(0.03576355588739489, 12);
    expect(north?.significant).toBe(false);
    expect(p.findings).toEqual([]);
  });
  it('calls it a finding at a level that the correction allows', () => {
    const p = portrait(customers, [{ name: 'region', source: 'test', values: region }], { alpha: 0.1 });
    expect(p.findings.map((f) => f.value)).toContain('North');
  });
});
