import { describe, expect, it } from 'vitest';
import { decideDateOrder, decideDecimalStyle, parseDateFormatOption, type DateShapeCounts, type NumberShapeCounts } from '../src/ingest/decide.js';

const numbers = (c: Partial<NumberShapeCounts>): NumberShapeCounts => ({
  nonEmpty: 0, integer: 0, dot: 0, comma: 0, ambiguous: 0, invalid: 0, ...c,
});
const dates = (c: Partial<DateShapeCounts>): DateShapeCounts => ({
  nonEmpty: 0, pending: 0, iso: 0, ymd: 0, compact: 0, dmy: 0, mdy: 0, dayMonthAmbiguous: 0, dmon: 0, invalid: 0, ...c,
});

describe('decideDecimalStyle', () => {
  it('settles a decimal comma from values that only fit it', () => {
    const d = decideDecimalStyle(numbers({ nonEmpty: 5, comma: 3, ambiguous: 2 }));
    expect(d).toMatchObject({ status: 'decided', value: 'comma' });
  });
  it('settles a decimal point likewise', () => {
    expect(decideDecimalStyle(numbers({ nonEmpty: 3, dot: 1, integer: 2 }))).toMatchObject({ status: 'decided', value: 'dot' });
  });
  it('leaves a column of only 1,234-like values undecided', () => {
    expect(decideDecimalStyle(numbers({ nonEmpty: 4, ambiguous: 4 })).status).toBe('undecided');
  });
  it('reads whole numbers as having no decimal separator', () => {
    expect(decideDecimalStyle(numbers({ nonEmpty: 4, integer: 4 }))).toMatchObject({ status: 'decided', value: 'none' });
  });
  it('lets the majority decide a mixed column and says the minority is rejected', () => {
    const d = decideDecimalStyle(numbers({ nonEmpty: 10, comma: 8, dot: 2, dotExample: '1.5' }));
    expect(d).toMatchObject({ status: 'decided', value: 'comma' });
    expect(d.status === 'decided' && d.note).toMatch(/2 values \(like 1\.5\).*rejected/);
  });
  it('has no values to decide from in an empty column', () => {
    expect(decideDecimalStyle(numbers({}))).toMatchObject({ status: 'decided', value: 'none', evidence: 'no values' });
  });
});

describe('decideDateOrder', () => {
  it('settles day-first from a day over 12', () => {
    expect(decideDateOrder(dates({ nonEmpty: 3, dmy: 1, dayMonthAmbiguous: 2 }))).toMatchObject({ status: 'decided', value: 'dmy' });
  });
  it('settles month-first from a second part over 12', () => {
    expect(decideDateOrder(dates({ nonEmpty: 3, mdy: 1, dayMonthAmbiguous: 2 }))).toMatchObject({ status: 'decided', value: 'mdy' });
  });
  it('never decides when no part is over 12', () => {
    expect(decideDateOrder(dates({ nonEmpty: 3, dayMonthAmbiguous: 3 })).status).toBe('undecided');
  });
  it('takes ISO dates as they are', () => {
    expect(decideDateOrder(dates({ nonEmpty: 3, iso: 3 }))).toMatchObject({ status: 'decided', value: 'iso' });
  });
  it('takes the most common family', () => {
    expect(decideDateOrder(dates({ nonEmpty: 5, compact: 4, iso: 1 }))).toMatchObject({ value: 'compact' });
  });
  it('is undecided when nothing looks like a date', () => {
    expect(decideDateOrder(dates({ nonEmpty: 2, invalid: 2, invalidExample: 'abc' })).status).toBe('undecided');
  });
});

describe('parseDateFormatOption', () => {
  it.each([
    ['dd.mm.yyyy', 'dmy'],
    ['DD/MM/YYYY', 'dmy'],
    ['dd-mm-yy', 'dmy'],
    ['mm/dd/yyyy', 'mdy'],
    ['yyyy-mm-dd', 'iso'],
    ['yyyymmdd', 'compact'],
    ['dd-mon-yyyy', 'dmon'],
    ['%d.%m.%Y', 'dmy'],
    ['day-first', 'dmy'],
  ])('%s is %s', (text, order) => {
    expect(parseDateFormatOption(text)).toBe(order);
  });
  it('refuses what is not a date format', () => {
    expect(parseDateFormatOption('tomorrow')).toBeUndefined();
  });
});
