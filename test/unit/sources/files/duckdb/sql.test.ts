import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { DuckDbEngine } from '../../../../../src/sources/files/duckdb/duckdb-engine.js';
import fc from 'fast-check';
import { dateParse, dateParts, dateValue, lit, numberParse } from '../../../../../src/sources/files/duckdb/sql.js';
import { rateSql, signedAmountSql, summaryRowSql } from '../../../../../src/sources/files/duckdb/row-rules-sql.js';
import { SUMMARY_PATTERN } from '../../../../../src/sources/files/summary-rows.js';

let engine: DuckDbEngine;
beforeAll(async () => {
  engine = await DuckDbEngine.open({ tempDir: tmpdir() });
});
afterAll(() => engine.close());

async function one(sql: string): Promise<unknown> {
  const [row] = await engine.query<{ v: unknown }>(`SELECT ${sql} AS v`);
  return row?.v;
}

const asNumber = async (expr: string): Promise<number | null> => {
  const v = await one(`(${expr})::DOUBLE`);
  return v === null ? null : Number(v);
};

describe('number shapes', () => {
  it.each([
    ['1234', 'integer'],
    ['1 234', 'integer'],
    ['12.50', 'dot'],
    ['1,234.56', 'dot'],
    ['1,234,567', 'dot'],
    ['12,50', 'comma'],
    ['1.234,56', 'comma'],
    ['1.234.567', 'comma'],
    ['0,500', 'comma'],
    ['1,234', 'ambiguous'],
    ['1.234', 'ambiguous'],
    ['-154,35', 'comma'],
    ['(154.35)', 'dot'],
    ['154,35-', 'comma'],
    ['1 234,56 kr', 'comma'],
    ['DKK 1.234,56', 'comma'],
    ['€12.50', 'dot'],
    ['£1,183.23', 'dot'],
    ['abc', 'invalid'],
    ['1.2.3', 'invalid'],
  ])('%s is %s', async (raw, shape) => {
    expect(await one(`seg_num_class(${lit(raw)})`)).toBe(shape);
  });
  it('reads no-break and thin spaces as grouping', async () => {
    expect(await one(`seg_num_class(${lit('1\u00a0234,56')})`)).toBe('comma');
    expect(await one(`seg_num_class(${lit('1\u2009234,56')})`)).toBe('comma');
    expect(await one(`seg_num_class(${lit('1\u202f234,56')})`)).toBe('comma');
  });
  // Issue 26.3: a phone number was read as 46,701,234,567. Grouping by spaces or apostrophes
  // follows the rule of `,` and `.`: groups of three digits after a first group of one to three.
  it.each([
    ['46 70 123 45 67'],
    ['1 2345'],
    ['1234 567'],
    ['12  500'],
    ['1\u2009 23'],
    ["1'23.50"],
    ['1\u202f2345,00'],
  ])('%s, grouped other than in threes, is no number', async (raw) => {
    expect(await one(`seg_num_class(${lit(raw)})`)).toBe('invalid');
    for (const style of ['dot', 'comma', 'none'] as const) expect(await one(numberParse(lit(raw), style))).toBeNull();
  });
  it.each([
    ['1 234 567', 'integer', 1234567],
    ["1'234.50", 'dot', 1234.5],
    ['1’234’567.50', 'dot', 1234567.5],
    ['12\u2009500,50', 'comma', 12500.5],
    ['SEK 1 000', 'integer', 1000],
    ['500 kr', 'integer', 500],
  ])('%s, grouped in threes, is %s', async (raw, shape, value) => {
    expect(await one(`seg_num_class(${lit(raw)})`)).toBe(shape);
    expect(await asNumber(numberParse(lit(raw), shape === 'comma' ? 'comma' : 'dot'))).toBeCloseTo(value, 6);
  });
  it('has no shape for an empty value', async () => {
    expect(await one(`seg_num_class('  ')`)).toBeNull();
  });
});

