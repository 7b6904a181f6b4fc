/** Cohorts: the triangle computed by hand, the engine's per-period rows, and the command's JSON. */
/**
 * src/analyses/cohorts.ts in-process: period numbers and labels, and a cohort triangle counted by
 * hand from the rows written next to it.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortAnalysis, periodLabel, periodOf, cohortWindow } from '../../../src/analyses/cohorts.js';
import { DuckDbEngine } from '../../../src/sources/files/duckdb/duckdb-engine.js';
import { readTransactions } from '../../../src/sources/files/read.js';
import { SCHEMAS } from '../../../src/schemas.js';
import { TempDir } from '../../../src/kernel/tempdir.js';
import { runInProcess } from '../../helpers/in-process.js';
import type { CustomerPeriodRow } from '../../../src/sources/files/duckdb/customer-periods.js';
import { UsageError } from '../../../src/kernel/errors.js';

const m = (y: number, month: number): number => y * 12 + month - 1;

describe('cohortAnalysis', () => {
  it('places customers by their first order and counts every period since', () => {
    const rows = [
      // a: orders in Jan and Mar; b: Jan only; c: a refund in Jan, first order in Feb; d: only a refund.
      { customer: 'a', period: m(2024, 1), revenue: 100, orders: 1 },
      { customer: 'a', period: m(2024, 3), revenue: 50, orders: 2 },
      { customer: 'b', period: m(2024, 1), revenue: 300, orders: 1 },
      { customer: 'c', period: m(2024, 1), revenue: -20, orders: 0 },
      { customer: 'c', period: m(2024, 2), revenue: 80, orders: 1 },
      { customer: 'd', period: m(2024, 2), revenue: -10, orders: 0 },
    ];
    const r = cohortAnalysis(rows, 'month', m(2024, 3));
    expect(r.customers).toBe(4);
    expect(r.revenue).toBe(500);
    expect(r.outside).toEqual({ customers: 1, revenue: -30 });
    expect(r.cohorts.map((c) => [periodLabel(c.period, 'month'), c.customers, c.revenue])).toEqual([['2024-01', 2, 450], ['2024-02', 1, 80]]);
    expect(r.cohorts[0]!.cells.map((c) => [c.offset, c.active, c.retentionShare, c.revenue, c.revenuePerCustomer])).toEqual([
      [0, 2, 1, 400, 200],
      [1, 0, 0, 0, 0],
      [2, 1, 0.5, 50, 25],
    ]);
    expect(r.cohorts[1]!.cells.map((c) => [c.offset, c.active])).toEqual([[0, 1], [1, 0]]);
    // Nothing is lost: the triangle and what is outside it add up to the revenue.
    expect(r.cohorts.reduce((s, c) => s + c.revenue, 0) + r.outside.revenue).toBe(r.revenue);
  });
  it('has no cohorts without rows', () => {
    expect(cohortAnalysis([], 'year', null)).toMatchObject({ cohorts: [], customers: 0, revenue: 0, firstPeriod: null, lastPeriod: null });
  });
  it('numbers and names periods as the engine does', () => {
    expect([periodOf('2011-12-09', 'month'), periodOf('2011-12-09', 'quarter'), periodOf('2011-12-09', 'year')]).toEqual([m(2011, 12), 2011 * 4 + 3, 2011]);
    expect([periodLabel(m(2011, 12), 'month'), periodLabel(2011 * 4 + 3, 'quarter'), periodLabel(2011, 'year')]).toEqual(['2011-12', '2011-Q4', '2011']);
  });
});

describe('engine.customerPeriods', () => {
  let engine: DuckDbEngine;
  const temp = new TempDir();
  beforeAll(async () => {
    engine = await DuckDbEngine.open({ tempDir: tmpdir(), threads: 1 });
    await readTransactions(['fixtures/changes-shop.csv'], { overrides: {}, maxRejectRate: 0.01 }, { engine, temp, warn: () => undefined });
  });
  afterAll(() => {
    engine.close();
    temp.remove();
  });
  it('gives revenue and orders per customer and quarter, numbered like periodOf', async () => {
    const rows = await engine.customerPeriods({ to: '2024-12-31', period: 'quarter' });
    const q = (n: number) => 2024 * 4 + n - 1;
    expect(rows.filter((r) => r.customer === 'F-FALLS')).toEqual([
      { customer: 'F-FALLS', period: q(1), revenue: 9000, orders: 3 },
      { customer: 'F-FALLS', period: q(2), revenue: 9000, orders: 3 },
    ]);
    expect(rows.filter((r) => r.customer === 'L1').map((r) => r.period)).toEqual([q(1), q(4)]);
    // The window: nothing after --to.
    const june = await engine.customerPeriods({ to: '2024-06-30', period: 'year' });
    expect(june.find((r) => r.customer === 'H4')).toEqual({ customer: 'H4', period: 2024, revenue: 5200, orders: 4 });
    expect(june.some((r) => r.customer === 'N-NEW')).toBe(false);
  });
});

describe('segment cohorts', () => {
  it('writes the quarterly triangle of the fixture as JSON that validates', async () => {
    const r = await runInProcess(['cohorts', 'fixtures/changes-shop.csv', '--by', 'quarter', '--json', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const parsed = SCHEMAS.cohorts.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    expect(doc.partial).toEqual({ first: true, last: true });
    // Q1: F-FALLS, X-ONCE, L1-L4, H1-H4; back in Q2: F-FALLS and H1-H4; Q3: H1-H4; Q4: H1-H4 and L1-L4.
    expect(doc.cohorts.map((c: any) => [c.cohort, c.customers])).toEqual([['2024-Q1', 10], ['2024-Q3', 1]]);
    expect(doc.cohorts[0].periods.map((p: any) => p.active)).toEqual([10, 5, 4, 8]);
    expect(doc.cohorts[0].periods[1]).toMatchObject({ period: '2024-Q2', retention_share: 0.5, revenue: 22800, revenue_per_customer: 2280 });
    expect(doc.revenue).toBe(118200);
  });
});

describe('each rule by hand', () => {
const row = (customer: string, period: number, orders: number, revenue: number): CustomerPeriodRow => ({ customer, period, orders, revenue });

describe('periodOf and periodLabel', () => {
  it('numbers months from year × 12, quarters from year × 4, years as themselves', () => {
    expect(periodOf('2011-01-31', 'month')).toBe(2011 * 12);
    expect(periodOf('2011-03-15', 'month')).toBe(2011 * 12 + 2);
    expect(periodOf('2011-12-01', 'month')).toBe(2011 * 12 + 11);
    expect(periodOf('2011-03-31', 'quarter')).toBe(2011 * 4);
    expect(periodOf('2011-04-01', 'quarter')).toBe(2011 * 4 + 1);
    expect(periodOf('2011-09-30', 'quarter')).toBe(2011 * 4 + 2);
    expect(periodOf('2011-12-31', 'quarter')).toBe(2011 * 4 + 3);
    expect(periodOf('2011-07-04', 'year')).toBe(2011);
  });

  it('labels a period as 2011-01, 2011-Q1 or 2011', () => {
    expect(periodLabel(2011 * 12, 'month')).toBe('2011-01');
    expect(periodLabel(2011 * 12 + 8, 'month')).toBe('2011-09');
    expect(periodLabel(2011 * 12 + 11, 'month')).toBe('2011-12');
    expect(periodLabel(2011 * 4, 'quarter')).toBe('2011-Q1');
    expect(periodLabel(2011 * 4 + 3, 'quarter')).toBe('2011-Q4');
    expect(periodLabel(2011, 'year')).toBe('2011');
  });

  it('labels the period of any date as that date\'s month, quarter and year', () => {
    for (const d of ['1999-01-01', '2020-02-29', '2024-06-30', '2024-10-01', '2024-12-31']) {
      expect(periodLabel(periodOf(d, 'month'), 'month')).toBe(d.slice(0, 7));
      expect(periodLabel(periodOf(d, 'quarter'), 'quarter')).toBe(`${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`);
      expect(periodLabel(periodOf(d, 'year'), 'year')).toBe(d.slice(0, 4));
    }
  });
});

describe('cohortAnalysis', () => {
  // B: a refund of -5 in 100 (before its first order), first order in 101 (20), a refund of -4 in 103.
  // C: one order in 101 (7). A: orders in 100 (10) and 102 (30). D: only a refund (-3), no order.
  // Given in the order B, C, A, D (grouped by customer, not by cohort).
  const rows = [row('B', 100, 0, -5), row('B', 101, 1, 20), row('B', 103, 0, -4), row('C', 101, 1, 7), row('A', 100, 1, 10), row('A', 102, 2, 30), row('D', 102, 0, -3)];

  it('builds the triangle: active, retention, revenue and revenue per original customer, empty periods included', () => {
    const r = cohortAnalysis(rows, 'month', 103);
    expect(r.by).toBe('month');
    expect(r.firstPeriod).toBe(100);
    expect(r.lastPeriod).toBe(103);
    expect(r.cohorts.map((c) => [c.period, c.customers, c.revenue])).toEqual([
      [100, 1, 40],
      [101, 2, 23],
    ]);
    expect(r.cohorts[0]!.cells).toEqual([
      { offset: 0, period: 100, active: 1, retentionShare: 1, revenue: 10, revenuePerCustomer: 10 },
      { offset: 1, period: 101, active: 0, retentionShare: 0, revenue: 0, revenuePerCustomer: 0 },
      { offset: 2, period: 102, active: 1, retentionShare: 1, revenue: 30, revenuePerCustomer: 30 },
      { offset: 3, period: 103, active: 0, retentionShare: 0, revenue: 0, revenuePerCustomer: 0 },
    ]);
    expect(r.cohorts[1]!.cells).toEqual([
      { offset: 0, period: 101, active: 2, retentionShare: 1, revenue: 27, revenuePerCustomer: 13.5 },
      { offset: 1, period: 102, active: 0, retentionShare: 0, revenue: 0, revenuePerCustomer: 0 },
      // A refund alone: revenue, but not active.
      { offset: 2, period: 103, active: 0, retentionShare: 0, revenue: -4, revenuePerCustomer: -2 },
    ]);
  });

  it('counts D (no order) and B\'s refund before its first order outside, so the triangle plus outside is all the revenue', () => {
    const r = cohortAnalysis(rows, 'month', 103);
    expect(r.outside).toEqual({ customers: 1, revenue: -8 });
    expect(r.customers).toBe(4);
    expect(r.revenue).toBe(55);
    expect(r.cohorts.reduce((s, c) => s + c.revenue, 0) + r.outside.revenue).toBe(r.revenue);
  });

  it('takes the last period from the rows when none is given (the latest, wherever it is)', () => {
    const r = cohortAnalysis([row('A', 100, 1, 1), row('A', 104, 1, 1), row('B', 102, 1, 1)], 'quarter', null);
    expect(r.lastPeriod).toBe(104);
    expect(r.cohorts.map((c) => c.cells.length)).toEqual([5, 3]);
    expect(r.cohorts[1]!.cells.map((c) => c.period)).toEqual([102, 103, 104]);
  });

  it('a given last period before the latest row is kept: later rows are in no cell', () => {
    const r = cohortAnalysis([row('A', 100, 1, 1), row('A', 103, 1, 5)], 'month', 101);
    expect(r.lastPeriod).toBe(101);
    expect(r.cohorts[0]!.cells.map((c) => c.period)).toEqual([100, 101]);
  });

  it('stops the cells at the given last period', () => {
    const r = cohortAnalysis([row('A', 100, 1, 1), row('A', 101, 1, 2)], 'month', 102);
    expect(r.cohorts[0]!.cells.map((c) => [c.period, c.active, c.revenue])).toEqual([
      [100, 1, 1],
      [101, 1, 2],
      [102, 0, 0],
    ]);
  });

  it('counts a customer with several orders in one period once as active', () => {
    const r = cohortAnalysis([row('A', 5, 3, 9), row('B', 5, 1, 1), row('B', 6, 2, 4)], 'year', 6);
    expect(r.cohorts).toEqual([
      {
        period: 5,
        customers: 2,
        revenue: 14,
        cells: [
          { offset: 0, period: 5, active: 2, retentionShare: 1, revenue: 10, revenuePerCustomer: 5 },
          { offset: 1, period: 6, active: 1, retentionShare: 0.5, revenue: 4, revenuePerCustomer: 2 },
        ],
      },
    ]);
  });

  it('has no cohort and no periods without rows; only outside customers without an order', () => {
    expect(cohortAnalysis([], 'month', null)).toEqual({ by: 'month', firstPeriod: null, lastPeriod: null, cohorts: [], outside: { customers: 0, revenue: 0 }, customers: 0, revenue: 0 });
    const r = cohortAnalysis([row('A', 3, 0, -2), row('A', 4, 0, -1)], 'month', null);
    expect(r).toMatchObject({ firstPeriod: null, lastPeriod: 4, cohorts: [], outside: { customers: 1, revenue: -3 }, customers: 1, revenue: -3 });
  });

  it('takes the earliest cohort as the first period, whatever the row order', () => {
    expect(cohortAnalysis([row('A', 9, 1, 1), row('B', 7, 1, 1), row('C', 8, 1, 1)], 'month', 9).firstPeriod).toBe(7);
    expect(cohortAnalysis([row('A', 9, 1, 1), row('B', 7, 1, 1), row('C', 8, 1, 1)], 'month', 9).cohorts.map((c) => c.period)).toEqual([7, 8, 9]);
  });
});
});

/** The cohort window (moved from the command): --from and --to within the data, and its partial first and last periods. */

