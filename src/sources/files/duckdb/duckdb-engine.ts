/**
 * The in-process DuckDB engine. Each input is read once, by DuckDB's CSV reader with the dialect
 * decided by the sniffer, into a staging table of typed canonical columns plus the fate of each
 * row (the index of the first rule it matched; 0 means used). Everything after that (accounting,
 * the per-customer summary, attributes) is SQL over the staged tables.
 */
import { stat } from 'node:fs/promises';
import { openDuckDb, type Db, type Row } from './duckdb.js';
import { summaryRows } from '../../summary-columns.js';
import { dateParts, dateValue, lit, numberParts, numberValue } from './sql.js';
import { rateSql, signedAmountSql, summaryRowSql } from './row-rules-sql.js';
import { customerPeriods, type CustomerPeriodRow, type PeriodActivityQuery } from './customer-periods.js';
import { repeatPurchasesByDay } from './repeat-purchases.js';
import type { CombineResult, Engine, EngineSettings, FieldReading, InputProfile, InputReader, MalformedRow, ProfileRequest, RejectedRecord, RowRule, StagePlan, StageResult, SummaryColumnsResult, SummaryQuery, PeriodRevenue, PeriodRevenueQuery, SummaryResult, TableRows, DayPurchases, RepeatPurchaseQuery } from './contract.js';
import type { FieldName } from './conventions.js';
import { CANONICAL, castValue, col, num, periodSql, readerSql, readingSql, str, withMacros } from './duckdb-reader.js';
import { profileInput } from './duckdb-profile.js';
import { mayHaveLongLines } from './long-lines.js';
import { ThreadSetting } from './threads.js';
import { summaryColumns, type KeyedTotals } from './duckdb-summary.js';

export { periodSql, readerSql } from './duckdb-reader.js';

/**
 * Whether the CSV reader reads the input with one thread anyway: a plain file smaller than its
 * share of a thread (DuckDB gives each thread 8 MB of a file), or a compressed one (./long-lines.ts).
 */
async function oneReadWindow(input: InputReader): Promise<boolean> {
  if (input.gzip) return true;
  const size = await stat(input.path).then((s) => s.size, () => Number.POSITIVE_INFINITY);
  return size < 8_000_000;
}

export class DuckDbEngine implements Engine {
  readonly name = 'duckdb';
  /** Attribute columns of each staged input, in the order of its a0, a1, … columns. */
  private readonly attributeNames = new Map<number, readonly string[]>();
  /** The canonical columns each staged input stores (the others are NULL for it). */
  private readonly stageColumns = new Map<number, ReadonlySet<string>>();
  /** Whether an input's stage has a row per group of equal keys (or per record). */
  private readonly grouped = new Map<number, boolean>();
  /** Whether an input is read single-threaded (./long-lines.ts), by its path. */
  private readonly sequentialReads = new Map<string, Promise<boolean>>();

  private sequential(input: InputReader): Promise<boolean> {
    let known = this.sequentialReads.get(input.path);
    if (!known) {
      known = mayHaveLongLines(input);
      this.sequentialReads.set(input.path, known);
    }
    return known;
  }

  /** A canonical column of a staged input, or a typed NULL when the input has none. */
  private c(id: number, name: string): string {
    const always = ['n', 'amount', 'neg_n', 'neg_amount', 'pos_n', 'customer', 'date', 'is_order', 'rule'];
    return always.includes(name) || this.stageColumns.get(id)?.has(name) ? name : `NULL::${CANONICAL[name]}`;
  }
  private combined = false;
  /** Each staged input's used rows with a customer: their dates and totals, as the combined transactions' queries would count them. */
  private readonly keyed = new Map<number, KeyedTotals>();
  /** Those of the combined transactions, when they are one input's (several inputs drop the rows they share). */
  private combinedTotals: KeyedTotals | undefined;
  /** The canonical columns some combined input stores (the summary skips the others). */
  private txColumns: ReadonlySet<string> = new Set();