describe('number parsing under a decided style', () => {
  it.each([
    ['1234.56', 1234.56],
    ['1,234.56', 1234.56],
    ['-154.35', -154.35],
    ['(154.35)', -154.35],
    ['154.35-', -154.35],
    ['$1,183.23', 1183.23],
    ['1,234', 1234],
    ['1.234', 1.234],
  ])('dot: %s is %d', async (raw, value) => {
    expect(await asNumber(numberParse(lit(raw), 'dot'))).toBeCloseTo(value, 6);
  });
  it.each([
    ['1234,56', 1234.56],
    ['1.234,56', 1234.56],
    ['1 234,56', 1234.56],
    ['1\u00a0234,56', 1234.56],
    ['-154,35', -154.35],
    ['(154,35)', -154.35],
    ['154,35-', -154.35],
    ['1.234,56 kr', 1234.56],
    ['SEK 12,50', 12.5],
    ['100,-', 100],
    ['1,234', 1.234],
    ['1.234', 1234],
  ])('comma: %s is %d', async (raw, value) => {
    expect(await asNumber(numberParse(lit(raw), 'comma'))).toBeCloseTo(value, 6);
  });
  it('rejects a value that only fits the other style', async () => {
    expect(await one(numberParse(`'1,234.56'`, 'comma'))).toBeNull();
    expect(await one(numberParse(`'1.234,56'`, 'dot'))).toBeNull();
    expect(await one(numberParse(`'12.50'`, 'comma'))).toBeNull();
  });
  it('rejects a separator in a column of whole numbers', async () => {
    expect(await one(numberParse(`'1,5'`, 'none'))).toBeNull();
    expect(await one(numberParse(`'1.5'`, 'none'))).toBeNull();
    expect(await asNumber(numberParse(`'-12'`, 'none'))).toBe(-12);
    expect(await asNumber(numberParse(`'1 200'`, 'none'))).toBe(1200);
  });
  it('finds the currency written into an amount', async () => {
    expect(await one(`seg_num_code('1.234,56 DKK')`)).toBe('DKK');
    expect(await one(`seg_num_code('€12')`)).toBe('EUR');
    expect(await one(`seg_num_code('£3')`)).toBe('GBP');
    expect(await one(`seg_num_code('12,50 kr')`)).toBe('KR');
    expect(await one(`seg_num_code('12.50')`)).toBeNull();
  });
});

describe('date shapes and parsing', () => {
  it.each([
    ['2023-03-01', 'iso'],
    ['2010-12-01 08:26:00', 'iso'],
    ['2023-03-01T10:00:00Z', 'iso'],
    ['2019.04.19.', 'ymd'],
    ['2018/02/20', 'ymd'],
    ['19970101', 'compact'],
    ['25.12.2023', 'dmy'],
    ['12/25/2023', 'mdy'],
    ['01.02.2023', 'ambiguous'],
    ['22.02.18', 'dmy'],
    ['12-Dec-2019', 'dmon'],
    ['27 Feb 2018', 'dmon'],
    ['Reserverad', 'pending'],
    ['Pending', 'pending'],
    ['Varaus', 'pending'],
    ['soon', 'invalid'],
  ])('%s is %s', async (raw, shape) => {
    expect(await one(`seg_date_class(${lit(raw)})`)).toBe(shape);
  });
  const asDate = async (expr: string): Promise<string | null> => {
    const v = await one(`(${expr})::VARCHAR`);
    return v === null ? null : String(v);
  };
  it.each([
    ['iso', '2010-12-01 08:26:00', '2010-12-01'],
    ['dmy', '05.01.2023', '2023-01-05'],
    ['dmy', '5-1-2023', '2023-01-05'],
    ['dmy', '05/01/23', '2023-01-05'],
    ['dmy', '01.02.69', '1969-02-01'],
    ['mdy', '01/05/2023', '2023-01-05'],
    ['ymd', '2019.04.19.', '2019-04-19'],
    ['compact', '19970101', '1997-01-01'],
    ['dmon', '12-Dec-2019', '2019-12-12'],
    ['dmon', '10 Feb 18', '2018-02-10'],
  ])('%s: %s is %s', async (order, raw, iso) => {
    expect(await asDate(`seg_date_ok(seg_date_${order}(${lit(raw)}))`)).toBe(iso);
  });
  it('refuses impossible dates and implausible years', async () => {
    expect(await asDate(`seg_date_ok(seg_date_dmy('31.02.2023'))`)).toBeNull();
    expect(await asDate(`seg_date_ok(seg_date_iso('0020-01-01'))`)).toBeNull();
    expect(await asDate(`seg_date_ok(seg_date_dmy('25.13.2023'))`)).toBeNull();
  });
});

