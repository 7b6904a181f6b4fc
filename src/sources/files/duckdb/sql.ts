/**
 * SQL fragments for reading messy values: numbers in any of the common European and English
 * styles, dates in any of the common orders, customer keys and bank counterparties.
 *
 * They are DuckDB macros, created once per connection (`MACROS`), so that the statements built
 * elsewhere stay readable. Classification macros (`seg_num_class`, `seg_date_class`) give the
 * shape of one value; counting shapes over a column is how a convention is decided (see
 * ../ingest/decide.ts). Parse macros then read a value under the decided convention only: a value
 * that does not fit is NULL, and the caller turns that into a rejected row with its reason.
 */
import { CURRENCY_CODES, type DateOrder, type DecimalStyle } from './conventions.js';

export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Currency codes and symbols, spaces of every width, and Swedish `,-` / Swiss `.-` endings. */
const NUMBER_NOISE = `KR\\.?|${CURRENCY_CODES.join('|')}|€|\\$|£|\\s|\\x{00A0}|\\x{2007}|\\x{2009}|\\x{202F}|'|’|,-$|\\.-$`;
/**
 * A digit grouping by spaces or apostrophes that is not groups of three (`46 70 123 45 67`, a
 * phone number; `1 2345`; `1234 567`): such a value is no number, as `1,2,3` is none. A grouping
 * character is one space of any width or an apostrophe between digits.
 */
const GROUP = `[\\s\\x{00A0}\\x{2007}\\x{2009}\\x{202F}'’]`;
export const BAD_GROUPING = `\\d${GROUP}{2,}\\d|\\d${GROUP}(\\d{1,2}(\\D|$)|\\d{4})|(^|\\D)\\d{4,}${GROUP}\\d`;
/** Zero-width characters dropped from keys (space, non-joiner, joiner, word joiner, BOM), in RE2. */
export const ZERO_WIDTH = '[\\x{200B}-\\x{200D}\\x{2060}\\x{FEFF}]';
/** The same class written with the characters themselves (for ClickHouse, whose literals read \\x). */
export const ZERO_WIDTH_CHARS = '[\u200B-\u200D\u2060\uFEFF]';
const DOT_OK = `([1-9]\\d{0,2}(,\\d{3})+|\\d+)(\\.\\d+)?|\\.\\d+`;
const COMMA_OK = `([1-9]\\d{0,2}(\\.\\d{3})+|\\d+)(,\\d+)?|,\\d+`;
const MONEY = 'DECIMAL(18,4)';

/** Words that mark a pending (not yet booked) bank row, in the date or status column. */
export const PENDING_WORDS = [
  'reserverad', 'reserveret', 'reservert', 'reserviert', 'varaus', 'pending', 'venter',
  'väntande', 'vorgemerkt', 'afventer', 'ikke bogført', 'ej bokförd', 'pågående',
];

/**
 * Payment-channel words stripped from the start and end of a bank text to leave the
 * counterparty: `Indbetaling Jensen ApS` and `Jensen ApS MobilePay` are both `jensen aps`.
 * Reference numbers (tokens that start with a digit) at either end are stripped too.
 */
export const CHANNEL_WORDS = [
  // Danish
  'indbetaling', 'overførsel', 'overforsel', 'straksoverførsel', 'kontooverførsel', 'mobilepay',
  'mobile pay', 'dankort', 'visa/dankort', 'betalingsservice', 'girering', 'giro', 'fra', 'fik',
  'bs', 'nets',
  // Swedish
  'swish', 'bankgiro', 'bg', 'plusgiro', 'pg', 'insättning', 'inbetalning', 'överföring',
  'betalning', 'kortköp', 'autogiro', 'från', 'lön',
  // Norwegian
  'vipps', 'overføring', 'innbetaling', 'avtalegiro', 'efaktura',
  // Finnish
  'tilisiirto', 'maksu', 'pano',
  // German, Dutch, English
  'gutschrift', 'überweisung', 'ueberweisung', 'sepa', 'sepa-gutschrift', 'von', 'overboeking',
  'payment from', 'payment', 'faster payment', 'bacs', 'fps', 'transfer', 'from', 'deposit',
  'credit', 'giro credit',
  // invoice references that often precede the payer: `Faktura 1001 Byggbolaget AB`
  'faktura', 'fakt', 'invoice', 'inv', 'rechnung', 'ocr', 'ref', 'kid',
];

