/**
 * The in-process DuckDB engine. Each input is read once, by DuckDB's CSV reader with the dialect
 * decided by the sniffer, into a staging table of typed canonical columns plus the fate of each
 * row (the index of the first rule it matched; 0 means used). Everything after that (accounting,
 * the per-customer summary, attributes) is SQL over the staged tables.
 */
import { openDuckDb, type Db, type Row } from './duckdb.js';
import { MACROS, dateParse, ident, lit, numberParse } from './sql.js';
import type {
  ColumnProfile,
  CombineResult,
  CustomerSummary,
  Engine,
  EngineSettings,
  FieldReading,
  InputProfile,
  InputReader,
  MalformedRow,
  ProfileRequest,
  Period,
  RejectedRecord,
  RowRule,
  StagePlan,
  StageResult,
  SummaryQuery,
  SummaryResult,
  TableRows,
} from './engine.js';
import type { FieldName } from '../ingest/fields.js';

const col = (i: number): string => `c${i}`;

function newlineParam(n: string): string {
  return n === '\r\n' ? '\\r\\n' : n === '\r' ? '\\r' : '\\n';
}

/** The reader: a SELECT whose columns are c0…cN (VARCHAR), plus `_nf` for whitespace text. */
export function readerSql(input: InputReader, mode: { rejects?: string; ignoreErrors?: boolean }): string {
  const d = input.dialect;
  const common = [
    `auto_detect=false`,
    `compression=${input.gzip ? "'gzip'" : "'none'"}`,
    `new_line=${lit(newlineParam(d.newline))}`,
    `max_line_size=8388608`,
  ];
  if (mode.rejects) {
    common.push(`store_rejects=true`, `rejects_table=${lit(mode.rejects)}`, `rejects_scan=${lit(`${mode.rejects}_scan`)}`);
  } else if (mode.ignoreErrors) {
    common.push('ignore_errors=true');
  }
  if (d.type === 'whitespace') {
    const fields = d.columns.map((_, i) => `f[${i + 1}] AS ${col(i)}`).join(', ');
    return `SELECT ${fields}, len(f) AS _nf FROM (SELECT string_split_regex(trim(line), '\\s+') AS f FROM read_csv(${lit(input.path)}, ${common.join(', ')}, delim=chr(31), quote='', escape='', header=false, skip=${d.headerLine > 0 ? d.headerLine : d.skip}, columns={'line': 'VARCHAR'}) WHERE trim(line) <> '')`;
  }
  const columns = d.columns.map((_, i) => `${lit(col(i))}: 'VARCHAR'`).join(', ');
  return `SELECT * FROM read_csv(${lit(input.path)}, ${common.join(', ')}, delim=${lit(d.delimiter)}, quote=${lit(d.quote)}, escape=${lit(d.quote)}, header=${d.headerLine > 0}, skip=${d.skip}, columns={${columns}})`;
}

