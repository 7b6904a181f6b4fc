/** What reading inputs takes (options, per-input settings) and gives back (the accounting of every row, the report of every input). */

import type { DataError } from '../../kernel/errors.js';
import type { DateOrder, DecimalStyle } from './decide.js';
import type { FieldName } from './fields.js';
import type { Rates } from './rates.js';
import type { Kind, Overrides } from './mapping.js';
import type { MapFileJson } from './write-map.js';
import type { OpenedInput } from './open-input.js';

export interface ReadOptions {
  readonly kind?: Kind;
  readonly overrides: Overrides;
  readonly skip?: number;
  readonly delimiter?: string;
  readonly encoding?: string;
  readonly decimal?: Exclude<DecimalStyle, 'none'>;
  readonly dateOrder?: DateOrder;
  readonly columns?: readonly string[];
  readonly customerPattern?: string;
  readonly currency?: string;
  /** A fraction: 0.01 is 1%. */
  readonly maxRejectRate: number;
  readonly rejectsFile?: string;
  readonly sampleRows?: number;
  /** --pseudonymize: no raw record and no value of a text column in examples and the rejects file. */
  readonly withholdPersonal?: boolean;
  /** Count rows identical to another of the same file (stages each record: slower). */
  readonly countIdentical?: boolean;
  /** Settings of one input (`--map INPUT:FILE`), by the input as given; they win over the others. */
  readonly perInput?: ReadonlyMap<string, InputSettings>;
  /** `--rates FILE`: amounts in other currencies are converted into `currency`. */
  readonly rates?: Rates;
  /** --sheet: the workbook sheet to read, by name or 1-based position. */
  readonly sheet?: string;
}

/** What a map file can set for one input. */
export type InputSettings = Partial<Pick<ReadOptions, 'kind' | 'overrides' | 'skip' | 'delimiter' | 'encoding' | 'decimal' | 'dateOrder' | 'columns' | 'customerPattern' | 'currency'>> & {
  readonly mapFile?: string;
};

export interface Example {
  readonly line: number | null;
  readonly value: string | null;
}

export interface ReasonCount {
  readonly reason: string;
  readonly column?: string;
  readonly rows: number;
  readonly amount: number;
  readonly examples: readonly Example[];
}

export interface Accounting {
  readonly read: number;
  readonly used: number;
  readonly usedAmount: number;
  readonly rejected: number;
  readonly rejectedByReason: readonly ReasonCount[];
  readonly skipped: number;
  readonly skippedByRule: readonly ReasonCount[];
  readonly unattributed: number;
  readonly unattributedAmount: number;
  /** Rows identical to another of the same file (customer, date, amount, order): kept. Null when not counted. */
  readonly identicalWithinFile: number | null;
}

export interface ColumnReport {
  readonly index: number;
  readonly name: string;
  readonly role: 'field' | 'attribute' | 'ignored';
  readonly field?: FieldName;
  readonly why: string;
  readonly convention?: string;
  readonly evidence?: string;
}

export interface InputReport {
  readonly file: string;
  readonly kind: Kind;
  readonly kindReason: string;
  readonly encoding: string;
  readonly encodingReason: string;
  readonly compressed: boolean;
  readonly dialect: {
    readonly delimiter: string;
    readonly newline: string;
    readonly skip: number;
    readonly headerLine: number;
    readonly reason: string;
  };
  readonly columns: readonly ColumnReport[];
  readonly attributes: readonly { name: string; level: 'customer' | 'transaction' }[];
  readonly rows: Accounting;
  readonly customers: number;
  readonly orders: number;
  /** Used rows with a negative amount: netted against revenue, not counted as orders. */
  readonly refunds: { readonly rows: number; readonly amount: number };
  readonly currency: string | null;
  readonly currencies: readonly { currency: string; rows: number }[];
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly notes: readonly string[];
  /** How the direction of money (in or out) was decided. */
  readonly direction: string;
  /** The decisions that worked, as a map file (`inspect --write-map`). */
  readonly decisions: MapFileJson;
  /** A workbook's sheets, the one read and its cell types; a Parquet file's typed columns. */
  readonly workbook?: OpenedInput['workbook'];
  readonly parquet?: OpenedInput['parquet'];
}

export interface ReadResult {
  readonly inputs: readonly InputReport[];
  readonly total: Accounting;
  readonly currency: string | null;
  readonly warnings: readonly string[];
  /** Set when the rejected share is over the limit: commands report it with exit code 3. */
  readonly failure?: DataError;
  readonly attributeNames: readonly string[];
}
