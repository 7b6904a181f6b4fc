// The tracking diagnostic of `segment clv`: repeat purchases per day from the engine (the summary's
// purchase-day rule), the model's cumulative expectation (against scipy: scripts/clv_period_counts.py),
// the weeks, and the charts.
/**
 * src/analyses/models/tracking.ts in-process, with E[X(t)] = t, so that every expected figure is a sum
 * worked out by hand: by day D the customers who first bought on day f expect (D − f) / 7 (weeks).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../../src/sources/files/duckdb/duckdb-engine.js';
import type { DayPurchases, RepeatPurchaseQuery } from '../../../../src/sources/files/duckdb/engine.js';
import { readTransactions } from '../../../../src/sources/files/read.js';
import { expectedPurchases } from '../../../../src/analyses/models/bgnbd.js';
import { tracking } from '../../../../src/analyses/models/tracking.js';
import { isChart } from '../../../../src/documents/chart-specs.js';
import { trackingCharts } from '../../../../src/documents/clv-diagnostic-charts.js';
import { clvSchema } from '../../../../src/schemas-clv.js';
import { TempDir } from '../../../../src/kernel/tempdir.js';
import { runInProcess } from '../../../helpers/in-process.js';

const temp = new TempDir();
afterAll(() => temp.remove());

async function repeatPurchases(csv: string, q: RepeatPurchaseQuery): Promise<DayPurchases[]> {
  const file = join(temp.dir(), `tracking-${Math.abs(csv.length)}.csv`);
  writeFileSync(file, csv);
  const engine = await DuckDbEngine.open({ tempDir: tmpdir() });
  try {
    await readTransactions([file], { overrides: {}, maxRejectRate: 0.5 }, { engine, temp, warn: () => undefined });
    return await engine.repeatPurchasesByDay(q);
  } finally {
    engine.close();
  }
}

describe('repeat purchases per day in the engine (DuckDB)', () => {
  it('counts purchase days after each customer first, by the summary rule, of the customers who first bought by firstBy', async () => {
    const rows = await repeatPurchases(
      [
        'customer,date,amount,quantity',
        // a: a free first order (a purchase), a paid one, a refund-only day (none), a paid one in the "holdout".
        'a,2024-01-05,0.00,1', 'a,2024-02-05,20.00,1', 'a,2024-02-06,-5.00,-1', 'a,2024-03-05,10.00,1',
        // b: first buys on 2024-02-05, two rows that day (one day), a zero line without goods (none).
        'b,2024-01-10,-8.00,-1', 'b,2024-02-05,30.00,2', 'b,2024-02-05,5.00,1', 'b,2024-02-20,0.00,0', 'b,2024-03-05,7.00,1',
        // c: first buys after firstBy: not a calibration customer.
        'c,2024-02-15,9.00,1', 'c,2024-03-05,9.00,1',
      ].join('\n'),
      { to: '2024-12-31', firstBy: '2024-02-10' },
    );
    expect(rows).toEqual([
      { date: '2024-02-05', purchases: 1 },
      { date: '2024-03-05', purchases: 2 },
    ]);
  });

  it('within the window only: a customer\'s first purchase day is the first in the window', async () => {
    const rows = await repeatPurchases(['customer,date,amount', 'a,2024-01-05,10', 'a,2024-02-05,20', 'a,2024-03-05,10'].join('\n'), { from: '2024-02-01', to: '2024-12-31', firstBy: '2024-02-10' });
    expect(rows).toEqual([{ date: '2024-03-05', purchases: 1 }]);
  });
});

describe('the weeks and the model line', () => {
  it('by hand: weeks from the holdout start back and forth, cut at the ends; E[X(t)] = t (days) per customer', () => {
    // Two customers first buying on days 0 and 3 of a window of 20 days; the holdout from day 10.
    const t = tracking(['2024-01-01', '2024-01-04'], (x) => x, 1, [{ date: '2024-01-02', purchases: 1 }, { date: '2024-01-12', purchases: 2 }, { date: '2024-01-20', purchases: 1 }], { from: '2024-01-01', to: '2024-01-20', holdoutFrom: '2024-01-11' });
    expect(t.weeks.map((w) => [w.start, w.end, w.holdout])).toEqual([
      ['2024-01-01', '2024-01-03', false],
      ['2024-01-04', '2024-01-10', false],
      ['2024-01-11', '2024-01-17', true],
      ['2024-01-18', '2024-01-20', true],
    ]);
    // Cumulative expected by day d (from 0): d + max(d − 3, 0): by day 2: 2; by 9: 9 + 6; by 16: 16 + 13; by 19: 19 + 16.
    expect(t.weeks.map((w) => w.expectedCumulative)).toEqual([2, 15, 29, 35]);
    expect(t.weeks.map((w) => w.expected)).toEqual([2, 13, 14, 6]);
    expect(t.weeks.map((w) => w.actual)).toEqual([1, 0, 2, 1]);
    expect(t.weeks.map((w) => w.actualCumulative)).toEqual([1, 1, 3, 4]);
  });

  it('CDNOW at the published BG/NBD parameters: Σ_i E[X(D − first_i)] by the end of calibration and of the holdout, and the first holdout week, as scipy', () => {
    const firsts = new Map<string, string>();
    for (const line of readFileSync('fixtures/cdnow/cdnow-sample.txt', 'utf8').split(/\r?\n/)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 5 || f[2]! > '19970930') continue;
      const iso = `${f[2]!.slice(0, 4)}-${f[2]!.slice(4, 6)}-${f[2]!.slice(6)}`;
      if (!firsts.has(f[1]!) || iso < firsts.get(f[1]!)!) firsts.set(f[1]!, iso);
    }
    const BG = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
    const t = tracking([...firsts.values()], (x) => expectedPurchases(BG, x), 7, [], { from: '1997-01-01', to: '1998-06-30', holdoutFrom: '1997-10-01' });
    expect(firsts.size).toBe(2357);
    const at = (end: string) => t.weeks.find((w) => w.end === end)!;
    expect(at('1997-09-30').expectedCumulative).toBeCloseTo(2494.033435, 4);
    expect(at('1997-10-07').expected).toBeCloseTo(52.66474, 4);
    expect(t.weeks.at(-1)!.end).toBe('1998-06-30');
    expect(t.weeks.at(-1)!.expectedCumulative).toBeCloseTo(4160.75386, 4);
  });
});

describe('segment clv: the tracking in JSON and HTML', () => {
  const CDNOW = ['clv', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week'];

  it('JSON: actual repeat purchases are Σ x in the calibration (2,457, as FHL 2005) and the holdout check\'s 1,882 after it', async () => {
    const r = await runInProcess([...CDNOW, '--holdout-from', '1997-10-01', '--json', '--top', '0']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(clvSchema.safeParse(doc).success).toBe(true);
    const weeks = doc.tracking.weeks as { holdout: boolean; actual: number; expected: number; actual_cumulative: number }[];
    const sum = (holdout: boolean) => weeks.filter((w) => w.holdout === holdout).reduce((s, w) => s + w.actual, 0);
    expect(sum(false)).toBe(2457);
    expect(sum(true)).toBe(1882);
    expect(doc.holdout.actual).toBe(1882);
    expect(weeks.at(-1)!.actual_cumulative).toBe(4339);
    expect(doc.tracking).toMatchObject({ from: '1997-01-01', to: '1998-06-30', holdout_from: '1997-10-01' });
    // Without a holdout, the calibration only.
    const cal = JSON.parse((await runInProcess([...CDNOW, '--as-of', '1997-09-30', '--json', '--top', '0'])).stdout);
    expect(cal.tracking.to).toBe('1997-09-30');
    expect(cal.tracking.weeks.every((w: { holdout: boolean }) => !w.holdout)).toBe(true);
    expect(cal.tracking.weeks.at(-1).actual_cumulative).toBe(2457);
  });

  it('the two charts: readings with the totals; without weeks, why', () => {
    const t = tracking(['2024-01-01'], (x) => x / 7, 1, [{ date: '2024-01-09', purchases: 3 }], { from: '2024-01-01', to: '2024-01-14', holdoutFrom: '2024-01-08' });
    const [cumulative, weekly] = trackingCharts(t, 'BG/NBD');
    if (!isChart(cumulative) || !isChart(weekly)) throw new Error('not drawn');
    expect(cumulative.reading).toBe('By 2024-01-14 the calibration customers made 3 repeat purchases; the BG/NBD expected 1.9 (61.9% of actual); in the holdout from 2024-01-08: actual 3, the BG/NBD 1.0 (33.3% of actual).');
    expect(weekly.reading).toBe('Mean repeat purchases per week: calibration (1 week) actual 0.0, expected 0.9; holdout (1 week) actual 3.0, expected 1.0. The first and last weeks can be shorter.');
    expect(weekly.table.rows).toEqual([
      ['2024-01-01 to 2024-01-07', 'calibration', '0', '0.9'],
      ['2024-01-08 to 2024-01-14', 'holdout', '3', '1.0'],
    ]);
    expect(trackingCharts(null, 'BG/NBD').map((c) => ('why' in c ? c.why : ''))).toEqual(['no weeks to track', 'no weeks to track']);
  });
});

const linear = (t: number): number => t;

// Two customers first bought on day 0 (2024-01-01), one on day 4 (2024-01-05).
const firsts = ['2024-01-01', '2024-01-01', '2024-01-05'];

const actual = [
  { date: '2024-01-01', purchases: 1 },
  { date: '2024-01-03', purchases: 2 },
  { date: '2024-01-09', purchases: 1 },
  { date: '2024-01-10', purchases: 4 },
  { date: '2024-01-20', purchases: 1 },
  // Outside the period: left out.
  { date: '2023-12-31', purchases: 9 },
  { date: '2024-01-21', purchases: 5 },
];

describe('tracking', () => {
  it('weeks run from the holdout\'s first day; the first and last are cut at the period\'s ends', () => {
    // 20 days, holdout from day 9: weeks start on days 0 (cut), 2, 9 and 16 (cut: 16–19).
    // Expected by the last day of each: day 1: 2 × 1/7; day 8: 2 × 8/7 + 4/7; day 15: 2 × 15/7 + 11/7; day 19: 2 × 19/7 + 15/7.
    const r = tracking(firsts, linear, 7, actual, { from: '2024-01-01', to: '2024-01-20', holdoutFrom: '2024-01-10' });
    expect(r).toMatchObject({ from: '2024-01-01', to: '2024-01-20', holdoutFrom: '2024-01-10' });
    expect(r.weeks.map((w) => [w.start, w.end, w.holdout, w.actual, w.actualCumulative])).toEqual([
      ['2024-01-01', '2024-01-02', false, 1, 1],
      ['2024-01-03', '2024-01-09', false, 3, 4],
      ['2024-01-10', '2024-01-16', true, 4, 8],
      ['2024-01-17', '2024-01-20', true, 1, 9],
    ]);
    const cumulative = [2 / 7, 20 / 7, 41 / 7, 53 / 7];
    r.weeks.forEach((w, i) => {
      expect(w.expectedCumulative).toBeCloseTo(cumulative[i]!, 12);
      expect(w.expected).toBeCloseTo(cumulative[i]! - (cumulative[i - 1] ?? 0), 12);
    });
  });

  it('without a holdout, weeks run from the first day and none is holdout', () => {
    const r = tracking(firsts, linear, 7, actual, { from: '2024-01-01', to: '2024-01-20', holdoutFrom: null });
    expect(r.holdoutFrom).toBeNull();
    expect(r.weeks.map((w) => [w.start, w.end, w.holdout, w.actual])).toEqual([
      ['2024-01-01', '2024-01-07', false, 3],
      ['2024-01-08', '2024-01-14', false, 5],
      ['2024-01-15', '2024-01-20', false, 1],
    ]);
    // Day 6: 2 × 6/7 + 2/7; day 13: 2 × 13/7 + 9/7; day 19: 53/7.
    expect(r.weeks.map((w) => w.expectedCumulative * 7)).toEqual([14, 35, 53].map((x) => expect.closeTo(x, 10)));
  });

  it('a holdout a whole number of weeks in starts a week on its first day, not a cut one', () => {
    const r = tracking(firsts, linear, 7, [], { from: '2024-01-01', to: '2024-01-14', holdoutFrom: '2024-01-08' });
    expect(r.weeks.map((w) => [w.start, w.end, w.holdout])).toEqual([
      ['2024-01-01', '2024-01-07', false],
      ['2024-01-08', '2024-01-14', true],
    ]);
  });

  it('takes the lag in model units: days ÷ days per unit', () => {
    // One customer from day 0, months of 30 days: by day 29, E[X(29/30)].
    const r = tracking(['2024-01-01'], linear, 30, [], { from: '2024-01-01', to: '2024-01-30', holdoutFrom: null });
    expect(r.weeks.at(-1)!.expectedCumulative).toBeCloseTo(29 / 30, 12);
  });
});

describe('tracking: the edges (issue 27)', () => {
  it('a customer counts from their first day itself: E[X(0)] is taken as the function gives it (1 + t here), not skipped', () => {
    // One customer from day 2 of 5 days, weeks cut at day 3: by day 2 (their first) 1 + 0, by day 4 1 + 2.
    const r = tracking(['2024-01-03'], (t) => 1 + t, 1, [], { from: '2024-01-01', to: '2024-01-05', holdoutFrom: '2024-01-04' });
    expect(r.weeks.map((w) => [w.start, w.end, w.expectedCumulative])).toEqual([
      ['2024-01-01', '2024-01-03', 1],
      ['2024-01-04', '2024-01-05', 3],
    ]);
    // Before their first day they expect nothing (not NaN from a lag below 0).
    expect(tracking(['2024-01-05'], (t) => 1 + t, 1, [], { from: '2024-01-01', to: '2024-01-05', holdoutFrom: '2024-01-04' }).weeks[0]!.expectedCumulative).toBe(0);
  });

  it('purchases dated before the period, after it, or far outside it are left out; the last day’s are in', () => {
    const r = tracking(['2024-01-01'], linear, 7, [{ date: '2023-01-01', purchases: 100 }, { date: '2024-01-08', purchases: 3 }, { date: '2024-01-09', purchases: 7 }, { date: '2030-01-01', purchases: 50 }], { from: '2024-01-01', to: '2024-01-08', holdoutFrom: null });
    expect(r.weeks.map((w) => [w.end, w.actual, w.actualCumulative])).toEqual([
      ['2024-01-07', 0, 0],
      ['2024-01-08', 3, 3],
    ]);
  });
});