function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The SQL of one value reading over raw column `c`. */
function readingSql(r: FieldReading): string {
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

export class DuckDbEngine implements Engine {
  readonly name = 'duckdb';
  /** Attribute columns of each staged input, in the order of its a0, a1, … columns. */
  private readonly attributeNames = new Map<number, readonly string[]>();
  private combined = false;

  private constructor(private readonly db: Db) {}

  get version(): string {
    return this.db.version;
  }

  static async open(settings: EngineSettings): Promise<DuckDbEngine> {
    const db = await openDuckDb(settings);
    for (const m of MACROS) await db.run(m);
    return new DuckDbEngine(db);
  }

  close(): void {
    this.db.close();
  }

  /** For tests and the benchmark: run any SQL against the engine's connection. */
  query<T = Row>(sql: string): Promise<T[]> {
    return this.db.all<T>(sql);
  }

  async profile(
    input: InputReader,
    requests: readonly ProfileRequest[],
    customerIndex: number | undefined,
    limit: number | undefined,
  ): Promise<InputProfile> {
    const table = `sample_${input.id}`;
    const source = limit === undefined ? `(${readerSql(input, { ignoreErrors: true })})` : table;
    if (limit !== undefined) {
      await this.db.run(
        `CREATE OR REPLACE TEMP TABLE ${table} AS ${readerSql(input, { ignoreErrors: true })} LIMIT ${limit}`,
      );
    }
    const indices = requests.map((r) => r.index);
    const inner = requests
      .map((r) =>
        r.as === 'number'
          ? `${col(r.index)}, seg_num_class(${col(r.index)}) AS n${r.index}`
          : r.as === 'date'
            ? `${col(r.index)}, seg_date_class(${col(r.index)}) AS d${r.index}`
            : col(r.index),
      )
      .join(', ');
    const aggs: string[] = ['count(*) AS rows'];
    const example = (c: string, cond: string): string => `arg_max(${c}, length(${c})) FILTER (WHERE ${cond})`;
    for (const { index: i, as } of requests) {
      const c = col(i);
      const n = `n${i}`;
      const d = `d${i}`;
      aggs.push(
        `count(seg_blank(${c})) AS "${i}_nonEmpty"`,
        `approx_count_distinct(${c}) AS "${i}_distinct"`,
        `count(*) FILTER (WHERE regexp_full_match(trim(${c}), '[A-Za-z]{3}')) AS "${i}_currencyLike"`,
        `count(*) FILTER (WHERE regexp_matches(${c}, '\\pL{3}') AND NOT regexp_full_match(trim(${c}), '[A-Z]{2}[0-9]{2}[A-Z0-9 ]{8,32}')) AS "${i}_nameLike"`,
        `approx_top_k(seg_blank(${c}), 8) AS "${i}_top"`,
      );
      if (as === 'number') {
        aggs.push(
          ...['integer', 'dot', 'comma', 'ambiguous', 'invalid'].map(
            (s) => `count(*) FILTER (WHERE ${n} = '${s}') AS "${i}_n_${s}"`,
          ),
          ...['ambiguous', 'invalid', 'dot', 'comma'].map((s) => `${example(c, `${n} = '${s}'`)} AS "${i}_nx_${s}"`),
          `list(DISTINCT seg_num_code(${c})) FILTER (WHERE seg_num_code(${c}) IS NOT NULL) AS "${i}_codes"`,
        );
      }
      if (as === 'date') {
        aggs.push(
          ...['pending', 'iso', 'ymd', 'compact', 'dmy', 'mdy', 'ambiguous', 'dmon', 'invalid'].map(
            (s) => `count(*) FILTER (WHERE ${d} = '${s}') AS "${i}_d_${s}"`,
          ),
          ...['dmy', 'mdy', 'ambiguous', 'invalid'].map((s) => `${example(c, `${d} = '${s}'`)} AS "${i}_dx_${s}"`),
        );
      }
    }
    const [r] = await this.db.all<Row>(
      `SELECT ${aggs.join(', ')} FROM (SELECT ${inner || '1 AS one'} FROM ${source})`,
    );
    const row = r ?? {};
    const columns: ColumnProfile[] = indices.map((i) => {
      const g = (k: string): unknown => row[`${i}_${k}`];
      return {
        index: i,
        nonEmpty: num(g('nonEmpty')),
        distinct: num(g('distinct')),
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
        topValues: ((g('top') as string[] | null) ?? []).map((value) => ({ value, count: 0 })),
      };
    });

    const perCustomerVariation = new Map<number, number>();
    if (customerIndex !== undefined && limit !== undefined) {
      const others = indices.filter((i) => i !== customerIndex);
      if (others.length > 0) {
        const k = col(customerIndex);
        const perCol = others.map((i) => `count(DISTINCT ${col(i)}) AS v${i}`).join(', ');
        const shares = others
          .map((i) => `avg(CASE WHEN v${i} > 1 THEN 1 ELSE 0 END) AS s${i}`)
          .join(', ');
        const [v] = await this.db.all<Row>(
          `SELECT ${shares} FROM (SELECT ${perCol} FROM ${table} WHERE seg_blank(${k}) IS NOT NULL GROUP BY ${k} HAVING count(*) >= 2)`,
        );
        for (const i of others) {
          const s = v?.[`s${i}`];
          if (s !== null && s !== undefined) perCustomerVariation.set(i, Number(s));
        }
      }
    }
    const rows = num(row.rows);
    return { rows, complete: limit === undefined || rows < limit, columns, perCustomerVariation };
  }

  private field(plan: StagePlan, name: FieldName): FieldReading | undefined {
    return plan.fields.find((f) => f.field === name);
  }

  /** The SQL condition of one rule, over the raw columns c… and the parsed values. */
  private ruleSql(plan: StagePlan, rule: RowRule, input: InputReader): string {
    const raw = (name: FieldName): string => {
      const f = this.field(plan, name);
      return f ? col(f.index) : 'NULL';
    };
    switch (rule.rule) {
      case 'malformed':
        return input.dialect.type === 'whitespace' ? `_nf <> ${input.dialect.columns.length}` : 'false';
      case 'pending':
        return rule.fields.map((f) => `coalesce(seg_pending(${raw(f)}), false)`).join(' OR ');
      case 'void':
        return `coalesce(regexp_matches(lower(trim(${raw(rule.field)})), ${lit(rule.pattern)}), false)`;
      case 'stage':
        return `coalesce(lower(trim(${col(rule.index)})), '') NOT IN (${rule.won.map(lit).join(', ')})`;
      case 'empty':
        if (rule.field === 'amount' && !this.field(plan, 'amount')) {
          return `seg_blank(${raw('credit')}) IS NULL AND seg_blank(${raw('debit')}) IS NULL`;
        }
        return `seg_blank(${raw(rule.field)}) IS NULL`;
      case 'invalid':
        return `seg_blank(${raw(rule.field)}) IS NOT NULL AND v_${rule.field} IS NULL`;
      case 'currency':
        return `currency IS NOT NULL AND currency <> ${lit(rule.keep)}`;
      case 'outgoing':
        return 'amount < 0';
      case 'zero':
        return 'amount = 0';
      case 'unattributed':
        return 'customer IS NULL';
    }
  }

  /** The column of the rule, whose raw value is kept for rejected rows (for examples). */
  private ruleColumn(plan: StagePlan, rule: RowRule): string | undefined {
    if (rule.rule === 'empty' || rule.rule === 'invalid') {
      const f = this.field(plan, rule.field);
      if (f) return col(f.index);
      if (rule.field === 'amount') return col((this.field(plan, 'credit') ?? this.field(plan, 'debit'))!.index);
    }
    return undefined;
  }

  async stage(input: InputReader, plan: StagePlan): Promise<StageResult> {
    const id = input.id;
    const f = (name: FieldName): FieldReading | undefined => this.field(plan, name);
    const values = plan.fields.map((r) => `${readingSql(r)} AS v_${r.field}`);
    const attrs = plan.attributes.map((a, i) => `seg_blank(${col(a.index)}) AS a${i}`);
    const raw = new Set<string>(plan.fields.map((r) => col(r.index)));
    for (const rule of plan.rules) if (rule.rule === 'stage') raw.add(col(rule.index));
    if (input.dialect.type === 'whitespace') raw.add('_nf');

    const amount = f('amount')
      ? 'v_amount'
      : f('quantity') && f('unit_price')
        ? `CAST(v_quantity::DOUBLE * v_unit_price::DOUBLE AS DECIMAL(18,4))`
        : `CASE WHEN ${f('credit') ? 'v_credit' : 'NULL'} IS NULL AND ${f('debit') ? 'v_debit' : 'NULL'} IS NULL THEN NULL ELSE coalesce(abs(${f('credit') ? 'v_credit' : 'NULL'}), 0) - coalesce(abs(${f('debit') ? 'v_debit' : 'NULL'}), 0) END`;
    const key = f('customer');
    const customer = !key ? 'NULL::VARCHAR' : key.reading.as === 'counterparty' ? 'lower(v_customer)' : 'v_customer';
    const name =
      key?.reading.as === 'counterparty' ? 'v_customer' : f('customer_name') ? 'v_customer_name' : 'NULL::VARCHAR';
    const margin = f('margin') ? 'v_margin' : f('cost') ? 'amount - v_cost' : 'NULL::DECIMAL(18,4)';
    // Credit notes: negative amounts, and references like C536379 where that convention is in use.
    const isOrder = plan.cancellationPrefix
      ? `amount > 0 AND NOT (left(order_ref, 1) IN ('C', 'c') AND coalesce(regexp_full_match(order_ref, '[Cc][0-9].*'), false))`
      : 'amount > 0';
    const rules = plan.rules.map((rule, i) => `WHEN ${this.ruleSql(plan, rule, input)} THEN ${i + 1}`);
    const rejectedValue = plan.rules
      .map((rule, i) => {
        const c = this.ruleColumn(plan, rule);
        return c ? `WHEN rule = ${i + 1} THEN ${c}` : undefined;
      })
      .filter((s): s is string => s !== undefined);
    const optional = (name: FieldName, type: string): string => (f(name) ? `v_${name}` : `NULL::${type}`);

    const sql = `CREATE OR REPLACE TABLE stage_${id} AS
      SELECT ${id}::USMALLINT AS src, rule::UTINYINT AS rule, customer, name, date, amount, order_ref,
        margin, quantity, currency, due_date, paid_date, is_order,
        ${rejectedValue.length > 0 ? `CASE ${rejectedValue.join(' ')} END` : 'NULL::VARCHAR'} AS rejected_value
        ${plan.attributes.map((_, i) => `, a${i}`).join('')}
      FROM (
        SELECT *, ${margin} AS margin, (${isOrder})::BOOLEAN AS is_order,
          ${rules.length > 0 ? `CASE ${rules.join(' ')} ELSE 0 END` : '0'} AS rule
        FROM (
          SELECT *, ${amount} AS amount, ${customer} AS customer, ${name} AS name, v_date AS date,
            ${optional('order', 'VARCHAR')} AS order_ref, ${optional('currency', 'VARCHAR')} AS currency,
            ${optional('quantity', 'DECIMAL(18,4)')} AS quantity, ${optional('due_date', 'DATE')} AS due_date,
            ${optional('paid_date', 'DATE')} AS paid_date
          FROM (
            SELECT ${[...raw, ...values, ...attrs].join(', ')}
            FROM (${readerSql(input, { rejects: `rejects_${id}` })})
          )
        )
      )`;
    await this.db.run(sql);
    this.attributeNames.set(id, plan.attributes.map((a) => a.name));

    const byRule = await this.db.all<Row>(
      `SELECT rule, count(*) AS n, coalesce(sum(amount), 0)::DOUBLE AS amount FROM stage_${id} GROUP BY rule ORDER BY rule`,
    );
    // The reader reports a row once per problem (each missing column): a row counts once.
    const malformedCount = num(
      (await this.db.all<Row>(`SELECT count(DISTINCT line_byte_position) AS n FROM rejects_${id}`))[0]?.n,
    );
    const malformed = await this.db.all<Row>(
      `SELECT min(line) AS line, line_byte_position AS pos, min(error_type) AS type, min(error_message) AS message, min(csv_line) AS text
       FROM rejects_${id} GROUP BY line_byte_position ORDER BY line_byte_position LIMIT 1000`,
    );
    const [totals] = await this.db.all<Row>(
      `SELECT count(*) AS used, coalesce(sum(amount), 0)::DOUBLE AS amount,
         count(*) - count(DISTINCT hash(customer, date, amount, order_ref)) AS identical,
         count(DISTINCT customer) AS customers,
         count(*) FILTER (WHERE amount < 0) AS refund_rows,
         coalesce(sum(amount) FILTER (WHERE amount < 0), 0)::DOUBLE AS refund_amount,
         ${f('order') ? 'count(DISTINCT order_ref) FILTER (WHERE is_order)' : 'count(*) FILTER (WHERE is_order)'} AS orders,
         min(date)::VARCHAR AS first, max(date)::VARCHAR AS last
       FROM stage_${id} WHERE rule = 0`,
    );
    const currencies = f('currency')
      ? await this.db.all<Row>(
          `SELECT currency, count(*) AS n FROM stage_${id} WHERE rule = 0 AND currency IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
        )
      : [];
    const accepted = byRule.reduce((s, r) => s + num(r.n), 0);
    return {
      accepted,
      used: num(totals?.used),
      usedAmount: num(totals?.amount),
      byRule: byRule
        .filter((r) => num(r.rule) > 0)
        .map((r) => ({ rule: num(r.rule) - 1, rows: num(r.n), amount: num(r.amount) })),
      malformed: malformed.map((m) => ({
        line: num(m.line),
        bytePosition: num(m.pos),
        error: `${String(m.type).toLowerCase()}: ${String(m.message)}`,
        text: String(m.text ?? ''),
      })),
      malformedCount,
      identicalWithinFile: num(totals?.identical),
      currencies: currencies.map((c) => ({ currency: String(c.currency), rows: num(c.n) })),
      refunds: { rows: num(totals?.refund_rows), amount: num(totals?.refund_amount) },
      customers: num(totals?.customers),
      orders: num(totals?.orders),
      firstDate: str(totals?.first),
      lastDate: str(totals?.last),
    };
  }

  async rejectedExamples(id: number, perRule: number): Promise<{ rule: number; ordinal: number; value: string | null }[]> {
    // (A window over rowid trips an internal DuckDB error; an ordered list aggregate does not.)
    const rows = await this.db.all<Row>(
      `SELECT rule, list(struct_pack(o := rowid, v := rejected_value) ORDER BY rowid)[1:${perRule}] AS ex
       FROM stage_${id} WHERE rule > 0 GROUP BY rule ORDER BY rule`,
    );
    return rows.flatMap((r) =>
      (r.ex as { o: number; v: unknown }[]).map((e) => ({ rule: num(r.rule) - 1, ordinal: num(e.o), value: str(e.v) })),
    );
  }

  async malformedRows(id: number): Promise<MalformedRow[]> {
    const rows = await this.db.all<Row>(
      `SELECT min(line) AS line, line_byte_position AS pos, min(error_type) AS type, min(error_message) AS message, min(csv_line) AS text
       FROM rejects_${id} GROUP BY line_byte_position ORDER BY line_byte_position`,
    );
    return rows.map((m) => ({
      line: num(m.line),
      bytePosition: num(m.pos),
      error: `${String(m.type).toLowerCase()}: ${String(m.message)}`,
      text: String(m.text ?? ''),
    }));
  }

  async rejectedRecords(input: InputReader, plan: StagePlan, limit: number): Promise<RejectedRecord[]> {
    void plan;
    const rows = await this.db.all<Row>(
      `WITH bad AS (SELECT rowid AS ordinal, rule FROM stage_${input.id} WHERE rule > 0 ORDER BY rowid LIMIT ${limit}),
            src AS (SELECT row_number() OVER () - 1 AS ordinal, * FROM (${readerSql(input, { ignoreErrors: true })}))
       SELECT bad.ordinal, bad.rule, src.* EXCLUDE (ordinal) FROM bad JOIN src USING (ordinal) ORDER BY bad.ordinal`,
    );
    const n = input.dialect.columns.length;
    return rows.map((r) => ({
      ordinal: num(r.ordinal),
      rule: num(r.rule) - 1,
      fields: Array.from({ length: n }, (_, i) => str(r[col(i)])),
    }));
  }

  async combine(inputs: readonly number[]): Promise<CombineResult> {
    const cols = `src, rule, customer, name, date, amount, order_ref, margin, quantity, currency, due_date, paid_date, is_order`;
    if (inputs.length === 1) {
      await this.db.run(`CREATE OR REPLACE VIEW tx AS SELECT ${cols} FROM stage_${inputs[0]} WHERE rule = 0`);
      this.combined = true;
      return { crossInputDuplicates: [] };
    }
    // The same row (customer, date, amount, order) in two inputs is one transaction seen twice
    // (overlapping exports); k copies in one input and m in another count max(k, m) times.
    const union = inputs.map((i) => `SELECT ${cols}, rowid AS rid FROM stage_${i} WHERE rule = 0`).join(' UNION ALL ');
    await this.db.run(`CREATE OR REPLACE TABLE tx_all AS
      SELECT *, min(src) OVER (PARTITION BY customer, date, amount, order_ref, occ) AS first_src FROM (
        SELECT *, row_number() OVER (PARTITION BY src, customer, date, amount, order_ref ORDER BY rid) AS occ
        FROM (${union}))`);
    await this.db.run(`CREATE OR REPLACE VIEW tx AS SELECT ${cols} FROM tx_all WHERE src = first_src`);
    const dups = await this.db.all<Row>(
      `SELECT src, count(*) AS n, coalesce(sum(amount), 0)::DOUBLE AS amount FROM tx_all WHERE src <> first_src GROUP BY src ORDER BY src`,
    );
    this.combined = true;
    return { crossInputDuplicates: dups.map((d) => ({ input: num(d.src), rows: num(d.n), amount: num(d.amount) })) };
  }

  async dateRange(): Promise<{ first: string | null; last: string | null }> {
    const [r] = await this.db.all<Row>(`SELECT min(date)::VARCHAR AS first, max(date)::VARCHAR AS last FROM tx WHERE customer IS NOT NULL`);
    return { first: str(r?.first), last: str(r?.last) };
  }

  async customerSummary(q: SummaryQuery): Promise<SummaryResult> {
    if (!this.combined) throw new Error('customerSummary before combine');
    const asOf = `DATE ${lit(q.asOf)}`;
    const to = `DATE ${lit(q.to)}`;
    const from = q.from ? `DATE ${lit(q.from)}` : undefined;
    const inWindow = `date <= ${to}${from ? ` AND date >= ${from}` : ''}`;
    const [counts] = await this.db.all<Row>(
      `SELECT count(*) FILTER (WHERE date > ${to}) AS after_n,
              coalesce(sum(amount) FILTER (WHERE date > ${to}), 0)::DOUBLE AS after_amount,
              count(*) FILTER (WHERE ${from ? `date < ${from}` : 'false'}) AS before_n,
              coalesce(sum(amount) FILTER (WHERE ${from ? `date < ${from}` : 'false'}), 0)::DOUBLE AS before_amount,
              count(*) AS total_n, coalesce(sum(amount), 0)::DOUBLE AS total_amount,
              min(date)::VARCHAR AS first, max(date)::VARCHAR AS last
       FROM tx WHERE customer IS NOT NULL`,
    );
    const p = periodSql('date', q.period);
    const due = `amount > 0 AND due_date IS NOT NULL AND (paid_date IS NOT NULL OR due_date < ${asOf})`;
    const rows = await this.db.all<Row>(`
      WITH w AS (SELECT * FROM tx WHERE customer IS NOT NULL AND ${inWindow}),
      per_period AS (
        SELECT customer, ${p} AS period, sum(amount)::DOUBLE AS revenue,
               count(DISTINCT order_ref) FILTER (WHERE is_order) + count(*) FILTER (WHERE is_order AND order_ref IS NULL) AS orders
        FROM w GROUP BY customer, period),
      periods AS (
        SELECT customer, count(*) AS active, sum(revenue) AS s, sum(revenue * revenue) AS ss,
               sum(orders)::DOUBLE AS os, sum(orders * orders)::DOUBLE AS oss
        FROM per_period GROUP BY customer),
      base AS (
        SELECT customer, arg_max(name, date) AS name, min(date)::VARCHAR AS first, max(date)::VARCHAR AS last,
          count(DISTINCT order_ref) FILTER (WHERE is_order) + count(*) FILTER (WHERE is_order AND order_ref IS NULL) AS orders,
          count(*) AS transactions,
          sum(amount)::DOUBLE AS revenue,
          coalesce(sum(amount) FILTER (WHERE amount < 0), 0)::DOUBLE AS refunds,
          sum(margin)::DOUBLE AS margin,
          sum(quantity)::DOUBLE AS quantity,
          -- Punctuality: invoices (positive amounts) with a due date that were paid, or are overdue
          -- at the as-of date (late by as-of − due). Credit notes are not paid by the customer.
          count(*) FILTER (WHERE ${due}) AS due,
          count(*) FILTER (WHERE ${due} AND paid_date IS NOT NULL AND paid_date <= due_date) AS on_time,
          coalesce(sum(greatest(datediff('day', due_date, coalesce(paid_date, ${asOf})), 0)) FILTER (WHERE ${due}), 0) AS days_late
        FROM w GROUP BY customer)
      SELECT * FROM base JOIN periods USING (customer) ORDER BY customer`);
    const customers: CustomerSummary[] = rows.map((r) => ({
      customer: String(r.customer),
      name: r.name === null || r.name === undefined ? String(r.customer) : String(r.name),
      firstDate: String(r.first),
      lastDate: String(r.last),
      orders: num(r.orders),
      transactions: num(r.transactions),
      revenue: num(r.revenue),
      refunds: num(r.refunds),
      margin: r.margin === null || r.margin === undefined ? null : num(r.margin),
      quantity: r.quantity === null || r.quantity === undefined ? null : num(r.quantity),
      activePeriods: num(r.active),
      periodRevenueSum: num(r.s),
      periodRevenueSumSq: num(r.ss),
      periodOrdersSum: num(r.os),
      periodOrdersSumSq: num(r.oss),
      invoicesDue: num(r.due),
      invoicesOnTime: num(r.on_time),
      daysLateSum: num(r.days_late),
    }));
    return {
      customers,
      earliestDate: str(counts?.first),
      latestDate: str(counts?.last),
      afterTo: { rows: num(counts?.after_n), amount: num(counts?.after_amount) },
      beforeFrom: { rows: num(counts?.before_n), amount: num(counts?.before_amount) },
      total: { rows: num(counts?.total_n), amount: num(counts?.total_amount) },
    };
  }

  async customerAttributes(): Promise<Map<string, Map<string, string>>> {
    const out = new Map<string, Map<string, string>>();
    for (const [id, names] of this.attributeNames) {
      for (let i = 0; i < names.length; i++) {
        // The customer's most frequent value; a tie goes to the first in sort order, so runs agree.
        const rows = await this.db.all<Row>(
          `SELECT customer, first(v ORDER BY n DESC, v) AS v FROM (
             SELECT customer, a${i} AS v, count(*) AS n FROM stage_${id}
             WHERE rule = 0 AND customer IS NOT NULL AND a${i} IS NOT NULL GROUP BY ALL)
           GROUP BY customer`,
        );
        const name = names[i]!;
        for (const r of rows) {
          const key = String(r.customer);
          const attrs = out.get(key) ?? new Map<string, string>();
          if (!attrs.has(name)) attrs.set(name, String(r.v));
          out.set(key, attrs);
        }
      }
    }
    return out;
  }

  async readTable(input: InputReader, keyIndex: number): Promise<TableRows> {
    const rows = await this.db.all<Row>(
      `SELECT seg_key(${col(keyIndex)}) AS _key, * FROM (${readerSql(input, { rejects: `side_rejects_${input.id}` })})`,
    );
    const [bad] = await this.db.all<Row>(`SELECT count(DISTINCT line_byte_position) AS n FROM side_rejects_${input.id}`);
    const n = input.dialect.columns.length;
    return {
      rows: rows.map((r) => ({ key: str(r._key), fields: Array.from({ length: n }, (_, i) => str(r[col(i)])) })),
      malformed: num(bad?.n),
    };
  }
}
