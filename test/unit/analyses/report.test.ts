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
