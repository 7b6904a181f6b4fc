/**
 * Cases that kill the mutants of src/ingest/decide.ts that the other tests let live (issue 19,
 * TESTING.md): the evidence and notes a user reads in the input report, ties between the two
 * readings of a mixed column, and every spelling of --date-format.
 */
import { describe, expect, it } from 'vitest';
import { decideDateOrder, decideDecimalStyle, describeDateOrder, parseDateFormatOption, type DateShapeCounts, type NumberShapeCounts } from '../src/ingest/decide.js';

const numbers = (c: Partial<NumberShapeCounts>): NumberShapeCounts => ({ nonEmpty: 0, integer: 0, dot: 0, comma: 0, ambiguous: 0, invalid: 0, ...c });
const dates = (c: Partial<DateShapeCounts>): DateShapeCounts => ({ nonEmpty: 0, pending: 0, iso: 0, ymd: 0, compact: 0, dmy: 0, mdy: 0, dayMonthAmbiguous: 0, dmon: 0, invalid: 0, ...c });

describe('the decimal style and what the input report says about it', () => {
  it('names the values that settled it, with an example', () => {
    expect(decideDecimalStyle(numbers({ nonEmpty: 2, dot: 2, dotExample: '3.25' }))).toEqual({ status: 'decided', value: 'dot', evidence: '2 values like 3.25' });
    expect(decideDecimalStyle(numbers({ nonEmpty: 1, dot: 1 }))).toEqual({ status: 'decided', value: 'dot', evidence: '1 value like 12.50' });
    expect(decideDecimalStyle(numbers({ nonEmpty: 1, comma: 1, commaExample: '7,5' }))).toEqual({ status: 'decided', value: 'comma', evidence: '1 value like 7,5' });
    expect(decideDecimalStyle(numbers({ nonEmpty: 3, comma: 3 }))).toEqual({ status: 'decided', value: 'comma', evidence: '3 values like 12,50' });
  });
  it('gives a tied mixed column to the decimal point and names the rejected values', () => {
    expect(decideDecimalStyle(numbers({ nonEmpty: 4, dot: 2, comma: 2, dotExample: '1.5', commaExample: '2,5' }))).toEqual({
      status: 'decided',
      value: 'dot',
      evidence: '2 values fit a decimal point',
      note: '2 values (like 2,5) fit only a decimal comma and are rejected',
    });
    expect(decideDecimalStyle(numbers({ nonEmpty: 4, dot: 1, comma: 3, dotExample: '1.5', commaExample: '2,5' }))).toEqual({
      status: 'decided',
      value: 'comma',
      evidence: '3 values fit a decimal comma',
      note: '1 value (like 1.5) fit only a decimal point and are rejected',
    });
    expect(decideDecimalStyle(numbers({ nonEmpty: 4, dot: 3, comma: 1 }))).toMatchObject({ value: 'dot', note: '1 value (like ) fit only a decimal comma and are rejected' });
    expect(decideDecimalStyle(numbers({ nonEmpty: 4, dot: 1, comma: 3 }))).toMatchObject({ value: 'comma', note: '1 value (like ) fit only a decimal point and are rejected' });
  });
  it('says why a column of 1,234-like values stays undecided', () => {
    expect(decideDecimalStyle(numbers({ nonEmpty: 2, ambiguous: 2, ambiguousExample: '1.234' }))).toEqual({ status: 'undecided', evidence: '2 values like 1.234 read either way and none settles it' });
    expect(decideDecimalStyle(numbers({ nonEmpty: 1, ambiguous: 1 }))).toEqual({ status: 'undecided', evidence: '1 value like 1,234 read either way and none settles it' });
    // Whole numbers next to ambiguous ones settle nothing either.
    expect(decideDecimalStyle(numbers({ nonEmpty: 3, integer: 2, ambiguous: 1 })).status).toBe('undecided');
  });
  it('says whole numbers have no decimal separator', () => {
    expect(decideDecimalStyle(numbers({ nonEmpty: 2, integer: 2 }))).toEqual({ status: 'decided', value: 'none', evidence: 'no decimal separator seen' });
  });
});

