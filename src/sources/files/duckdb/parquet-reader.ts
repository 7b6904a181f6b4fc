/**
 * Reading a Parquet file: DuckDB reads its typed columns and writes them as a CSV copy (numbers
 * with a decimal point, dates as yyyy-mm-dd, text as it is), so that mapping, conventions,
 * staging and accounting are those of a CSV export. Line N of the copy is row N of the file.
 * Self-contained: a DuckDB instance of its own, closed when done.
 */
import { lit, ident } from './sql.js';
import { openDuckDb } from './duckdb.js';
import type { EngineSettings } from './engine.js';
import { MAX_COLUMNS } from './conventions.js';

export interface ParquetColumn {
  readonly name: string;
  /** The Parquet column's type as DuckDB names it (`DOUBLE`, `DATE`, `VARCHAR`, …). */
  readonly type: string;
}

export interface ParquetCopy {
  readonly columns: readonly ParquetColumn[];
  readonly rows: number;
}

/** The expression that writes one column: exact digits, ISO dates, one line per row. */
function asText(name: string, type: string): string {
  const c = ident(name);
  const t = type.toUpperCase();
  if (t === 'DATE') return `strftime(${c}, '%Y-%m-%d')`;
  if (t.startsWith('TIMESTAMP')) return `strftime(CAST(${c} AS DATE), '%Y-%m-%d')`;
  if (t === 'DOUBLE' || t === 'FLOAT' || t === 'REAL') {
    // Plain digits, never an exponent: the number shapes of CSV values have none.
    return `CASE WHEN isfinite(${c}) AND abs(${c}) < 1e15 THEN rtrim(rtrim(printf('%.10f', ${c}), '0'), '.') ELSE CAST(${c} AS VARCHAR) END`;
  }
  if (/^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DECIMAL.*|BOOLEAN)$/.test(t)) return `CAST(${c} AS VARCHAR)`;
  return `regexp_replace(CAST(${c} AS VARCHAR), '[\\r\\n]+', ' ', 'g')`;
}

/** Whether the first bytes are a Parquet file's magic number. */
export function isParquet(head: Buffer): boolean {
  return head.length >= 4 && head.subarray(0, 4).toString('latin1') === 'PAR1';
}

export async function parquetToCsv(path: string, out: string, settings: EngineSettings): Promise<ParquetCopy> {
  const db = await openDuckDb(settings);
  try {
    const source = `read_parquet(${lit(path)})`;
    const described = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${source}`);
    const columns = described.map((d) => ({ name: d.column_name, type: d.column_type }));
    // Too wide to read: the caller refuses it, without a copy.
    if (columns.length > MAX_COLUMNS) return { columns, rows: 0 };
    const select = columns.map((c) => `${asText(c.name, c.type)} AS ${ident(c.name)}`).join(', ');
    await db.run(`COPY (SELECT ${select} FROM ${source}) TO ${lit(out)} (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', NEW_LINE '\\n')`);
    const [count] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${source}`);
    return { columns, rows: count?.n ?? 0 };
  } finally {
    db.close();
  }
}
