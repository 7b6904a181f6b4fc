/** A file wider than segment reads (duckdb/conventions.ts `MAX_COLUMNS`): refused at once, for CSV, workbooks and Parquet alike. */
import { MAX_COLUMNS } from './duckdb/conventions.js';
import { DataError } from '../../kernel/errors.js';
import { formatInt } from '../../kernel/text.js';

/** The error for a file with more columns than segment reads, or null. */
export function tooWide(display: string, columns: number): DataError | null {
  if (columns <= MAX_COLUMNS) return null;
  return new DataError(
    `${display}: ${formatInt(columns)} columns, more than the ${formatInt(MAX_COLUMNS)} segment reads; export only the columns you need (customer, date, amount and a few attributes)`,
  );
}
