/**
 * The files source's engine: what stages export files (profile, stage, rejected rows, combine,
 * side tables, the export for `segment load`) on top of the Source every source gives
 * (src/sources/source.ts). Only the files side (reading inputs, side tables, `load`) sees it; the
 * analyses see a Source. A distributed engine of files would have to produce the same staged
 * accounting from the same declarative plans.
 */
import type { DateOrder, DateShapes, DecimalStyle, Dialect, FieldName, NumberShapes } from './conventions.js';
import type { RateSpec } from './row-rules-sql.js';
import type { Source } from '../../source.js';

export type * from '../../source.js';

export interface EngineSettings {
  readonly tempDir: string;
  readonly memoryLimit?: string;
  readonly threads?: number;
  /** Track the running query's progress (for the progress line on a terminal). */
  readonly progress?: boolean;
}

/** One input as the engine reads it: a UTF-8 file (maybe gzipped) and its dialect. */
export interface InputReader {
  readonly id: number;
  readonly display: string;
  readonly path: string;
  readonly gzip: boolean;
  readonly dialect: Dialect;
}

/** How a column's values are read. */
export type ValueReading =
  | { readonly as: 'key' }
  | { readonly as: 'text' }
  | { readonly as: 'counterparty'; readonly pattern?: string }
  | { readonly as: 'number'; readonly style: DecimalStyle }
  | { readonly as: 'date'; readonly order: DateOrder }
  | { readonly as: 'currency' }
  /** The currency code written into an amount, as in `1.234,56 DKK`. */
  | { readonly as: 'code' }
  /** A debit/credit flag: 1 for the incoming values, -1 for the outgoing ones (lower case), else NULL. */
  /** `blank`: what an empty flag means, when the column holds one flag and blanks (John Lewis: `CR` or nothing). */
  | { readonly as: 'direction'; readonly incoming: readonly string[]; readonly outgoing: readonly string[]; readonly blank?: 'incoming' | 'outgoing' };

export interface FieldReading {
  readonly field: FieldName;
  readonly index: number;
  readonly reading: ValueReading;
  /**
   * The CSV reader types the column itself (fastest): for decimal-point numbers and ISO dates
   * whose sampled values all took the cast. A later value that does not is rejected by the
   * reader, with its line; it is never reinterpreted.
   */
  readonly typed?: boolean;
}

/** Which shapes to count in a column: number or date shapes, or only distinct and top values. */
export interface ProfileRequest {
  readonly index: number;
  /** number, date: count value shapes; currency: count codes; name: count names; plain: neither. */
  readonly as: 'number' | 'date' | 'currency' | 'name' | 'plain';
}

/** Shape counts of one column, for deciding its convention. */
export interface ColumnProfile {
  readonly index: number;
  readonly nonEmpty: number;
  readonly distinct: number;
  /** Values the CSV reader itself could type (a plain decimal point number, an ISO date). */
  readonly castable: number;
  readonly number: NumberShapes & {
    /** Currency codes or symbols written into the values, as in `1.234,56 DKK`. */
    readonly codes: readonly string[];
    /** Values written as negative (`-12,50`, `(12.50)`, `12.50-`): how a signed amount column shows itself. */
    readonly negative?: number;
  };
  readonly date: DateShapes;
  /** Values of three letters (currency codes). */
  readonly currencyLike: number;
  /** Values with a word in them that are no account number (names of people and firms). */
  readonly nameLike: number;
  /** Name requests: the mean length of the values, and how many hold a run of 4+ digits (ids, dates, references). */
  readonly meanLength?: number;
  readonly digitRuns?: number;
  /** The most frequent values; `count` is exact when the column has few distinct values (≤ 12), else 0. */
  readonly topValues: readonly { value: string; count: number }[];
}

export interface InputProfile {
  readonly rows: number;
  /** True when the profile saw every row (the sample limit was not reached). */
  readonly complete: boolean;
  readonly columns: readonly ColumnProfile[];
  /** Per column: distinct values per customer among customers with two or more rows. */
  readonly perCustomerVariation: ReadonlyMap<number, number>;
}

/** Rules that give each row its fate, in order; the first that matches decides. */
export type RowRule =
  | { readonly rule: 'malformed' }
  | { readonly rule: 'pending'; readonly fields: readonly FieldName[] }
  /** A bank's own summary line (opening balance, turnover): the raw columns, and the RE2 pattern of the labels. */
  | { readonly rule: 'summary'; readonly indices: readonly number[]; readonly pattern: string }
  | { readonly rule: 'stage'; readonly index: number; readonly won: readonly string[] }
  | { readonly rule: 'void'; readonly field: FieldName; readonly pattern: string }
  | { readonly rule: 'empty'; readonly field: FieldName }
  | { readonly rule: 'invalid'; readonly field: FieldName }
  | { readonly rule: 'currency'; readonly keep: string }
  /** No exchange rate for the row's currency on its date (with a conversion). */
  | { readonly rule: 'norate' }
  | { readonly rule: 'outgoing' }
  | { readonly rule: 'zero' }
  | { readonly rule: 'unattributed' };

