import { describe, expect, it } from 'vitest';
import { decideDateOrder, decideDecimalStyle, parseDateFormatOption, type DateShapeCounts, type NumberShapeCounts, describeDateOrder } from '../../../../src/sources/files/decide.js';

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

import type { ColumnProfile } from '../../../../src/sources/files/duckdb/engine.js';
import { currencyColumnByValues, dateColumnByValues, dateRank, flagColumnByValues, holdsFlagAndBlanks, holdsFlagPair } from '../../../../src/sources/files/value-roles.js';
import { blankMeaning } from '../../../../src/sources/files/direction-plan.js';
import { firstWithNames, holdsOneValueEverywhere, looksLikeParties, onePartyOnSomeRows, partyByValues } from '../../../../src/sources/files/counterparty.js';
import type { ColumnMapping } from '../../../../src/sources/files/mapping.js';

/** A column's profile from its values, counted by hand. */
function column(index: number, values: readonly string[], extra: Partial<ColumnProfile> = {}): ColumnProfile {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  const nonEmpty = values.filter((v) => v !== '').length;
  return {
    index, nonEmpty, distinct: counts.size, castable: 0,
    number: { ...numbers({}), codes: [] }, date: dates({ nonEmpty }),
    currencyLike: 0, nameLike: 0,
    topValues: [...counts].sort((a, b) => b[1] - a[1]).map(([value, count]) => ({ value, count })),
    ...extra,
  } as ColumnProfile;
}

