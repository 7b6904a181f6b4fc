/** Tests of src/kernel/number-options.ts. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/kernel/errors.js';
import { amount, dayCount, optionalWholeNumber, percentage, seconds, wholeNumber, yearlyRate } from '../../../src/kernel/number-options.js';
import { parseClvNumbers } from '../../../src/commands/clv.js';

describe('the numeric-option reader', () => {
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error('no error');
  };
  it('reads whole numbers, with and without a range', () => {
    expect(wholeNumber('top', '12')).toBe(12);
    expect(wholeNumber('skip', ' 3 ')).toBe(3);
    expect(optionalWholeNumber('top', undefined)).toBeUndefined();
    expect(message(() => wholeNumber('skip', 'x'))).toBe("--skip takes a whole number, not 'x'");
    expect(message(() => wholeNumber('top', '1.5'))).toBe("--top takes a whole number, not '1.5'");
    expect(message(() => wholeNumber('bins', '11', { min: 2, max: 10 }))).toBe("--bins takes a whole number from 2 to 10, not '11'");
    expect(wholeNumber('bins', '10', { min: 2, max: 10 })).toBe(10);
  });
  it('reads percentages as fractions, within their range', () => {
    expect(percentage('ideal', '20')).toBe(0.2);
    expect(percentage('max-reject-rate', '0.5%')).toBe(0.005);
    expect(message(() => percentage('max-reject-rate', 'abc'))).toBe("--max-reject-rate takes a percentage such as 1 or 0.5%, not 'abc'");
    expect(message(() => percentage('ideal', '101'))).toBe("--ideal takes a percentage from 0 to 100, not '101'");
    expect(message(() => percentage('elite', '0', { min: 0.01 }))).toBe("--elite takes a percentage from 0.01 to 100, not '0'");
  });
  it('reads days, yearly rates and seconds (--horizon, --discount-rate, --timeout)', () => {
    expect(dayCount('horizon', '180', 36_525)).toBe(180);
    expect(message(() => dayCount('horizon', '0', 36_525))).toBe("--horizon takes a number of days from 1 to 36525, not '0'");
    expect(message(() => dayCount('horizon', '1.5', 36_525))).toBe("--horizon takes a number of days from 1 to 36525, not '1.5'");
    expect(yearlyRate('discount-rate', '0.1', 10)).toBe(0.1);
    expect(yearlyRate('discount-rate', '10%', 10)).toBe(0.1);
    expect(yearlyRate('discount-rate', '0', 10)).toBe(0);
    for (const bad of ['-0.1', 'ten', '11', '', '10%%']) {
      expect(message(() => yearlyRate('discount-rate', bad, 10))).toBe(`--discount-rate takes a yearly rate such as 0.1 or 10%, not '${bad}'`);
    }
    expect(seconds('timeout', '2.5')).toBe(2.5);
    for (const bad of ['0', '-1', 'soon', '']) expect(message(() => seconds('timeout', bad))).toBe(`--timeout takes a number of seconds, not '${bad}'`);
    // Without the options, CLV uses the defaults --help shows: a year ahead, no discount.
    expect(parseClvNumbers({})).toEqual({ horizonDays: 365, discountRate: 0 });
  });
  it('reads amounts, never negative', () => {
    expect(amount('cost-per-order', '12.50')).toBe(12.5);
    expect(message(() => amount('cost-per-order', '-1'))).toBe("--cost-per-order takes an amount such as 25 or 12.50, not '-1'");
  });
});
