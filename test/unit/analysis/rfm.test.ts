/** Tests of src/analysis/rfm.ts. */
import { describe, expect, it } from 'vitest';
import { cutScores, quantileScores } from '../../../src/analysis/rfm.js';

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
