import { describe, expect, it } from 'vitest';
import { coefficientOfVariation, fisherExact, gini, lorenz, mannWhitney, mean, median, normalCdf, sum, tieGroups, varianceFromMoments, Accumulator, daysBetween } from '../../../src/analyses/stats.js';

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

describe("Fisher's exact test counts tables exactly as likely as the observed one", () => {
  it('gives scipy’s two-sided p for [[0, 3], [6, 3]]', () => {
    // scipy.stats.fisher_exact([[0, 3], [6, 3]]).pvalue = 0.18181818181818182: the table
    // [[3, 0], [3, 6]] is exactly as likely as the observed one and belongs in the sum.
    expect(fisherExact(0, 3, 6, 3)).toBeCloseTo(0.18181818181818182, 12);
  });
  it('gives scipy’s p for a table without a twin', () => {
    // scipy.stats.fisher_exact([[6, 2], [9, 23]]).pvalue
    expect(fisherExact(6, 2, 9, 23)).toBeCloseTo(0.03576355588739489, 12);
  });
});

describe('compensated sums', () => {
  it('keep a small amount next to a huge one, whichever comes first', () => {
    // Naive summation loses both 1s: 1 + 1e100 is 1e100.
    expect(sum([1, 1e100, 1, -1e100])).toBe(2);
    expect(sum([1e100, 1, -1e100, 1])).toBe(2);
    expect(new Accumulator().add(1e100).add(1).add(-1e100).value).toBe(1);
  });
  it('take any iterable and divide the mean by the count', () => {
    expect(sum(new Set([1, 2, 3]))).toBe(6);
    expect(mean([1, 2, 4])).toBeCloseTo(7 / 3, 15);
  });
});

describe('variance and coefficient of variation from moments', () => {
  it('divide by n, not n − 1, and take the square root', () => {
    // 1, 2, 3: mean 2, population variance 2/3, CV √(2/3) / 2.
    expect(varianceFromMoments(3, 6, 14)).toBeCloseTo(2 / 3, 15);
    expect(coefficientOfVariation(3, 6, 14)).toBeCloseTo(Math.sqrt(2 / 3) / 2, 15);
  });
  it('have no value for a negative count', () => {
    expect(varianceFromMoments(-1, 0, 0)).toBeUndefined();
    expect(coefficientOfVariation(0, 0, 0)).toBeUndefined();
  });
});

describe('Gini coefficient', () => {
  it('sorts the values itself', () => {
    expect(gini([100, 0, 0, 0])).toBe(0.75);
    // 1, 2, 3, 4: (−3·1 − 1·2 + 1·3 + 3·4) / (4 · 10) = 0.25.
    expect(gini([3, 1, 4, 2])).toBeCloseTo(0.25, 15);
    // Two values: (−1·1 + 1·3) / (2 · 4).
    expect(gini([1, 3])).toBe(0.25);
    expect(gini([10, 2, 1])).toBeCloseTo((-2 * 1 + 0 * 2 + 2 * 10) / (3 * 13), 15);
  });
  it('is 0 for two equal values and for values that are all zero or negative', () => {
    expect(gini([4, 4])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([-3, -1])).toBe(0);
  });
});

describe('Lorenz curve', () => {
  it('interpolates between customers, from the smallest, whatever the input order', () => {
    const curve = lorenz([3, 1], 5);
    expect(curve.map((p) => p.customerShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // Cumulative 0, 1, 4 of 4: halfway through the first customer 1/8, after it 1/4, then 5/8.
    expect(curve.map((p) => p.valueShare)).toEqual([0, 0.125, 0.25, 0.625, 1]);
  });
  it('counts negative values as zero and draws the diagonal when nothing is positive', () => {
    expect(lorenz([2, -2], 3).map((p) => p.valueShare)).toEqual([0, 0, 1]);
    expect(lorenz([-1, 0], 3).map((p) => p.valueShare)).toEqual([0, 0.5, 1]);
  });
  it('has 101 points by default, and one point is the whole base', () => {
    const curve = lorenz([1, 2, 3]);
    expect(curve).toHaveLength(101);
    expect(curve[50]!.customerShare).toBe(0.5);
    expect(curve[100]).toEqual({ customerShare: 1, valueShare: 1 });
    expect(lorenz([1, 2, 3], 1)).toEqual([{ customerShare: 1, valueShare: 1 }]);
  });
});

describe('tie groups, days and medians', () => {
  it('make one group of one value', () => {
    expect(tieGroups([5])).toEqual([{ value: 5, start: 0, end: 1 }]);
    expect(tieGroups([2, 1])).toEqual([{ value: 2, start: 0, end: 1 }, { value: 1, start: 1, end: 2 }]);
  });
  it('count days across a month end and backwards', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(daysBetween('2024-01-01', '2024-01-01')).toBe(0);
  });
  it('sort numbers as numbers and leave out what is not a number', () => {
    // A text sort would put 10 between 1 and 9.
    expect(median([10, 9, 1])).toBe(9);
    expect(median([NaN, 1, 3])).toBe(2);
    expect(median([2, 1])).toBe(1.5);
    expect(median([NaN])).toBeUndefined();
  });
});

describe("Fisher's exact test against scipy.stats.fisher_exact", () => {
  it('on tables whose margins bound the sum from below and above', () => {
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.0027594561852200836, 12);
    expect(fisherExact(8, 2, 1, 5)).toBeCloseTo(0.034965034965034975, 12);
    expect(fisherExact(2, 7, 8, 2)).toBeCloseTo(0.02301413756522116, 12);
    expect(fisherExact(0, 5, 5, 0)).toBeCloseTo(0.007936507936507938, 12);
  });
  it('never gives more than 1', () => {
    expect(fisherExact(3, 3, 3, 3)).toBeLessThanOrEqual(1);
    expect(fisherExact(1, 0, 0, 0)).toBe(1);
  });
});

describe('normal distribution function and Mann-Whitney U against scipy', () => {
  it('gives Φ on both sides of 0', () => {
    expect(normalCdf(0.5)).toBeCloseTo(0.6914624612740131, 6);
    expect(normalCdf(-0.5)).toBeCloseTo(0.3085375387259869, 6);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 6);
    expect(normalCdf(-2.2)).toBeCloseTo(0.013903447513498595, 6);
  });
  it('corrects for ties and for continuity (mannwhitneyu, asymptotic)', () => {
    const tied = mannWhitney([1, 2, 2, 3, 5], [2, 3, 4, 4, 6, 7])!;
    expect(tied.u).toBe(6.5);
    expect(tied.p).toBeCloseTo(0.13862587987892763, 6);
    const unequal = mannWhitney([3, 5, 7], [1, 2, 4, 6, 8, 9, 10])!;
    expect(unequal.u).toBe(9);
    expect(unequal.p).toBeCloseTo(0.8197075378297883, 6);
  });
  it('gives U of the first group, whichever is larger', () => {
    expect(mannWhitney([1, 2, 3, 4, 5, 6, 7, 8], [10, 11, 12, 13, 14, 15, 16, 17])!.u).toBe(0);
    expect(mannWhitney([1], [])).toBeUndefined();
  });
});
