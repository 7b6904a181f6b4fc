/** Profiling an input's columns in DuckDB: the value shapes, examples and per-customer variation that ingestion decides conventions from. */
import type { Db, Row } from './duckdb.js';
import type { ColumnProfile, InputProfile, InputReader, ProfileRequest } from './contract.js';
import { col, num, readerSql, str } from './duckdb-reader.js';
import type { ThreadSetting } from './threads.js';

export async function profileInput(
  db: Db,
  threads: ThreadSetting,
  input: InputReader,
  requests: readonly ProfileRequest[],
  customerIndex: number | undefined,
  limit: number | undefined,
): Promise<InputProfile> {
  // The sample: the first rows, read by the profile's statement itself (a table of its own was
  // one more statement, issue 28). The values' counts and the variation within customers on a
  // sample only: over the whole file they would be more work per call.
  const source = `(${readerSql(input, { ignoreErrors: true })}${limit === undefined ? '' : ` LIMIT ${limit}`})`;
  const sample = limit !== undefined ? { customer: customerIndex } : undefined;
  const { row, counted, variation } = await profileCounts(db, threads, requests, source, sample);
  const columns = requests.map(({ index }) => {
    const c = columnProfile(row, index);
    const values = fewValues(c) ? counted.get(index) : undefined;
    return values ? { ...c, topValues: values } : c;
  });
  // In the requests' order, the customer's column left out.
  const perCustomerVariation = new Map<number, number>();
  for (const { index } of requests) {
    const share = variation.get(index);
    if (share !== undefined && index !== customerIndex) perCustomerVariation.set(index, share);
  }
  const rows = num(row.rows);
  return { rows, complete: limit === undefined || rows < limit, columns, perCustomerVariation };
}

const FEW_VALUES = 12;

/**
 * Columns with few distinct values (flags, codes, types) get their values counted exactly, so that
 * a decision can show its evidence (`C (13) / D (15)`). The profile's SQL applies the same rule.
 */
function fewValues(c: ColumnProfile): boolean {
  return c.nonEmpty > 0 && c.distinct <= FEW_VALUES;
}

interface Counts {
  /** The shape counts, as `<index>_<count>` columns (see columnProfile). */
  readonly row: Row;
  /** The values of the columns with few values and their counts, most frequent first (the first FEW_VALUES × 2). */
  readonly counted: ReadonlyMap<number, { value: string; count: number }[]>;
  /** Per column: the share of customers (with two rows or more in the sample) with more than one value. */
  readonly variation: ReadonlyMap<number, number>;
}

/**
 * The shape counts of the requested columns, grouped over value classes: every value becomes a row
 * (column, value, class, code, flag, whether its column is a name), grouped by column and by column
 * and class. One aggregate of each kind whatever the number of columns: on a 10-row file this takes
 * a third of the CPU of one filtered aggregate per class and column (~100 on a five-column file,
 * mostly planning), and on a 50,000-row sample no more (BENCHMARKS.md, issue 28). The flag is the
 * kind's test: castable (number, date), a currency code, a name.
 *
 * On a sample table, the same statement also counts the values of the columns with few of them
 * and, given the customer's column, how many customers have more than one value in each column:
 * three statements were one a third of a 10-row run's SQL time (BENCHMARKS.md, issue 28).
 */
