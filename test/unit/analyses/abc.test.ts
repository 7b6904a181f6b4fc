/**
 * Cases that kill the mutants of src/analyses/abc.ts that the other tests let live (issue 19,
 * TESTING.md): the ranking on each of its three paths (already ranked, keys in order, neither),
 * classes at exactly a limit, the class summaries, and the computed method's points.
 */
import { describe, expect, it } from 'vitest';
import { abcAnalysis, abcColumn, computedPoints, rankColumn, rankOrder, rankPositions, type AbcItem, type AbcMethod } from '../../../src/analyses/abc.js';

const items = (values: readonly number[]): AbcItem[] => values.map((value, i) => ({ key: `c${String(i).padStart(3, '0')}`, value }));
const classes = (values: readonly number[], method: 'cumulative' | 'count' | 'computed', limits: [number, number]) =>
  abcAnalysis(items(values), method, limits).rows.map((r) => `${r.value}:${r.abcClass}`);

describe('the ranking: value descending, then key', () => {
  it('keeps an already ranked column as it is', () => {
    expect(Array.from(rankColumn([3, 2, 2, 1], ['a', 'b', 'c', 'd']))).toEqual([0, 1, 2, 3]);
    expect(Array.from(rankColumn([], []))).toEqual([]);
  });
  it('breaks ties by position when the keys are in order', () => {
    expect(Array.from(rankColumn([1, 3, 1, 3], ['a', 'b', 'c', 'd']))).toEqual([1, 3, 0, 2]);
    expect(Array.from(rankColumn([2, 5, 5, 9, 2], ['a', 'b', 'c', 'd', 'e']))).toEqual([3, 1, 2, 0, 4]);
  });
  it('breaks ties by key when the keys are not in order', () => {
    expect(Array.from(rankColumn([1, 1, 2, 2], ['d', 'c', 'b', 'a']))).toEqual([3, 2, 1, 0]);
    // Ranked by value, but the tie is in the wrong key order.
    expect(Array.from(rankColumn([5, 2, 2], ['z', 'y', 'x']))).toEqual([0, 2, 1]);
    expect(Array.from(rankColumn([2, 2], ['b', 'a']))).toEqual([1, 0]);
  });
  it('orders items and their positions alike', () => {
    const xs = [{ key: 'b', value: 1 }, { key: 'a', value: 1 }, { key: 'c', value: 4 }];
    expect(rankPositions(xs)).toEqual([2, 1, 0]);
    expect(rankOrder(xs).map((i) => i.key)).toEqual(['c', 'a', 'b']);
  });
});

