/** The analysis read as a table by rank gives what its rows hold, and the report built over it is the report built over rows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse, type Analysis } from '../../../src/analyses/analysis.js';
import { withDisplayNames } from '../../../src/analyses/customers-join.js';
import { asTable, attributeColumn, customerKeys, memoRows, rowsTable, tableKeys, tableOf, type CustomerTable } from '../../../src/analyses/customer-table.js';
import { periodIndex } from '../../../src/analyses/periods.js';
import { buildReport } from '../../../src/analyses/report.js';
import type { CustomerSummary } from '../../../src/sources/source.js';
import { analysisParams, customerRow } from '../../helpers/analysis-fixtures.js';

const day = (d: number) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

// Few distinct revenues, so that ties decide the ranking's order; some customers with invoices due.
const summaryArb = fc.record({
  revenue: fc.constantFrom(-50, 0, 10, 100, 100, 250, 1000, 5000),
  refunds: fc.constantFrom(0, 0, -20),
  orders: fc.integer({ min: 1, max: 12 }),
  first: fc.integer({ min: 0, max: 1000 }),
  length: fc.integer({ min: 0, max: 95 }),
  active: fc.integer({ min: 1, max: 30 }),
  margin: fc.option(fc.integer({ min: -300, max: 2000 }), { nil: null }),
  due: fc.integer({ min: 0, max: 6 }),
  late: fc.integer({ min: 0, max: 60 }),
});

const summariesArb = fc.array(summaryArb, { minLength: 1, maxLength: 80 }).map((xs) =>
  xs.map((x, i): CustomerSummary => {
    const last = Math.min(1095, x.first + x.length * 10);
    return {
      customer: `k${String(i).padStart(2, '0')}`,
      name: i % 3 === 0 ? `k${String(i).padStart(2, '0')}` : `Name ${i % 7}`,
      firstDate: day(x.first),
      lastDate: day(last),
      recencyDays: 1095 - last,
      tenureDays: 1095 - x.first,
      firstPeriod: periodIndex(day(x.first), 'month'),
      orders: x.orders,
      transactions: x.orders,
      revenue: x.revenue,
      refunds: x.refunds,
      margin: x.margin,
      quantity: null,
      activePeriods: x.active,
      periodRevenueSum: x.revenue,
      periodRevenueSumSq: (x.revenue * x.revenue * 2) / x.active,
      periodOrdersSum: x.orders,
      periodOrdersSumSq: (x.orders * x.orders) / x.active,
      invoicesDue: x.due,
      invoicesOnTime: Math.floor(x.due / 3),
      daysLateSum: x.due * x.late,
    } as CustomerSummary;
  }),
);

const FIELDS = ['key', 'name', 'pareto', 'rank', 'revenue', 'refunds', 'margin', 'marginRate', 'avgCheck', 'contribution', 'belowBreakEven', 'abcValue', 'abcClass', 'xyzClass', 'cv', 'recencyDays', 'tenureDays', 'segment', 'punctuality'] as const;

function expectTableIsRows(t: CustomerTable, a: Analysis): void {
  expect(t.length).toBe(a.customers.length);
  expect(t.ideal()).toEqual(a.customers.flatMap((c, i) => (c.pareto !== null ? [i] : [])));
  for (let i = 0; i < t.length; i++) {
    const row = a.customerAt(i);
    for (const f of FIELDS) expect([i, f, t[f](i)]).toEqual([i, f, row[f]]);
    expect(t.row(i)).toEqual(row);
  }
}

/** The same analysis with its rows only: the report reads them through `rowsTable`. */
function rowsOnly(a: Analysis): Analysis {
  return { ...a, customers: a.customers, table: rowsTable(a.customers) };
}

function attributes(a: Analysis) {
  const keys = a.customers.map((c) => c.key);
  return [
    { name: 'industry', source: 'test', values: new Map(keys.map((k, i) => [k, ['Retail', 'Construction', 'Health'][i % 3]!])) },
    { name: 'employees', source: 'test', values: new Map(keys.filter((_, i) => i % 4 !== 0).map((k, i) => [k, String(10 + ((i * 37) % 90))])) },
  ];
}

