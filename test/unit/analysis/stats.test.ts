import { describe, expect, it } from 'vitest';
import { coefficientOfVariation, fisherExact, gini, lorenz, mannWhitney, mean, median, normalCdf, sum, tieGroups, varianceFromMoments } from '../../../src/analysis/stats.js';

describe('sum and mean', () => {
  it('add money to the cent', () => {
    expect(sum(Array(10).fill(0.1))).toBe(1);
    expect(sum([])).toBe(0);
    expect(mean([])).toBeUndefined();
    expect(mean([2, 4])).toBe(3);
  });
});

describe('moments', () => {
  it('give the population variance and coefficient of variation', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2.
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    const s = sum(xs);
    const ss = sum(xs.map((x) => x * x));
    expect(varianceFromMoments(8, s, ss)).toBe(4);
    expect(coefficientOfVariation(8, s, ss)).toBe(0.4);
  });
  it('decide n = 0, n = 1 and a mean that is not positive', () => {
    expect(varianceFromMoments(0, 0, 0)).toBeUndefined();
    expect(varianceFromMoments(1, 5, 25)).toBe(0);
    expect(coefficientOfVariation(1, 5, 25)).toBe(0);
    expect(coefficientOfVariation(2, 0, 8)).toBeUndefined();
    expect(coefficientOfVariation(2, -2, 8)).toBeUndefined();
  });
  it('never go negative through rounding', () => {
    expect(varianceFromMoments(3, 0.3, 0.030000000000000002)).toBeGreaterThanOrEqual(0);
  });
});

describe('gini and lorenz', () => {
  it('are 0 for equal values and near 1 for one holder', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 100])).toBe(0.75);
    expect(gini([])).toBe(0);
    expect(gini([7])).toBe(0);
  });
  it('counts negative values as zero', () => {
    expect(gini([-5, 0, 0, 100])).toBe(0.75);
  });
  it('draws the diagonal without values, and passes through the customers', () => {
    expect(lorenz([], 3).map((p) => p.valueShare)).toEqual([0, 0.5, 1]);
    expect(lorenz([1, 3], 3).map((p) => p.valueShare)).toEqual([0, 0.25, 1]);
  });
});

describe('tieGroups', () => {
  it('groups runs of equal values', () => {
    expect(tieGroups([3, 3, 2, 1, 1])).toEqual([
      { value: 3, start: 0, end: 2 },
      { value: 2, start: 2, end: 3 },
      { value: 1, start: 3, end: 5 },
    ]);
    expect(tieGroups([])).toEqual([]);
  });
});

describe('median', () => {
  it('of odd, even, one and none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeUndefined();
  });
});

describe("Fisher's exact test", () => {
  it("gives the textbook tea-tasting value", () => {
    // Lady tasting tea, all 4 right: one-sided 1/70, two-sided 2/70.
    expect(fisherExact(4, 0, 0, 4)).toBeCloseTo(2 / 70, 12);
  });
  it('matches scipy.stats.fisher_exact', () => {
    // fisher_exact([[3, 1], [1, 3]]).pvalue = 0.48571428571428565
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.4857142857, 9);
    // fisher_exact([[10, 3], [2, 15]]).pvalue = 0.0005367241191434357
    expect(fisherExact(10, 3, 2, 15)).toBeCloseTo(0.000536724119, 11);
  });
  it('is 1 for an empty table and for a table with no association', () => {
    expect(fisherExact(0, 0, 0, 0)).toBe(1);
    expect(fisherExact(5, 5, 5, 5)).toBeCloseTo(1, 12);
  });
});

describe('Mann-Whitney U', () => {
  it('separates clearly different groups', () => {
    const r = mannWhitney([10, 11, 12, 13, 14, 15, 16, 17], [1, 2, 3, 4, 5, 6, 7, 8])!;
    // scipy.stats.mannwhitneyu(…, method='asymptotic'): U = 64, p = 0.0009391056991171899
    expect(r.u).toBe(64);
    expect(r.p).toBeCloseTo(0.000939105699, 6);
  });
  it('sees nothing in equal groups', () => {
    expect(mannWhitney([1, 2, 3], [1, 2, 3])!.p).toBeCloseTo(1, 6);
    expect(mannWhitney([5, 5], [5, 5])!.p).toBe(1);
  });
  it('needs two groups', () => {
    expect(mannWhitney([], [1])).toBeUndefined();
  });
  it('uses a standard normal distribution function', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
  });
});
