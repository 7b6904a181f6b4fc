/**
 * Cases that kill the mutants of src/analyses/xyz.ts and src/analyses/periods.ts that the other
 * tests let live (issue 19, TESTING.md): the class limits themselves, a span of exactly the minimum,
 * a customer who starts after the window, and the calendar numbering of weeks and quarters.
 */
import { describe, expect, it } from 'vitest';
import { periodIndex } from '../../../src/analyses/periods.js';
import { windowPeriods, xyzColumns, xyzOf, xyzReason, XYZ_CODES, type XyzParams } from '../../../src/analyses/xyz.js';

const params: XyzParams = { period: 'month', span: 'customer', windowStart: '2023-01-01', windowEnd: '2023-06-30', limits: [0.5, 1], minPeriods: 3 };
const jan = periodIndex('2023-01-01', 'month');

describe('XYZ class limits are inclusive', () => {
  it('a CV of exactly 0.5 is X, exactly 1 is Y', () => {
    // Four months of 150, 50, 150, 50 from March: mean 100, sd 50.
    expect(xyzOf({ key: 'a', firstPeriod: jan + 2, sum: 400, sumSq: 50_000 }, params)).toMatchObject({ periods: 4, cv: 0.5, xyzClass: 'X' });
    // Four months of 200, 0, 200, 0: mean 100, sd 100.
    expect(xyzOf({ key: 'b', firstPeriod: jan + 2, sum: 400, sumSq: 80_000 }, params)).toMatchObject({ periods: 4, cv: 1, xyzClass: 'Y' });
  });
  it('a CV that is exactly a limit in exact arithmetic gets that class at any scale of money', () => {
    // 9 spread evenly over 7 of 14 months: CV² = 14/7 - 1, so CV = 1 exactly; the sums carry
    // rounding, which scaled by 0.01 once put it a hair above 1 (Z) where unscaled it was Y.
    const months: XyzParams = { ...params, span: 'window', windowEnd: '2024-02-29' };
    for (const k of [1, 0.01, 0.5, 3, 1000]) {
      expect(xyzOf({ key: 'a', firstPeriod: jan, sum: 9 * k, sumSq: (81 / 7) * k * k }, months)).toMatchObject({ periods: 14, xyzClass: 'Y' });
    }
  });
  it('follows the limits given', () => {
    const strict: XyzParams = { ...params, limits: [0.1, 0.25] };
    expect(xyzOf({ key: 'a', firstPeriod: jan + 2, sum: 400, sumSq: 50_000 }, strict).xyzClass).toBe('Z');
  });
});

describe('the span of a customer', () => {
  it('of exactly the minimum number of periods gets a class', () => {
    expect(xyzOf({ key: 'a', firstPeriod: jan + 3, sum: 300, sumSq: 30_000 }, params)).toMatchObject({ periods: 3, mean: 100, cv: 0, xyzClass: 'X', reason: null });
  });
  it('starting after the window has no periods, a mean of 0 and no class', () => {
    const r = xyzOf({ key: 'a', firstPeriod: jan + 6, sum: 0, sumSq: 0 }, params);
    expect(r).toEqual({ key: 'a', periods: 0, mean: 0, cv: null, xyzClass: null, reason: 'fewer than 3 months in the span' });
  });
  it('over the whole window ignores when the customer started', () => {
    const window: XyzParams = { ...params, span: 'window' };
    expect(xyzOf({ key: 'a', firstPeriod: jan + 5, sum: 600, sumSq: 360_000 }, window)).toMatchObject({ periods: 6, mean: 100 });
    expect(xyzOf({ key: 'a', firstPeriod: jan - 12, sum: 600, sumSq: 60_000 }, window)).toMatchObject({ periods: 6, xyzClass: 'X' });
  });
  it('names weeks and quarters in the reason', () => {
    expect(xyzReason(1, { ...params, period: 'week', minPeriods: 8 })).toBe('fewer than 8 weeks in the span');
    expect(xyzReason(2, params)).toBe('net value is zero or negative');
    expect(xyzReason(0, params)).toBeNull();
    expect(XYZ_CODES).toEqual([null, 'X', 'Y', 'Z']);
  });
});