describe('the fast path of day-month dates (issue 28, item 4)', () => {
  const fastOf = (order: 'dmy' | 'mdy', raw: string): string => dateParts(raw, order)!.fast;
  const twoPaths = (order: 'dmy' | 'mdy', raw: string): string => {
    const { fast, slow } = dateParts(raw, order)!;
    return `${dateValue(raw, fast, slow)}::VARCHAR`;
  };
  it('reads plain values itself, with or without a time of day', async () => {
    expect(await one(`${fastOf('dmy', lit('31.12.2024'))}::VARCHAR`)).toBe('2024-12-31');
    expect(await one(`${fastOf('dmy', lit('1-2-2024 08:26'))}::VARCHAR`)).toBe('2024-02-01');
    expect(await one(`${fastOf('mdy', lit('12/1/2010 8:26'))}::VARCHAR`)).toBe('2010-12-01');
  });
  it('does not read what DuckDB reads unguarded: a tab before the date, a two-digit year', async () => {
    for (const raw of ['\t01.01.2022', '\n01.01.2022', '01.01.22', '1. 1.2022', '01.01.02022']) {
      expect(await one(`${fastOf('dmy', lit(raw))} IS NULL`)).toBe(true);
    }
    expect(await one(`try_strptime(${lit('\t01.01.2022')}, '%d.%m.%Y')::DATE::VARCHAR`)).toBe('2022-01-01');
  });
  it.each([
    ['\t01.01.2022', null],
    ['\n01.01.2022', null],
    [' 01.01.2022', '2022-01-01'],
    ['01.01.22 11:57', '2022-01-01'],
    ['1.1.22', '2022-01-01'],
    ['01.01.02022', null],
    ['01.01.20225', '2022-01-01'],
    ['01.01-2022', '2022-01-01'],
    ['31.02.2022', null],
    ['01.13.2022', null],
    ['01.01.1899', null],
    ['01.01.2022T11:57', '2022-01-01'],
    ['1. 1.2022', null],
  ])('reads %j as the strict macro does: %s', async (raw, iso) => {
    expect(await one(twoPaths('dmy', lit(raw)))).toBe(await one(`${dateParse(lit(raw), 'dmy')}::VARCHAR`));
    expect(await one(twoPaths('dmy', lit(raw)))).toBe(iso);
  });
  it('gives every value the date the strict macro gives it, or none where it gives none', async () => {
    // Mostly near-dates: a day and a month of one or two digits, years of two to five digits,
    // every separator, and what DuckDB's parser skips or stops at before and after them.
    const field = (max: number) => fc.tuple(fc.integer({ min: 0, max }), fc.boolean()).map(([n, pad]) => (pad ? String(n).padStart(2, '0') : String(n)));
    const year = fc.oneof(fc.integer({ min: 1890, max: 2110 }).map(String), field(99), fc.stringMatching(/^[0-9]{1,5}$/));
    const sep = fc.constantFrom('.', '.', '/', '-', ' ', ',', '');
    const before = fc.constantFrom('', '', '', ' ', '\t', '\n', '+', '0', 'x');
    const after = fc.constantFrom('', '', ' 08:26', ' 8:26:00', 'T10:00', '.', '0', 'x', '\t1');
    const value = fc.tuple(before, field(35), sep, field(14), sep, year, after).map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 50, maxLength: 50 }), fc.constantFrom('dmy' as const, 'mdy' as const), async (values, order) => {
        const rows = values.map((v) => `(${lit(v)})`).join(', ');
        const differ = await engine.query<{ v: string }>(
          `SELECT v FROM (VALUES ${rows}) t(v) WHERE (${twoPaths(order, 'v')}) IS DISTINCT FROM (${dateParse('v', order)}::VARCHAR)`,
        );
        expect(differ).toEqual([]);
      }),
      { numRuns: 60, seed: 28 },
    );
  });
});

