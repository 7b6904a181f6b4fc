/** What the report says (issue 18, part 3): personas, who we don't need, picks, as-of, plurals. */
import { describe, expect, it } from 'vitest';
import { type CustomerRow, analyse } from '../../../src/analyses/analysis.js';
import { customerFlags } from '../../../src/analyses/customer-sheet.js';
import { buildReport, rankIdeal } from '../../../src/analyses/report.js';
import { staleAsOfWarning } from '../../../src/analyses/run.js';
import { plural } from '../../../src/documents/format.js';
import { analysisParams, customerRow } from '../../helpers/analysis-fixtures.js';
import { periodIndex } from '../../../src/analyses/periods.js';
import type { CustomerSummary } from '../../../src/sources/files/duckdb/engine.js';

const row = customerRow;

// 20 customers, the first 5 ideal (the first elite).
const customers: CustomerRow[] = Array.from({ length: 20 }, (_, i) =>
  row(`k${String(i).padStart(2, '0')}`, { rank: i + 1, pareto: i === 0 ? 'elite' : i < 5 ? 'ideal' : null, abcValue: 100 - i, revenue: 100 - i }),
);

describe("who we don't need", () => {
  const late = { invoices: 6, onTimeShare: 0.1, meanDaysLate: 35 };
  const all = customers.map((c, i) =>
    i === 0 ? { ...c, punctuality: late } : i === 1 ? { ...c, belowBreakEven: true } : i === 12 ? { ...c, punctuality: late } : i === 19 ? { ...c, abcClass: 'C' as const, segment: 'Lost' } : c,
  );
  const analysis = { customers: all, profit: null, totals: { revenue: 1000 } } as unknown as Parameters<typeof buildReport>[0]['analysis'];
  const model = buildReport({ analysis, attributes: [], accounts: null, picks: null });

  it('labels customers whose only lines are zero-value items as such, not as refunds (issue 24)', () => {
    const withZero = [
      ...all,
      row('zero', { pareto: null, revenue: 0, refunds: 0, nonPositive: true, abcClass: 'C' }),
      row('refunded', { pareto: null, revenue: -20, refunds: 120, nonPositive: true, abcClass: 'C' }),
    ];
    const a = { customers: withZero, profit: null, totals: { revenue: 1000 } } as unknown as Parameters<typeof buildReport>[0]['analysis'];
    const groups = buildReport({ analysis: a, attributes: [], accounts: null, picks: null }).notNeeded;
    expect(groups.find((g) => g.label === 'Refunds exceed purchases')!.examples.map((c) => c.key)).toEqual(['refunded']);
    expect(groups.find((g) => g.label === 'Only zero-value lines')!.examples.map((c) => c.key)).toEqual(['zero']);
  });
  it('never offers an ideal or elite customer as a candidate to let go', () => {
    const offered = model.notNeeded.flatMap((g) => g.examples.map((c) => c.key));
    expect(offered).toEqual(['k12', 'k19']);
    expect(model.notNeeded.find((g) => g.label === 'Chronic late payers')!.customers).toBe(1);
  });
  it('shows a late-paying elite customer as "ideal, but pays late: fix the terms"', () => {
    expect(model.idealLatePayers).toMatchObject({ label: 'Ideal, but pays late: fix the terms', customers: 1 });
    expect(model.idealLatePayers!.examples.map((c) => c.key)).toEqual(['k00']);
    expect(customerFlags(all[0]!)).toEqual(['ideal, but pays late: fix the terms']);
    expect(customerFlags(all[12]!)).toEqual(['chronic late payer']);
    expect(customerFlags(row('z', { revenue: 0, refunds: 0, nonPositive: true }))).toEqual(['only zero-value lines']);
    expect(customerFlags(row('l', { pareto: 'elite', margin: -5 }))).toEqual(['ideal, but loses money: fix the price or the cost to serve']);
    expect(customerFlags(all[19]!)).toEqual(['lost, and small']);
  });
});

