/** Tests of src/analyses/monthly.ts: every month of the window, the ideal customers against the rest. */
import { describe, expect, it } from 'vitest';
import { monthlyRevenue } from '../../../src/analyses/monthly.js';
import { periodIndex } from '../../../src/analyses/periods.js';

describe('monthlyRevenue', () => {
  it('lists every month from the first to the last date, months without sales at 0, the rest = all − ideal', () => {
    const periods = [
      { period: periodIndex('2023-12-01', 'month'), all: 100, keys: 30 },
      { period: periodIndex('2024-02-01', 'month'), all: 50, keys: 50 },
      // outside the dates: not listed
      { period: periodIndex('2024-03-01', 'month'), all: 999, keys: 1 },
    ];
    expect(monthlyRevenue(periods, '2023-11-15', '2024-02-03')).toEqual([
      { month: '2023-11', ideal: 0, rest: 0 },
      { month: '2023-12', ideal: 30, rest: 70 },
      { month: '2024-01', ideal: 0, rest: 0 },
      { month: '2024-02', ideal: 50, rest: 0 },
    ]);
  });

  it('one month for dates in the same month; years and months written with four and two digits', () => {
    expect(monthlyRevenue([], '2024-03-01', '2024-03-31')).toEqual([{ month: '2024-03', ideal: 0, rest: 0 }]);
    expect(monthlyRevenue([], '0999-12-05', '1000-01-02').map((m) => m.month)).toEqual(['0999-12', '1000-01']);
  });
});