function alternation(words: readonly string[]): string {
  // Longest first, so that `payment from` is tried before `payment`.
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

const CHANNEL = alternation(CHANNEL_WORDS);
/**
 * Bank codes that some exports append to the counterparty, as in Swedbank Baltics'
 * `Name | CBVILT2XXXX | LT727044060003333333`: IBANs, BICs and numbers after a `|`, and at the end
 * of the name an IBAN, or a BIC with a digit in its location code (an eight-letter word like
 * `HOLDINGS` could be a BIC, so it goes only after a `|`). Case-sensitive: codes are upper case.
 */
const IBAN = '[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}';
const BIC = '[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?';
const BIC_WITH_DIGIT = '[A-Z]{6}[0-9][A-Z0-9](?:[A-Z0-9]{3})?|[A-Z]{6}[A-Z0-9]{2}XXX';
export const BANK_CODE_TAIL = `(\\s*\\|\\s*(?:${IBAN}|${BIC}|[0-9][0-9 ./-]*)?)+$|(\\s+(?:${IBAN}|${BIC_WITH_DIGIT}))+$`;
const REF = '[0-9][0-9./:-]*';
const SEP = `[\\s:,.*/-]`;

// Every macro checks the common, plain case first: DuckDB evaluates a CASE branch only for the
// rows that reach it, so the regular expressions run only on the values that need them.
export const MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO seg_blank(raw) AS CASE WHEN raw IS NULL OR raw = '' THEN NULL WHEN starts_with(raw, ' ') OR ends_with(raw, ' ') THEN nullif(trim(raw), '') ELSE raw END`,
  // A bad grouping strips to '?', which no shape or parse accepts.
  `CREATE OR REPLACE MACRO seg_num_strip(raw) AS CASE WHEN regexp_matches(raw, ${lit(BAD_GROUPING)}) THEN '?' ELSE regexp_replace(upper(trim(raw)), ${lit(NUMBER_NOISE)}, '', 'g') END`,
  `CREATE OR REPLACE MACRO seg_num_neg(s) AS (starts_with(s, '-') OR starts_with(s, '−') OR (starts_with(s, '(') AND ends_with(s, ')')) OR (length(s) > 1 AND ends_with(s, '-')))`,
  `CREATE OR REPLACE MACRO seg_num_body(s) AS regexp_replace(s, '^[-+−(]+|[-)]+$', '', 'g')`,
  `CREATE OR REPLACE MACRO seg_num_shape(b) AS CASE
     WHEN b IS NULL OR b = '' THEN 'invalid'
     WHEN regexp_full_match(b, '\\d+') THEN 'integer'
     WHEN regexp_full_match(b, ${lit(DOT_OK)}) AND regexp_full_match(b, ${lit(COMMA_OK)}) THEN 'ambiguous'
     WHEN regexp_full_match(b, ${lit(DOT_OK)}) THEN 'dot'
     WHEN regexp_full_match(b, ${lit(COMMA_OK)}) THEN 'comma'
     ELSE 'invalid' END`,
  // Plain values ('-12', '12.50', '12,50') are classed directly; the others after stripping.
  `CREATE OR REPLACE MACRO seg_num_class(raw) AS CASE
     WHEN raw IS NULL OR raw = '' THEN NULL
     WHEN regexp_full_match(raw, '-?[0-9]+') THEN 'integer'
     WHEN regexp_full_match(raw, '-?[0-9]+\\.[0-9]+') THEN CASE WHEN regexp_full_match(raw, '-?[1-9][0-9]{0,2}\\.[0-9]{3}') THEN 'ambiguous' ELSE 'dot' END
     WHEN regexp_full_match(raw, '-?[0-9]+,[0-9]+') THEN CASE WHEN regexp_full_match(raw, '-?[1-9][0-9]{0,2},[0-9]{3}') THEN 'ambiguous' ELSE 'comma' END
     WHEN seg_blank(raw) IS NULL THEN NULL
     ELSE seg_num_shape(seg_num_body(seg_num_strip(raw))) END`,
  `CREATE OR REPLACE MACRO seg_num_sign(s) AS CASE WHEN seg_num_neg(s) THEN -1 ELSE 1 END`,
  `CREATE OR REPLACE MACRO seg_num_slow_dot(s) AS CASE WHEN regexp_full_match(seg_num_body(s), ${lit(DOT_OK)}) THEN seg_num_sign(s) * TRY_CAST(replace(seg_num_body(s), ',', '') AS ${MONEY}) END`,
  `CREATE OR REPLACE MACRO seg_num_slow_comma(s) AS CASE WHEN regexp_full_match(seg_num_body(s), ${lit(COMMA_OK)}) THEN seg_num_sign(s) * TRY_CAST(replace(replace(seg_num_body(s), '.', ''), ',', '.') AS ${MONEY}) END`,
  `CREATE OR REPLACE MACRO seg_num_slow_int(s) AS CASE WHEN regexp_full_match(seg_num_body(s), '\\d+') THEN seg_num_sign(s) * TRY_CAST(seg_num_body(s) AS ${MONEY}) END`,
  // Symbols become codes where they name one currency; 'kr' and '$' stay as written.
  `CREATE OR REPLACE MACRO seg_num_code(raw) AS CASE WHEN raw IS NULL OR regexp_full_match(raw, '[-+0-9.,]*') THEN NULL ELSE replace(replace(nullif(regexp_extract(upper(raw), '(KR|${CURRENCY_CODES.join('|')}|€|\\$|£)', 1), ''), '€', 'EUR'), '£', 'GBP') END`,

  `CREATE OR REPLACE MACRO seg_pending(raw) AS regexp_matches(lower(trim(raw)), ${lit(`^(${PENDING_WORDS.join('|')})`)})`,
  // Which of day and month comes first, from the two leading numbers of a day-month date.
  `CREATE OR REPLACE MACRO seg_dm_order(p) AS CASE
     WHEN p.a::INT > 12 AND p.b::INT <= 12 THEN 'dmy'
     WHEN p.a::INT <= 12 AND p.b::INT > 12 THEN 'mdy'
     WHEN p.a::INT <= 12 AND p.b::INT <= 12 THEN 'ambiguous'
     ELSE 'invalid' END`,
  // Day-month dates are tested first: profiling a whole file's dates when its sample does not
  // settle day before month was ~2 s of CPU per 2M values with this test fourth and the numbers
  // extracted four times (BENCHMARKS.md, issue 28 item 4). The order changes no class: a value
  // that starts with one or two digits and a separator is no ISO, ymd or compact date, and no
  // pending word starts with a digit.
  `CREATE OR REPLACE MACRO seg_date_shape(x) AS CASE
     WHEN x IS NULL THEN NULL
     WHEN regexp_full_match(x, '\\d{1,2}[./-]\\d{1,2}[./-](\\d{2}|\\d{4})\\.?([T ].*)?') THEN seg_dm_order(regexp_extract(x, '^(\\d+)[./-](\\d+)', ['a', 'b']))
     WHEN regexp_full_match(x, '\\d{4}-\\d{1,2}-\\d{1,2}([T ].*)?') THEN 'iso'
     WHEN seg_pending(x) THEN 'pending'
     WHEN regexp_full_match(x, '\\d{4}[./]\\d{1,2}[./]\\d{1,2}\\.?(\\s.*)?') THEN 'ymd'
     WHEN regexp_full_match(x, '(1[89]|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])') THEN 'compact'
     WHEN regexp_full_match(x, '\\d{1,2}[ .-]?[A-Za-z]{3,9}\\.?[ .-]?(\\d{2}|\\d{4})([T ].*)?') THEN 'dmon'
     ELSE 'invalid' END`,
  `CREATE OR REPLACE MACRO seg_date_class(raw) AS seg_date_shape(seg_blank(raw))`,
  // Two-digit years follow POSIX strptime: 69-99 are 1969-1999, 00-68 are 2000-2068.
  `CREATE OR REPLACE MACRO seg_dm_part(x) AS translate(regexp_extract(trim(x), '^(\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})', 1), '/-', '..')`,
  `CREATE OR REPLACE MACRO seg_date_dmy(raw) AS try_strptime(seg_dm_part(raw), ['%d.%m.%y', '%d.%m.%Y'])::DATE`,
  `CREATE OR REPLACE MACRO seg_date_mdy(raw) AS try_strptime(seg_dm_part(raw), ['%m.%d.%y', '%m.%d.%Y'])::DATE`,
  `CREATE OR REPLACE MACRO seg_date_iso(raw) AS TRY_CAST(raw AS DATE)`,
  `CREATE OR REPLACE MACRO seg_date_ymd(raw) AS try_strptime(translate(regexp_extract(trim(raw), '^(\\d{4}[./]\\d{1,2}[./]\\d{1,2})', 1), '/.', '--'), '%Y-%m-%d')::DATE`,
  `CREATE OR REPLACE MACRO seg_date_compact(raw) AS try_strptime(trim(raw), '%Y%m%d')::DATE`,
  `CREATE OR REPLACE MACRO seg_date_dmon(raw) AS try_strptime(regexp_replace(regexp_extract(trim(raw), '^(\\d{1,2}[ .-]?[A-Za-z]{3,9}\\.?[ .-]?\\d{2,4})', 1), '[ .-]+', '-', 'g'), ['%d-%b-%y', '%d-%b-%Y', '%d-%B-%y', '%d-%B-%Y'])::DATE`,
  // A date outside 1900-2100 is a misread (a two-digit year read as year 20 AD), never a date.
  `CREATE OR REPLACE MACRO seg_date_ok(d) AS CASE WHEN d BETWEEN DATE '1900-01-01' AND DATE '2100-12-31' THEN d END`,

  // Keys are text; a numeric id exported as a float (`17850.0`) is the id itself. A key beyond
  // ASCII (more bytes than characters) is read in Unicode NFC without zero-width characters, so
  // that one key typed two ways (Café composed or not, a pasted U+200B) is one customer.
  `CREATE OR REPLACE MACRO seg_key(raw) AS CASE
     WHEN raw IS NULL OR raw = '' THEN NULL
     WHEN contains(raw, '.') AND regexp_full_match(trim(raw), '\\d+\\.0+') THEN regexp_extract(trim(raw), '^(\\d+)', 1)
     WHEN strlen(raw) <> length(raw) THEN seg_blank(nfc_normalize(regexp_replace(raw, ${lit(ZERO_WIDTH)}, '', 'g')))
     ELSE seg_blank(raw) END`,
  `CREATE OR REPLACE MACRO seg_counterparty(raw) AS nullif(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
     regexp_replace(trim(raw), ${lit(BANK_CODE_TAIL)}, ''),
     ${lit(`(?i)^((${CHANNEL}|${REF})(${SEP}+|$))+`)}, ''),
     ${lit(`(?i)(^|${SEP}+)((${CHANNEL}|${REF})${SEP}*)+$`)}, ''),
     '^[\\s\\p{P}]+|[\\s\\p{P}]+$', '', 'g'),
     '\\s+', ' ', 'g'), '')`,
];

/**
 * Reading a number column under its decided style, in two parts: a fast cast that plain values
 * (`12.50`, `-3`) pass, and the strict slow path of the style for the others. The engine computes
 * the fast part in one projection and the slow part, in the next, only where the fast one failed.
 */
export function numberParts(raw: string, style: DecimalStyle): { fast: string; slow: string } {
  switch (style) {
    case 'dot':
      return { fast: `TRY_CAST(${raw} AS ${MONEY})`, slow: `seg_num_slow_dot(seg_num_strip(${raw}))` };
    case 'comma':
      return {
        fast: `CASE WHEN contains(${raw}, '.') THEN NULL ELSE TRY_CAST(replace(${raw}, ',', '.') AS ${MONEY}) END`,
        slow: `seg_num_slow_comma(seg_num_strip(${raw}))`,
      };
    case 'none':
      // A separator in a column of whole numbers is no number: the style is not known.
      return {
        fast: `CASE WHEN contains(${raw}, '.') OR contains(${raw}, ',') THEN NULL ELSE TRY_CAST(${raw} AS ${MONEY}) END`,
        slow: `CASE WHEN contains(${raw}, '.') OR contains(${raw}, ',') THEN NULL ELSE seg_num_slow_int(seg_num_strip(${raw})) END`,
      };
  }
}

/** The value from its fast part (a column or an expression) and slow part. */
export function numberValue(raw: string, fast: string, slow: string): string {
  return `CASE WHEN ${fast} IS NOT NULL THEN ${fast} WHEN ${raw} IS NULL THEN NULL ELSE ${slow} END`;
}

/** A number column read under a style, as one expression (the engine splits it in two). */
export function numberParse(raw: string, style: DecimalStyle): string {
  const { fast, slow } = numberParts(raw, style);
  return numberValue(raw, fast, slow);
}

export function dateParse(raw: string, order: DateOrder): string {
  return `seg_date_ok(seg_date_${order}(${raw}))`;
}

/** Formats of the fast date path, one per separator the strict path accepts ([./-]). */
const DAY_MONTH_FORMATS: Partial<Record<DateOrder, readonly string[]>> = {
  dmy: ['%d.%m.%Y', '%d/%m/%Y', '%d-%m-%Y'],
  mdy: ['%m.%d.%Y', '%m/%d/%Y', '%m-%d-%Y'],
};

/**
 * Reading a day-month date column in two parts, as numbers are: a fast parse for the plain values
 * (`31.12.2024`, `12/31/2024 08:26`) and the strict macro for the others. The strict macro (a
 * regular expression, then two formats) was most of the staging pass on such files (2.0 of 2.7 s
 * of CPU over 2M dates, BENCHMARKS.md, issue 28 item 4). The fast part is exact by construction:
 * it only reads a date part (the text up to the first space) of one- or two-digit day and month
 * and a four-digit year, which the strict macro extracts whole and reads with the same fields (its
 * two-digit-year format cannot take four digits); every other value, and a date part under mixed
 * separators, is left to the strict macro. DuckDB's own parsers are not used unguarded: they skip
 * a leading tab that the strict path refuses and read `1.1.22` as year 22.
 */
export function dateParts(raw: string, order: DateOrder): { fast: string; slow: string } | undefined {
  const formats = DAY_MONTH_FORMATS[order];
  if (!formats) return undefined;
  const part = `split_part(${raw}, ' ', 1)`;
  return {
    fast: `CASE WHEN regexp_full_match(${part}, '\\d{1,2}[./-]\\d{1,2}[./-]\\d{4}') THEN try_strptime(${part}, [${formats.map(lit).join(', ')}])::DATE END`,
    slow: `seg_date_${order}(${raw})`,
  };
}

/** The date from its fast part (a column or an expression) and slow part, in the plausible range. */
export function dateValue(raw: string, fast: string, slow: string): string {
  return `seg_date_ok(${numberValue(raw, fast, slow)})`;
}

const MACRO_NAME = /^CREATE OR REPLACE MACRO (\w+)\(/;
const MACRO_USE = /\bseg_\w+(?=\()/g;

/** Each macro's name, its statement and the macros its body uses, in MACROS order. */
const MACRO_TABLE = MACROS.map((sql) => {
  const name = MACRO_NAME.exec(sql)?.[1] ?? '';
  const body = sql.slice(sql.indexOf(' AS ') + 4);
  return { name, sql, uses: [...new Set(body.match(MACRO_USE) ?? [])] };
});
const MACRO_BY_NAME = new Map(MACRO_TABLE.map((m) => [m.name, m]));

/**
 * The statements that create the macros `sql` uses (with the macros those use) and that are not
 * in `created` yet, in MACROS order, so that a macro comes after those it calls. Creating only
 * what a run needs keeps a small run's start-up short (about 25 statements otherwise).
 */
export function macrosFor(sql: string, created: Set<string>): string[] {
  const wanted = new Set<string>();
  const visit = (name: string): void => {
    if (wanted.has(name) || created.has(name)) return;
    const m = MACRO_BY_NAME.get(name);
    if (!m) return;
    wanted.add(name);
    for (const u of m.uses) visit(u);
  };
  for (const name of sql.match(MACRO_USE) ?? []) visit(name);
  const out: string[] = [];
  for (const m of MACRO_TABLE) {
    if (!wanted.has(m.name)) continue;
    created.add(m.name);
    out.push(m.sql);
  }
  return out;
}