describe("who we don't need, with --cost-per-order and margins", () => {
  const summary = (customer: string, revenue: number, margin: number, orders: number): CustomerSummary => ({
    customer, name: customer, firstDate: '2024-01-01', lastDate: '2024-06-01', recencyDays: 200, tenureDays: 365, firstPeriod: periodIndex('2024-01-01', 'month'),
    orders, transactions: Math.max(orders, 1), revenue, refunds: Math.min(revenue, 0), margin, quantity: null, activePeriods: 1,
    periodRevenueSum: revenue, periodRevenueSumSq: revenue * revenue, periodOrdersSum: orders, periodOrdersSumSq: orders * orders,
    invoicesDue: 0, invoicesOnTime: 0, daysLateSum: 0, purchaseDays: orders > 0 ? 1 : 0, firstDayRevenue: Math.max(revenue, 0),
    firstPurchaseDate: '2024-01-01', lastPurchaseDate: '2024-06-01',
  });
  it('puts a customer whose only transaction is a refund in "Refunds exceed purchases" only, not also "Below break-even"', () => {
    // Ten customers so that the ideal group (top 20%) leaves the small ones outside it. Margin
    // rate 30%, cost 50 an order: "small" (margin 30 over 10 orders) is below break-even; "refund"
    // has one refund of −200 (margin −60, no order): its contribution is negative too.
    const xs = [
      ...Array.from({ length: 8 }, (_, i) => summary(`big${i}`, 10_000, 3_000, 10)),
      summary('small', 100, 30, 10),
      summary('refund', -200, -60, 0),
    ];
    const analysis = analyse(xs, analysisParams({ costPerOrder: 50 }));
    const refund = analysis.customers.find((c) => c.key === 'refund')!;
    expect([refund.nonPositive, refund.belowBreakEven, refund.pareto]).toEqual([true, true, null]);
    const model = buildReport({ analysis, attributes: [], accounts: null, picks: null });
    const members = Object.fromEntries(model.notNeeded.map((g) => [g.label, g.examples.map((c) => c.key)]));
    expect(members['Refunds exceed purchases']).toEqual(['refund']);
    expect(members['Below break-even']).toEqual(['small']);
    expect(model.notNeeded.find((g) => g.label === 'Below break-even')).toMatchObject({ customers: 1, revenue: 100 });
    expect(customerFlags(refund)).toEqual(['refunds exceed purchases']);
  });
});

describe('as-of date far past the data', () => {
  it('warns naming both dates, from 91 days on', () => {
    expect(staleAsOfWarning('2026-12-02', '2011-12-09')).toMatch(/^the as-of date 2026-12-02 is 5,472 days after the last transaction \(2011-12-09\)/);
    expect(staleAsOfWarning('2012-03-08', '2011-12-09')).toBeNull();
    expect(staleAsOfWarning('2012-03-09', '2011-12-09')).toMatch(/91 days/);
    expect(staleAsOfWarning(undefined, '2011-12-09')).toBeNull();
  });
});

describe('plurals', () => {
  it('says 1 customer, 2 customers', () => {
    expect(plural(1, 'customer')).toBe('1 customer');
    expect(plural(2, 'customer')).toBe('2 customers');
    expect(plural(1234, 'pick')).toBe('1,234 picks');
  });
});

