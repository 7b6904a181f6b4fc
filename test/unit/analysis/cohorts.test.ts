/** The cohort window (moved from the command): --from and --to within the data, and its partial first and last periods. */
import { describe, expect, it } from 'vitest';
import { cohortWindow } from '../../../src/analysis/cohorts.js';
import { UsageError } from '../../../src/errors.js';

const DATA = { first: '2024-01-03', last: '2024-12-20' };

describe('cohortWindow', () => {
  it('is the data\'s dates without --from and --to, its first and last months cut', () => {
    expect(cohortWindow(DATA, 'month')).toEqual({ from: '2024-01-03', to: '2024-12-20', startsWithData: true, firstPartial: true, lastPartial: true });
  });

  it('calls a period whole when the window starts on its first day and ends on its last (leap day, quarter, year)', () => {
    expect(cohortWindow(DATA, 'month', '2024-02-01', '2024-02-29')).toEqual({ from: '2024-02-01', to: '2024-02-29', startsWithData: false, firstPartial: false, lastPartial: false });
    expect(cohortWindow(DATA, 'month', '2024-02-02', '2024-02-28')).toMatchObject({ firstPartial: true, lastPartial: true });
    expect(cohortWindow(DATA, 'quarter', '2024-04-01', '2024-09-30')).toMatchObject({ firstPartial: false, lastPartial: false });
    expect(cohortWindow(DATA, 'quarter', '2024-03-31', '2024-10-01')).toMatchObject({ firstPartial: true, lastPartial: true });
    expect(cohortWindow({ first: '2023-01-01', last: '2024-12-31' }, 'year')).toMatchObject({ startsWithData: true, firstPartial: false, lastPartial: false });
  });

  it('clips --from and --to to the data, and a --from before the data starts with it', () => {
    expect(cohortWindow(DATA, 'month', '2020-01-01', '2030-01-01')).toMatchObject({ from: '2024-01-03', to: '2024-12-20', startsWithData: true });
    expect(cohortWindow(DATA, 'month', '2024-01-03')).toMatchObject({ startsWithData: true });
  });

  it('refuses a window with no transactions, naming it', () => {
    expect(() => cohortWindow(DATA, 'month', '2030-01-01')).toThrow(new UsageError('the window 2030-01-01 to 2024-12-20 has no transactions'));
    expect(() => cohortWindow(DATA, 'month', undefined, '2023-01-01')).toThrow(UsageError);
  });
});
