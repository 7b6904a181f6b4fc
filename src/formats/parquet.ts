/**
 * The Parquet format: the rows with typed columns, written by DuckDB to --output (atomically, see
 * sources/files/duckdb/parquet-writer.ts). The one format that needs the engine: DuckDB is the Parquet writer.
 */
import { rowObjects, type ColumnKind, type Document } from '../documents/document.js';
import type { ParquetType } from '../sources/files/duckdb/parquet-writer.js';
import type { FormatContext } from './context.js';

const TYPES: Record<ColumnKind, ParquetType> = { text: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', money: 'DOUBLE', share: 'DOUBLE', date: 'DATE', boolean: 'BOOLEAN' };

export async function write(doc: Document, ctx: FormatContext): Promise<void> {
  const table = await doc.rows!({ top: ctx.top, typed: true });
  const { activeProgress } = await import('../kernel/progress.js');
  activeProgress().stop();
  const { writeParquet } = await import('../sources/files/duckdb/parquet-writer.js');
  // planOutput refused stdout: Parquet is written to a file only.
  await writeParquet(table.columns.map((c) => ({ name: c.name, type: TYPES[c.kind] })), rowObjects(table), ctx.output!, {});
}
