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
