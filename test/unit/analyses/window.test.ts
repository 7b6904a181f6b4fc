/** Tests of src/analyses/window.ts: the window and as-of date from the options and the data's dates. */
import { describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../../../src/kernel/errors.js';
import { monthsBetween, resolveDates, spanWarning, type StaticParams } from '../../../src/analyses/window.js';

/** resolveDates reads only the three date options. */
const opts = (o: { asOfOption?: string; from?: string; to?: string }): StaticParams => o as unknown as StaticParams;

describe('resolveDates', () => {
  it('without options: the window is the data, as of its last date', () => {
    expect(resolveDates(opts({}), '2023-02-01', '2024-11-30')).toEqual({ asOf: '2024-11-30', windowStart: '2023-02-01', windowEnd: '2024-11-30' });
  });

  it('an as-of date before the last date ends the window there; after it, the window ends with the data', () => {
    expect(resolveDates(opts({ asOfOption: '2024-06-30' }), '2023-02-01', '2024-11-30')).toEqual({ asOf: '2024-06-30', windowStart: '2023-02-01', windowEnd: '2024-06-30' });
    expect(resolveDates(opts({ asOfOption: '2025-01-31' }), '2023-02-01', '2024-11-30')).toEqual({ asOf: '2025-01-31', windowStart: '2023-02-01', windowEnd: '2024-11-30' });
  });

  it('--to and --from set the window; the as-of date defaults to its end', () => {
    expect(resolveDates(opts({ from: '2023-06-01', to: '2024-05-31' }), '2023-02-01', '2024-11-30')).toEqual({ asOf: '2024-05-31', windowStart: '2023-06-01', windowEnd: '2024-05-31' });
    // --to wins over an earlier as-of date for the end; the as-of date stays as given.
    expect(resolveDates(opts({ asOfOption: '2024-03-31', to: '2024-05-31' }), '2023-02-01', '2024-11-30')).toEqual({ asOf: '2024-03-31', windowStart: '2023-02-01', windowEnd: '2024-05-31' });
  });

  it('a window of one day is allowed; one that ends before it starts is a usage error naming both dates', () => {
    expect(resolveDates(opts({ from: '2024-05-31', to: '2024-05-31' }), '2023-02-01', '2024-11-30').windowStart).toBe('2024-05-31');
    expect(() => resolveDates(opts({ from: '2024-06-01', to: '2024-05-31' }), '2023-02-01', '2024-11-30')).toThrow(UsageError);
    expect(() => resolveDates(opts({ from: '2024-06-01', to: '2024-05-31' }), '2023-02-01', '2024-11-30')).toThrow('the window 2024-06-01 to 2024-05-31 is empty');
  });

  it('data without a first or without a last date is a data error', () => {
    expect(() => resolveDates(opts({}), null, '2024-11-30')).toThrow(DataError);
    expect(() => resolveDates(opts({}), '2023-02-01', null)).toThrow(DataError);
    expect(() => resolveDates(opts({}), null, null)).toThrow('no transactions with a customer to analyse');
  });
});

describe('monthsBetween and spanWarning', () => {
  it('counts months of 365.25 / 12 days', () => {
    // 2024-01-01 to 2024-04-10: 31 + 29 + 31 + 9 = 100 days; 100 / 30.4375 = 3.2854…
    expect(monthsBetween('2024-01-01', '2024-04-10')).toBeCloseTo(100 / 30.4375, 12);
    expect(monthsBetween('2024-04-10', '2024-01-01')).toBeCloseTo(-100 / 30.4375, 12);
  });

  it('warns about a window shorter than 24 months, with its length to one decimal', () => {
    expect(spanWarning('2024-01-01', '2024-04-10')).toBe(
      'the data covers 3.3 months (2024-01-01 to 2024-04-10); the method asks for 2-3 years, so regularity and recency are less reliable',
    );
    // 730 days = 23.98 months: still short; 731 days = 24.02 months: long enough.
    expect(spanWarning('2022-01-01', '2024-01-01')).toContain('the data covers 24.0 months');
    expect(spanWarning('2022-01-01', '2024-01-02')).toBeUndefined();
  });

  it('says nothing without dates', () => {
    expect(spanWarning(null, '2024-04-10')).toBeUndefined();
    expect(spanWarning('2024-01-01', null)).toBeUndefined();
  });
});
