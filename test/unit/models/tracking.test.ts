/**
 * src/models/tracking.ts in-process, with E[X(t)] = t, so that every expected figure is a sum
 * worked out by hand: by day D the customers who first bought on day f expect (D − f) / 7 (weeks).
 */
import { describe, expect, it } from 'vitest';
import { tracking } from '../../../src/models/tracking.js';

const linear = (t: number): number => t;
// Two customers first bought on day 0 (2024-01-01), one on day 4 (2024-01-05).
const firsts = ['2024-01-01', '2024-01-01', '2024-01-05'];
const actual = [
  { date: '2024-01-01', purchases: 1 },
  { date: '2024-01-03', purchases: 2 },
  { date: '2024-01-09', purchases: 1 },
  { date: '2024-01-10', purchases: 4 },
  { date: '2024-01-20', purchases: 1 },
  // Outside the period: left out.
  { date: '2023-12-31', purchases: 9 },
  { date: '2024-01-21', purchases: 5 },
];

describe('tracking', () => {
  it('weeks run from the holdout\'s first day; the first and last are cut at the period\'s ends', () => {
    // 20 days, holdout from day 9: weeks start on days 0 (cut), 2, 9 and 16 (cut: 16–19).
    // Expected by the last day of each: day 1: 2 × 1/7; day 8: 2 × 8/7 + 4/7; day 15: 2 × 15/7 + 11/7; day 19: 2 × 19/7 + 15/7.
    const r = tracking(firsts, linear, 7, actual, { from: '2024-01-01', to: '2024-01-20', holdoutFrom: '2024-01-10' });
    expect(r).toMatchObject({ from: '2024-01-01', to: '2024-01-20', holdoutFrom: '2024-01-10' });
    expect(r.weeks.map((w) => [w.start, w.end, w.holdout, w.actual, w.actualCumulative])).toEqual([
      ['2024-01-01', '2024-01-02', false, 1, 1],
      ['2024-01-03', '2024-01-09', false, 3, 4],
      ['2024-01-10', '2024-01-16', true, 4, 8],
      ['2024-01-17', '2024-01-20', true, 1, 9],
    ]);
    const cumulative = [2 / 7, 20 / 7, 41 / 7, 53 / 7];
    r.weeks.forEach((w, i) => {
      expect(w.expectedCumulative).toBeCloseTo(cumulative[i]!, 12);
      expect(w.expected).toBeCloseTo(cumulative[i]! - (cumulative[i - 1] ?? 0), 12);
    });
  });

  it('without a holdout, weeks run from the first day and none is holdout', () => {
    const r = tracking(firsts, linear, 7, actual, { from: '2024-01-01', to: '2024-01-20', holdoutFrom: null });
    expect(r.holdoutFrom).toBeNull();
    expect(r.weeks.map((w) => [w.start, w.end, w.holdout, w.actual])).toEqual([
      ['2024-01-01', '2024-01-07', false, 3],
      ['2024-01-08', '2024-01-14', false, 5],
      ['2024-01-15', '2024-01-20', false, 1],
    ]);
    // Day 6: 2 × 6/7 + 2/7; day 13: 2 × 13/7 + 9/7; day 19: 53/7.
    expect(r.weeks.map((w) => w.expectedCumulative * 7)).toEqual([14, 35, 53].map((x) => expect.closeTo(x, 10)));
  });

  it('a holdout a whole number of weeks in starts a week on its first day, not a cut one', () => {
    const r = tracking(firsts, linear, 7, [], { from: '2024-01-01', to: '2024-01-14', holdoutFrom: '2024-01-08' });
    expect(r.weeks.map((w) => [w.start, w.end, w.holdout])).toEqual([
      ['2024-01-01', '2024-01-07', false],
      ['2024-01-08', '2024-01-14', true],
    ]);
  });

  it('takes the lag in model units: days ÷ days per unit', () => {
    // One customer from day 0, months of 30 days: by day 29, E[X(29/30)].
    const r = tracking(['2024-01-01'], linear, 30, [], { from: '2024-01-01', to: '2024-01-30', holdoutFrom: null });
    expect(r.weeks.at(-1)!.expectedCumulative).toBeCloseTo(29 / 30, 12);
  });
});