describe('ranking of the ideal customers', () => {
  it('puts the elite first, then value, then regularity, then recency', () => {
    const xs = [
      row('a', { pareto: 'ideal', abcValue: 50, xyzClass: 'Z', cv: 1.5 }),
      row('b', { pareto: 'ideal', abcValue: 50, xyzClass: 'X', cv: 0.2, recencyDays: 90 }),
      row('c', { pareto: 'ideal', abcValue: 50, xyzClass: 'X', cv: 0.2, recencyDays: 10 }),
      row('d', { pareto: 'elite', abcValue: 60 }),
      row('e', { pareto: null, abcValue: 70 }),
    ];
    expect(rankIdeal(xs).map((c) => c.key)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('buildReport, by hand', () => {
  type A = Parameters<typeof buildReport>[0]['analysis'];
  const analysisOf = (customers: CustomerRow[], over: Record<string, unknown> = {}): A => ({ customers, profit: null, totals: { revenue: customers.reduce((s, c) => s + c.revenue, 0) }, ...over }) as unknown as A;
  const build = (customers: CustomerRow[], over: Partial<Parameters<typeof buildReport>[0]> = {}, a: Record<string, unknown> = {}) =>
    buildReport({ analysis: analysisOf(customers, a), attributes: [], accounts: null, picks: null, ...over });

  it('regular share: the revenue of the X customers over the total; 0 with a total of 0', () => {
    const xs = [row('a', { pareto: 'elite', revenue: 60, xyzClass: 'X' }), row('b', { revenue: 30, xyzClass: 'Y' }), row('c', { revenue: 10, xyzClass: 'X' })];
    expect(build(xs).regularShare).toBeCloseTo(0.7, 12);
    expect(build(xs, {}, { totals: { revenue: 0 } }).regularShare).toBe(0);
    expect(build(xs, {}, { totals: { revenue: 200 } }).regularShare).toBeCloseTo(0.35, 12);
  });

  it('a group counts and sums all its members, its margin from those that have one (null when none), and shows the first ten', () => {
    const lost = Array.from({ length: 12 }, (_, i) => row(`l${String(i).padStart(2, '0')}`, { abcClass: 'C', segment: i % 2 === 0 ? 'Lost' : 'Hibernating', revenue: i + 1, margin: i < 3 ? -(i + 1) : null }));
    const m = build([row('top', { pareto: 'elite' }), ...lost, row('c-loyal', { abcClass: 'C', segment: 'Loyal' }), row('b-lost', { abcClass: 'B', segment: 'Lost' })]);
    const g = m.notNeeded.find((x) => x.label === 'Lost, and small')!;
    expect(g).toMatchObject({ rule: 'class C and RFM segment Lost or Hibernating (one-off buyers: Lost)', customers: 12, revenue: 78, margin: -6 });
    expect(g.examples.map((c) => c.key)).toEqual(lost.slice(0, 10).map((c) => c.key));
    const none = build([row('top', { pareto: 'elite' }), row('x', { abcClass: 'C', segment: 'Lost', revenue: 5 })]).notNeeded.find((x) => x.label === 'Lost, and small')!;
    expect(none).toMatchObject({ customers: 1, revenue: 5, margin: null });
  });

  it('lists the refunds group always, the zero-value group only when someone has only zero-value lines, the late payers only with invoices', () => {
    const plain = build([row('top', { pareto: 'elite' }), row('b')]);
    expect(plain.notNeeded.map((g) => [g.label, g.rule, g.customers, g.revenue, g.margin])).toEqual([
      ['Refunds exceed purchases', 'net revenue ≤ 0 after refunds', 0, 0, null],
      ['Lost, and small', 'class C and RFM segment Lost or Hibernating (one-off buyers: Lost)', 0, 0, null],
    ]);
    expect(plain.idealLatePayers).toBeNull();
    expect(plain.idealUnprofitable).toBeNull();
    const onTime = build([row('top', { pareto: 'elite' }), row('b', { punctuality: { invoices: 3, onTimeShare: 1, meanDaysLate: 0 } })]);
    expect(onTime.notNeeded.map((g) => [g.label, g.customers])).toEqual([
      ['Refunds exceed purchases', 0],
      ['Chronic late payers', 0],
      ['Lost, and small', 0],
    ]);
    expect(onTime.notNeeded[1]!.rule).toBe('two or more invoices, under half paid on time, and 10 or more days late on average');
    const zero = build([row('top', { pareto: 'elite' }), row('z', { revenue: 0, refunds: 0, nonPositive: true })]);
    expect(zero.notNeeded.map((g) => g.label)).toEqual(['Refunds exceed purchases', 'Only zero-value lines', 'Lost, and small']);
    expect(zero.notNeeded[1]!.rule).toBe('every line is 0.00: samples, free items or lines without a price; no purchase, no refund');
    expect(zero.notNeeded[0]!.customers).toBe(0);
  });

  it('counts a net of exactly 0 with refunds as refunds, and a customer below 0 too', () => {
    const m = build([row('top', { pareto: 'elite' }), row('netzero', { revenue: 0, refunds: -50, nonPositive: true }), row('neg', { revenue: -5, refunds: -5, nonPositive: true }), row('pos', { revenue: 1 })]);
    expect(m.notNeeded[0]!.examples.map((c) => c.key)).toEqual(['netzero', 'neg']);
    expect(m.notNeeded[0]!.revenue).toBe(-5);
  });

  it('lists the below-break-even group with a cost per order (0 included), naming the cost, and not without one', () => {
    const xs = [row('top', { pareto: 'elite', belowBreakEven: true }), row('small', { belowBreakEven: true, revenue: 12 }), row('ok', { belowBreakEven: false })];
    const withCost = build(xs, {}, { profit: { costPerOrder: 25 } });
    const g = withCost.notNeeded.find((x) => x.label === 'Below break-even')!;
    expect(g.rule).toBe('contribution (margin − orders × 25) below 0, or an average check under the minimum cost-effective order');
    expect(g.examples.map((c) => c.key)).toEqual(['small']);
    expect(build(xs, {}, { profit: { costPerOrder: 0 } }).notNeeded.map((x) => x.label)).toContain('Below break-even');
    expect(build(xs, {}, { profit: { costPerOrder: null } }).notNeeded.map((x) => x.label)).not.toContain('Below break-even');
    expect(build(xs, {}, { profit: {} }).notNeeded.map((x) => x.label)).not.toContain('Below break-even');
  });

  it('shows ideal customers who lose money apart, in ranking order, with the rule', () => {
    const m = build([row('e', { pareto: 'elite', abcValue: 90, margin: 10, contribution: -1 }), row('i', { pareto: 'ideal', abcValue: 80, margin: -3 }), row('fine', { pareto: 'ideal', abcValue: 85, margin: 0, contribution: 0 }), row('out', { margin: -50 })]);
    expect(m.idealUnprofitable).toMatchObject({
      label: 'Ideal, but loses money: fix the price or the cost to serve',
      rule: 'ideal or elite, with margin below 0, or contribution (margin − orders × cost per order) below 0',
      customers: 2,
      revenue: 200,
      margin: 7,
    });
    expect(m.idealUnprofitable!.examples.map((c) => c.key)).toEqual(['e', 'i']);
    const late = build([row('e', { pareto: 'elite', punctuality: { invoices: 2, onTimeShare: 0, meanDaysLate: 10 } })]);
    expect(late.idealLatePayers!.rule).toBe('ideal or elite, and a chronic late payer (two or more invoices, under half paid on time, and 10 or more days late on average)');
  });

  it('passes the attributes with their sources, the accounts, the left-out columns and the shortlist (the top ten without picks)', () => {
    const xs = Array.from({ length: 12 }, (_, i) => row(`k${String(i).padStart(2, '0')}`, { pareto: 'ideal', abcValue: 100 - i }));
    const accounts = { file: 'c.csv', rows: 1, matched: 1, unmatchedAccounts: [], customersWithoutAccount: [], malformed: 0 };
    const attributes = [{ name: 'industry', source: 'c.csv', values: new Map(xs.map((c) => [c.key, 'Retail'])) }];
    const m = build(xs, { accounts, attributes, leftOut: [{ name: 'notes', why: 'free text' }] });
    expect(m.attributeSources).toEqual([{ name: 'industry', source: 'c.csv' }]);
    expect(m.accounts).toBe(accounts);
    expect(m.portrait.leftOut).toEqual([{ name: 'notes', why: 'free text' }]);
    expect(build(xs).portrait.leftOut).toEqual([]);
    expect(m.shortlist.map((c) => c.key)).toEqual(xs.slice(0, 10).map((c) => c.key));
    expect(m.ranking).toHaveLength(12);
    expect(m.picks).toBeNull();
    expect('clv' in m).toBe(false);
  });

  it('compares the picks with the ideal group and shortlists the agreed first', () => {
    const xs = [row('a', { pareto: 'elite', abcValue: 9 }), row('b', { pareto: 'ideal', abcValue: 8 }), row('c', { abcValue: 1 })];
    const m = build(xs, { picks: { file: 'p.csv', picks: [{ customer: 'b', pickedBy: 'Ann', reason: null }, { customer: 'c', pickedBy: null, reason: null }] } });
    expect(m.picks!.agreed.map((p) => p.customer.key)).toEqual(['b']);
    expect(m.picks!.notBacked.map((p) => p.customer.key)).toEqual(['c']);
    expect(m.shortlist.map((c) => c.key)).toEqual(['b', 'a']);
    expect(m.personas.length).toBeGreaterThan(0);
  });

  it('with a failed --clv says why; with a fit gives the ideal customers their predictions', () => {
    const xs = [row('a', { pareto: 'elite' }), row('b', { pareto: 'ideal', abcValue: 50 })];
    expect(build(xs, { clv: { failure: 'too few repeat buyers' } }).clv).toEqual({ result: null, method: [], ideal: [], groups: [], failure: 'too few repeat buyers' });
    const result = { customers: [{ key: 'b', pAlive: 0.9 }] } as never;
    const fitted = build(xs, { clv: { result, method: ['m'] } }).clv!;
    expect(fitted.failure).toBeNull();
    expect(fitted.method).toEqual(['m']);
    expect(fitted.ideal).toEqual([null, { key: 'b', pAlive: 0.9 }]);
  });
});

describe('ranking of the ideal customers, ties', () => {
  it('puts a customer without a CV after those with one, and equal customers in key order', () => {
    const xs = [
      row('z', { pareto: 'ideal', abcValue: 50, xyzClass: null, cv: null }),
      row('y', { pareto: 'ideal', abcValue: 50, xyzClass: null, cv: 2 }),
      row('m', { pareto: 'ideal', abcValue: 50, xyzClass: 'Y', cv: 0.7 }),
      row('b', { pareto: 'ideal', abcValue: 50, xyzClass: 'Y', cv: 0.7 }),
      row('c', { pareto: 'ideal', abcValue: 50, xyzClass: 'Y', cv: 0.7 }),
      row('x', { pareto: 'ideal', abcValue: 50, xyzClass: 'Z', cv: 0.1 }),
    ];
    expect(rankIdeal(xs).map((c) => c.key)).toEqual(['b', 'c', 'm', 'x', 'y', 'z']);
    expect(rankIdeal([...xs].reverse()).map((c) => c.key)).toEqual(['b', 'c', 'm', 'x', 'y', 'z']);
  });
});

describe('ranking of the ideal customers, elite first', () => {
  it('puts an elite customer before an ideal one of higher value, and refunds with a net of 0 or below 0 without refunds in "Refunds exceed purchases"', () => {
    const xs = [row('i', { pareto: 'ideal', abcValue: 90 }), row('e', { pareto: 'elite', abcValue: 10 })];
    expect(rankIdeal(xs).map((c) => c.key)).toEqual(['e', 'i']);
    const analysis = { customers: [...xs, row('neg', { revenue: -10, refunds: 0, nonPositive: true })], profit: null, totals: { revenue: 90 } } as unknown as Parameters<typeof buildReport>[0]['analysis'];
    const groups = buildReport({ analysis, attributes: [], accounts: null, picks: null }).notNeeded;
    expect(groups.map((g) => [g.label, g.examples.map((c) => c.key)])).toEqual([
      ['Refunds exceed purchases', ['neg']],
      ['Lost, and small', []],
    ]);
  });
});
