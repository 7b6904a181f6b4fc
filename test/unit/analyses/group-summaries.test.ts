/** The ABC×XYZ matrix and the RFM segment summaries, on hand-counted groups. */
import { describe, expect, it } from 'vitest';
import type { AbcClass } from '../../../src/analyses/abc.js';
import { CELL_READINGS, matrixOf, segmentSummariesOf } from '../../../src/analyses/group-summaries.js';
import type { SegmentRule } from '../../../src/analyses/segments.js';
import { Accumulator } from '../../../src/analyses/stats.js';
import type { XyzClass } from '../../../src/analyses/xyz.js';

const cellKey = (ac: AbcClass, xc: XyzClass | null): string => `${ac}${xc ?? '–'}`;
const acc = (...vs: number[]): Accumulator => vs.reduce((a, v) => a.add(v), new Accumulator());

describe('matrixOf', () => {
  // 4 customers: two AX (60 + 20), one BZ (15), one C– (5); total value 100.
  const cells = new Map([
    ['AX', { customers: 2, value: acc(60, 20) }],
    ['BZ', { customers: 1, value: acc(15) }],
    ['C–', { customers: 1, value: acc(5) }],
  ]);
  it('lists every cell, A to C, then X, Y, Z and none, with shares of customers and of value', () => {
    const m = matrixOf(cells, cellKey, 4, 100);
    expect(m.map((c) => cellKey(c.abcClass, c.xyzClass))).toEqual(['AX', 'AY', 'AZ', 'A–', 'BX', 'BY', 'BZ', 'B–', 'CX', 'CY', 'CZ', 'C–']);
    expect(m[0]).toEqual({ abcClass: 'A', xyzClass: 'X', customers: 2, customerShare: 0.5, value: 80, valueShare: 0.8, reading: CELL_READINGS.AX });
    expect(m[6]).toEqual({ abcClass: 'B', xyzClass: 'Z', customers: 1, customerShare: 0.25, value: 15, valueShare: 0.15, reading: 'mid-sized and erratic: occasional projects' });
    expect(m[11]).toMatchObject({ customers: 1, customerShare: 0.25, value: 5, valueShare: 0.05, reading: 'small; too new to judge regularity' });
    expect(m[1]).toEqual({ abcClass: 'A', xyzClass: 'Y', customers: 0, customerShare: 0, value: 0, valueShare: 0, reading: 'large, fairly regular: secure the rhythm' });
  });
  it('gives shares of 0, not NaN, with no customers or a total of 0', () => {
    const m = matrixOf(new Map(), cellKey, 0, 0);
    expect(m).toHaveLength(12);
    expect(m.every((c) => c.customers === 0 && c.customerShare === 0 && c.value === 0 && c.valueShare === 0)).toBe(true);
    const zero = matrixOf(new Map([['AX', { customers: 2, value: acc(5, -5) }]]), cellKey, 2, 0);
    expect(zero[0]).toMatchObject({ customers: 2, customerShare: 1, value: 0, valueShare: 0 });
  });
  it('divides by a negative total as it is (net refunds)', () => {
    const m = matrixOf(new Map([['AX', { customers: 1, value: acc(-10) }]]), cellKey, 1, -20);
    expect(m[0]!.valueShare).toBe(0.5);
  });
});

describe('segmentSummariesOf', () => {
  const rules: SegmentRule[] = [
    { name: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
    { name: 'Lost', r: [1, 1], f: [1, 5], m: [1, 5] },
    { name: 'Empty rule', r: [1, 1], f: [1, 1], m: [1, 1] },
  ];
  // 5 customers, revenue 1000: 3 Champions (recency 10+20+30, orders 5+6+7, revenue 300+200+100),
  // 1 Lost (recency 400, 1 order, 50), 1 Others (recency 100, 2 orders, 350; monetary given as 175).
  const bySegment = new Map([
    ['Champions', { customers: 3, revenue: acc(300, 200, 100), recency: 60, orders: 18, monetary: acc(300, 200, 100) }],
    ['Others', { customers: 1, revenue: acc(350), recency: 100, orders: 2, monetary: acc(175) }],
    ['Lost', { customers: 1, revenue: acc(50), recency: 400, orders: 1, monetary: acc(50) }],
  ]);
  it('gives each rule in rule order (empty ones too), then any other segment customers fell into', () => {
    const s = segmentSummariesOf(rules, bySegment, 5, 1000);
    expect(s.map((x) => x.segment)).toEqual(['Champions', 'Lost', 'Empty rule', 'Others']);
    expect(s[0]).toEqual({ segment: 'Champions', customers: 3, customerShare: 0.6, revenue: 600, revenueShare: 0.6, meanRecency: 20, meanFrequency: 6, meanMonetary: 200 });
    expect(s[1]).toEqual({ segment: 'Lost', customers: 1, customerShare: 0.2, revenue: 50, revenueShare: 0.05, meanRecency: 400, meanFrequency: 1, meanMonetary: 50 });
    expect(s[2]).toEqual({ segment: 'Empty rule', customers: 0, customerShare: 0, revenue: 0, revenueShare: 0, meanRecency: 0, meanFrequency: 0, meanMonetary: 0 });
    expect(s[3]).toEqual({ segment: 'Others', customers: 1, customerShare: 0.2, revenue: 350, revenueShare: 0.35, meanRecency: 100, meanFrequency: 2, meanMonetary: 175 });
  });
  it('leaves out a segment outside the rules that has no customer', () => {
    const withEmpty = new Map([...bySegment, ['Ghost', { customers: 0, revenue: acc(), recency: 0, orders: 0, monetary: acc() }]]);
    expect(segmentSummariesOf(rules, withEmpty, 5, 1000).map((x) => x.segment)).toEqual(['Champions', 'Lost', 'Empty rule', 'Others']);
  });
  it('gives shares of 0, not NaN, with no customers or no revenue', () => {
    const s = segmentSummariesOf(rules, new Map(), 0, 0);
    expect(s.map((x) => [x.segment, x.customers, x.customerShare, x.revenueShare])).toEqual([
      ['Champions', 0, 0, 0],
      ['Lost', 0, 0, 0],
      ['Empty rule', 0, 0, 0],
    ]);
    const zero = segmentSummariesOf(rules, new Map([['Lost', { customers: 2, revenue: acc(10, -10), recency: 8, orders: 2, monetary: acc(10, -10) }]]), 2, 0);
    expect(zero[1]).toMatchObject({ customers: 2, customerShare: 1, revenue: 0, revenueShare: 0, meanRecency: 4 });
    const negative = segmentSummariesOf(rules, new Map([['Lost', { customers: 1, revenue: acc(-5), recency: 8, orders: 1, monetary: acc(-5) }]]), 1, -10);
    expect(negative[1]!.revenueShare).toBe(0.5);
  });
});
