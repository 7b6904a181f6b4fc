/**
 * Cases that kill the mutants of src/analysis/{pareto,rfm,quantiles,segments}.ts that the other
 * tests let live (issue 19, TESTING.md): group sizes where 7% of 100 is not quite 7 in floating
 * point, the 80% point exactly reached, cut points equal to a value, which value the empty-score
 * reason names, R's quantiles at the ends, and a segment rule's boundaries.
 */
import { describe, expect, it } from 'vitest';
import { paretoAnalysis, paretoRanked } from '../src/analysis/pareto.js';
import { intervalIndex, quantileType7, rPackageBreaks, rPackageScores } from '../src/analysis/quantiles.js';
import { cutScores, quantileScores, rQuantileScores } from '../src/analysis/rfm.js';
import { coverage, DEFAULT_SEGMENTS, ONE_OFF_SEGMENTS, OTHERS, segmentOf, SEGMENT_PRESETS, RFM_PACKAGE_SEGMENTS } from '../src/analysis/segments.js';

const items = (values: readonly number[]) => values.map((value, i) => ({ key: `c${String(i).padStart(3, '0')}`, value }));

describe('Pareto group sizes', () => {
  it('take ⌈fraction × n⌉ even when the product is a hair above a whole number', () => {
    // 0.07 × 100 is 7.000000000000001 in floating point: the group is 7, not 8.
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const r = paretoAnalysis(items(values), 0.07, 0.03);
    expect(r.ideal.customers).toBe(7);
    expect(r.elite.customers).toBe(3);
    expect(r.ideal.value).toBe(100 + 99 + 98 + 97 + 96 + 95 + 94);
  });
  it('never make the elite larger than the ideal group', () => {
    const r = paretoAnalysis(items([50, 40, 30, 20, 10]), 0.2, 0.6);
    expect(r.ideal.customers).toBe(1);
    expect(r.elite.customers).toBe(1);
    expect([...r.flags]).toEqual([['c000', 'elite']]);
  });
  it('list the ideal customers who are not elite as ideal, and nobody else', () => {
    const r = paretoAnalysis(items([50, 40, 30, 20, 10, 5, 4, 3, 2, 1]), 0.3, 0.1);
    expect([...r.flags]).toEqual([['c000', 'elite'], ['c001', 'ideal'], ['c002', 'ideal']]);
    expect(r.flags.get('c003')).toBeUndefined();
  });
  it('take in the customers tied with the last one, not with the one after it', () => {
    // ⌈25% × 4⌉ = 1: 10 alone; the two 5s are tied with each other, not with 10.
    expect(paretoAnalysis(items([10, 5, 5, 1]), 0.25, 0.25).ideal.customers).toBe(1);
  });
  it('rank the items themselves, whatever their order', () => {
    const r = paretoAnalysis([{ key: 'b', value: 1 }, { key: 'a', value: 9 }, { key: 'c', value: 5 }, { key: 'd', value: 3 }, { key: 'e', value: 2 }], 0.2, 0.2);
    expect([...r.flags]).toEqual([['a', 'elite']]);
    expect(r.ideal.value).toBe(9);
  });
});

describe('the fewest customers for 80%', () => {
  it('stops at the customer who reaches exactly 80%', () => {
    expect(paretoAnalysis(items([8, 1, 1]), 0.2, 0.04).customersFor80).toEqual({ customers: 1, share: 1 / 3 });
    // 0.8 of 1 in floating point: 0.7 + 0.1 is 0.7999999999999999.
    expect(paretoAnalysis(items([0.7, 0.1, 0.1, 0.1]), 0.2, 0.04).customersFor80).toEqual({ customers: 2, share: 0.5 });
  });
  it('is the first customer past 80%, not the last customer', () => {
    expect(paretoAnalysis(items([5, 4, 1, 0.5, 0.5]), 0.2, 0.04).customersFor80).toEqual({ customers: 2, share: 0.4 });
  });
  it('does not exist, and shares are 0, when nothing is positive', () => {
    const zero = paretoAnalysis(items([0, 0]), 0.2, 0.04);
    expect(zero.customersFor80).toBeNull();
    expect(zero.ideal.share).toBe(0);
    expect(zero.elite.share).toBe(0);
    const loss = paretoRanked(Float64Array.from([-1, -2]), (k) => `k${k}`, 0.5, 0.5);
    expect(loss.result.customersFor80).toBeNull();
    expect(loss.result.ideal).toEqual({ fraction: 0.5, customers: 0, value: 0, share: 0 });
    expect(loss.idealN).toBe(0);
    // A net total of 0 reaches no share at all, even after a first positive customer.
    expect(paretoAnalysis(items([1, -1]), 0.2, 0.04).customersFor80).toBeNull();
    expect(loss.eliteN).toBe(0);
  });
  it('reports the total, the customers and the fractions asked for', () => {
    const r = paretoAnalysis(items([6, 3, 1]), 0.5, 0.25);
    expect(r).toMatchObject({ customers: 3, total: 10, ideal: { fraction: 0.5, customers: 2, value: 9, share: 0.9 }, elite: { fraction: 0.25, customers: 1, value: 6, share: 0.6 } });
  });
});

