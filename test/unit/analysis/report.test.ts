/** What the report says (issue 18, part 3): personas, who we don't need, picks, as-of, plurals. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerRow } from '../../../src/analysis/analysis.js';
import { customerFlags } from '../../../src/analysis/customer-sheet.js';
import { comparePicks, nearestCustomers } from '../../../src/analysis/picks.js';
import { personaCards } from '../../../src/analysis/personas.js';
import { buildReport } from '../../../src/analysis/report.js';
import { staleAsOfWarning } from '../../../src/analysis/run.js';
import { oneColumnPicks } from '../../../src/ingest/table.js';
import { plural } from '../../../src/render/format.js';
import { runInProcess } from '../../helpers/in-process.js';
import { analysisParams, customerRow } from '../../helpers/analysis-fixtures.js';
import { analyse } from '../../../src/analysis/analysis.js';
import { periodIndex } from '../../../src/analysis/periods.js';
import type { CustomerSummary } from '../../../src/engine/engine.js';

const row = customerRow;

// 20 customers, the first 5 ideal (the first elite).
const customers: CustomerRow[] = Array.from({ length: 20 }, (_, i) =>
  row(`k${String(i).padStart(2, '0')}`, { rank: i + 1, pareto: i === 0 ? 'elite' : i < 5 ? 'ideal' : null, abcValue: 100 - i, revenue: 100 - i }),
);
const ideal = customers.filter((c) => c.pareto !== null);

describe('persona cards', () => {
  const field = (values: Map<string, string>, label: string) =>
    personaCards(ideal, customers, [{ name: 'country', source: 't', values }], ideal).at(0)!.sections.flatMap((s) => s.fields).find((f) => f.label === label)!;

  it('name a value only when it is beyond chance, not for its lift alone (issue 24)', () => {
    // Ideal: Norway 2 of 5 (40%) against 2 of 20 (10%): 4.0×, but two customers are no evidence.
    // The most common among the ideal, the UK, is given instead, marked not distinct.
    const country = new Map(customers.map((c, i) => [c.key, i === 3 || i === 4 ? 'Norway' : i === 5 ? 'Spain' : 'United Kingdom']));
    expect(field(country, 'Location')).toMatchObject({
      value: 'United Kingdom',
      distinct: false,
      evidence: 'country: the most common, 60% of them, against 85% of all customers (0.7×); not beyond chance',
    });
  });
  it('say "not distinct" with the most common value when nothing is over-represented', () => {
    // Ideal: UK 4 of 5 (80%) against 18 of 20 (90%): 0.9×; Spain 1 of 5 (4.0×) is one customer only.
    const under = new Map(customers.map((c, i) => [c.key, i < 5 ? (i < 4 ? 'United Kingdom' : 'Spain') : i < 19 ? 'United Kingdom' : 'France']));
    expect(field(under, 'Location')).toMatchObject({ value: 'United Kingdom', distinct: false, evidence: 'country: the most common, 80% of them, against 90% of all customers (0.9×); not beyond chance' });
  });
  it('never make a rare value a trait: "Income: 250K+" held by 8 of 338 ideal customers', () => {
    // 1,690 customers, 338 ideal. 250K+: 8 of the ideal (2.4%) against 20 of all (1.2%): 2.0×,
    // Fisher p = 0.043 before any correction. The most common income among the ideal is 50-75K.
    const many: CustomerRow[] = Array.from({ length: 1690 }, (_, i) => row(`c${String(i).padStart(4, '0')}`, { pareto: i < 338 ? 'ideal' : null }));
    const income = new Map(many.map((c, i) => [c.key, i < 338 ? (i < 8 ? '250K+' : i < 200 ? '50-75K' : '75-100K') : i < 350 ? '250K+' : i < 1100 ? '50-75K' : '75-100K']));
    const idealOnes = many.filter((c) => c.pareto !== null);
    const card = personaCards(idealOnes, many, [{ name: 'income', source: 't', values: income }], idealOnes, { tests: 3, alpha: 0.05, minCount: 5 })[0]!;
    const f = card.sections.flatMap((s) => s.fields).find((x) => x.label === 'Income')!;
    expect(f.value).toBe('50-75K');
    expect(f.distinct).toBe(false);
  });
  it('name a value that is beyond chance as a trait, with its p', () => {
    // Ideal: Norway 5 of 5 against 5 of 20. scipy.stats.fisher_exact([[5, 0], [0, 15]]).pvalue = 6.45e-5.
    const country = new Map(customers.map((c, i) => [c.key, i < 5 ? 'Norway' : 'United Kingdom']));
    expect(field(country, 'Location')).toMatchObject({ value: 'Norway', distinct: true, evidence: 'country: 100% of them, against 25% of all customers (4.0×); p < 0.0001' });
  });
  it('ask for the job to be done beside goals, fears and objections', () => {
    const card = personaCards(ideal, customers, [], ideal)[0]!;
    const goals = card.sections.find((s) => s.heading === 'Goals, fears and objections')!;
    expect(goals.fields.map((f) => f.label)).toEqual(['Main goal', 'Fears', 'Objections', 'Job to be done']);
    expect(goals.fields[3]!.prompt).toMatch(/^When …, |^When … \(/);
    expect(goals.fields[3]!.prompt).toMatch(/they want to … .*so that …/);
  });
});

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

describe('unmatched picks', () => {
  const named = [row('100', { name: 'John Doe A/S', rank: 1 }), row('200', { name: 'Nordbyg ApS', rank: 2 }), row('300', { name: 'Café Solsikke', rank: 3 })];
  it('find the nearest customer names: a typo, a short form, a key', () => {
    expect(nearestCustomers('Jon Doe', named).map((c) => c.key)).toEqual(['100']);
    expect(nearestCustomers('nordbyg', named).map((c) => c.key)).toEqual(['200']);
    expect(nearestCustomers('Cafe Solsike', named).map((c) => c.key)).toEqual(['300']);
    expect(nearestCustomers('Zebra Holdings International', named)).toEqual([]);
  });
  it('are listed with them', () => {
    const cmp = comparePicks('picks.csv', [{ customer: 'Jon Doe', pickedBy: null, reason: null }], named);
    expect(cmp.unmatched.map((u) => [u.customer, u.nearest.map((c) => c.name)])).toEqual([['Jon Doe', ['John Doe A/S']]]);
  });
  it('a picks file of one column, just names, is read as names', () => {
    expect(oneColumnPicks('Nordbyg ApS\r\nJon Doe\n\n"Café ""Sol"""\n')).toEqual(['Nordbyg ApS', 'Jon Doe', 'Café "Sol"']);
    expect(oneColumnPicks('\uFEFFcustomer\nNordbyg ApS\n')).toEqual(['Nordbyg ApS']);
    expect(oneColumnPicks('customer,picked_by\nNordbyg ApS,Anna\n')).toBeNull();
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

describe('segment report with unmatched picks, end to end', () => {
  it('warns on stderr with the nearest names, and reads a one-column picks file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-picks-'));
    const picks = join(dir, 'picks.txt');
    writeFileSync(picks, 'Nordbyg ApS\nNordbyg\nJon Doe\n');
    const r = await runInProcess(['report', 'fixtures/crm-invoices.csv', '--picks', picks, '--as-of', '2025-06-30']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("the pick 'Jon Doe' matches no customer by key or name; no customer has a similar name or key");
    expect(r.stderr).toContain("the pick 'Nordbyg' matches no customer by key or name; nearest Nordbyg ApS");
    expect(r.stderr).toMatch(/the as-of date 2025-06-30 is 210 days after the last transaction \(2024-12-02\)/);
    expect(r.stdout).toContain('**Picks that match no customer**');
    expect(r.stdout).toContain('- Jon Doe: no customer has a similar name or key');
    expect(r.stdout).toMatch(/Picks file .*picks\.txt: 2 picks match no customer \(Nordbyg, Jon Doe\); see section 7\./);
  });
});
