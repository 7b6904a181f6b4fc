/** Tests of src/analyses/segments.ts. */
import { describe, expect, it } from 'vitest';
import { coverage, DEFAULT_SEGMENTS, ONE_OFF_SEGMENTS, OTHERS, segmentOf, SEGMENT_PRESETS, RFM_PACKAGE_SEGMENTS } from '../../../src/analyses/segments.js';

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

describe('segments', () => {
  it('the default table names every one of the 125 combinations, each rule some', () => {
    const c = coverage(DEFAULT_SEGMENTS, 5);
    expect(c.uncovered).toEqual([]);
    expect(c.wins.reduce((s, w) => s + w, 0)).toBe(125);
    expect(c.wins.every((w) => w > 0)).toBe(true);
  });
  it('reproduces the R package rfm 0.3.0 table in its order', () => {
    expect(RFM_PACKAGE_SEGMENTS.map((r) => `${r.name} ${r.r.join('-')}/${r.f.join('-')}/${r.m.join('-')}`)).toEqual([
      'Champions 5-5/5-5/5-5',
      'Potential Loyalist 3-5/3-5/2-5',
      'Loyal Customers 2-4/2-4/2-4',
      'Promising 3-4/1-3/3-5',
      'New Customers 4-5/1-3/1-5',
      "Can't Lose Them 1-2/3-4/4-5",
      'At Risk 1-2/2-5/4-5',
      'Need Attention 1-3/3-5/3-5',
      'About To Sleep 2-3/1-3/1-4',
      'Lost 1-1/1-5/1-5',
    ]);
    expect(segmentOf(5, 5, 5, RFM_PACKAGE_SEGMENTS)).toBe('Champions');
    expect(segmentOf(2, 1, 5, RFM_PACKAGE_SEGMENTS)).toBe('Others');
  });
  it('finds rules that can never match', () => {
    const rules = [{ name: 'all', r: [1, 5], f: [1, 5], m: [1, 5] } as const, { name: 'never', r: [5, 5], f: [5, 5], m: [5, 5] } as const];
    expect(coverage(rules, 5).wins).toEqual([125, 0]);
  });
});