describe('the date order and what the input report says about it', () => {
  it('names the family and the count that settled it', () => {
    expect(decideDateOrder(dates({ nonEmpty: 2, iso: 2 }))).toEqual({ status: 'decided', value: 'iso', evidence: '2 values like yyyy-mm-dd' });
    expect(decideDateOrder(dates({ nonEmpty: 1, ymd: 1 }))).toEqual({ status: 'decided', value: 'ymd', evidence: '1 value like yyyy/mm/dd' });
    expect(decideDateOrder(dates({ nonEmpty: 3, dmon: 3, iso: 1 }))).toEqual({ status: 'decided', value: 'dmon', evidence: '3 values like dd-Mon-yyyy' });
  });
  it('lets the first family win a tie, and day-month beat a smaller family', () => {
    expect(decideDateOrder(dates({ nonEmpty: 4, iso: 2, compact: 2 }))).toMatchObject({ value: 'iso' });
    expect(decideDateOrder(dates({ nonEmpty: 4, iso: 1, dmy: 2, dayMonthAmbiguous: 1 }))).toMatchObject({ value: 'dmy' });
  });
  it('decides ISO for a column of only pending rows, and names a bad value otherwise', () => {
    expect(decideDateOrder(dates({ nonEmpty: 3, pending: 3 }))).toEqual({ status: 'decided', value: 'iso', evidence: 'no dates (only pending rows)' });
    expect(decideDateOrder(dates({ nonEmpty: 3, pending: 1, invalid: 2, invalidExample: 'soon' }))).toEqual({ status: 'undecided', evidence: 'no value looks like a date (for example soon)' });
    expect(decideDateOrder(dates({ nonEmpty: 1, invalid: 1 }))).toEqual({ status: 'undecided', evidence: 'no value looks like a date (for example ?)' });
  });
  it('names the value with a day over 12 that settled the order', () => {
    expect(decideDateOrder(dates({ nonEmpty: 2, dmy: 2, dmyExample: '25.12.2024' }))).toEqual({ status: 'decided', value: 'dmy', evidence: '2 values with a day over 12, like 25.12.2024' });
    expect(decideDateOrder(dates({ nonEmpty: 1, mdy: 1, mdyExample: '12/25/2024' }))).toEqual({ status: 'decided', value: 'mdy', evidence: '1 value with a day over 12 in second place, like 12/25/2024' });
    expect(decideDateOrder(dates({ nonEmpty: 1, dmy: 1 }))).toMatchObject({ evidence: '1 value with a day over 12, like ' });
    expect(decideDateOrder(dates({ nonEmpty: 1, mdy: 1 }))).toMatchObject({ evidence: '1 value with a day over 12 in second place, like ' });
  });
  it('gives a tied mixed column to day-first and names what is rejected either way', () => {
    const ex = { dmyExample: '25.12.2024', mdyExample: '12/25/2024' };
    expect(decideDateOrder(dates({ nonEmpty: 2, dmy: 1, mdy: 1, ...ex }))).toEqual({
      status: 'decided',
      value: 'dmy',
      evidence: '1 value settle day first',
      note: '1 value (like 12/25/2024) only fit month first and are rejected',
    });
    expect(decideDateOrder(dates({ nonEmpty: 5, dmy: 2, mdy: 3, ...ex }))).toEqual({
      status: 'decided',
      value: 'mdy',
      evidence: '3 values settle month first',
      note: '2 values (like 25.12.2024) only fit day first and are rejected',
    });
  });
  it('says why day-month dates with no day over 12 stay undecided', () => {
    expect(decideDateOrder(dates({ nonEmpty: 2, dayMonthAmbiguous: 2, ambiguousExample: '03/04/2024' }))).toEqual({
      status: 'undecided',
      evidence: '2 values like 03/04/2024 read as day-first or month-first and no day is over 12',
    });
    expect(decideDateOrder(dates({ nonEmpty: 1, dayMonthAmbiguous: 1 }))).toMatchObject({ evidence: '1 value like 01.02.2024 read as day-first or month-first and no day is over 12' });
  });
  it('describes each order in words', () => {
    expect(['iso', 'ymd', 'compact', 'dmy', 'mdy', 'dmon'].map((o) => describeDateOrder(o as never))).toEqual([
      'yyyy-mm-dd', 'yyyy/mm/dd', 'yyyymmdd', 'dd.mm.yyyy (day first)', 'mm/dd/yyyy (month first)', 'dd-Mon-yyyy',
    ]);
  });
});

describe('every spelling of --date-format', () => {
  it.each([
    ['  DMY ', 'dmy'], ['dayfirst', 'dmy'], ['mdy', 'mdy'], ['month-first', 'mdy'], ['monthfirst', 'mdy'],
    ['iso', 'iso'], ['yyyy-mm-dd hh:mm', 'iso'], ['%Y-%m-%d', 'iso'],
    ['ymd', 'ymd'], ['yyyy/mm/dd', 'ymd'], ['yyyy.mm.dd.', 'ymd'], ['compact', 'compact'],
    ['d-mon-yy', 'dmon'], ['dd mon yyyy', 'dmon'], ['dd/mon/yyyy', 'dmon'], ['dd.mon.yyyy', 'dmon'],
    ['d.m.yy', 'dmy'], ['dd/mm/yyyy', 'dmy'], ['%d/%m/%Y', 'dmy'], ['%d-%m-%y', 'dmy'],
    ['m/d/yyyy', 'mdy'], ['mm-dd-yy', 'mdy'], ['mm.dd.yyyy', 'mdy'], ['%m/%d/%Y', 'mdy'], ['%M.%D.%Y', 'mdy'],
  ])('%j is %s', (text, order) => {
    expect(parseDateFormatOption(text)).toBe(order);
  });
  it.each(['', 'yyyy', 'x yyyy-mm-dd', 'yyyy/mm/dd/', 'yyyy/mm', 'ddd-mon-yyyy', 'dd-mon-y', 'dd mm yyyy', 'dd.mm.yyyy!', 'mm/dd/y', 'ddd.mm.yyyy', 'mmm/dd/yyyy', '%d.%m.%Y.', 'x%d.%m.%Y', '%m/%d/%Y/', 'x%m/%d/%Y', 'mm/dd/yyyy!', 'xyyyy/mm/dd', 'dd-mon-yyyyy', 'iso8601', 'xyyyymmdd'])('%j is refused', (text) => {
    expect(parseDateFormatOption(text)).toBeUndefined();
  });
});