describe('a direction column by its values', () => {
  const pairs = [['C', 'D'], ['Credit', 'Debit'], ['CR', 'DR'], ['Cr', 'Dr'], ['DEBIT', 'CREDIT'], ['Bij', 'Af'], ['Af', 'Bij'], ['S', 'H'], ['Inn', 'Ut'], ['Ind', 'Ud'], ['In', 'Out'], ['+', '-'], ['+', '−'], ['c', 'd'], ['K', 'D']];
  it.each(pairs)('%s / %s is a flag pair, whatever the header', (a, b) => {
    const p = column(0, [a, b, a, a, b]);
    expect(holdsFlagPair(p)).toBe(true);
    for (const header of ['CreditDebet', 'type', 'Richtung', 'D/K']) {
      expect(flagColumnByValues([{ column: header, index: 0 }], new Map([[0, p]]))?.evidence).toBe(`its values are debit/credit flags: ${a} (3) / ${b} (2)`);
    }
  });
  it('is not one flag alone, flags of two pairs, or other two-valued columns', () => {
    for (const values of [['C', 'C'], ['C', 'Af'], ['Yes', 'No'], ['S', 'M', 'L'], ['A', 'B'], ['Gutschrift', 'Lastschrift'], ['C', 'D', 'X']]) {
      expect(holdsFlagPair(column(0, values))).toBe(false);
    }
  });
  it('is one flag alone when it is a word or the header says so (an export of debits only)', () => {
    const debits = column(0, ['D', 'D', 'D']);
    expect(flagColumnByValues([{ column: 'CreditDebet', index: 0 }], new Map([[0, debits]]))?.evidence).toBe('its values are debit/credit flags: D (3)');
    expect(flagColumnByValues([{ column: 'Klasse', index: 0 }], new Map([[0, debits]]))).toBeUndefined();
    expect(flagColumnByValues([{ column: 'type', index: 0 }], new Map([[0, column(0, ['DEBIT', 'DEBIT'])]]))?.column).toBe('type');
  });
  it('outside bank statements, takes single letters and signs only under a direction header', () => {
    const trend = column(0, ['+', '-', '+']);
    expect(flagColumnByValues([{ column: 'Trend', index: 0 }], new Map([[0, trend]]), true)).toBeUndefined();
    expect(flagColumnByValues([{ column: 'Debit/Credit', index: 0 }], new Map([[0, trend]]), true)?.column).toBe('Debit/Credit');
    expect(flagColumnByValues([{ column: 'type', index: 0 }], new Map([[0, column(0, ['CREDIT', 'DEBIT'])]]), true)?.column).toBe('type');
  });
  it('is one flag and blanks beside amounts never negative (a card statement: CR on payments), and asks about a lone letter', () => {
    const cr = column(0, ['', '', 'CR', '']);
    expect(holdsFlagAndBlanks(cr, 4)).toBe(true);
    expect(holdsFlagAndBlanks(cr, 1)).toBe(false);
    expect(holdsFlagAndBlanks(column(0, ['', 'X', '']), 3)).toBe(false);
    expect(flagColumnByValues([{ column: 'column4', index: 0 }], new Map([[0, cr]]), false, { rows: 4, unsigned: true })?.evidence).toBe('its values are debit/credit flags: CR (1), and 3 blanks');
    // Signed amounts already say the direction; without the amounts' signs nothing is decided.
    expect(flagColumnByValues([{ column: 'column4', index: 0 }], new Map([[0, cr]]), false, { rows: 4, unsigned: false })).toBeUndefined();
    expect(flagColumnByValues([{ column: 'column4', index: 0 }], new Map([[0, cr]]))).toBeUndefined();
    const c = column(0, ['', 'C', '']);
    expect(() => flagColumnByValues([{ column: 'Cleared', index: 0 }], new Map([[0, c]]), false, { rows: 3, unsigned: true })).toThrow("name it with --direction 'Cleared'");
    expect(flagColumnByValues([{ column: 'CreditDebet', index: 0 }], new Map([[0, c]]), false, { rows: 3, unsigned: true })?.column).toBe('CreditDebet');
  });
  it('reads a blank flag as the other direction only beside one flag and amounts never negative', () => {
    const flag = column(0, ['', 'CR', '']);
    const amount = (negative: number): ColumnProfile => ({ ...column(1, ['1', '2', '3']), number: { ...numbers({ nonEmpty: 3, dot: 3 }), codes: [], negative } });
    expect(blankMeaning(['CR'], [], flag, amount(0), 3)).toBe('outgoing');
    expect(blankMeaning([], ['D'], flag, amount(0), 3)).toBe('incoming');
    expect(blankMeaning(['CR'], [], flag, amount(1), 3)).toBeUndefined();
    expect(blankMeaning(['C'], ['D'], flag, amount(0), 3)).toBeUndefined();
    expect(blankMeaning(['CR'], [], flag, amount(0), 1)).toBeUndefined();
  });
  it('asks with --direction when two columns hold flags', () => {
    const p = column(0, ['C', 'D']);
    expect(() => flagColumnByValues([{ column: 'a', index: 0 }, { column: 'b', index: 1 }], new Map([[0, p], [1, { ...p, index: 1 }]]))).toThrow("name the one that gives the direction with --direction 'a'");
  });
});

describe('a currency column by its values', () => {
  it('is a column of ISO 4217 codes, not of other three-letter words', () => {
    const free = [{ column: 'Valutacode', index: 0 }, { column: 'Land', index: 1 }];
    const profiles = new Map([[0, column(0, ['EUR', 'EUR', 'USD'])], [1, column(1, ['NLD', 'NLD', 'DEU'])]]);
    expect(currencyColumnByValues(free, profiles, undefined)).toMatchObject({ column: 'Valutacode', evidence: 'its values are ISO 4217 codes: EUR (2) / USD (1)' });
  });
  it('takes the one right after the amount among two, and asks when nothing settles it', () => {
    const free = [{ column: 'W1', index: 1 }, { column: 'W2', index: 3 }];
    const profiles = new Map([[1, column(1, ['EUR', 'USD'])], [3, column(3, ['EUR', 'EUR'])]]);
    expect(currencyColumnByValues(free, profiles, 2)?.column).toBe('W2');
    expect(() => currencyColumnByValues(free, profiles, 5)).toThrow("--currency-col 'W1'");
  });
});