const DATA = { first: '2024-01-03', last: '2024-12-20' };

describe('cohortWindow', () => {
  it('is the data\'s dates without --from and --to, its first and last months cut', () => {
    expect(cohortWindow(DATA, 'month')).toEqual({ from: '2024-01-03', to: '2024-12-20', startsWithData: true, firstPartial: true, lastPartial: true });
  });

  it('calls a period whole when the window starts on its first day and ends on its last (leap day, quarter, year)', () => {
    expect(cohortWindow(DATA, 'month', '2024-02-01', '2024-02-29')).toEqual({ from: '2024-02-01', to: '2024-02-29', startsWithData: false, firstPartial: false, lastPartial: false });
    expect(cohortWindow(DATA, 'month', '2024-02-02', '2024-02-28')).toMatchObject({ firstPartial: true, lastPartial: true });
    expect(cohortWindow(DATA, 'quarter', '2024-04-01', '2024-09-30')).toMatchObject({ firstPartial: false, lastPartial: false });
    expect(cohortWindow(DATA, 'quarter', '2024-03-31', '2024-10-01')).toMatchObject({ firstPartial: true, lastPartial: true });
    expect(cohortWindow({ first: '2023-01-01', last: '2024-12-31' }, 'year')).toMatchObject({ startsWithData: true, firstPartial: false, lastPartial: false });
  });

  it('clips --from and --to to the data, and a --from before the data starts with it', () => {
    expect(cohortWindow(DATA, 'month', '2020-01-01', '2030-01-01')).toMatchObject({ from: '2024-01-03', to: '2024-12-20', startsWithData: true });
    expect(cohortWindow(DATA, 'month', '2024-01-03')).toMatchObject({ startsWithData: true });
  });

  it('refuses a window with no transactions, naming it', () => {
    expect(() => cohortWindow(DATA, 'month', '2030-01-01')).toThrow(new UsageError('the window 2030-01-01 to 2024-12-20 has no transactions'));
    expect(() => cohortWindow(DATA, 'month', undefined, '2023-01-01')).toThrow(UsageError);
  });
});
