/** Tests of src/analyses/quartiles.ts: R's quantile() type 7, computed by hand. */
import { describe, expect, it } from 'vitest';
import { quantileSorted, quartiles } from '../../../src/analyses/quartiles.js';

describe('quantileSorted (type 7)', () => {
  it('interpolates between order statistics: h = (n - 1)p', () => {
    const xs = [1, 2, 3, 4];
    // h = 3 × 0.25 = 0.75: 1 + 0.75 × (2 - 1) = 1.75; h = 1.5: 2.5; h = 2.25: 3.25.
    expect(quantileSorted(xs, 0.25)).toBe(1.75);
    expect(quantileSorted(xs, 0.5)).toBe(2.5);
    expect(quantileSorted(xs, 0.75)).toBe(3.25);
    // h = 3 × 0.1 = 0.3 between 10 and 20: 13.
    expect(quantileSorted([10, 20, 40, 80], 0.1)).toBeCloseTo(13, 12);
  });

  it('gives the ends at p = 0 and p = 1, and clamps p outside [0, 1] to them', () => {
    const xs = [2, 5, 9];
    expect(quantileSorted(xs, 0)).toBe(2);
    expect(quantileSorted(xs, 1)).toBe(9);
    expect(quantileSorted(xs, -0.5)).toBe(2);
    expect(quantileSorted(xs, 1.5)).toBe(9);
  });

  it('is undefined for no values and the value itself for one', () => {
    expect(quantileSorted([], 0.5)).toBeUndefined();
    expect(quantileSorted([7], 0.3)).toBe(7);
  });
});

describe('quartiles', () => {
  it('sorts the values numerically and leaves NaN out', () => {
    // 10, 9, 2, 1 sorted as numbers (not as text: 1, 10, 2, 9) are 1, 2, 9, 10:
    // q1 at h = 0.75: 1 + 0.75 × 1 = 1.75; median at h = 1.5: 2 + 0.5 × 7 = 5.5; q3 at h = 2.25: 9 + 0.25 × 1 = 9.25.
    expect(quartiles([10, Number.NaN, 9, 2, 1])).toEqual({ n: 4, q1: 1.75, median: 5.5, q3: 9.25 });
  });

  it('of one value is that value three times; of none (or only NaN) null', () => {
    expect(quartiles([5])).toEqual({ n: 1, q1: 5, median: 5, q3: 5 });
    expect(quartiles([])).toBeNull();
    expect(quartiles([Number.NaN])).toBeNull();
  });
});
