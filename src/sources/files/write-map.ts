/**
 * `inspect --write-map FILE`: the decisions that worked for an input (kind, columns, conventions,
 * dialect, encoding, currency) as a map file, so that the next run reads the export the same way
 * with `--map FILE` (or `--map INPUT:FILE` beside other inputs), and says so if the export changes.
 */
import type { FieldReading } from './duckdb/engine.js';
import { UsageError } from '../../kernel/errors.js';
import { writeFileAtomically } from '../../kernel/output.js';
import type { DateOrder } from './decide.js';
import { FIELDS, type FieldName } from './fields.js';
import type { Kind } from './mapping.js';

/** What a map file holds (the keys of the README's mapping file). */
export interface MapFileJson {
  kind: Kind;
  columns: Partial<Record<FieldName, string>>;
  columnNames?: string[];
  skip: number;
  delimiter: string;
  encoding: string;
  decimal?: 'dot' | 'comma';
  dateFormat?: string;
  currency?: string;
}

const DATE_FORMATS: Record<DateOrder, string> = {
  iso: 'yyyy-mm-dd',
  ymd: 'yyyy/mm/dd',
  compact: 'yyyymmdd',
  dmy: 'dd.mm.yyyy',
  mdy: 'mm/dd/yyyy',
  dmon: 'dd-mon-yyyy',
};

/** The column part of the decisions, from the readings of a plan. Pure. */
export function columnDecisions(readings: readonly FieldReading[], headers: readonly string[], kind: Kind): Pick<MapFileJson, 'columns' | 'decimal' | 'dateFormat'> {
  const columns: Partial<Record<FieldName, string>> = {};
  for (const r of readings) {
    if (FIELDS[r.field].option === undefined) continue;
    // In a bank statement the customer is the counterparty, named as such in a map file.
    const field: FieldName = r.field === 'customer' && kind === 'bank' && r.reading.as === 'counterparty' ? 'counterparty' : r.field;
    if (columns[field] === undefined && headers[r.index] !== undefined) columns[field] = headers[r.index]!;
  }
  const styles = [...new Set(readings.flatMap((r) => (r.reading.as === 'number' && r.reading.style !== 'none' ? [r.reading.style] : [])))];
  const date = readings.find((r) => r.field === 'date');
  return {
    columns,
    ...(styles.length === 1 ? { decimal: styles[0]! } : {}),
    ...(date?.reading.as === 'date' ? { dateFormat: DATE_FORMATS[date.reading.order] } : {}),
  };
}

/** Writes the decisions of the one input read to a map file; refuses several inputs. */
export function writeMapFile(path: string, inputs: readonly { readonly file: string; readonly decisions: MapFileJson }[]): void {
  if (inputs.length !== 1) {
    throw new UsageError(`--write-map saves the decisions of one input, and ${inputs.length} are given; run inspect on each with its own --write-map, then read them side by side with --map INPUT:FILE`);
  }
  writeFileAtomically(path, [`${JSON.stringify(inputs[0]!.decisions, null, 2)}\n`], '--write-map');
}
