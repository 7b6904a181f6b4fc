/** Tests of src/analyses/periods.ts. */
import { describe, expect, it } from 'vitest';
import { periodIndex } from '../../../src/analyses/periods.js';

describe('calendar periods', () => {
  it('number weeks from Monday 1970-01-05', () => {
    expect(periodIndex('1970-01-05', 'week')).toBe(0);
    expect(periodIndex('1970-01-11', 'week')).toBe(0);
    expect(periodIndex('1970-01-12', 'week')).toBe(1);
    expect(periodIndex('1970-01-04', 'week')).toBe(-1);
    // 2024-12-30 is a Monday, 2024-12-29 a Sunday.
    expect(periodIndex('2024-12-30', 'week') - periodIndex('2024-12-29', 'week')).toBe(1);
  });
  it('number months and quarters so that consecutive ones differ by one', () => {
    expect(periodIndex('2024-01-15', 'month')).toBe(2024 * 12);
    expect(periodIndex('2024-12-31', 'month')).toBe(2024 * 12 + 11);
    expect(periodIndex('2024-03-31', 'quarter')).toBe(2024 * 4);
    expect(periodIndex('2024-04-01', 'quarter')).toBe(2024 * 4 + 1);
    expect(periodIndex('2024-12-31', 'quarter')).toBe(2024 * 4 + 3);
  });
  it('put dates of one period on one number and neighbouring periods one apart', () => {
    // periodsBetween (last - first + 1) went as dead code; XYZ's span is these differences.
    expect(periodIndex('2024-03-01', 'month') - periodIndex('2024-01-31', 'month')).toBe(2);
    expect(periodIndex('2024-04-01', 'quarter') - periodIndex('2024-03-31', 'quarter')).toBe(1);
    // ISO weeks start on Monday: 2024-12-30 is a Monday and 2025-01-05 the Sunday of that week.
    expect(periodIndex('2025-01-05', 'week') - periodIndex('2024-12-30', 'week')).toBe(0);
    expect(periodIndex('2025-01-06', 'week') - periodIndex('2025-01-05', 'week')).toBe(1);
  });
});
