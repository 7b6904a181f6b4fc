/** The engine's per-customer summary, checked by hand on the CRM fixture. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { DuckDbEngine } from '../../../../../src/sources/files/duckdb/duckdb-engine.js';
import type { CustomerSummary, SummaryResult } from '../../../../../src/sources/files/duckdb/engine.js';
import { readTransactions } from '../../../../../src/sources/files/read.js';
import { TempDir } from '../../../../../src/kernel/tempdir.js';
import { fixture } from '../../../../helpers/cli.js';

let engine: DuckDbEngine;
const temp = new TempDir();
let summary: SummaryResult;
const byName = (name: string): CustomerSummary => summary.customers.find((c) => c.name === name)!;

beforeAll(async () => {
  engine = await DuckDbEngine.open({ tempDir: tmpdir() });
  await readTransactions([fixture('crm-invoices.csv')], { overrides: {}, maxRejectRate: 0.01 }, { engine, temp, warn: () => undefined });
  summary = await engine.customerSummary({ to: '2024-12-02', asOf: '2024-12-02', period: 'month', periodOrders: true });
});
afterAll(() => {
  engine.close();
  temp.remove();
});

describe('customerSummary', () => {
  it('has one row per customer with net revenue, orders and dates', () => {
    expect(summary.customers).toHaveLength(7);
    expect(byName('Nordbyg ApS')).toMatchObject({ customer: 'C001', firstDate: '2023-01-15', lastDate: '2024-11-15', orders: 9, transactions: 9, revenue: 128200, margin: 38460, refunds: 0 });
    // Two invoices and a credit note that takes one back.
    expect(byName('Hansen Design')).toMatchObject({ orders: 2, transactions: 3, revenue: 3200, refunds: -2800, margin: 1280 });
  });
  it('gives per-period sums and sums of squares, and the months with purchases', () => {
    const h = byName('Hansen Design');
    // Months: 2023-01 +3,200, 2023-04 +2,800, 2024-01 −2,800.
    expect(h.activePeriods).toBe(3);
    expect(h.periodRevenueSum).toBe(3200);
    expect(h.periodRevenueSumSq).toBe(3200 ** 2 + 2800 ** 2 + 2800 ** 2);
    expect(h.periodOrdersSum).toBe(2);
    expect(h.periodOrdersSumSq).toBe(2);
  });
  it('measures punctuality on invoices, overdue ones at the as-of date', () => {
    // Paid 39 and 50 days late; the credit note is no invoice.
    expect(byName('Hansen Design')).toMatchObject({ invoicesDue: 2, invoicesOnTime: 0, daysLateSum: 89 });
    // Due 2023-10-01 and never paid: 428 days late at 2024-12-02.
    expect(byName('Bager Bent')).toMatchObject({ invoicesDue: 1, invoicesOnTime: 0, daysLateSum: 428 });
    expect(byName('Nordbyg ApS')).toMatchObject({ invoicesDue: 9, invoicesOnTime: 9, daysLateSum: 0 });
  });
  it('counts orders per period only when asked (the costly distinct count)', async () => {
    const s = await engine.customerSummary({ to: '2024-12-02', asOf: '2024-12-02', period: 'month' });
    const h = s.customers.find((c) => c.customer === byName('Hansen Design').customer)!;
    expect(h.periodOrdersSum).toBeNull();
    expect(h.periodRevenueSum).toBe(3200);
  });
  it('counts what the window leaves out', async () => {
    const s = await engine.customerSummary({ from: '2024-01-01', to: '2024-06-30', asOf: '2024-06-30', period: 'quarter' });
    expect(s.beforeFrom.rows).toBe(13);
    expect(s.afterTo.rows).toBe(5);
    expect(s.customers.reduce((t, c) => t + c.transactions, 0)).toBe(24 - 13 - 5);
  });
});

// Issue 28: with one input, the date range and the counts around a window that ends on the last
// date come from the input's accounting, without a statement; they must be the statements' own.
describe('the date range and window counts of one input', () => {
  it('equal those counted over the combined transactions', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(temp.dir(), 'keyed.csv');
    // A row without a customer (2023-12-31, outside the customers' range), a refund, a bad amount.
    writeFileSync(file, 'customer,date,amount\na,2024-01-05,10.10\nb,2024-02-07,20.20\n,2023-12-31,5.55\na,2024-03-09,-3.30\nb,2024-04-11,x\nc,2024-05-13,7.77\n');
    const e = await DuckDbEngine.open({ tempDir: tmpdir() });
    try {
      await readTransactions([file], { overrides: {}, maxRejectRate: 0.5 }, { engine: e, temp, warn: () => undefined });
      const [sql] = await e.query<{ first: string; last: string; n: unknown; amount: number }>(
        `SELECT min(date)::VARCHAR AS first, max(date)::VARCHAR AS last, sum(n)::BIGINT AS n, sum(amount)::DOUBLE AS amount FROM tx WHERE customer IS NOT NULL`,
      );
      expect(await e.dateRange()).toEqual({ first: sql!.first, last: sql!.last });
      expect(sql).toMatchObject({ first: '2024-01-05', last: '2024-05-13' });
      const fast = await e.customerColumns({ to: sql!.last, asOf: sql!.last, period: 'month' });
      // A start before every date: the counts' statement runs, and leaves nothing out either.
      const counted = await e.customerColumns({ from: '2000-01-01', to: sql!.last, asOf: sql!.last, period: 'month' });
      const totals = (r: typeof fast) => ({ earliest: r.earliestDate, latest: r.latestDate, after: r.afterTo, before: r.beforeFrom, total: r.total });
      expect(totals(fast)).toEqual(totals(counted));
      expect(fast.total).toEqual({ rows: Number(sql!.n), amount: sql!.amount });
      expect(fast.total.rows).toBe(4);
    } finally {
      e.close();
    }
  });
});
