/**
 * The vocabulary the engine reads by, shared with ingestion (which decides it) and everything
 * above: the canonical field names, the dialect of a delimited file, the number and date
 * conventions of a column, and the currency codes a value may carry. Declarations only.
 */

export const FIELD_NAMES = [
  'customer',
  'customer_name',
  'date',
  'amount',
  'order',
  'quantity',
  'unit_price',
  'margin',
  'cost',
  'currency',
  'text',
  'counterparty',
  'credit',
  'debit',
  'status',
  'stage',
  'due_date',
  'paid_date',
  'balance',
  'value_date',
  'direction',
] as const;

export type FieldName = (typeof FIELD_NAMES)[number];

/** How the amounts of a column write their decimals. */
export type DecimalStyle = 'dot' | 'comma' | 'none';

/** How the dates of a column are written. */
export type DateOrder = 'iso' | 'ymd' | 'compact' | 'dmy' | 'mdy' | 'dmon';

/** How many values of a number column fit each decimal style (the engine counts, ingestion decides). */
export interface NumberShapes {
  /** Whole numbers (`1234`, `1 234`): fit every style. */
  readonly integer: number;
  /** Fit only a decimal point (`12.50`, `1,234.5`, `1,234,567`). */
  readonly dot: number;
  /** Fit only a decimal comma (`12,50`, `1.234,5`, `1.234.567`). */
  readonly comma: number;
  /** Fit both (`1,234`, `1.234`). */
  readonly ambiguous: number;
  /** Fit neither (`abc`, `1.2.3`). */
  readonly invalid: number;
  readonly ambiguousExample?: string | null;
  readonly invalidExample?: string | null;
  readonly dotExample?: string | null;
  readonly commaExample?: string | null;
}

/** How many values of a date column fit each order. */
export interface DateShapes {
  readonly pending: number;
  /** `2024-03-01`, with or without a time. */
  readonly iso: number;
  /** `2024/03/01`, `2024.03.01.` */
  readonly ymd: number;
  /** `20240301` */
  readonly compact: number;
  /** `25.12.2024`: first part over 12. */
  readonly dmy: number;
  /** `12/25/2024`: second part over 12. */
  readonly mdy: number;
  /** `01.02.2024`: both parts 12 or less. */
  readonly dayMonthAmbiguous: number;
  /** `12-Dec-2019`, `27 Feb 2018` */
  readonly dmon: number;
  readonly invalid: number;
  readonly dmyExample?: string | null;
  readonly mdyExample?: string | null;
  readonly ambiguousExample?: string | null;
  readonly invalidExample?: string | null;
}

/** Shape counts as a decision reads them: with the number of non-empty values. */
export type NumberShapeCounts = NumberShapes & { readonly nonEmpty: number };
export type DateShapeCounts = DateShapes & { readonly nonEmpty: number };

/** Currency codes recognised in headers (`Betrag (EUR)`) and in values (`1.234,56 DKK`). */
export const CURRENCY_CODES = [
  'DKK', 'SEK', 'NOK', 'ISK', 'EUR', 'USD', 'GBP', 'CHF', 'CZK', 'HUF', 'PLN', 'SGD', 'CAD',
  'AUD', 'JPY', 'LTL',
] as const;

export type Newline = '\n' | '\r\n' | '\r';

export interface DelimitedDialect {
  readonly type: 'delimited';
  readonly delimiter: string;
  readonly quote: string;
  readonly newline: Newline;
  /** Physical lines before the header (or before the data, without a header). */
  readonly skip: number;
  /** 1-based line of the header; 0 when the columns were named with --columns. */
  readonly headerLine: number;
  readonly columns: readonly string[];
  readonly reason: string;
  /** Header names given to several columns (1-based positions); read as name, name_2, … */
  readonly duplicates?: readonly { readonly name: string; readonly columns: readonly number[] }[];
  /**
   * The header names fewer fields than the rows hold (Livebank: 10 names, the text runs on over 12-14
   * fields): the extra fields are unnamed text columns, and a row shorter than the widest is padded
   * with NULL by the reader, never dropped.
   */
  readonly ragged?: true;
}

export interface WhitespaceDialect {
  readonly type: 'whitespace';
  readonly newline: Newline;
  readonly skip: number;
  readonly headerLine: number;
  readonly columns: readonly string[];
  readonly reason: string;
  /** Header names given to several columns (1-based positions); read as name, name_2, … */
  readonly duplicates?: readonly { readonly name: string; readonly columns: readonly number[] }[];
}

export type Dialect = DelimitedDialect | WhitespaceDialect;

/**
 * The widest input read (README, "Wide files"): DuckDB's cost of binding a query over thousands of
 * columns grows faster than their count (5,004 columns crashed it after minutes), so a wider file
 * is refused at once, before it is converted or profiled.
 */
export const MAX_COLUMNS = 2_000;