describe('the transaction date by its values', () => {
  it('ranks a booking date before a transaction date before a plain one; value dates never', () => {
    expect(dateRank('Boekdatum')).toBeLessThan(dateRank('Transactiedatum'));
    expect(dateRank('Buchung')).toBeLessThan(dateRank('Datum'));
    expect(dateRank('Transaktionsdag')).toBeLessThan(dateRank('Datum'));
    for (const h of ['Valuta', 'Valutadatum', 'Wertstellung', 'Rentedatum', 'Due date']) expect(dateRank(h)).toBe(9);
  });
  it('chooses among date columns by the rule, and asks when two tie', () => {
    const d = (i: number): ColumnProfile => column(i, ['01.02.2024', '13.02.2024'], { date: dates({ nonEmpty: 2, dmy: 1, dayMonthAmbiguous: 1 }) });
    const profiles = new Map([[0, d(0)], [1, d(1)], [2, column(2, ['x', 'y'], { date: dates({ nonEmpty: 2, invalid: 2 }) })]]);
    expect(dateColumnByValues([{ column: 'Valuta', index: 0 }, { column: 'Buchung', index: 1 }, { column: 'Notiz', index: 2 }], profiles)?.column).toBe('Buchung');
    expect(() => dateColumnByValues([{ column: 'Tag', index: 0 }, { column: 'Am', index: 1 }], profiles)).toThrow("name it with --date 'Tag'");
  });
});

