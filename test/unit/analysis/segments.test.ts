/** Tests of src/analysis/segments.ts. */
import { describe, expect, it } from 'vitest';
import { coverage, DEFAULT_SEGMENTS, ONE_OFF_SEGMENTS, OTHERS, segmentOf, SEGMENT_PRESETS, RFM_PACKAGE_SEGMENTS } from '../../../src/analysis/segments.js';

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
