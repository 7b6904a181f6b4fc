/** The summary as columns: the days a CLV model needs, the two shapes agree, the macros a statement needs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../../../src/sources/files/duckdb/duckdb-engine.js';
import { MACROS, macrosFor } from '../../../src/sources/files/duckdb/sql.js';
import { dayNumber, isoDay, summaryColumns, summaryRows } from '../../../src/sources/summary-columns.js';
import { readTransactions } from '../../../src/sources/files/read.js';
import { TempDir } from '../../../src/kernel/tempdir.js';

let engine: DuckDbEngine;
const temp = new TempDir();
const dir = mkdtempSync(join(tmpdir(), 'segment-columns-'));

beforeAll(async () => {
  // A: two orders on 2024-01-01 (one purchase day of 150), a day that nets to −10, and 2024-02-01.
  // B: a refund first, then one purchase day.
  const file = join(dir, 'days.csv');
  writeFileSync(
    file,
    `${[
      'order,customer,date,amount',
      '1,A,2024-01-01,100.00',
      '2,A,2024-01-01,50.00',
      '3,A,2024-01-03,10.00',
      'C3,A,2024-01-03,-20.00',
      '4,A,2024-02-01,30.00',
      'C9,B,2024-01-02,-40.00',
      '5,B,2024-01-05,70.00',
    ].join('\n')}\n`,
  );
  engine = await DuckDbEngine.open({ tempDir: tmpdir() });
  await readTransactions([file], { overrides: {}, maxRejectRate: 0.5 }, { engine, temp, warn: () => undefined });
});
afterAll(() => {
  engine.close();
  temp.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('customerColumns', () => {
  it('counts purchase days (same-day rows merged, net positive) and the first purchase day’s net', async () => {
    const { columns: c } = await engine.customerColumns({ to: '2024-02-01', asOf: '2024-02-01', period: 'month' });
    expect(c.customer).toEqual(['A', 'B']);
    expect(Array.from(c.purchaseDays)).toEqual([2, 1]);
    expect(Array.from(c.firstDayRevenue)).toEqual([150, 70]);
    expect(Array.from(c.revenue)).toEqual([170, 30]);
    expect(c.quantity).toBeNull();
    expect(isoDay(c.firstDay[0]!)).toBe('2024-01-01');
    expect(isoDay(c.lastDay[1]!)).toBe('2024-01-05');
  });
  it('gives the same summary as customerSummary, and the columns survive a round trip through rows', async () => {
    const q = { to: '2024-02-01', asOf: '2024-02-01', period: 'month' as const, periodOrders: true };
    const rows = (await engine.customerSummary(q)).customers;
    const { columns } = await engine.customerColumns(q);
    expect(summaryRows(columns)).toEqual(rows);
    expect(summaryRows(summaryColumns(rows))).toEqual(rows);
    expect(rows[0]).toMatchObject({ customer: 'A', purchaseDays: 2, firstDayRevenue: 150, periodRevenueSum: 170, activePeriods: 2 });
  });
  it('the first and last purchase days skip days of refunds only: B’s refund on 01-02 before its purchase, A’s net −10 on 01-03 after its last', async () => {
    const { columns: c } = await engine.customerColumns({ to: '2024-01-05', asOf: '2024-01-05', period: 'month' });
    expect(c.customer).toEqual(['A', 'B']);
    expect(Array.from(c.firstPurchaseDay, isoDay)).toEqual(['2024-01-01', '2024-01-05']);
    expect(Array.from(c.lastPurchaseDay, isoDay)).toEqual(['2024-01-01', '2024-01-05']);
    expect(Array.from(c.firstDay, isoDay)).toEqual(['2024-01-01', '2024-01-02']);
    expect(Array.from(c.lastDay, isoDay)).toEqual(['2024-01-03', '2024-01-05']);
  });
  it('leaves a window with no purchase day at zero days, its purchase days at its first and last dates', async () => {
    const { columns: c } = await engine.customerColumns({ from: '2024-01-03', to: '2024-01-03', asOf: '2024-01-03', period: 'month' });
    expect(c.customer).toEqual(['A']);
    expect(c.purchaseDays[0]).toBe(0);
    expect(c.firstDayRevenue[0]).toBe(0);
    expect(isoDay(c.firstPurchaseDay[0]!)).toBe('2024-01-03');
    expect(isoDay(c.lastPurchaseDay[0]!)).toBe('2024-01-03');
  });
});

describe('customerColumns, purchase days and the first day’s margin (worked out by hand)', () => {
  // C: 01-05 a refund only (none); 01-10 a 0.00 order and no refund (a purchase, the first, margin
  // 0); 01-20 +25 and −25 (nets to zero with a refund: none); 02-03 +40, margin 12.50 (the last).
  // D: 01-07 two orders, net 50, margin 10 (the first purchase day); 01-08 a refund only.
  let own: DuckDbEngine;
  beforeAll(async () => {
    const file = join(dir, 'margins.csv');
    writeFileSync(
      file,
      `${[
        'order,customer,date,amount,margin',
        '10,C,2024-01-05,-8.00,-2.00',
        '11,C,2024-01-10,0.00,0.00',
        '12,C,2024-01-20,25.00,5.00',
        '13,C,2024-01-20,-25.00,-5.00',
        '14,C,2024-02-03,40.00,12.50',
        '15,D,2024-01-07,30.00,9.00',
        '16,D,2024-01-07,20.00,1.00',
        '17,D,2024-01-08,-5.00,-1.00',
      ].join('\n')}\n`,
    );
    own = await DuckDbEngine.open({ tempDir: tmpdir() });
    await readTransactions([file], { overrides: {}, maxRejectRate: 0 }, { engine: own, temp, warn: () => undefined });
  });
  afterAll(() => own.close());

  it('gives every column of the summary', async () => {
    const { columns: c } = await own.customerColumns({ to: '2024-02-03', asOf: '2024-02-03', period: 'month', periodOrders: true });
    expect(c.customer).toEqual(['C', 'D']);
    expect(c.name).toEqual(['C', 'D']);
    expect(Array.from(c.purchaseDays)).toEqual([2, 1]);
    expect(Array.from(c.firstPurchaseDay, isoDay)).toEqual(['2024-01-10', '2024-01-07']);
    expect(Array.from(c.lastPurchaseDay, isoDay)).toEqual(['2024-02-03', '2024-01-07']);
    expect(Array.from(c.firstDay, isoDay)).toEqual(['2024-01-05', '2024-01-07']);
    expect(Array.from(c.lastDay, isoDay)).toEqual(['2024-02-03', '2024-01-08']);
    expect(Array.from(c.recencyDays)).toEqual([0, 26]);
    expect(Array.from(c.tenureDays)).toEqual([29, 27]);
    expect(Array.from(c.firstDayRevenue)).toEqual([0, 50]);
    expect(Array.from(c.firstDayMargin!)).toEqual([0, 10]);
    expect(Array.from(c.revenue)).toEqual([32, 45]);
    expect(Array.from(c.refunds)).toEqual([-33, -5]);
    expect(Array.from(c.margin!)).toEqual([10.5, 9]);
    // Orders: lines of a positive amount (12, 14; 15, 16); the 0.00 order is no order's line.
    expect(Array.from(c.orders)).toEqual([2, 2]);
    expect(Array.from(c.transactions)).toEqual([5, 3]);
    // Months: C −8 (01) and +40 (02); D +45 (01).
    expect(Array.from(c.activePeriods)).toEqual([2, 1]);
    expect(Array.from(c.periodRevenueSum)).toEqual([32, 45]);
    expect(Array.from(c.periodRevenueSumSq)).toEqual([64 + 1600, 2025]);
    expect(Array.from(c.periodOrdersSum!)).toEqual([2, 2]);
    expect(Array.from(c.periodOrdersSumSq!)).toEqual([1 + 1, 4]);
    expect(c.quantity).toBeNull();
  });
  it('a window that starts after the refunds: C’s first day is its 0.00 purchase', async () => {
    const { columns: c } = await own.customerColumns({ from: '2024-01-09', to: '2024-02-03', asOf: '2024-02-03', period: 'month' });
    expect(c.customer).toEqual(['C']);
    expect(Array.from(c.firstDay, isoDay)).toEqual(['2024-01-10']);
    expect(Array.from(c.purchaseDays)).toEqual([2]);
    expect(Array.from(c.refunds)).toEqual([-25]);
    expect(Array.from(c.revenue)).toEqual([40]);
  });
});

describe('day numbers', () => {
  it('count days from 1970-01-01 both ways', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(isoDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(isoDay(-1)).toBe('1969-12-31');
  });
});

describe('macrosFor', () => {
  it('creates the macros a statement uses, with those they call first, each once', () => {
    const created = new Set<string>();
    const first = macrosFor('SELECT seg_date_class(c0) FROM t', created);
    expect(first.map((s) => /MACRO (\w+)/.exec(s)![1])).toEqual(['seg_blank', 'seg_pending', 'seg_dm_order', 'seg_date_shape', 'seg_date_class']);
    expect(macrosFor('SELECT seg_blank(c1), seg_date_class(c0)', created)).toEqual([]);
    expect(macrosFor('SELECT 1', new Set())).toEqual([]);
  });
  it('knows every macro by its name', () => {
    const all = macrosFor(MACROS.map((m) => `${/MACRO (\w+)/.exec(m)![1]}(x)`).join(' '), new Set());
    expect(all).toEqual([...MACROS]);
  });
});

describe('customerColumns, the period revenues’ sums are exact (worked out with BigInt)', () => {
  // P: months of 0.10, 0.20, 0.30, whose DOUBLE sum in that order is 0.6000000000000001.
  // Q: months of 90,912,872,968.9295 (two rows), 0.0003 and 33,228,149,304.1833, whose DOUBLE Σ² is off by an ulp in either order.
  const periods: Record<string, string[]> = { P: ['0.1000', '0.2000', '0.3000'], Q: ['90912872968.9295', '0.0003', '33228149304.1833'] };
  const units = (v: string): bigint => BigInt(v.replace('.', ''));
  /** The correctly rounded DOUBLE of an exact sum of units of 10^-scale. */
  const exact = (sum: bigint, scale: number): number => Number(`${sum}e-${scale}`);
  const cd = mkdtempSync(join(tmpdir(), 'segment-exact-'));
  let e: DuckDbEngine;
  beforeAll(async () => {
    const file = join(cd, 'exact.csv');
    const rows = ['customer,date,amount', 'P,2024-01-10,0.10', 'P,2024-02-10,0.20', 'P,2024-03-10,0.30'];
    rows.push('Q,2024-01-10,45456436484.4645', 'Q,2024-01-11,45456436484.4650', 'Q,2024-02-10,0.0003', 'Q,2024-03-10,33228149304.1833');
    writeFileSync(file, `${rows.join('\n')}\n`);
    e = await DuckDbEngine.open({ tempDir: tmpdir() });
    await readTransactions([file], { overrides: {}, maxRejectRate: 0.5 }, { engine: e, temp, warn: () => undefined });
  });
  afterAll(() => {
    e.close();
    rmSync(cd, { recursive: true, force: true });
  });
  it('gives Σ and Σ² of the period revenues as the correctly rounded values of their exact sums (below 2^53 units of the last digit)', async () => {
    const { columns: c } = await e.customerColumns({ to: '2024-03-31', asOf: '2024-03-31', period: 'month' });
    expect(c.customer).toEqual(['P', 'Q']);
    for (const [i, k] of ['P', 'Q'].entries()) {
      const u = periods[k]!.map(units);
      const s = exact(u.reduce((a, b) => a + b, 0n), 4);
      const ss = exact(u.reduce((a, b) => a + b * b, 0n), 8);
      expect(c.periodRevenueSum[i]).toBe(s);
      expect(c.periodRevenueSumSq[i]).toBe(ss);
    }
    // The cases tell exact sums from DOUBLE sums: in the periods' order, these differ.
    expect(0.1 + 0.2 + 0.3).not.toBe(c.periodRevenueSum[0]);
    const q = periods.Q!.map(Number);
    expect(q.reduce((a, b) => a + b * b, 0)).not.toBe(c.periodRevenueSumSq[1]);
    expect(q.reverse().reduce((a, b) => a + b * b, 0)).not.toBe(c.periodRevenueSumSq[1]);
    expect(c.periodRevenueSum[0]).toBe(0.6);
  });
});
