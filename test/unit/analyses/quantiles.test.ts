/** `--quantiles r`: RFM scores as the R package rfm 0.3.0 gives them. */
import { describe, expect, it } from 'vitest';
import { intervalIndex, quantileType7, rPackageBreaks, rPackageScores } from '../../../src/analyses/quantiles.js';
import { rQuantileScores } from '../../../src/analyses/rfm.js';
import { runInProcess } from '../../helpers/in-process.js';

// R's datasets::mtcars$mpg.
const MPG = [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4];

describe('quantileType7', () => {
  it('is R quantile(x, type = 7)', () => {
    const sorted = [...MPG].sort((a, b) => a - b);
    // quantile(mtcars$mpg, c(0, .2, .25, .5, 1)) in R: 10.4 15.2 15.425 19.2 33.9
    expect(quantileType7(sorted, 0)).toBe(10.4);
    expect(quantileType7(sorted, 0.2)).toBeCloseTo(15.2, 10);
    expect(quantileType7(sorted, 0.25)).toBeCloseTo(15.425, 10);
    expect(quantileType7(sorted, 0.5)).toBeCloseTo(19.2, 10);
    expect(quantileType7(sorted, 1)).toBe(33.9);
  });
  it('decides the empty and single cases', () => {
    expect(quantileType7([], 0.5)).toBeUndefined();
    expect(quantileType7([7], 0.3)).toBe(7);
  });
});

describe('rPackageBreaks', () => {
  it("equals the package's own test: bins(mtcars, 'mpg', 5) is 16.20 18.92 22.00 25.08", () => {
    const b = rPackageBreaks(MPG, 5);
    expect(b.map((x) => Number(x.toFixed(2)))).toEqual([16.2, 18.92, 22, 25.08]);
  });
  it('is empty for no values', () => {
    expect(rPackageBreaks([], 5)).toEqual([]);
  });
});

describe('rPackageScores', () => {
  it('scores 1..10 by hand: breaks 3.8, 5.6, 7.4, 9.2 (type-7 quantiles at 20%..80%, plus 1)', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const { scores, breaks } = rPackageScores(values, 5, false);
    expect(breaks.map((x) => Number(x.toFixed(6)))).toEqual([3.8, 5.6, 7.4, 9.2]);
    // Not the tie-keeping quantiles' 1,1,2,2,3,3,4,4,5,5: the package's +1 shifts every break up.
    expect(scores).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
    expect(rPackageScores(values, 5, true).scores).toEqual([5, 5, 5, 4, 4, 3, 3, 2, 2, 1]);
  });
  it('closes intervals on the left, as findInterval: a value equal to a break takes the upper score', () => {
    expect(intervalIndex(3.8, [3.8, 5.6])).toBe(2);
    expect(intervalIndex(3.79, [3.8, 5.6])).toBe(1);
    expect(intervalIndex(100, [3.8, 5.6])).toBe(3);
  });
  it('gives equal values equal scores and leaves scores empty where breaks coincide', () => {
    const values = [1, 1, 1, 1, 1, 1, 1, 1, 2, 9];
    const s = rQuantileScores(values, 5, false);
    expect(new Set(s.scores.slice(0, 8)).size).toBe(1);
    expect(s.method).toBe('r');
    expect(s.empty.length).toBeGreaterThan(0);
    expect(s.emptyReason).toMatch(/R package rfm/);
  });
});

describe('segment rfm --quantiles r', () => {
  it("reproduces the R package's README scores on its own sample orders (analysis date 2006-12-31)", async () => {
    const r = await runInProcess(['rfm', 'fixtures/rfm-package/orders.csv.gz', '--as-of', '2006-12-31', '--quantiles', 'r', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { customers: { customer: string; rfm_score: string; recency_days: number; frequency: number; monetary: number }[] };
    const score = (name: string) => doc.customers.find((c) => c.customer === name);
    // From rsquaredacademy/rfm README.md: rfm_table_order(rfm_data_orders, …, as.Date("2006-12-31")).
    expect(score("Abbey O'Reilly")).toMatchObject({ recency_days: 205, frequency: 6, monetary: 472, rfm_score: '343' });
    expect(score('Add Senger')).toMatchObject({ recency_days: 140, frequency: 3, monetary: 340, rfm_score: '412' });
    expect(score('Aden Lesch')).toMatchObject({ recency_days: 194, frequency: 4, monetary: 405, rfm_score: '323' });
    expect(score('Aden Murphy')).toMatchObject({ recency_days: 98, frequency: 7, monetary: 596, rfm_score: '544' });
    expect(score('Admiral Senger')).toMatchObject({ recency_days: 132, frequency: 5, monetary: 448, rfm_score: '433' });
    expect(doc.customers).toHaveLength(995);
  });
});

describe('R package quantiles', () => {
  it('interpolate between order statistics and stay at the last one', () => {
    expect(quantileType7([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileType7([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileType7([10, 20], 0.25)).toBe(12.5);
    expect(quantileType7([10, 20], 0)).toBe(10);
  });
  it('sort the values before taking breaks', () => {
    expect(rPackageBreaks([4, 1, 3, 2], 2)).toEqual([3.5]);
    expect(rPackageBreaks([4, 1, 3, 2], 1)).toEqual([]);
  });
  it('find intervals with many breaks, an empty list and values below every break', () => {
    const breaks = [1, 2, 3, 4, 5, 6, 7];
    expect(breaks.map((b) => intervalIndex(b, breaks))).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(intervalIndex(0, breaks)).toBe(1);
    expect(intervalIndex(6.5, breaks)).toBe(7);
    expect(intervalIndex(5, [])).toBe(1);
  });
  it('reverse recency and report the breaks as cut points', () => {
    const s = rQuantileScores([1, 2, 3, 4], 2, true);
    // The break is the median 2.5 plus 1: only 4 is at or above it.
    expect(s.scores).toEqual([2, 2, 2, 1]);
    expect(s.cuts).toEqual([3.5]);
    expect(s.emptyReason).toBeNull();
    expect(rPackageScores([], 5, false)).toEqual({ scores: [], breaks: [] });
  });
});