describe('RFM quantile scores', () => {
  it('name the first of the largest tie groups in the empty-score reason', () => {
    // Two groups of two; the worst values come first: 1 for money, 9 for recency (days).
    expect(quantileScores([1, 1, 5, 5, 3], 5, false).emptyReason).toBe('40% of customers share the value 1, and equal values get equal scores');
    expect(quantileScores([9, 9, 2, 2, 3], 5, true).emptyReason).toBe('40% of customers share the value 9, and equal values get equal scores');
  });
  it('name the largest tie group even when it is not the first', () => {
    const s = quantileScores([1, 2, 2], 3, false);
    expect(s.scores).toEqual([1, 2, 2]);
    expect(s.empty).toEqual([3]);
    expect(s.emptyReason).toBe('67% of customers share the value 2, and equal values get equal scores');
  });
  it('have no reason when no score is empty', () => {
    const s = quantileScores([5, 4, 3, 2, 1], 5, false);
    expect(s.scores).toEqual([5, 4, 3, 2, 1]);
    expect(s.empty).toEqual([]);
    expect(s.emptyReason).toBeNull();
    expect(s.method).toBe('quantiles');
    expect(s.cuts).toBeNull();
  });
  it('keep recency ties together from the best end', () => {
    // Days 9, 5, 5, 1, 1 from worst to best over 5 bins: 9 starts at 0 (1), the 5s at 1/5 (2), the 1s at 3/5 (4).
    expect(quantileScores([1, 5, 9, 5, 1], 5, true).scores).toEqual([4, 2, 1, 2, 4]);
  });
  it('give each score its customers and the range of their values', () => {
    const s = quantileScores([10, 20, 30, 40], 2, false);
    expect(s.ranges).toEqual([
      { score: 1, customers: 2, min: 10, max: 20 },
      { score: 2, customers: 2, min: 30, max: 40 },
    ]);
    expect(quantileScores([40, 30, 20, 10], 2, false).ranges).toEqual(s.ranges);
  });
});

describe('RFM cut scores', () => {
  it('put a value equal to a cut in the lower score', () => {
    const s = cutScores([10, 11, 20, 21], [10, 20], false);
    expect(s.scores).toEqual([1, 2, 2, 3]);
    expect(cutScores([10, 11, 20, 21], [10, 20], true).scores).toEqual([3, 2, 2, 1]);
    expect(s).toMatchObject({ method: 'cuts', cuts: [10, 20], empty: [], emptyReason: null });
  });
  it('say when no customer falls between two cuts', () => {
    const s = cutScores([5, 50], [10, 20], false);
    expect(s.empty).toEqual([2]);
    expect(s.emptyReason).toBe('no customer falls between those cut points');
    expect(s.ranges[1]).toEqual({ score: 2, customers: 0, min: null, max: null });
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

describe('segment rules', () => {
  it('match both ends of every range', () => {
    const rules = [{ name: 'mid', r: [2, 3], f: [2, 3], m: [2, 3] } as const];
    expect(segmentOf(2, 2, 2, rules)).toBe('mid');
    expect(segmentOf(3, 3, 3, rules)).toBe('mid');
    expect(segmentOf(1, 2, 2, rules)).toBe(OTHERS);
    expect(segmentOf(4, 2, 2, rules)).toBe(OTHERS);
    expect(segmentOf(2, 1, 2, rules)).toBe(OTHERS);
    expect(segmentOf(2, 4, 2, rules)).toBe(OTHERS);
    expect(segmentOf(2, 2, 1, rules)).toBe(OTHERS);
    expect(segmentOf(2, 2, 4, rules)).toBe(OTHERS);
  });
  it('take the first rule that matches', () => {
    expect(segmentOf(5, 5, 5, DEFAULT_SEGMENTS)).toBe('Champions');
    expect(segmentOf(5, 3, 1, DEFAULT_SEGMENTS)).toBe('Loyal Customers');
    expect(segmentOf(1, 5, 5, DEFAULT_SEGMENTS)).toBe("Can't Lose Them");
    expect(segmentOf(5, 1, 1, DEFAULT_SEGMENTS)).toBe('New Customers');
    expect(segmentOf(5, 1, 5, ONE_OFF_SEGMENTS)).toBe('Recent Big Spenders');
    expect(segmentOf(1, 5, 1, ONE_OFF_SEGMENTS)).toBe('Lost');
  });
  it('are counted per rule and per uncovered combination', () => {
    const rules = [{ name: 'top', r: [2, 2], f: [1, 2], m: [1, 2] } as const];
    const c = coverage(rules, 2);
    expect(c.wins).toEqual([4]);
    expect(c.uncovered).toEqual([[1, 1, 1], [1, 1, 2], [1, 2, 1], [1, 2, 2]]);
    expect(coverage(RFM_PACKAGE_SEGMENTS, 5).uncovered.length).toBeGreaterThan(0);
    expect(Object.keys(SEGMENT_PRESETS)).toEqual(['default', 'rfm-package']);
  });
});
