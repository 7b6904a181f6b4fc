/**
 * The DuckDB SQL that reads an input: the CSV reader's call for a dialect, a column's reading under
 * its decided convention, the canonical columns and their types, and the macros every query uses.
 */
import type { ColumnKind, Db } from './duckdb.js';
import { macrosFor, dateParse, lit, numberParse } from './sql.js';
import { directionSql } from './row-rules-sql.js';
import type { FieldReading, InputReader, Period } from './contract.js';
import { READ_BUFFER } from './long-lines.js';

export const col = (i: number): string => `c${i}`;

/** How each column of the summary query arrives in JavaScript. */
export const SUMMARY_KINDS: Readonly<Record<string, ColumnKind>> = {
  customer: 'text', name: 'text', first: 'int', last: 'int', recency: 'int', tenure: 'int', first_period: 'int',
  orders: 'int', transactions: 'int', revenue: 'double', refunds: 'double', margin: 'double', quantity: 'double',
  active: 'int', s: 'double', ss: 'double', os: 'double', oss: 'double', due: 'int', on_time: 'int', days_late: 'double',
  purchase_days: 'int', first_day_revenue: 'double', first_day_margin: 'double', first_purchase: 'int', last_purchase: 'int',
};

/** The canonical transaction columns and their types. */
export const CANONICAL: Readonly<Record<string, string>> = {
  customer: 'VARCHAR',
  name: 'VARCHAR',
  date: 'DATE',
  amount: 'DECIMAL(18,4)',
  order_ref: 'VARCHAR',
  margin: 'DECIMAL(18,4)',
  quantity: 'DECIMAL(18,4)',
  currency: 'VARCHAR',
  due_date: 'DATE',
  paid_date: 'DATE',
  is_order: 'BOOLEAN',
  rejected_value: 'VARCHAR',
};

export function newlineParam(n: string): string {
  return n === '\r\n' ? '\\r\\n' : n === '\r' ? '\\r' : '\\n';
}

/** The reader: a SELECT whose columns are c0…cN (VARCHAR), plus `_nf` for whitespace text. */
export function readerSql(input: InputReader, mode: { rejects?: string; ignoreErrors?: boolean; sequential?: boolean }, types: ReadonlyMap<number, string> = new Map()): string {
  const d = input.dialect;
  const common = [
    `auto_detect=false`,
    `compression=${input.gzip ? "'gzip'" : "'none'"}`,
    `new_line=${lit(newlineParam(d.newline))}`,
    `max_line_size=8388608`,
    // The reader's default buffer is 16 × the longest line (128 MB per thread here): allocating
    // and first touching that cost ~0.3 s on every small read and ~0.4 GB of RSS on a big one; two
    // longest lines' worth reads 10M rows 1.6-3× faster (BENCHMARKS.md, issue 10).
    `buffer_size=${READ_BUFFER}`,
  ];
  // See ./long-lines.ts: the parallel reader loses a line longer than its buffer.
  if (mode.sequential) common.push('parallel=false');
  if (mode.rejects) {
    common.push(`store_rejects=true`, `rejects_table=${lit(mode.rejects)}`, `rejects_scan=${lit(`${mode.rejects}_scan`)}`);
  } else if (mode.ignoreErrors) {
    common.push('ignore_errors=true');
  }
  if (d.type === 'whitespace') {
    const fields = d.columns.map((_, i) => `f[${i + 1}] AS ${col(i)}`).join(', ');
    return `SELECT ${fields}, len(f) AS _nf FROM (SELECT string_split_regex(trim(line), '\\s+') AS f FROM read_csv(${lit(input.path)}, ${common.join(', ')}, delim=chr(31), quote='', escape='', header=false, skip=${d.headerLine > 0 ? d.headerLine : d.skip}, columns={'line': 'VARCHAR'}) WHERE trim(line) <> '')`;
  }
  // A header shorter than its rows (see DelimitedDialect.ragged): shorter rows are padded, not rejected.
  if (d.ragged) common.push('null_padding=true');
  const columns = d.columns.map((_, i) => `${lit(col(i))}: ${lit(types.get(i) ?? 'VARCHAR')}`).join(', ');
  return `SELECT * FROM read_csv(${lit(input.path)}, ${common.join(', ')}, delim=${lit(d.delimiter)}, quote=${lit(d.quote)}, escape=${lit(d.quote)}, header=${d.headerLine > 0}, skip=${d.skip}, columns={${columns}})`;
}

/** The value in the reader's conversion error: `Could not convert string "12,5x" to 'DECIMAL(18,4)'`. */
export function castValue(message: string): string | null {
  const m = /Could not convert string "(.*)" to '/.exec(message);
  return m ? (m[1] ?? null) : null;
}

export function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

export function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The SQL of one value reading over raw column `c`. */
export function readingSql(r: FieldReading): string {
  const c = col(r.index);
  switch (r.reading.as) {
    case 'key':
      return `seg_key(${c})`;
    case 'text':
      return `seg_blank(${c})`;
    case 'currency':
      return `upper(seg_blank(${c}))`;
    case 'code':
      return `seg_num_code(${c})`;
    case 'direction':
      return directionSql(c, r.reading.incoming, r.reading.outgoing, r.reading.blank);
    case 'number':
      return numberParse(c, r.reading.style);
    case 'date':
      return dateParse(c, r.reading.order);
    case 'counterparty': {
      const pattern = r.reading.pattern;
      if (pattern === undefined) return `seg_counterparty(${c})`;
      // The first capture group of the user's pattern, or the whole match without one.
      const group = /\((?!\?)/.test(pattern) ? 1 : 0;
      return `nullif(regexp_replace(trim(regexp_extract(${c}, ${lit(pattern)}, ${group})), '\\s+', ' ', 'g'), '')`;
    }
  }
}

/**
 * The connection, creating the macros each statement uses before it runs (once each), in the
 * statement's own call: a call of its own cost a round trip and a few ms on a 10-row run (issue 28).
 */
export function withMacros(db: Db): Db {
  const created = new Set<string>();
  const withCreated = async <T>(sql: string, run: (sql: string) => Promise<T>): Promise<T> => {
    const before = new Set(created);
    const statements = macrosFor(sql, created);
    if (statements.length === 0) return run(sql);
    try {
      return await run(`${statements.join(';\n')};\n${sql}`);
    } catch (e) {
      // DuckDB parses every statement of a call before it runs one: the macros may not exist.
      for (const name of [...created]) if (!before.has(name)) created.delete(name);
      throw e;
    }
  };
  return {
    ...db,
    all: <T>(sql: string) => withCreated(sql, (s) => db.all<T>(s)),
    columns: (sql: string) => withCreated(sql, (s) => db.columns(s)),
    typed: (sql, kinds) => withCreated(sql, (s) => db.typed(s, kinds)),
    run: (sql) => withCreated(sql, (s) => db.run(s)),
  };
}

export function periodSql(date: string, period: Period): string {
  switch (period) {
    case 'month':
      return `(year(${date}) * 12 + month(${date}) - 1)`;
    case 'quarter':
      return `(year(${date}) * 4 + quarter(${date}) - 1)`;
    case 'week':
      // Weeks start on Monday; 1970-01-05 was one.
      return `(datediff('day', DATE '1970-01-05', ${date}) // 7)`;
  }
}