describe('XYZ over columns', () => {
  it('gives each customer its own span, mean, CV, class and reason', () => {
    const w = windowPeriods(params);
    expect(w).toEqual({ start: jan, end: jan + 5 });
    const c = xyzColumns([jan, jan + 4, jan], [600, 200, 0], [60_000, 20_000, 0], params, w);
    expect(Array.from(c.periods)).toEqual([6, 2, 6]);
    expect(Array.from(c.mean)).toEqual([100, 100, 0]);
    expect(Array.from(c.xyzClass)).toEqual([1, 0, 0]);
    expect(Array.from(c.reason)).toEqual([0, 1, 2]);
    expect(c.cv[0]).toBe(0);
    expect(Number.isNaN(c.cv[1]!)).toBe(true);
    expect(Number.isNaN(c.cv[2]!)).toBe(true);
  });
});

describe('the XYZ span of a customer who started before the window', () => {
  const params = { period: 'month' as const, span: 'customer' as const, windowStart: '2023-01-01', windowEnd: '2023-06-30', limits: [0.5, 1] as const, minPeriods: 3 };
  it('starts at the window, not at the first purchase', () => {
    const row = xyzOf({ key: 'old', firstPeriod: periodIndex('2021-06-15', 'month'), sum: 600, sumSq: 60_000 }, params);
    // January to June 2023: six months of 100, CV 0.
    expect(row).toMatchObject({ periods: 6, mean: 100, cv: 0, xyzClass: 'X' });
  });
  it('starts at the first purchase of a customer who joined inside the window', () => {
    const row = xyzOf({ key: 'new', firstPeriod: periodIndex('2023-04-02', 'month'), sum: 300, sumSq: 30_000 }, params);
    expect(row).toMatchObject({ periods: 3, mean: 100, cv: 0, xyzClass: 'X' });
  });
});

describe('XYZ', () => {
  const params = { period: 'month' as const, span: 'customer' as const, windowStart: '2023-01-01', windowEnd: '2023-06-30', limits: [0.5, 1] as const, minPeriods: 3 };
  const first = (date: string) => periodIndex(date, 'month');
  it('a customer buying 100 every month is X with CV 0', () => {
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-01-10'), sum: 600, sumSq: 60000 }, params)).toMatchObject({ periods: 6, cv: 0, xyzClass: 'X' });
  });
  it('one purchase in six months is Z: CV √5', () => {
    const r = xyzOf({ key: 'a', firstPeriod: first('2023-01-10'), sum: 600, sumSq: 360000 }, params);
    expect(r.cv).toBeCloseTo(Math.sqrt(5), 10);
    expect(r.xyzClass).toBe('Z');
  });
  it('counts from the first purchase, not the window start', () => {
    // First purchase in April: 3 months (Apr-Jun), 100 each → X.
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-04-02'), sum: 300, sumSq: 30000 }, params)).toMatchObject({ periods: 3, xyzClass: 'X' });
    // Over the whole window the same customer is irregular.
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-04-02'), sum: 300, sumSq: 30000 }, { ...params, span: 'window' })).toMatchObject({ periods: 6, xyzClass: 'Y' });
  });
  it('gives no class, never X, to a customer with too few periods', () => {
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-05-20'), sum: 200, sumSq: 20000 }, params)).toMatchObject({ periods: 2, xyzClass: null, reason: 'fewer than 3 months in the span' });
  });
  it('gives no class to a customer whose net value is not positive', () => {
    expect(xyzOf({ key: 'a', firstPeriod: first('2023-01-01'), sum: -50, sumSq: 2500 }, params)).toMatchObject({ xyzClass: null, reason: 'net value is zero or negative' });
  });
});