describe('the date shapes, day-month tested first (issue 28, item 4)', () => {
  // The macro as it was before day-month dates were tested first: the classes must not change.
  const before = `CREATE OR REPLACE MACRO old_date_shape(x) AS CASE
     WHEN x IS NULL THEN NULL
     WHEN regexp_full_match(x, '\\d{4}-\\d{1,2}-\\d{1,2}([T ].*)?') THEN 'iso'
     WHEN seg_pending(x) THEN 'pending'
     WHEN regexp_full_match(x, '\\d{4}[./]\\d{1,2}[./]\\d{1,2}\\.?(\\s.*)?') THEN 'ymd'
     WHEN regexp_full_match(x, '(1[89]|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])') THEN 'compact'
     WHEN regexp_full_match(x, '\\d{1,2}[./-]\\d{1,2}[./-](\\d{2}|\\d{4})\\.?([T ].*)?') THEN
       CASE WHEN regexp_extract(x, '^(\\d+)', 1)::INT > 12 AND regexp_extract(x, '^\\d+[./-](\\d+)', 1)::INT <= 12 THEN 'dmy'
            WHEN regexp_extract(x, '^(\\d+)', 1)::INT <= 12 AND regexp_extract(x, '^\\d+[./-](\\d+)', 1)::INT > 12 THEN 'mdy'
            WHEN regexp_extract(x, '^(\\d+)', 1)::INT <= 12 AND regexp_extract(x, '^\\d+[./-](\\d+)', 1)::INT <= 12 THEN 'ambiguous'
            ELSE 'invalid' END
     WHEN regexp_full_match(x, '\\d{1,2}[ .-]?[A-Za-z]{3,9}\\.?[ .-]?(\\d{2}|\\d{4})([T ].*)?') THEN 'dmon'
     ELSE 'invalid' END`;
  it('gives every value the class it had', async () => {
    await one(`seg_date_class('1.1.2020')`);
    await engine.query(before);
    const field = (max: number) => fc.tuple(fc.integer({ min: 0, max }), fc.boolean()).map(([n, pad]) => (pad ? String(n).padStart(2, '0') : String(n)));
    const first = fc.oneof(field(40), fc.integer({ min: 1890, max: 2110 }).map(String), fc.constantFrom('Pending', 'reserverad', 'x', ''));
    const middle = fc.oneof(field(14), fc.constantFrom('Dec', 'februar', 'Mar.'));
    const year = fc.oneof(fc.integer({ min: 1890, max: 2110 }).map(String), field(99), fc.stringMatching(/^[0-9]{1,5}$/));
    const sep = fc.constantFrom('.', '.', '/', '-', '-', ' ', ',', '');
    const before_ = fc.constantFrom('', '', '', ' ', '\t', '+', '0');
    const after = fc.constantFrom('', '', ' 08:26', 'T10:00', '.', '. 8:26', '0', 'x', '\n1', ' Z');
    const value = fc.tuple(before_, first, sep, middle, sep, year, after).map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 50, maxLength: 50 }), async (values) => {
        const rows = values.map((v) => `(${lit(v)})`).join(', ');
        const differ = await engine.query<{ v: string }>(
          `SELECT v FROM (VALUES ${rows}) t(v) WHERE seg_date_class(v) IS DISTINCT FROM old_date_shape(seg_blank(v))`,
        );
        expect(differ).toEqual([]);
      }),
      { numRuns: 80, seed: 28 },
    );
  });
});

describe('keys and counterparties', () => {
  it('reads a float-looking id as the id', async () => {
    expect(await one(`seg_key('17850.0')`)).toBe('17850');
    expect(await one(`seg_key(' 17850 ')`)).toBe('17850');
    expect(await one(`seg_key('A-1.5')`)).toBe('A-1.5');
    expect(await one(`seg_key('  ')`)).toBeNull();
  });
  it('reads a key in Unicode NFC without zero-width characters, so one key written two ways is one (issue 26)', async () => {
    const nfc = 'Café Söder AB'.normalize('NFC');
    for (const variant of [nfc, 'Café Söder AB'.normalize('NFD'), `Caf\u00e9\u200B Söder AB`, `\uFEFF${nfc}`, `${nfc.slice(0, 4)}\u2060${nfc.slice(4)}`]) {
      expect(await one(`seg_key(${lit(variant)})`)).toBe(nfc);
    }
    expect(await one(`seg_key(${lit('K\u200D-1')})`)).toBe('K-1');
    expect(await one(`seg_key(${lit('\u200B')})`)).toBeNull();
    // Other characters are kept: a non-breaking space or a right-to-left name is part of the key.
    expect(await one(`seg_key(${lit('A\u00A0B')})`)).toBe('A\u00A0B');
    expect(await one(`seg_key(${lit('שלום')})`)).toBe('שלום');
  });
  it.each([
    ['Indbetaling Jensen ApS', 'Jensen ApS'],
    ['Jensen ApS MobilePay', 'Jensen ApS'],
    ['Overførsel Fyns Tømrer A/S', 'Fyns Tømrer A/S'],
    ['Swish 0701234567 Anna Svensson', 'Anna Svensson'],
    ['Bankgiro 5050-1055 Byggbolaget AB', 'Byggbolaget AB'],
    ['Faktura 1001 Byggbolaget', 'Byggbolaget'],
    ['Franz Müller', 'Franz Müller'],
    ['  ACME   Corp. ', 'ACME Corp'],
  ])('%s is %s', async (raw, party) => {
    expect(await one(`seg_counterparty(${lit(raw)})`)).toBe(party);
  });
  it('leaves nothing when the text is only a channel', async () => {
    expect(await one(`seg_counterparty('Swish')`)).toBeNull();
  });
});

