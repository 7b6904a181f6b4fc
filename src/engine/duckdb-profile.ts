/** Profiling an input's columns in DuckDB: the value shapes, examples and per-customer variation that ingestion decides conventions from. */
import type { Db, Row } from './duckdb.js';
import type { ColumnProfile, InputProfile, InputReader, ProfileRequest } from './contract.js';
import { col, num, readerSql, str } from './duckdb-reader.js';

export async function profileInput(
  db: Db,
  input: InputReader,
  requests: readonly ProfileRequest[],
  customerIndex: number | undefined,
  limit: number | undefined,
): Promise<InputProfile> {
  const table = `sample_${input.id}`;
  const source = limit === undefined ? `(${readerSql(input, { ignoreErrors: true })})` : table;
  if (limit !== undefined) {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS ${readerSql(input, { ignoreErrors: true })} LIMIT ${limit}`,
    );
  }
  const indices = requests.map((r) => r.index);
  const { inner, aggs } = profileSelect(requests);
  const [r] = await db.all<Row>(
    `SELECT ${aggs.join(', ')} FROM (SELECT ${inner || '1 AS one'} FROM ${source})`,
  );
  const row = r ?? {};
  // Counted on the sample table only: over the whole file it would be another pass per call.
  const profiles = indices.map((i) => columnProfile(row, i));
  const columns = limit === undefined ? profiles : await withCounts(db, source, profiles);

  const perCustomerVariation = customerIndex !== undefined && limit !== undefined ? await variationWithinCustomers(db, table, indices, customerIndex) : new Map<number, number>();
  const rows = num(row.rows);
  return { rows, complete: limit === undefined || rows < limit, columns, perCustomerVariation };
}

/** The per-value classes (inner select) and the counts over them (aggregates) of the requested columns. */
function profileSelect(requests: readonly ProfileRequest[]): { inner: string; aggs: string[] } {
  const inner = requests
    .map((r) => {
      const c = col(r.index);
      if (r.as === 'number') return `${c}, seg_num_class(${c}) AS n${r.index}, seg_num_code(${c}) AS k${r.index}`;
      if (r.as === 'date') return `${c}, seg_date_class(${c}) AS d${r.index}`;
      return c;
    })
    .join(', ');
  const aggs: string[] = ['count(*) AS rows'];
  const example = (c: string, cond: string): string => `arg_max(${c}, length(${c})) FILTER (WHERE ${cond})`;
  for (const { index: i, as } of requests) {
    const c = col(i);
    const n = `n${i}`;
    const d = `d${i}`;
    aggs.push(`count(seg_blank(${c})) AS "${i}_nonEmpty"`, `approx_count_distinct(${c}) AS "${i}_distinct"`, `approx_top_k(seg_blank(${c}), 8) AS "${i}_top"`);
    if (as === 'number') aggs.push(`count(TRY_CAST(${c} AS DECIMAL(18,4))) AS "${i}_castable"`);
    if (as === 'date') aggs.push(`count(*) FILTER (WHERE regexp_full_match(${c}, '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9:.]+)?') AND TRY_CAST(${c} AS DATE) IS NOT NULL) AS "${i}_castable"`);
    if (as === 'currency') aggs.push(`count(*) FILTER (WHERE regexp_full_match(trim(${c}), '[A-Za-z]{3}')) AS "${i}_currencyLike"`);
    if (as === 'name') {
      aggs.push(`count(*) FILTER (WHERE regexp_matches(${c}, '\\pL{3}') AND NOT regexp_full_match(trim(${c}), '[A-Z]{2}[0-9]{2}[A-Z0-9 ]{8,32}')) AS "${i}_nameLike"`);
      aggs.push(`count(DISTINCT seg_blank(${c})) AS "${i}_exactDistinct"`, `avg(length(seg_blank(${c}))) AS "${i}_meanLength"`, `count(*) FILTER (WHERE regexp_matches(${c}, '[0-9]{4,}')) AS "${i}_digitRuns"`);
    }
    if (as === 'number') {
      aggs.push(
        ...['integer', 'dot', 'comma', 'ambiguous', 'invalid'].map((s) => `count(*) FILTER (WHERE ${n} = '${s}') AS "${i}_n_${s}"`),
        ...['ambiguous', 'invalid', 'dot', 'comma'].map((s) => `${example(c, `${n} = '${s}'`)} AS "${i}_nx_${s}"`),
        `list(DISTINCT k${i}) FILTER (WHERE k${i} IS NOT NULL) AS "${i}_codes"`,
        `count(*) FILTER (WHERE ${n} IS NOT NULL AND ${n} <> 'invalid' AND seg_num_neg(trim(${c}))) AS "${i}_n_negative"`,
      );
    }
    if (as === 'date') {
      aggs.push(
        ...['pending', 'iso', 'ymd', 'compact', 'dmy', 'mdy', 'ambiguous', 'dmon', 'invalid'].map((s) => `count(*) FILTER (WHERE ${d} = '${s}') AS "${i}_d_${s}"`),
        ...['dmy', 'mdy', 'ambiguous', 'invalid'].map((s) => `${example(c, `${d} = '${s}'`)} AS "${i}_dx_${s}"`),
      );
    }
  }
  return { inner, aggs };
}

/** One column's shape counts, from the aggregate row (`<index>_<count>` columns). */
function columnProfile(row: Row, i: number): ColumnProfile {
  const g = (k: string): unknown => row[`${i}_${k}`];
  return {
    index: i,
    nonEmpty: num(g('nonEmpty')),
    // Name requests count distinct values exactly: whether names repeat decides, and the estimate is off by one on small samples.
    distinct: g('exactDistinct') !== undefined ? num(g('exactDistinct')) : num(g('distinct')),
    castable: num(g('castable')),
    number: {
      integer: num(g('n_integer')),
      dot: num(g('n_dot')),
      comma: num(g('n_comma')),
      ambiguous: num(g('n_ambiguous')),
      invalid: num(g('n_invalid')),
      ambiguousExample: str(g('nx_ambiguous')),
      invalidExample: str(g('nx_invalid')),
      dotExample: str(g('nx_dot')),
      commaExample: str(g('nx_comma')),
      codes: ((g('codes') as string[] | null) ?? []).slice().sort(),
      negative: num(g('n_negative')),
    },
    date: {
      pending: num(g('d_pending')),
      iso: num(g('d_iso')),
      ymd: num(g('d_ymd')),
      compact: num(g('d_compact')),
      dmy: num(g('d_dmy')),
      mdy: num(g('d_mdy')),
      dayMonthAmbiguous: num(g('d_ambiguous')),
      dmon: num(g('d_dmon')),
      invalid: num(g('d_invalid')),
      dmyExample: str(g('dx_dmy')),
      mdyExample: str(g('dx_mdy')),
      ambiguousExample: str(g('dx_ambiguous')),
      invalidExample: str(g('dx_invalid')),
    },
    currencyLike: num(g('currencyLike')),
    nameLike: num(g('nameLike')),
    ...(g('meanLength') !== undefined ? { meanLength: Number(g('meanLength') ?? 0), digitRuns: num(g('digitRuns')) } : {}),
    topValues: ((g('top') as string[] | null) ?? []).map((value) => ({ value, count: 0 })),
  };
}

const FEW_VALUES = 12;

/**
 * Exact counts of the values of columns with few distinct values (flags, codes, types), so that a
 * decision can show its evidence (`C (13) / D (15)`). One pass over the sample for all of them.
 */
async function withCounts(db: Db, source: string, columns: ColumnProfile[]): Promise<ColumnProfile[]> {
  const few = columns.filter((c) => c.nonEmpty > 0 && c.distinct <= FEW_VALUES);
  if (few.length === 0) return columns;
  const parts = few.map((c) => `SELECT ${c.index} AS i, seg_blank(${col(c.index)}) AS v FROM ${source}`);
  const rows = await db.all<Row>(
    `SELECT i, v, count(*) AS n FROM (${parts.join(' UNION ALL ')}) WHERE v IS NOT NULL GROUP BY i, v QUALIFY row_number() OVER (PARTITION BY i ORDER BY count(*) DESC, v) <= ${FEW_VALUES * 2} ORDER BY i, n DESC, v`,
  );
  const byColumn = new Map<number, { value: string; count: number }[]>();
  for (const r of rows) {
    const list = byColumn.get(num(r.i)) ?? [];
    list.push({ value: String(r.v), count: num(r.n) });
    byColumn.set(num(r.i), list);
  }
  return columns.map((c) => {
    const counted = byColumn.get(c.index);
    return counted ? { ...c, topValues: counted } : c;
  });
}

/** Per column: the share of customers (with two rows or more in the sample) with more than one value. */
async function variationWithinCustomers(db: Db, table: string, indices: readonly number[], customerIndex: number): Promise<Map<number, number>> {
  const perCustomerVariation = new Map<number, number>();
  const others = indices.filter((i) => i !== customerIndex);
  if (others.length > 0) {
    const k = col(customerIndex);
    const perCol = others.map((i) => `count(DISTINCT ${col(i)}) AS v${i}`).join(', ');
    const shares = others
      .map((i) => `avg(CASE WHEN v${i} > 1 THEN 1 ELSE 0 END) AS s${i}`)
      .join(', ');
    const [v] = await db.all<Row>(
      `SELECT ${shares} FROM (SELECT ${perCol} FROM ${table} WHERE seg_blank(${k}) IS NOT NULL GROUP BY ${k} HAVING count(*) >= 2)`,
    );
    for (const i of others) {
      const s = v?.[`s${i}`];
      if (s !== null && s !== undefined) perCustomerVariation.set(i, Number(s));
    }
  }
  return perCustomerVariation;
}