export interface StagePlan {
  readonly fields: readonly FieldReading[];
  readonly rules: readonly RowRule[];
  /** Order references like `C536379` (with numeric ones besides) are credit notes. */
  readonly cancellationPrefix: boolean;
  /** Columns kept as customer attributes. */
  readonly attributes: readonly { index: number; name: string }[];
  readonly bank: boolean;
  /**
   * Amounts (and margins) converted into the reporting currency: by the row's currency (or the
   * input's, without a currency column) and date. Rows without a rate match the `norate` rule.
   */
  readonly conversion?: { readonly reporting: string; readonly inputCurrency: string | null; readonly rates: readonly RateSpec[] };
  /**
   * Grouped: one stored row per customer, date, order and other keys (fast, small). Otherwise a
   * row per record, needed to match identical records across inputs and to count them.
   */
  readonly grouped: boolean;
}

export interface RuleCount {
  /** Index into StagePlan.rules; -1 for rows the reader itself could not split into fields. */
  readonly rule: number;
  readonly rows: number;
  readonly amount: number;
}

export interface MalformedRow {
  /** The reader's error type, such as `MISSING COLUMNS` or `UNQUOTED VALUE`. */
  readonly type: string;
  readonly line: number;
  readonly bytePosition: number;
  readonly error: string;
  readonly text: string;
}

/** Rows the reader refused because a typed column's value did not convert. */
export interface CastRejects {
  /** The column (index in the input). */
  readonly index: number;
  readonly rows: number;
  readonly examples: readonly { readonly bytePosition: number; readonly line: number; readonly value: string | null; readonly text: string }[];
}

export interface StageResult {
  readonly accepted: number;
  readonly used: number;
  readonly usedAmount: number;
  readonly byRule: readonly RuleCount[];
  readonly malformed: readonly MalformedRow[];
  readonly malformedCount: number;
  /** Rows the reader could not split, by its error type (e.g. `TOO MANY COLUMNS`). */
  readonly malformedByType: readonly { readonly type: string; readonly rows: number }[];
  readonly castRejects: readonly CastRejects[];
  /** Byte positions of every record the reader refused (malformed or not converted). */
  readonly refusedPositions: readonly number[];
  /** Rows kept that are identical to another row of the same file (customer, date, amount, order); not counted when grouped. */
  readonly identicalWithinFile: number | null;
  readonly currencies: readonly { currency: string; rows: number }[];
  /** Used rows with a negative amount (refunds, credit notes): netted, never orders. */
  readonly refunds: { readonly rows: number; readonly amount: number };
  readonly customers: number;
  readonly orders: number;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
}

/** A rejected row, found by its position among the reader's accepted records. */
export interface RejectedRecord {
  readonly ordinal: number;
  readonly rule: number;
  readonly fields: readonly (string | null)[];
}

export interface CombineResult {
  /** Rows dropped as identical to a row of an earlier input (customer, date, amount, order). */
  readonly crossInputDuplicates: readonly { input: number; rows: number; amount: number }[];
}


export interface TableRows {
  readonly rows: readonly { readonly key: string | null; readonly fields: readonly (string | null)[] }[];
  /** Rows the reader could not split into the header's fields. */
  readonly malformed: number;
  /** Byte positions of those rows, as the reader reports them (for their line numbers). */
  readonly refusedPositions?: readonly number[];
}


export interface Engine extends Source {
  /** Shape counts of the given columns over the first `limit` rows (all rows without a limit). */
  profile(input: InputReader, columns: readonly ProfileRequest[], customerIndex: number | undefined, limit: number | undefined): Promise<InputProfile>;
  stage(input: InputReader, plan: StagePlan): Promise<StageResult>;
  /** The first rows of each given rule, by position, with the raw value of the rule's column (reads the input again). */
  rejectedExamples(input: InputReader, plan: StagePlan, rules: readonly number[], perRule: number): Promise<{ rule: number; ordinal: number; value: string | null }[]>;
  /** Every row the reader refused: split into the wrong number of fields, or a value that did not convert. */
  malformedRows(input: number): Promise<(MalformedRow & { readonly index: number | null })[]>;
  /** Rows of the given rules with all their raw fields (reads the input again). */
  rejectedRecords(input: InputReader, plan: StagePlan, rules: readonly number[], limit: number): Promise<RejectedRecord[]>;
  combine(inputs: readonly number[]): Promise<CombineResult>;
  /** A small side table (a customers export, staff picks): every row, with its key read as keys are. */
  readTable(input: InputReader, keyIndex: number): Promise<TableRows>;
  /** The combined transactions as CSV rows for `segment load`, each tagged by its input. */
  exportTransactions(path: string, tags: readonly string[], currency?: string | null): Promise<number>;
}

/** What reads a side file (--customers, --picks, --deals, a prospects file): profiles its columns and reads its rows. */
export type TableReader = Pick<Engine, 'profile' | 'readTable'>;