describe('a counterparty by its values', () => {
  const names = (i: number, values: string[]): ColumnProfile => {
    const p = column(i, values);
    return { ...p, nameLike: p.nonEmpty, meanLength: values.reduce((s, v) => s + v.length, 0) / values.length, digitRuns: values.filter((v) => /\d{4}/.test(v)).length };
  };
  const payer = names(2, ['Acme Corp GmbH', 'VISA RYANAIR', 'Beta Handel KG', 'Acme Corp GmbH', 'Beta Handel KG']);
  const purpose = names(4, ['Monatliche Zahlung Rechnung 2019-04 Kundennr 4711', 'NR8123456015 DUBLIN IE KAUFUMSATZ', 'Monatliche Zahlung Rechnung 2019-03 Kundennr 4712', 'Monatliche Zahlung Rechnung 2019-03 Kundennr 4711', 'Monatliche Zahlung 2019-02']);
  const type = names(3, ['Gutschrift', 'Lastschrift', 'Gutschrift', 'Gutschrift', 'Gutschrift']);
  it('short repeating names are parties; long varied purpose text is not', () => {
    expect(looksLikeParties(payer)).toBe(true);
    expect(looksLikeParties(purpose)).toBe(false);
  });
  it('prefers the payer column over the purpose text, and passes over a booking-type column by its header', () => {
    const profiles = new Map([[2, payer], [3, type], [4, purpose]]);
    const chosen = partyByValues([{ column: 'Auftraggeber/Empfänger', index: 2 }, { column: 'Buchungstext', index: 3 }], { column: 'Verwendungszweck', index: 4 }, profiles);
    expect(chosen?.column).toBe('Auftraggeber/Empfänger');
  });
  it('never takes the holder (one name in every row) in place of an empty column named for the counterparty', () => {
    const holder = names(1, ['SMITH JOHN']);
    const payers = names(2, ['Acme Corp GmbH', 'Beta Handel KG']);
    const candidate = (index: number, column: string): ColumnMapping => ({ field: 'counterparty', column, index, reason: "secondary synonym 'naam'" });
    expect(holdsOneValueEverywhere(holder, 1)).toBe(true);
    expect(holdsOneValueEverywhere(names(1, ['SMITH JOHN', 'SMITH JOHN']), 3)).toBe(false);
    expect(firstWithNames([candidate(1, 'Naam')], new Map([[1, holder]]), new Set([14]), 1)).toBeUndefined();
    expect(firstWithNames([candidate(2, 'Naam')], new Map([[2, payers]]), new Set([14]), 2)?.column).toBe('Naam');
  });
  it('a header that says name or description (Naam / Omschrijving) is a candidate on its values; a category name is not', () => {
    expect(partyByValues([{ column: 'Naam / Omschrijving', index: 2 }], undefined, new Map([[2, payer]]))?.column).toBe('Naam / Omschrijving');
    expect(partyByValues([{ column: 'Rubrieknaam', index: 2 }], undefined, new Map([[2, payer]]))).toBeUndefined();
    expect(partyByValues([{ column: 'Omschrijving', index: 2 }], undefined, new Map([[2, payer]]))).toBeUndefined();
  });
  it('one payer on the rows a payer column fills (Oberbank Auftraggebername) is a party; a card holder column so filled is not', () => {
    const payer2 = names(4, ['', '', '', 'Auftraggebername', 'Auftraggebername']);
    const holder2 = names(1, ['SMITH JOHN', '', 'SMITH JOHN']);
    const text = names(10, ['Zahlungsreferenz, Empfängername, Adresszeile1, Adresszeile2', 'Verwendungszweck, Empfängername, Adresszeile1, Adresszeile2, Verwendungszweck', 'End2EndID, Empfängername, Adresszeile1, Adresszeile2', 'Empfängername, SCOR, Verwendungszweck', 'Empfängername, SCOR, Verwendungszweck']);
    expect(looksLikeParties(payer2)).toBe(false);
    expect(onePartyOnSomeRows('Auftraggebername', payer2, 5)).toBe(true);
    expect(onePartyOnSomeRows('Auftraggebername', payer2, 2)).toBe(false);
    expect(onePartyOnSomeRows('kaarthouder', holder2, 3)).toBe(false);
    expect(partyByValues([{ column: 'Auftraggebername', index: 4 }, { column: 'Text', index: 10 }], undefined, new Map([[4, payer2], [10, text]]), 5)?.column).toBe('Auftraggebername');
    expect(partyByValues([{ column: 'Auftraggebername', index: 4 }], undefined, new Map([[4, payer2]]))).toBeUndefined();
  });
  it('asks with --counterparty when two columns are equally plausible', () => {
    const profiles = new Map([[2, payer], [5, { ...payer, index: 5 }], [4, purpose]]);
    expect(() => partyByValues([{ column: 'Payee', index: 2 }, { column: 'Payer', index: 5 }], { column: 'Memo', index: 4 }, profiles)).toThrow("name the counterparty with --counterparty 'Payee'");
  });
});

describe('a date column with day-first and month-first values', () => {
  const counts = (over: Partial<DateShapeCounts>): DateShapeCounts => ({
    nonEmpty: 10, pending: 0, iso: 0, ymd: 0, compact: 0, dmy: 0, mdy: 0, dayMonthAmbiguous: 0, dmon: 0, invalid: 0,
    dmyExample: '25.12.2023', mdyExample: '12/25/2023', ...over,
  });
  it('takes the order most values settle, and says the others are rejected', () => {
    const d = decideDateOrder(counts({ dmy: 6, mdy: 2, dayMonthAmbiguous: 2 }));
    expect(d).toMatchObject({ status: 'decided', value: 'dmy' });
    expect(d.status === 'decided' && d.note).toBe('2 values (like 12/25/2023) only fit month first and are rejected');
  });
  it('takes month first when most values settle month first', () => {
    const d = decideDateOrder(counts({ dmy: 1, mdy: 7, dayMonthAmbiguous: 2 }));
    expect(d).toMatchObject({ status: 'decided', value: 'mdy' });
    expect(d.status === 'decided' && d.note).toBe('1 value (like 25.12.2023) only fit day first and are rejected');
  });
});

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