describe('ABC classes at exactly a limit', () => {
  it('cumulative: the customer after exactly 80% is B, after exactly 95% C', () => {
    expect(classes([80, 15, 5], 'cumulative', [0.8, 0.95])).toEqual(['80:A', '15:B', '5:C']);
    expect(classes([50, 30, 20], 'cumulative', [0.5, 0.8])).toEqual(['50:A', '30:B', '20:C']);
  });
  it('count: the limits are shares of customers, a tie group takes its first member’s class', () => {
    expect(classes([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 'count', [0.2, 0.5])).toEqual(['10:A', '9:A', '8:B', '7:B', '6:B', '5:C', '4:C', '3:C', '2:C', '1:C']);
    expect(classes([5, 4, 4, 4, 1], 'count', [0.2, 0.4])).toEqual(['5:A', '4:B', '4:B', '4:B', '1:C']);
    expect(classes([5, 0, 0, 0, 0], 'count', [0.6, 0.8])).toEqual(['5:A', '0:C', '0:C', '0:C', '0:C']);
  });
});

describe('ABC summaries and rows', () => {
  it('count customers and value per class, as shares of all', () => {
    const r = abcAnalysis(items([60, 25, 10, 5]), 'cumulative', [0.8, 0.95]);
    expect(r.classes).toEqual({
      A: { customers: 2, customerShare: 0.5, value: 85, valueShare: 0.85 },
      B: { customers: 1, customerShare: 0.25, value: 10, valueShare: 0.1 },
      C: { customers: 1, customerShare: 0.25, value: 5, valueShare: 0.05 },
    });
    expect(r).toMatchObject({ method: 'cumulative', limits: [0.8, 0.95], total: 100 });
    expect(r.computed).toBeUndefined();
  });
  it('give each row its key, position, rank and shares', () => {
    const r = abcAnalysis([{ key: 'x', value: 1 }, { key: 'y', value: 3 }], 'cumulative', [0.8, 0.95]);
    expect(r.rows).toEqual([
      { key: 'y', position: 1, value: 3, rank: 1, share: 0.75, cumulativeShare: 0.75, abcClass: 'A' },
      { key: 'x', position: 0, value: 1, rank: 2, share: 0.25, cumulativeShare: 1, abcClass: 'A' },
    ]);
    expect(r.rows).toBe(r.rows);
  });
  it('have zero shares when the values net to zero, and none without customers', () => {
    const r = abcAnalysis(items([5, -5]), 'cumulative', [0.8, 0.95]);
    expect(r.rows.map((x) => [x.share, x.cumulativeShare, x.abcClass])).toEqual([[0, 0, 'C'], [0, 0, 'C']]);
    expect(r.classes.C).toEqual({ customers: 2, customerShare: 1, value: 0, valueShare: 0 });
    expect(abcAnalysis([], 'count', [0.2, 0.5]).classes.A).toEqual({ customers: 0, customerShare: 0, value: 0, valueShare: 0 });
  });
  it('put everybody in C when the net total is negative, even a customer with a positive value', () => {
    expect(classes([5, -10], 'cumulative', [0.8, 0.95])).toEqual(['5:C', '-10:C']);
  });
  it('expose the ranking, the sorted values and the cumulative shares of a column', () => {
    const c = abcColumn([1, 3, 6], ['a', 'b', 'c'], 'cumulative', [0.8, 0.95]);
    expect(Array.from(c.positions)).toEqual([2, 1, 0]);
    expect(Array.from(c.sorted)).toEqual([6, 3, 1]);
    expect(Array.from(c.cumulativeShares)).toEqual([0.6, 0.9, 1]);
    expect(c.classes).toEqual(['A', 'A', 'B']);
  });
});

describe('computed ABC (Ultsch & Lötsch) points', () => {
  // Expected points: the nearest points on the ABC curve, computed with numpy by the paper's definitions.
  it('for 9, 8, …, 1', () => {
    const p = computedPoints([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(p.paretoEffort).toBeCloseTo(0.42622950819672123, 12);
    expect(p.breakEvenEffort).toBeCloseTo(5 / 9, 12);
    expect(p.submarginalEffort).toBeCloseTo(0.6639566395663957, 12);
    expect(p.abEffort).toBeCloseTo(0.42622950819672123, 12);
    expect(p.bcEffort).toBeCloseTo(0.6639566395663957, 12);
  });
  it('for one big customer and ten small ones: the break-even point comes first', () => {
    const p = computedPoints([100, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(p.paretoEffort).toBeCloseTo(0.18438479276296324, 12);
    expect(p.breakEvenEffort).toBeCloseTo(1 / 11, 12);
    expect(p.abEffort).toBeCloseTo(1 / 11, 12);
    expect(p.submarginalEffort).toBeCloseTo(0.30563897655356453, 12);
    expect(p.bcEffort).toBeCloseTo(0.30563897655356453, 12);
  });
  it('count a customer at the mean as break-even only within a relative tolerance', () => {
    // Mean 0.001; 0.0009995 is 5e-7 below it: far more than a rounding error at that scale.
    expect(computedPoints([0.0010005, 0.0009995]).breakEvenEffort).toBe(0.5);
    expect(computedPoints([3, 3, 3]).breakEvenEffort).toBe(1);
  });
  it('for equal values, and for two', () => {
    expect(computedPoints([5, 5, 5, 5])).toEqual({ paretoEffort: 0.5, breakEvenEffort: 1, submarginalEffort: 1, abEffort: 0.5, bcEffort: 1 });
    const two = computedPoints([10, 1]);
    expect(two.paretoEffort).toBeCloseTo(0.42226487523992323, 12);
    expect(two.submarginalEffort).toBeCloseTo(0.516, 12);
    expect(computedPoints([])).toEqual({ paretoEffort: 0, breakEvenEffort: 0, submarginalEffort: 0, abEffort: 0, bcEffort: 0 });
  });
  it('classify by effort among the customers with a positive value', () => {
    const r = abcAnalysis(items([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -4]), 'computed', [0.8, 0.95]);
    // Efforts (rank / 9 positive customers): A up to 0.426 (3/9), B up to 0.664 (4/9, 5/9), C the rest.
    expect(r.rows.map((x) => x.abcClass).join('')).toBe('AAABBCCCCCC');
    expect(r.computed?.abEffort).toBeCloseTo(0.42622950819672123, 12);
    expect(r.method).toBe('computed');
  });
  it('keep a customer exactly at the B/C point in B', () => {
    // 10, 7, 6: the submarginal point falls on the second customer (effort 2/3).
    const r = abcAnalysis(items([10, 7, 6]), 'computed', [0.8, 0.95]);
    expect(r.computed?.bcEffort).toBeCloseTo(2 / 3, 12);
    expect(r.rows.map((x) => x.abcClass)).toEqual(['A', 'B', 'C']);
  });
  it('put all of equal values in A, and of two customers neither reaches the A point', () => {
    expect(classes([5, 5, 5, 5], 'computed', [0.8, 0.95])).toEqual(['5:A', '5:A', '5:A', '5:A']);
    // Efforts 1/2 and 1 against A up to 0.422 and B up to 0.516.
    expect(classes([10, 1], 'computed', [0.8, 0.95])).toEqual(['10:B', '1:C']);
  });
});

const classesByValue = (values: number[], method: AbcMethod, limits: [number, number] = [0.8, 0.95]) =>
  abcAnalysis(items(values), method, limits).rows.map((r) => `${r.value}:${r.abcClass}`);

describe('ABC, cumulative', () => {
  it('puts the customers up to 80% in A, to 95% in B', () => {
    expect(classesByValue([50, 30, 10, 5, 5], 'cumulative')).toEqual(['50:A', '30:A', '10:B', '5:B', '5:B']);
  });
  it('puts the customer who crosses the limit in the upper class', () => {
    // 50 + 31 = 81% ≥ 80%: 31 is A (a tool that moves the crossing customer to B gives A = 50%).
    expect(classesByValue([50, 31, 9, 6, 4], 'cumulative')).toEqual(['50:A', '31:A', '9:B', '6:B', '4:C']);
  });
  it('never splits equal values', () => {
    expect(classesByValue([40, 20, 20, 20], 'cumulative')).toEqual(['40:A', '20:A', '20:A', '20:A']);
  });
  it('keeps non-positive customers in C and out of the A count', () => {
    const r = abcAnalysis(items([10, 5, -3, 0]), 'cumulative', [0.8, 0.95]);
    // 10 of a net 12 is 83%: A; then 5 crosses 95%: B.
    expect(r.rows.map((x) => x.abcClass)).toEqual(['A', 'B', 'C', 'C']);
    expect(r.total).toBe(12);
    expect(r.classes.C).toMatchObject({ customers: 2, value: -3, valueShare: -0.25 });
  });
  it('handles no customers, one, and all equal', () => {
    expect(abcAnalysis([], 'cumulative', [0.8, 0.95]).rows).toEqual([]);
    expect(classesByValue([7], 'cumulative')).toEqual(['7:A']);
    expect(classesByValue([3, 3, 3, 3], 'cumulative')).toEqual(['3:A', '3:A', '3:A', '3:A']);
  });
  it('puts everybody in C when there is nothing to share', () => {
    expect(classesByValue([-5, -1], 'cumulative')).toEqual(['-1:C', '-5:C']);
  });
  it('gives shares and cumulative shares of the total', () => {
    const rows = abcAnalysis(items([60, 30, 10]), 'cumulative', [0.8, 0.95]).rows;
    expect(rows.map((r) => [r.share, r.cumulativeShare])).toEqual([[0.6, 0.6], [0.3, 0.9], [0.1, 1]]);
  });
});

describe('ABC, count', () => {
  it('takes the top 20% of customers as A, the next 30% as B', () => {
    expect(classesByValue([5, 4, 3, 2, 1, 1, 1, 1, 1, 1], 'count', [0.2, 0.5])).toEqual(['5:A', '4:A', '3:B', '2:B', '1:B', '1:B', '1:B', '1:B', '1:B', '1:B']);
  });
  it('gives a tie group the class of its first member', () => {
    expect(classesByValue([9, 9, 9, 1, 1], 'count', [0.2, 0.5])).toEqual(['9:A', '9:A', '9:A', '1:C', '1:C']);
  });
});

describe('ABC, computed (Ultsch & Lötsch)', () => {
  it('values 1..9 give A = {9, 8, 7}', () => {
    const r = abcAnalysis(items([1, 2, 3, 4, 5, 6, 7, 8, 9]), 'computed', [0.8, 0.95]);
    expect(r.rows.filter((x) => x.abcClass === 'A').map((x) => x.value)).toEqual([9, 8, 7]);
  });
  it('values 100, 10, 9, …, 1 give A = {100}', () => {
    const r = abcAnalysis(items([100, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), 'computed', [0.8, 0.95]);
    expect(r.rows.filter((x) => x.abcClass === 'A').map((x) => x.value)).toEqual([100]);
  });
  it('places the points on the ABC curve', () => {
    const p = computedPoints([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    // Nearest to (0, 1) on the segment between 3/9 and 4/9 of the customers.
    expect(p.paretoEffort).toBeGreaterThan(3 / 9);
    expect(p.paretoEffort).toBeLessThan(4 / 9);
    // The mean is 5: five customers have at least the mean.
    expect(p.breakEvenEffort).toBeCloseTo(5 / 9, 10);
    expect(p.abEffort).toBe(p.paretoEffort);
    expect(p.bcEffort).toBeGreaterThan(p.abEffort);
  });
});