describe('the analysis as a table', () => {
  it('gives every row field of every rank, with and without a cost per order', () => {
    fc.assert(
      fc.property(summariesArb, fc.constantFrom(undefined, 5), (xs, cost) => {
        const a = analyse(xs, analysisParams(cost === undefined ? {} : { costPerOrder: cost }));
        expectTableIsRows(a.table, a);
      }),
      { numRuns: 60 },
    );
  });
  it('shows display names from a customers file in the table as in the rows', () => {
    fc.assert(
      fc.property(summariesArb, (xs) => {
        const a = withDisplayNames(analyse(xs, analysisParams()), new Map(xs.filter((_, i) => i % 2 === 0).map((s) => [s.customer, `CRM ${s.customer}`])));
        expectTableIsRows(a.table, a);
      }),
      { numRuns: 30 },
    );
  });
  it('makes the same report as the rows do', () => {
    fc.assert(
      fc.property(summariesArb, fc.constantFrom(undefined, 5), (xs, cost) => {
        const a = analyse(xs, analysisParams(cost === undefined ? {} : { costPerOrder: cost }));
        const picks = { file: 'picks.csv', picks: [{ customer: xs[0]!.customer, pickedBy: 'Anna', reason: null }, { customer: 'name 1', pickedBy: 'Bo', reason: 'kind' }, { customer: 'Nmae 2', pickedBy: null, reason: null }] };
        const { analysis: _a, ...columns } = buildReport({ analysis: a, attributes: attributes(a), accounts: null, picks });
        const { analysis: _b, ...rows } = buildReport({ analysis: rowsOnly(a), attributes: attributes(a), accounts: null, picks });
        expect(columns).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });
});

describe('rowsTable and its helpers, by hand', () => {
  // Three rows with every field different from the others: each accessor must read its own field.
  const rows = [
    customerRow('a', { name: 'Alpha', pareto: 'elite', rank: 1, revenue: 300, refunds: -5, margin: 90, marginRate: 0.3, avgCheck: 30, contribution: 40, belowBreakEven: false, abcValue: 300, abcClass: 'A', xyzClass: 'X', cv: 0.1, recencyDays: 3, tenureDays: 700, segment: 'Champions', punctuality: { invoices: 4, onTimeShare: 0.75, meanDaysLate: 2 } }),
    customerRow('b', { name: 'Beta', pareto: null, rank: 2, revenue: 200, refunds: 0, margin: null, marginRate: null, avgCheck: null, contribution: null, belowBreakEven: null, abcValue: 200, abcClass: 'B', xyzClass: null, cv: null, recencyDays: 40, tenureDays: 500, segment: 'Lost', punctuality: null }),
    customerRow('c', { name: 'Gamma', pareto: 'ideal', rank: 3, revenue: 100, refunds: -1, margin: -4, marginRate: -0.04, avgCheck: 12.5, contribution: -9, belowBreakEven: true, abcValue: 100, abcClass: 'C', xyzClass: 'Z', cv: 1.7, recencyDays: 90, tenureDays: 100, segment: 'At Risk', punctuality: null }),
  ];
  const t = rowsTable(rows);
  it('reads each field of each row, and gives the ideal and elite positions', () => {
    expect(t.length).toBe(3);
    expect(t.ideal()).toEqual([0, 2]);
    for (let i = 0; i < 3; i++) {
      const r = rows[i]!;
      expect(t.row(i)).toBe(r);
      for (const f of FIELDS) expect([i, f, t[f](i)]).toEqual([i, f, r[f]]);
    }
    expect([t.key(1), t.name(1), t.pareto(0), t.rank(2), t.revenue(0), t.refunds(0), t.margin(2), t.marginRate(0), t.avgCheck(2)]).toEqual(['b', 'Beta', 'elite', 3, 300, -5, -4, 0.3, 12.5]);
    expect([t.contribution(2), t.belowBreakEven(2), t.abcValue(1), t.abcClass(2), t.xyzClass(2), t.cv(2), t.recencyDays(1), t.tenureDays(2), t.segment(2)]).toEqual([-9, true, 200, 'C', 'Z', 1.7, 40, 100, 'At Risk']);
    expect(t.punctuality(0)).toEqual({ invoices: 4, onTimeShare: 0.75, meanDaysLate: 2 });
  });
  it('asTable takes rows or a table; tableOf prefers the analysis table; tableKeys and customerKeys give keys in order', () => {
    expect(asTable(rows).key(2)).toBe('c');
    expect(asTable(t)).toBe(t);
    const own = rowsTable([rows[2]!]);
    expect(tableOf({ customers: rows, table: own })).toBe(own);
    expect(tableOf({ customers: rows }).name(0)).toBe('Alpha');
    expect(tableKeys(t)).toEqual(['a', 'b', 'c']);
    expect(customerKeys({ customers: rows })).toEqual(['a', 'b', 'c']);
    expect(customerKeys({ customers: rows, table: own })).toEqual(['c']);
    expect(tableKeys(rowsTable([]))).toEqual([]);
  });
  it('memoRows builds each row once and hands out the same object', () => {
    let built = 0;
    const counting: CustomerTable = { ...t, row: (i) => { built++; return { ...rows[i]! }; } };
    const m = memoRows(counting);
    const first = m.row(1);
    expect(m.row(1)).toBe(first);
    expect(first).toEqual(rows[1]);
    expect(m.row(0)).not.toBe(first);
    expect(built).toBe(2);
    expect(m.key(2)).toBe('c');
  });
  it("attributeColumn gives each position's value, undefined where none, and reads a table's column once", () => {
    const values = new Map([['c', 'Retail'], ['a', 'Health']]);
    const col = attributeColumn(t, values);
    expect(col).toEqual(['Health', undefined, 'Retail']);
    expect(attributeColumn(t, values)).toBe(col);
    const other = new Map([['b', 'x']]);
    expect(attributeColumn(t, other)).toEqual([undefined, 'x', undefined]);
    expect(attributeColumn(t, values)).toBe(col);
    const t2 = rowsTable(rows.slice(1));
    expect(attributeColumn(t2, values)).toEqual([undefined, 'Retail']);
  });
});