describe('periods', () => {
  it('are numbered the same in SQL and in TypeScript', async () => {
    const { periodSql } = await import('../../../../../src/sources/files/duckdb/duckdb-engine.js');
    const { periodIndex } = await import('../../../../../src/analyses/periods.js');
    const dates = ['1970-01-05', '1999-12-31', '2000-01-01', '2020-02-29', '2023-01-01', '2023-01-02', '2023-03-31', '2023-04-01', '2024-12-29', '2024-12-30', '2025-01-05', '2025-01-06'];
    for (const period of ['week', 'month', 'quarter'] as const) {
      for (const d of dates) {
        expect(Number(await one(periodSql(`DATE '${d}'`, period))), `${period} ${d}`).toBe(periodIndex(d, period));
      }
    }
    // Consecutive weeks start on Mondays.
    expect(periodIndex('2025-01-05', 'week') + 1).toBe(periodIndex('2025-01-06', 'week'));
  });
});

describe('the money rules of the staging SQL', () => {
  it('a row with a direction flag counts by the flag, whatever the sign of its amount', async () => {
    expect(await asNumber(signedAmountSql('-50.00', '1'))).toBe(50);
    expect(await asNumber(signedAmountSql('50.00', '1'))).toBe(50);
    expect(await asNumber(signedAmountSql('50.00', '-1'))).toBe(-50);
    expect(await asNumber(signedAmountSql('-50.00', '-1'))).toBe(-50);
    // Without a flag the amount's own sign decides.
    expect(await asNumber(signedAmountSql('-50.00', 'NULL'))).toBe(-50);
  });

  it("a transaction dated exactly on a rate's date uses that rate; the day before, the earlier one", async () => {
    const rates = [{ currency: 'DKK', from: '2024-01-01', rate: 1.5 }, { currency: 'DKK', from: '2024-02-01', rate: 1.52 }];
    const at = (day: string) => asNumber(rateSql(`'DKK'`, `DATE '${day}'`, 'SEK', rates));
    expect(await at('2024-02-01')).toBe(1.52);
    expect(await at('2024-01-31')).toBe(1.5);
    expect(await at('2024-01-01')).toBe(1.5);
    expect(await at('2023-12-31')).toBeNull();
    expect(await asNumber(rateSql(`'SEK'`, `DATE '2023-12-31'`, 'SEK', rates))).toBe(1);
  });

  it('a summary label is recognised only as the whole value (with a date or an amount), never at the end of a longer text', async () => {
    const isSummary = async (...values: (string | null)[]) => one(summaryRowSql(values.map((v) => (v === null ? 'NULL::VARCHAR' : lit(v))), SUMMARY_PATTERN));
    for (const v of ['Total', 'Saldo 31.01.2024', 'Closing balance: 1 234,56', ' Opening  balance ']) expect(await isSummary(v), v).toBe(true);
    for (const v of ['Invoice total', 'Faktura 1001 saldo', 'Total Construction Ltd', 'Saldo Byggbolaget AB']) expect(await isSummary(v), v).toBe(false);
    // Any of the row's label columns may hold it; an empty one holds none.
    expect(await isSummary(null, 'Saldo')).toBe(true);
    expect(await isSummary('Delta AB', 'Invoice total')).toBe(false);
  });
});
