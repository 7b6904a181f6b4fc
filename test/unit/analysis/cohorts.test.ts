/** Cohorts: the triangle computed by hand, the engine's per-period rows, and the command's JSON. */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortAnalysis, periodLabel, periodOf } from '../../../src/analysis/cohorts.js';
import { DuckDbEngine } from '../../../src/engine/duckdb-engine.js';
import { readTransactions } from '../../../src/ingest/read.js';
import { SCHEMAS } from '../../../src/schemas.js';
import { TempDir } from '../../../src/tempdir.js';
import { runInProcess } from '../../helpers/in-process.js';

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