async function profileCounts(db: Db, threads: ThreadSetting, requests: readonly ProfileRequest[], source: string, sample: { customer: number | undefined } | undefined): Promise<Counts> {
  const counted = new Map<number, { value: string; count: number }[]>();
  const variation = new Map<number, number>();
  if (requests.length === 0) {
    const [r] = await db.all<Row>(`SELECT count(*) AS rows FROM ${source}`);
    return { row: r ?? {}, counted, variation };
  }
  const lists = { i: [] as string[], v: [] as string[], cls: [] as string[], code: [] as string[], flag: [] as string[], named: [] as string[], neg: [] as string[] };
  for (const { index: i, as } of requests) {
    const c = col(i);
    lists.i.push(String(i));
    lists.v.push(c);
    lists.cls.push(as === 'number' ? `seg_num_class(${c})` : as === 'date' ? `seg_date_class(${c})` : 'NULL::VARCHAR');
    lists.code.push(as === 'number' ? `seg_num_code(${c})` : 'NULL::VARCHAR');
    lists.flag.push(kindTest(as, c));
    lists.named.push(String(as === 'name'));
    // A number written with a minus sign (a signed amount, not a credit column).
    lists.neg.push(as === 'number' ? `seg_num_neg(trim(${c}))` : 'false');
  }
  const unnest = Object.entries(lists).map(([name, xs]) => `unnest([${xs.join(', ')}]) AS ${name}`).join(', ');
  const customer = sample?.customer;
  const key = customer !== undefined ? `, ${col(customer)} AS k` : '';
  // The kinds of rows: 0 a column's counts, 1 a class's count and example, 2 a value's count and
  // rank, 3 a column's share of customers with several values. The sketches (approx_top_k and
  // approx_count_distinct) only per column, where they are needed.
  const few = `non_empty > 0 AND CASE WHEN named THEN exact_distinct ELSE distinct_values END <= ${FEW_VALUES}`;
  const values = sample
    ? `UNION ALL
       SELECT 2, i, NULL, n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, v, rank, NULL FROM (
         SELECT i, seg_blank(v) AS v, count(*) AS n, row_number() OVER (PARTITION BY i ORDER BY count(*) DESC, seg_blank(v)) AS rank
         FROM u WHERE seg_blank(v) IS NOT NULL AND i IN (SELECT i FROM whole WHERE ${few})
         GROUP BY i, seg_blank(v) QUALIFY rank <= ${FEW_VALUES * 2})`
    : '';
  // A customer's rows in the sample: its rows in u for each column.
  const varies =
    customer !== undefined
      ? `UNION ALL
         SELECT 3, i, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, avg(CASE WHEN d > 1 THEN 1 ELSE 0 END) FROM (
           SELECT i, count(DISTINCT v) AS d FROM u WHERE i <> ${customer} AND seg_blank(k) IS NOT NULL GROUP BY k, i HAVING count(*) >= 2)
         GROUP BY i`
      : '';
  // On one thread (./threads.ts): the sketch (approx_top_k) and the examples (arg_max among values
  // of equal length) depend on the order rows reach them, and DuckDB scans a materialized CTE in
  // parallel: on several threads the same file gave a different example from run to run. One
  // thread reads the sample in file order, as the ungrouped query did.
  const rows = await db.all<Row>(
    `${threads.oneThread()}WITH u AS MATERIALIZED (SELECT ${unnest}${key} FROM ${source}),
     whole AS MATERIALIZED (
       SELECT i, count(*) AS n, count(seg_blank(v)) AS non_empty, approx_count_distinct(v) AS distinct_values,
         approx_top_k(seg_blank(v), 8) AS top, count(*) FILTER (WHERE flag) AS flagged, list(DISTINCT code) FILTER (WHERE code IS NOT NULL) AS codes,
         bool_and(named) AS named, count(DISTINCT seg_blank(v)) FILTER (WHERE named) AS exact_distinct, avg(length(seg_blank(v))) FILTER (WHERE named) AS mean_length,
         count(*) FILTER (WHERE named AND regexp_matches(v, '[0-9]{4,}')) AS digit_runs,
         count(*) FILTER (WHERE neg AND cls IS NOT NULL AND cls <> 'invalid') AS negative
       FROM u GROUP BY i)
     SELECT 0 AS kind, i, NULL::VARCHAR AS cls, n, non_empty, distinct_values, top, flagged, codes, exact_distinct, mean_length, digit_runs, negative,
       NULL::VARCHAR AS example, NULL::BIGINT AS rank, NULL::DOUBLE AS share
     FROM whole
     UNION ALL
     SELECT 1, i, cls, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, arg_max(v, length(v)), NULL, NULL FROM u WHERE cls IS NOT NULL GROUP BY i, cls
     ${values} ${varies}`,
  );
  const kinds = new Map(requests.map((r) => [r.index, r.as]));
  const row: Row = { rows: 0 };
  const ranked: { i: number; rank: number; value: string; count: number }[] = [];
  for (const r of rows) {
    const i = num(r.i);
    const as = kinds.get(i);
    const kind = num(r.kind);
    if (kind === 0) {
      row.rows = r.n;
      Object.assign(row, { [`${i}_nonEmpty`]: r.non_empty, [`${i}_distinct`]: r.distinct_values, [`${i}_top`]: r.top });
      const flag = as === 'number' || as === 'date' ? 'castable' : as === 'currency' ? 'currencyLike' : as === 'name' ? 'nameLike' : null;
      if (flag) row[`${i}_${flag}`] = r.flagged;
      if (as === 'number') Object.assign(row, { [`${i}_codes`]: r.codes, [`${i}_n_negative`]: r.negative });
      // Names: distinct values counted exactly (whether names repeat decides), their mean length, runs of digits.
      if (as === 'name') Object.assign(row, { [`${i}_exactDistinct`]: r.exact_distinct, [`${i}_meanLength`]: r.mean_length, [`${i}_digitRuns`]: r.digit_runs });
    } else if (kind === 1 && (as === 'number' || as === 'date')) {
      const p = as === 'number' ? 'n' : 'd';
      row[`${i}_${p}_${String(r.cls)}`] = r.n;
      row[`${i}_${p}x_${String(r.cls)}`] = r.example;
    } else if (kind === 2) {
      ranked.push({ i, rank: num(r.rank), value: String(r.example), count: num(r.n) });
    } else if (kind === 3 && r.share !== null && r.share !== undefined) {
      variation.set(i, Number(r.share));
    }
  }
  // Most frequent first, ties in the engine's order of the values (the rank).
  ranked.sort((a, b) => a.i - b.i || a.rank - b.rank);
  for (const { i, value, count } of ranked) {
    const list = counted.get(i) ?? [];
    list.push({ value, count });
    counted.set(i, list);
  }
  return { row, counted, variation };
}

/** The test a value of the kind is counted by: castable (number, date), like a currency code, like a name. */
function kindTest(as: ProfileRequest['as'], c: string): string {
  switch (as) {
    case 'number':
      return `TRY_CAST(${c} AS DECIMAL(18,4)) IS NOT NULL`;
    case 'date':
      return `regexp_full_match(${c}, '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9:.]+)?') AND TRY_CAST(${c} AS DATE) IS NOT NULL`;
    case 'currency':
      return `regexp_full_match(trim(${c}), '[A-Za-z]{3}')`;
    case 'name':
      return `regexp_matches(${c}, '\\pL{3}') AND NOT regexp_full_match(trim(${c}), '[A-Z]{2}[0-9]{2}[A-Z0-9 ]{8,32}')`;
    default:
      return 'NULL::BOOLEAN';
  }
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
