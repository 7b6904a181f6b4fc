/** Issue 16's small fixes: one sanitiser, one numeric-option reader, wording that follows the ABC basis, the RFM section found by what it is. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { amount, dayCount, optionalWholeNumber, percentage, seconds, wholeNumber, yearlyRate } from '../src/commands/number-options.js';
import { parseClvNumbers } from '../src/commands/clv.js';
import { oneLine, printable, replaceControls } from '../src/text.js';
import { runInProcess } from './helpers/in-process.js';

describe('the control-character sanitiser', () => {
  it('replaces C0 and C1 controls by U+FFFD, keeping what it is told to keep', () => {
    expect(replaceControls('a\u001B[31mb\u009Bc\td\ne')).toBe('a\uFFFD[31mb\uFFFDc\uFFFDd\uFFFDe');
    expect(replaceControls('a\tb\nc\rd', undefined, '\t\n')).toBe('a\tb\nc\uFFFDd');
    expect(replaceControls('a\u0007b', () => '')).toBe('ab');
    expect(replaceControls('plain ÆØÅ €')).toBe('plain ÆØÅ €');
  });
  it('makes messages one line with visible escapes, and data one line with replacement characters', () => {
    expect(printable('bad\r\n\tvalue\u0000\u001B')).toBe('bad value\\0\\x1B');
    expect(oneLine('two\r\nlines\rand\nmore\u0001')).toBe('two lines and more\uFFFD');
  });
});

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

describe('the report', () => {
  const SAMPLE = ['fixtures/sample/invoices.csv'];
  const gini = (text: string): string => /The Gini coefficient is [0-9.]+: [^.]*\./.exec(text)?.[0] ?? '';

  it('says what is concentrated by the ABC basis, not always revenue', async () => {
    const orders = await runInProcess(['report', ...SAMPLE, '--by', 'orders']);
    expect(orders.code).toBe(0);
    expect(gini(orders.stdout)).toMatch(/: orders are (concentrated in few customers|moderately concentrated|spread fairly evenly)\.$/);
    const margin = await runInProcess(['report', ...SAMPLE, '--by', 'margin']);
    expect(gini(margin.stdout)).toMatch(/: margin is /);
    const revenue = await runInProcess(['report', ...SAMPLE]);
    expect(gini(revenue.stdout)).toMatch(/: revenue is /);
  });

  it('shows the RFM segments in section 4 without the score cut points', async () => {
    const r = await runInProcess(['report', ...SAMPLE]);
    const section = r.stdout.slice(r.stdout.indexOf('## 4.'), r.stdout.indexOf('## 5.'));
    expect(section).toContain('### RFM segments');
    expect(section).toContain('| segment');
    expect(section).not.toContain('Scores and their cut points');
  });
});