  /** The inputs their sample read whole (./threads.ts): staged without setting the threads back. */
  private readonly small = new Set<number>();
  private readonly threads: ThreadSetting;

  private constructor(
    private readonly db: Db,
    threads: number | undefined,
  ) {
    this.threads = new ThreadSetting(db, threads);
  }

  get version(): string {
    return this.db.version;
  }

  static async open(settings: EngineSettings): Promise<DuckDbEngine> {
    return new DuckDbEngine(withMacros(await openDuckDb(settings)), settings.threads);
  }

  progress(): number {
    return this.db.progress();
  }

  close(): void {
    this.db.close();
  }

  /** For tests and the benchmark: run any SQL against the engine's connection. */
  query<T = Row>(sql: string): Promise<T[]> {
    return this.db.all<T>(sql);
  }
  async profile(input: InputReader, requests: readonly ProfileRequest[], customerIndex: number | undefined, limit: number | undefined): Promise<InputProfile> {
    const profile = await profileInput(this.db, this.threads, input, requests, customerIndex, limit);
    if (limit !== undefined && profile.complete && (await oneReadWindow(input))) this.small.add(input.id);
    else await this.threads.restore();
    return profile;
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
      case 'summary':
        return summaryRowSql(rule.indices.map(col), rule.pattern);
      case 'void':
        return `coalesce(regexp_matches(lower(trim(${raw(rule.field)})), ${lit(rule.pattern)}), false)`;
      case 'stage':
        return `coalesce(lower(trim(${col(rule.index)})), '') NOT IN (${rule.won.map(lit).join(', ')})`;
      case 'empty': {
        const blank = (name: FieldName): string => (this.field(plan, name)?.typed ? `${raw(name)} IS NULL` : `seg_blank(${raw(name)}) IS NULL`);
        if (rule.field === 'amount' && !this.field(plan, 'amount')) return `${blank('credit')} AND ${blank('debit')}`;
        return blank(rule.field);
      }
      case 'invalid': {
        const typed = this.field(plan, rule.field)?.typed;
        // A typed column's bad values are refused by the reader (and counted from its rejects);
        // a date out of range still lands here. The parsed value first: the blank check then
        // runs only on the rare failures.
        return typed ? `v_${rule.field} IS NULL AND ${raw(rule.field)} IS NOT NULL` : `v_${rule.field} IS NULL AND seg_blank(${raw(rule.field)}) IS NOT NULL`;
      }
      case 'currency':
        return `currency IS NOT NULL AND currency <> ${lit(rule.keep)}`;
      case 'norate':
        return `${this.rate(plan) ?? '1'} IS NULL`;
      case 'outgoing':
        return 'amount < 0';
      case 'zero':
        return 'amount = 0';
      case 'unattributed':
        return 'customer IS NULL';
    }
  }

  /** The exchange rate of a row (over the parsed values), when the plan converts currencies. */
  private rate(plan: StagePlan): string | undefined {
    const conv = plan.conversion;
    if (!conv) return undefined;
    const own = conv.inputCurrency === null ? 'NULL::VARCHAR' : lit(conv.inputCurrency);
    const currency = this.field(plan, 'currency') ? `coalesce(v_currency, ${own})` : own;
    return rateSql(currency, 'v_date', conv.reporting, conv.rates);
  }

  /** The columns the CSV reader types itself. */
  private types(plan: StagePlan): Map<number, string> {
    return new Map(plan.fields.filter((f) => f.typed).map((f) => [f.index, f.reading.as === 'date' ? 'DATE' : 'DECIMAL(18,4)']));
  }

  /** The column of the rule, whose raw value is shown for rejected rows. */
  private ruleColumn(plan: StagePlan, rule: RowRule): string | undefined {
    if (rule.rule === 'empty' || rule.rule === 'invalid') {
      const f = this.field(plan, rule.field);
      if (f) return col(f.index);
      if (rule.field === 'amount') return col((this.field(plan, 'credit') ?? this.field(plan, 'debit'))!.index);
    }
    return undefined;
  }

  /**
   * One row per record of the input: the parsed canonical values, the index of the first rule the
   * row matches (0: used), the attribute columns, and the raw columns c0…cN. Values are parsed in
   * two steps (a fast cast, then the strict slow path only where the cast failed), so that plain
   * data pays for no regular expression.
   */
  private rowsSql(input: InputReader, plan: StagePlan, reader: string, passThrough: readonly string[] = []): { sql: string; columns: string[] } {
    const f = (name: FieldName): FieldReading | undefined => this.field(plan, name);
    const raw = [...passThrough, ...input.dialect.columns.map((_, i) => col(i))];
    if (input.dialect.type === 'whitespace') raw.push('_nf');
    const fast: string[] = [];
    const values: string[] = [];
    for (const r of plan.fields) {
      const c = col(r.index);
      // A day-month date: a fast parse of plain values, the strict macro for the rest (./sql.ts).
      const days = r.reading.as === 'date' && !r.typed ? dateParts(c, r.reading.order) : undefined;
      if (r.typed && r.reading.as === 'number') {
        values.push(`${c}::DECIMAL(18,4) AS v_${r.field}`);
      } else if (r.typed && r.reading.as === 'date') {
        values.push(`seg_date_ok(${c}) AS v_${r.field}`);
      } else if (r.reading.as === 'number') {
        const parts = numberParts(c, r.reading.style);
        fast.push(`${parts.fast} AS f_${r.field}`);
        values.push(`${numberValue(c, `f_${r.field}`, parts.slow)} AS v_${r.field}`);
      } else if (r.reading.as === 'date' && r.reading.order === 'iso') {
        fast.push(`TRY_CAST(${c} AS DATE) AS f_${r.field}`);
        values.push(`seg_date_ok(f_${r.field}) AS v_${r.field}`);
      } else if (days) {
        fast.push(`${days.fast} AS f_${r.field}`);
        values.push(`${dateValue(c, `f_${r.field}`, days.slow)} AS v_${r.field}`);
      } else {
        values.push(`${readingSql(r)} AS v_${r.field}`);
      }
    }
    const attrs = plan.attributes.map((a, i) => `seg_blank(${col(a.index)}) AS a${i}`);
    const credit = f('credit') ? 'v_credit' : 'NULL';
    const debit = f('debit') ? 'v_debit' : 'NULL';
    const unsigned = f('amount')
      ? 'v_amount'
      : f('quantity') && f('unit_price')
        ? `CAST(v_quantity::DOUBLE * v_unit_price::DOUBLE AS DECIMAL(18,4))`
        : `CASE WHEN ${credit} IS NULL AND ${debit} IS NULL THEN NULL ELSE coalesce(abs(${credit}), 0) - coalesce(abs(${debit}), 0) END`;
    const signed = f('direction') ? signedAmountSql(unsigned, 'v_direction') : unsigned;
    const rate = this.rate(plan);
    const amount = rate ? `CAST(${signed} * ${rate} AS DECIMAL(18,4))` : signed;
    const key = f('customer');
    const level1: [string, string][] = [
      ['amount', amount],
      ['customer', !key ? 'NULL::VARCHAR' : key.reading.as === 'counterparty' ? 'lower(v_customer)' : 'v_customer'],
      ['date', 'v_date'],
    ];
    if (key?.reading.as === 'counterparty') level1.push(['name', 'v_customer']);
    else if (f('customer_name')) level1.push(['name', 'v_customer_name']);
    if (f('order')) level1.push(['order_ref', 'v_order']);
    if (f('currency')) level1.push(['currency', 'v_currency']);
    if (f('quantity')) level1.push(['quantity', 'v_quantity']);
    if (f('due_date')) level1.push(['due_date', 'v_due_date']);
    if (f('paid_date')) level1.push(['paid_date', 'v_paid_date']);
    const level2: [string, string][] = [];
    if (f('margin')) level2.push(['margin', rate ? `CAST(v_margin * ${rate} AS DECIMAL(18,4))` : 'v_margin']);
    else if (f('cost')) level2.push(['margin', rate ? `amount - CAST(v_cost * ${rate} AS DECIMAL(18,4))` : 'amount - v_cost']);
    // Credit notes: negative amounts, and references like C536379 where that convention is in use.
    level2.push([
      'is_order',
      `(${plan.cancellationPrefix && f('order') ? `amount > 0 AND NOT ((order_ref LIKE 'C%' OR order_ref LIKE 'c%') AND coalesce(regexp_full_match(order_ref, '[Cc][0-9].*'), false))` : 'amount > 0'})::BOOLEAN`,
    ]);
    const rules = plan.rules.map((rule, i) => `WHEN ${this.ruleSql(plan, rule, input)} THEN ${i + 1}`);
    level2.push(['rule', `(${rules.length > 0 ? `CASE ${rules.join(' ')} ELSE 0 END` : '0'})::UTINYINT`]);
    const rejectedValue = plan.rules
      .map((rule, i) => {
        const c = this.ruleColumn(plan, rule);
        return c ? `WHEN rule = ${i + 1} THEN ${c}::VARCHAR` : undefined;
      })
      .filter((x): x is string => x !== undefined);
    level2.push(['rejected_value', rejectedValue.length > 0 ? `CASE ${rejectedValue.join(' ')} END` : 'NULL::VARCHAR']);
    const sql = `SELECT *, ${level2.map(([n, e]) => `${e} AS ${n}`).join(', ')}
      FROM (
        SELECT *, ${level1.map(([n, e]) => `${e} AS ${n}`).join(', ')}
        FROM (
          SELECT *${values.length > 0 ? `, ${values.join(', ')}` : ''}${attrs.length > 0 ? `, ${attrs.join(', ')}` : ''}
          FROM (SELECT ${[...raw, ...fast].join(', ')} FROM (${reader}))
        )
      )`;
    return { sql, columns: [...level1, ...level2].map(([n]) => n) };
  }

  async stage(input: InputReader, plan: StagePlan): Promise<StageResult> {
    const id = input.id;
    const f = (name: FieldName): FieldReading | undefined => this.field(plan, name);
    if (!this.small.has(id)) await this.threads.restore();
    const sequential = await this.sequential(input);
    const { sql: rows, columns } = this.rowsSql(input, plan, readerSql(input, { rejects: `rejects_${id}`, sequential }, this.types(plan)));
    if (plan.rules.length >= 64) throw new Error(`${plan.rules.length} row rules: the stage's fate byte holds 63`);
    const keys = ['fate', ...columns.filter((c) => !['amount', 'margin', 'quantity', 'rule', 'rejected_value', 'is_order'].includes(c)), ...plan.attributes.map((_, i) => `a${i}`)];
    const sums = columns.filter((c) => c === 'margin' || c === 'quantity');
    // A row's fate in one byte, rule × 4 + kind (0: a negative amount, 1: zero or none, 2: a
    // positive amount that is no order, such as a credit note's line, 3: an order's line), so that
    // the grouping has one small key instead of three and counts and sums by sign need no FILTER
    // aggregates: together they were a third of the staging pass's CPU time at 10M line items.
    const fate = `(rule * 4 + CASE WHEN is_order THEN 3 WHEN amount > 0 THEN 2 WHEN amount < 0 THEN 0 ELSE 1 END)::UTINYINT`;
    // Grouped: one row per customer, date, order, fate and the other keys, with counts and sums (an
    // order's lines become one row, which every later query profits from). Per row: each record
    // keeps its own row, for exact duplicate handling across inputs.
    const sql = plan.grouped
      ? `CREATE OR REPLACE TABLE staged_${id} AS
         SELECT ${keys.map((k) => (k === 'fate' ? `${fate} AS fate` : k)).join(', ')}, count(*)::INTEGER AS n, sum(amount) AS amount
           ${sums.map((c) => `, sum(${c}) AS ${c}`).join('')}
         FROM (${rows}) GROUP BY ALL`
      : `CREATE OR REPLACE TABLE staged_${id} AS
         SELECT ${keys.map((k) => (k === 'fate' ? `${fate} AS fate` : k)).join(', ')}, 1 AS n, amount
           ${sums.map((c) => `, ${c}`).join('')}
         FROM (${rows})`;
    await this.db.run(sql);
    // What every later query reads: the rule, the order flag and the counts by sign, from the fate.
    await this.db.run(`CREATE OR REPLACE VIEW stage_${id} AS
      SELECT * EXCLUDE (fate), rowid AS rid, (fate // 4)::UTINYINT AS rule, fate % 4 = 3 AS is_order,
        CASE WHEN fate % 4 = 0 THEN n ELSE 0 END AS neg_n,
        CASE WHEN fate % 4 = 0 THEN amount ELSE 0 END AS neg_amount,
        CASE WHEN fate % 4 >= 2 THEN n ELSE 0 END AS pos_n
      FROM staged_${id}`);
    this.stageColumns.set(id, new Set(columns.filter((c) => c !== 'rejected_value')));
    this.grouped.set(id, plan.grouped);
    this.attributeNames.set(id, plan.attributes.map((a) => a.name));

    const byRule = await this.db.all<Row>(
      `SELECT rule, sum(n)::BIGINT AS n, coalesce(sum(amount), 0)::DOUBLE AS amount FROM stage_${id} GROUP BY rule ORDER BY rule`,
    );
    // The reader reports a row once per problem (each missing column): a row counts once, as
    // malformed, or, when a typed column's value did not convert, under its first such column.
    const refused = await this.malformedRows(id);
    const malformedRows = refused.filter((r) => r.index === null);
    const malformedCount = malformedRows.length;
    const byType = new Map<string, number>();
    for (const r of malformedRows) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    const malformed = malformedRows.slice(0, 1000);
    const castByColumn = new Map<number, typeof refused>();
    for (const r of refused) if (r.index !== null) castByColumn.set(r.index, [...(castByColumn.get(r.index) ?? []), r]);
    const castRejects = [...castByColumn].map(([index, rows]) => ({
      index,
      rows: rows.length,
      examples: rows.slice(0, 3).map((r) => ({ bytePosition: r.bytePosition, line: r.line, value: r.error === '' ? null : r.error, text: r.text })),
    }));
    // Distinct customers and orders as the size of a grouping, not count(DISTINCT): a quarter
    // less CPU for this statement at 2M lines (BENCHMARKS.md, issue 28, the summary and the accounting).
    const distinct = (column: string, where: string): string =>
      `(SELECT count(*) FROM (SELECT ${column} FROM stage_${id} WHERE rule = 0 AND ${where}${column} IS NOT NULL GROUP BY ${column}))`;
    const [totals] = await this.db.all<Row>(
      `SELECT coalesce(sum(n), 0)::BIGINT AS used, coalesce(sum(amount), 0)::DOUBLE AS amount,
         ${plan.grouped ? 'NULL' : `count(*) - count(DISTINCT hash(customer, date, amount, ${this.c(id, 'order_ref')}))`} AS identical,
         ${distinct('customer', '')} AS customers,
         coalesce(sum(neg_n), 0)::BIGINT AS refund_rows,
         coalesce(sum(neg_amount), 0)::DOUBLE AS refund_amount,
         ${f('order') ? distinct('order_ref', 'is_order AND ') : 'coalesce(sum(n) FILTER (WHERE is_order), 0)::BIGINT'} AS orders,
         min(date)::VARCHAR AS first, max(date)::VARCHAR AS last
       FROM stage_${id} WHERE rule = 0`,
    );
    // A row without a customer matches the unattributed rule: then every used row has one, and
    // these totals are those the combined transactions' queries count (over rows with a customer).
    if (plan.rules.some((r) => r.rule === 'unattributed')) {
      this.keyed.set(id, { first: str(totals?.first), last: str(totals?.last), rows: num(totals?.used), amount: num(totals?.amount) });
    } else {
      this.keyed.delete(id);
    }
    const currencies = f('currency')
      ? await this.db.all<Row>(
          `SELECT currency, sum(n)::BIGINT AS n FROM stage_${id} WHERE rule = 0 AND currency IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
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
      malformed: malformed.map(({ index: _, ...m }) => m),
      malformedCount,
      malformedByType: [...byType].map(([type, rows]) => ({ type, rows })),
      castRejects,
      refusedPositions: refused.map((r) => r.bytePosition),
      identicalWithinFile: totals?.identical === null || totals?.identical === undefined ? null : num(totals.identical),
      currencies: currencies.map((c) => ({ currency: String(c.currency), rows: num(c.n) })),
      refunds: { rows: num(totals?.refund_rows), amount: num(totals?.refund_amount) },
      customers: num(totals?.customers),
      orders: num(totals?.orders),
      firstDate: str(totals?.first),
      lastDate: str(totals?.last),
    };
  }

  /** The input's rows again, numbered, with their rule: only when some were rejected. */
  private async numberedRowsSql(input: InputReader, plan: StagePlan): Promise<string> {
    const sequential = await this.sequential(input);
    const reader = `SELECT row_number() OVER () - 1 AS _ordinal, * FROM (${readerSql(input, { ignoreErrors: true, sequential }, this.types(plan))})`;
    return this.rowsSql(input, plan, reader, ['_ordinal']).sql;
  }

  async rejectedExamples(input: InputReader, plan: StagePlan, rules: readonly number[], perRule: number): Promise<{ rule: number; ordinal: number; value: string | null }[]> {
    if (rules.length === 0) return [];
    const codes = rules.map((r) => r + 1).join(', ');
    const rows = await this.db.all<Row>(
      `SELECT rule, list(struct_pack(o := _ordinal, v := rejected_value) ORDER BY _ordinal)[1:${perRule}] AS ex
       FROM (${await this.numberedRowsSql(input, plan)}) WHERE rule IN (${codes}) GROUP BY rule ORDER BY rule`,
    );
    return rows.flatMap((r) =>
      (r.ex as { o: number; v: unknown }[]).map((e) => ({ rule: num(r.rule) - 1, ordinal: num(e.o), value: str(e.v) })),
    );
  }

  /**
   * The records the reader refused, one per record (the reader lists a record once per problem):
   * `index` is the column (from 0) whose value did not convert, or null for a record it could not
   * split; `error` is then the value that did not convert, or the reader's message.
   */
  async malformedRows(id: number): Promise<(MalformedRow & { index: number | null })[]> {
    const rows = await this.db.all<Row>(
      // A line too long is that, whatever else the reader made of its pieces.
      `SELECT min(line) AS line, line_byte_position AS pos,
         coalesce(any_value(error_type::VARCHAR) FILTER (WHERE error_type = 'LINE SIZE OVER MAXIMUM'), min(error_type)::VARCHAR) AS type,
         coalesce(any_value(error_message) FILTER (WHERE error_type = 'LINE SIZE OVER MAXIMUM'), min(error_message)) AS message, min(csv_line) AS text,
         min(column_idx) FILTER (WHERE error_type = 'CAST') AS idx
       FROM rejects_${id} GROUP BY line_byte_position ORDER BY line_byte_position`,
    );
    return rows.map((m) => ({
      type: String(m.type),
      line: num(m.line),
      bytePosition: num(m.pos),
      error: m.idx === null || m.idx === undefined ? `${String(m.type).toLowerCase()}: ${String(m.message)}` : (castValue(String(m.message)) ?? ''),
      text: String(m.text ?? ''),
      // The reader numbers columns from 1.
      index: m.idx === null || m.idx === undefined ? null : num(m.idx) - 1,
    }));
  }

  async rejectedRecords(input: InputReader, plan: StagePlan, rules: readonly number[], limit: number): Promise<RejectedRecord[]> {
    if (rules.length === 0) return [];
    const rows = await this.db.all<Row>(
      `SELECT _ordinal, rule, ${input.dialect.columns.map((_, i) => col(i)).join(', ')}
       FROM (${await this.numberedRowsSql(input, plan)}) WHERE rule IN (${rules.map((r) => r + 1).join(', ')})
       ORDER BY _ordinal LIMIT ${limit}`,
    );
    const n = input.dialect.columns.length;
    return rows.map((r) => ({
      ordinal: num(r._ordinal),
      rule: num(r.rule) - 1,
      fields: Array.from({ length: n }, (_, i) => str(r[col(i)])),
    }));
  }

  async combine(inputs: readonly number[]): Promise<CombineResult> {
    const names = ['customer', 'name', 'date', 'order_ref', 'currency', 'due_date', 'paid_date', 'is_order', 'n', 'amount', 'neg_n', 'neg_amount', 'pos_n', 'margin', 'quantity'];
    const select = (id: number, extra = ''): string =>
      `SELECT ${id}::USMALLINT AS src, ${names.map((n) => `${this.c(id, n)} AS ${n}`).join(', ')}${extra} FROM stage_${id} WHERE rule = 0`;
    const cols = `src, ${names.join(', ')}`;
    this.txColumns = new Set(inputs.flatMap((i) => [...(this.stageColumns.get(i) ?? [])]));
    this.combinedTotals = inputs.length === 1 ? this.keyed.get(inputs[0]!) : undefined;
    if (inputs.length === 1) {
      await this.db.run(`CREATE OR REPLACE VIEW tx AS ${select(inputs[0]!)}`);
      this.combined = true;
      return { crossInputDuplicates: [] };
    }
    if (inputs.some((i) => this.grouped.get(i))) throw new Error('several inputs are staged row by row');
    // The same row (customer, date, amount, order) in two inputs is one transaction seen twice
    // (overlapping exports); k copies in one input and m in another count max(k, m) times.
    const union = inputs.map((i) => select(i, ', rid')).join(' UNION ALL ');
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

  /**
   * Writes the combined transactions (used rows, duplicates across inputs dropped) to a CSV file
   * without a header, every text in double quotes (so that a key starting with ' is that, not a
   * single-quoted string to ClickHouse), in TRANSACTION_EXPORT_COLUMNS order, each row tagged with its input's tag
   * (for `segment load`); `currency` fills rows without one (a currency read from the header or values). Returns the rows written.
   */
  async exportTransactions(path: string, tags: readonly string[], currency: string | null = null): Promise<number> {
    if (!this.combined) throw new Error('exportTransactions before combine');
    const tag = `CASE src ${tags.map((t, i) => `WHEN ${i} THEN ${lit(t)}`).join(' ')} END`;
    await this.db.run(`COPY (SELECT ${tag} AS source, customer, name, date, order_ref, amount, is_order::INTEGER AS is_order,
        margin, quantity, ${currency === null ? 'currency' : `coalesce(currency, ${lit(currency)})`} AS currency, due_date, paid_date FROM tx) TO ${lit(path)} (FORMAT csv, HEADER false, NULL '\\N',
        FORCE_QUOTE (source, customer, name, order_ref, currency))`);
    const [r] = await this.db.all<Row>('SELECT count(*)::BIGINT AS n FROM tx');
    return num(r?.n);
  }

  async dateRange(): Promise<{ first: string | null; last: string | null }> {
    // One input: its accounting counted them, over the same rows (the tx view is its used rows).
    const known = this.combined ? this.combinedTotals : undefined;
    if (known) return { first: known.first, last: known.last };
    const [r] = await this.db.all<Row>(`SELECT min(date)::VARCHAR AS first, max(date)::VARCHAR AS last FROM tx WHERE customer IS NOT NULL`);
    return { first: str(r?.first), last: str(r?.last) };
  }

  async customerSummary(q: SummaryQuery): Promise<SummaryResult> {
    const { columns, ...totals } = await this.customerColumns(q);
    return { ...totals, customers: summaryRows(columns) };
  }
  async customerColumns(q: SummaryQuery): Promise<SummaryColumnsResult> {
    if (!this.combined) throw new Error('customerSummary before combine');
    return summaryColumns(this.db, q, this.txColumns, this.combinedTotals);
  }

  async customerPeriods(q: PeriodActivityQuery): Promise<CustomerPeriodRow[]> {
    if (!this.combined) throw new Error('customerPeriods before combine');
    return customerPeriods(this.db, q);
  }

  async repeatPurchasesByDay(q: RepeatPurchaseQuery): Promise<DayPurchases[]> {
    if (!this.combined) throw new Error('repeatPurchasesByDay before combine');
    return repeatPurchasesByDay(this.db, q, this.txColumns);
  }

  async customerAttributes(): Promise<Map<string, Map<string, string>>> {
    const out = new Map<string, Map<string, string>>();
    for (const [id, names] of this.attributeNames) {
      for (let i = 0; i < names.length; i++) {
        // The customer's most frequent value; a tie goes to the first in sort order, so runs agree.
        const { customer, v } = await this.db.columns(
          `SELECT customer, first(v ORDER BY n DESC, v) AS v FROM (
             SELECT customer, a${i} AS v, count(*) AS n FROM stage_${id}
             WHERE rule = 0 AND customer IS NOT NULL AND a${i} IS NOT NULL GROUP BY ALL)
           GROUP BY customer`,
        );
        const name = names[i]!;
        const keys = (customer ?? []) as string[];
        const values = (v ?? []) as string[];
        // Columns, not row objects: a value per customer, 100,000s of them.
        for (let r = 0; r < keys.length; r++) {
          const key = keys[r]!;
          const attrs = out.get(key) ?? new Map<string, string>();
          if (!attrs.has(name)) attrs.set(name, values[r]!);
          out.set(key, attrs);
        }
      }
    }
    return out;
  }

  async readTable(input: InputReader, keyIndex: number): Promise<TableRows> {
    await this.threads.restore();
    const rows = await this.db.all<Row>(
      `SELECT seg_key(${col(keyIndex)}) AS _key, * FROM (${readerSql(input, { rejects: `side_rejects_${input.id}`, sequential: await this.sequential(input) })})`,
    );
    const bad = await this.db.all<Row>(`SELECT DISTINCT line_byte_position AS pos FROM side_rejects_${input.id} ORDER BY pos`);
    const n = input.dialect.columns.length;
    return {
      rows: rows.map((r) => ({ key: str(r._key), fields: Array.from({ length: n }, (_, i) => str(r[col(i)])) })),
      malformed: bad.length,
      refusedPositions: bad.map((b) => num(b.pos)),
    };
  }

  async revenueByPeriod(q: PeriodRevenueQuery, keys: readonly string[]): Promise<PeriodRevenue[]> {
    if (!this.combined) throw new Error('revenueByPeriod before combine');
    const inWindow = `date <= DATE ${lit(q.to)}${q.from ? ` AND date >= DATE ${lit(q.from)}` : ''}`;
    await this.db.run('CREATE OR REPLACE TEMP TABLE period_keys (customer VARCHAR)');
    // In slices: one statement with a literal for each of a million keys is slow to parse.
    for (let i = 0; i < keys.length; i += 10_000) {
      await this.db.run(`INSERT INTO period_keys VALUES ${keys.slice(i, i + 10_000).map((k) => `(${lit(k)})`).join(', ')}`);
    }
    const rows = await this.db.all<Row>(
      `SELECT ${periodSql('date', q.period)}::INTEGER AS period, sum(amount)::DOUBLE AS all_revenue,
              coalesce(sum(amount) FILTER (WHERE customer IN (SELECT customer FROM period_keys)), 0)::DOUBLE AS keys_revenue
       FROM tx WHERE customer IS NOT NULL AND ${inWindow} GROUP BY period ORDER BY period`,
    );
    await this.db.run('DROP TABLE period_keys');
    return rows.map((r) => ({ period: num(r.period), all: num(r.all_revenue), keys: num(r.keys_revenue) }));
  }
}
