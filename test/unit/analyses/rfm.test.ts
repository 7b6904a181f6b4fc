/** Tests of src/analyses/rfm.ts. */
import { describe, expect, it } from 'vitest';
import { cutScores, quantileScores } from '../../../src/analyses/rfm.js';
import { analyse, type AnalysisParams } from '../../../src/analyses/analysis.js';
import { analysisParams, summary } from '../../helpers/analysis-fixtures.js';

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

const PARAMS: AnalysisParams = analysisParams();


describe('RFM scores', () => {
  it('keeps ties together and says which scores are empty', () => {
    const s = quantileScores([1, 1, 1, 1, 2, 3, 4, 5, 6, 7], 5, false);
    expect(s.scores).toEqual([1, 1, 1, 1, 3, 3, 4, 4, 5, 5]);
    expect(s.empty).toEqual([2]);
    expect(s.emptyReason).toBe('40% of customers share the value 1, and equal values get equal scores');
    expect(s.ranges[2]).toEqual({ score: 3, customers: 2, min: 2, max: 3 });
  });
  it('scores recency the other way round: fewer days is better', () => {
    expect(quantileScores([10, 20, 30, 40, 50], 5, true).scores).toEqual([5, 4, 3, 2, 1]);
  });
  it('scores from cut points', () => {
    expect(cutScores([10, 30, 31, 200, 400], [30, 90, 180, 365], true).scores).toEqual([5, 5, 4, 2, 1]);
    expect(cutScores([1, 2, 3, 6, 11], [1, 2, 5, 10], false).scores).toEqual([1, 2, 3, 4, 5]);
  });
  it('has nothing to score without customers', () => {
    expect(quantileScores([], 5, false)).toMatchObject({ scores: [], empty: [] });
  });
});

describe('RFM scores of another number of bins name segments on the 1-5 scale', () => {
  // Best, middle and worst on every score: with 3 bins the scores are 3, 2 and 1, which the
  // segment table (written for 1-5) reads as ⌈3·5/3⌉ = 5, ⌈2·5/3⌉ = 4 and ⌈1·5/3⌉ = 2.
  const xs = [summary('best', 5, 30, 3000), summary('middle', 200, 10, 1000), summary('worst', 700, 2, 100)];
  it('3 bins', () => {
    const a = analyse(xs, { ...PARAMS, rfm: { ...PARAMS.rfm, bins: 3 } });
    const by = Object.fromEntries(a.customers.map((c) => [c.key, `${c.rfmScore} ${c.segment}`]));
    expect(by).toEqual({ best: '333 Champions', middle: '222 Champions', worst: '111 Hibernating' });
  });
  it('10 bins', () => {
    // Ten customers, one per score: scores 10..1 read as ⌈s/2⌉: 5, 5, 4, 4, 3, 3, 2, 2, 1, 1,
    // the same on R, F and M: 555 and 444 are Champions, 333 Loyal, 222 Hibernating, 111 Lost.
    const ten = Array.from({ length: 10 }, (_, i) => summary(`k${i}`, 10 + i * 50, 40 - i * 3, 5000 - i * 400));
    const a = analyse(ten, { ...PARAMS, rfm: { ...PARAMS.rfm, bins: 10 } });
    const seg = a.customers.map((c) => `${c.key}:${c.r}:${c.segment}`);
    expect(seg).toEqual([
      'k0:10:Champions', 'k1:9:Champions', 'k2:8:Champions', 'k3:7:Champions', 'k4:6:Loyal Customers',
      'k5:5:Loyal Customers', 'k6:4:Hibernating', 'k7:3:Hibernating', 'k8:2:Lost', 'k9:1:Lost',
    ]);
  });
});
