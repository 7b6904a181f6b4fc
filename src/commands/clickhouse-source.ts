/**
 * Analyses over a ClickHouse table or SELECT: the columns mapped as a CSV header is (same
 * synonyms and --customer/--date/… overrides; the documented schema's names first), the
 * accounting computed on the server, and the result handed to the command as if read from files.
 */
import { DataError, UsageError } from '../kernel/errors.js';
import { plural } from '../kernel/text.js';
import type { ClickHouseAccounting, ClickHouseColumns, ClickHouseSource } from '../sources/clickhouse/clickhouse-source.js';
import type { Accounting, ReadResult } from '../sources/files/read.js';
import { mapColumns, type Overrides } from '../sources/files/mapping.js';
import type { FieldName } from '../sources/files/fields.js';
import { withTransactions, type CommandIO, type Loaded } from './context.js';
import { startProgress, wantProgress } from '../kernel/progress.js';
import { parseReadOptions, type RawReadOptions } from './options.js';
import { FILE_ONLY_OPTIONS, longFlag } from './options-table.js';
import { parseClickHouseSource, parseClickHouseTarget, wantsClickHouse, type RawClickHouseOptions } from './clickhouse-options.js';

/** The documented schema's column of each field (src/sources/clickhouse/schema.ts). */
const SCHEMA_NAMES: Partial<Record<FieldName, string>> = {
  customer: 'customer', customer_name: 'name', date: 'date', order: 'order_ref', amount: 'amount',
  margin: 'margin', quantity: 'quantity', due_date: 'due_date', paid_date: 'paid_date', currency: 'currency',
};

const NUMERIC = /^(Nullable\()?(U?Int\d+|Float\d+|Decimal)/;
const DATE = /^(Nullable\()?(Date|DateTime)/;

/** Fields onto columns: overrides, then the documented names, then the CSV header synonyms. */
export function mapTableColumns(columns: readonly { name: string; type: string }[], overrides: Overrides): ClickHouseColumns {
  const names = columns.map((c) => c.name);
  const withSchema: Overrides = { ...overrides };
  for (const [field, column] of Object.entries(SCHEMA_NAMES) as [FieldName, string][]) {
    const claimed = Object.values(overrides).some((o) => o?.column === column);
    if (withSchema[field] === undefined && !claimed && names.includes(column)) withSchema[field] = { column, source: 'option' };
  }
  let m: ReturnType<typeof mapColumns>;
  try {
    m = mapColumns(names.filter((n) => n !== 'source' && n !== 'is_order'), withSchema);
  } catch (err) {
    // A column the table lacks is a fact about the data, as a missing header column is not.
    if (err instanceof UsageError) throw new DataError(`the ClickHouse source: ${err.message.replace('is not in the header', 'is not in the table')}`);
    throw err;
  }
  const col = (field: FieldName): string | undefined => m.fields[field]?.column;
  const typeOf = (name: string): string => columns.find((c) => c.name === name)?.type ?? '';
  const need = (field: FieldName, pattern: RegExp, kind: string): string => {
    const name = col(field);
    if (name === undefined) throw new DataError(`the ClickHouse source has no ${field} column (columns are ${names.join(', ')}); name it with --${field.replace('_', '-')} COL`);
    if (!pattern.test(typeOf(name))) throw new DataError(`ClickHouse column '${name}' (the ${field}) is ${typeOf(name)}, not a ${kind} type; cast it in --query`);
    return name;
  };
  const opt = (field: FieldName, pattern: RegExp, kind: string): string | undefined => (col(field) === undefined ? undefined : need(field, pattern, kind));
  const result: ClickHouseColumns = {
    customer: need('customer', /./, 'any'),
    date: need('date', DATE, 'Date'),
    amount: need('amount', NUMERIC, 'numeric'),
  };
  const optional: [keyof ClickHouseColumns, string | undefined][] = [
    ['name', col('customer_name')],
    ['order', col('order')],
    ['isOrder', names.includes('is_order') && NUMERIC.test(typeOf('is_order')) ? 'is_order' : undefined],
    ['margin', opt('margin', NUMERIC, 'numeric')],
    ['cost', opt('cost', NUMERIC, 'numeric')],
    ['quantity', opt('quantity', NUMERIC, 'numeric')],
    ['dueDate', opt('due_date', DATE, 'Date')],
    ['paidDate', opt('paid_date', DATE, 'Date')],
    ['currency', col('currency')],
  ];
  return Object.assign(result, Object.fromEntries(optional.filter(([, v]) => v !== undefined)));
}

/** The server's accounting in the shape of a file's, with what a typed table cannot tell said. */
export function clickHouseReadResult(where: string, a: ClickHouseAccounting): ReadResult {
  const rejectedByReason = [
    { reason: 'empty date', column: 'date', rows: a.emptyDate, amount: 0, examples: [] },
    { reason: 'empty amount', column: 'amount', rows: a.emptyAmount, amount: 0, examples: [] },
  ].filter((r) => r.rows > 0);
  const rejected = a.emptyDate + a.emptyAmount;
  // One currency is the data's currency; several are named per input, as for files.
  const currency = a.currencies.length === 1 ? a.currencies[0]!.currency : null;
  const rows: Accounting = {
    read: a.read,
    used: a.used,
    usedAmount: a.usedAmount,
    rejected,
    rejectedByReason,
    skipped: 0,
    skippedByRule: [],
    unattributed: a.unattributed.rows,
    unattributedAmount: a.unattributed.amount,
    identicalWithinFile: null,
  };
  const notes = ['a typed table has no line numbers: rejected rows are counted, not listed'];
  const warnings = rejected > 0 ? [`${rejected} rows of ${where} have no date or no amount and are left out (a typed table has no line numbers to list them by)`] : [];
  return {
    inputs: [
      {
        file: where,
        kind: 'crm',
        kindReason: 'a ClickHouse table',
        encoding: 'n/a',
        encodingReason: 'typed columns',
        compressed: false,
        dialect: { delimiter: '', newline: '', skip: 0, headerLine: 0, reason: 'typed columns' },
        columns: [],
        attributes: [],
        rows,
        customers: a.customers,
        orders: a.orders,
        refunds: a.refunds,
        currency,
        currencies: a.currencies,
        firstDate: a.firstDate,
        lastDate: a.lastDate,
        notes,
        direction: 'the amounts as signed in the table: a typed table has no debit/credit flag column',
        // Nothing for `inspect --write-map` to save: a table's columns are mapped by name each run.
        decisions: { kind: 'crm', columns: {}, skip: 0, delimiter: '', encoding: 'n/a' },
      },
    ],
    total: rows,
    currency,
    warnings,
    attributeNames: [],
  };
}

function refuseFileOptions(raw: RawReadOptions, source: ClickHouseSource): void {
  for (const name of FILE_ONLY_OPTIONS) {
    if (raw[name] !== undefined) throw new UsageError(`${longFlag(name)} is for export files; with --engine clickhouse the table's typed columns are read as they are (cast or convert in --query)`);
  }
  if (raw.currency !== undefined) {
    const from = 'table' in source ? source.table : '(…)';
    throw new UsageError(`--currency is for export files; with --engine clickhouse keep one currency in --query, such as --query "SELECT * FROM ${from} WHERE currency = '${raw.currency}'"`);
  }
}

async function withClickHouse<T>(io: CommandIO, raw: RawReadOptions & RawClickHouseOptions, fn: (loaded: Loaded) => Promise<T>, format: string): Promise<T> {
  const showProgress = !io.quiet && wantProgress(io.stderr, format);
  const target = { ...(await parseClickHouseTarget(raw)), progress: showProgress };
  const source = parseClickHouseSource(raw);
  refuseFileOptions(raw, source);
  const { overrides } = await parseReadOptions(raw);
  const { ClickHouseConnection } = await import('../sources/clickhouse/connection.js');
  const { ClickHouseEngine } = await import('../sources/clickhouse/clickhouse-source.js');
  const db = ClickHouseConnection.open(target);
  const progress = startProgress(showProgress, { stream: io.stderr, prefix: `segment ${io.command}`, percent: () => db.progress() });
  try {
    progress.stage(`reading ${db.where}`);
    const from = 'table' in source ? `\`${source.table.split('.').join('`.`')}\`` : `(${source.query})`;
    const columns = mapTableColumns(await db.describe(from), overrides);
    const engine = new ClickHouseEngine(db, source, columns);
    await engine.open();
    const where = `${db.where} ${'table' in source ? source.table : '(query)'}`;
    const accounting = await engine.accounting();
    if (accounting.currencies.length > 1) {
      const list = accounting.currencies.map((c) => `${c.currency}: ${plural(c.rows, 'row')}`).join(', ');
      throw new DataError(`${where}: the currency column holds ${accounting.currencies.length} currencies (${list}); amounts in different currencies cannot be added up: keep one in --query (WHERE currency = '${accounting.currencies[0]!.currency}')`);
    }
    const read = clickHouseReadResult(where, accounting);
    if (read.total.used === 0) throw new DataError(`${where}: no usable rows (a customer, a date and an amount)`);
    progress.stage('analysing on the server');
    return await fn({ source: engine, read });
  } finally {
    progress.stop();
    await db.close();
  }
}

/** Export files through the embedded engine, or a ClickHouse table with --engine clickhouse. */
export async function withSource<T>(
  io: CommandIO,
  files: readonly string[],
  raw: RawReadOptions & RawClickHouseOptions,
  fn: (loaded: Loaded) => Promise<T>,
  opts: { failOnRejects?: boolean; countIdentical?: boolean; format?: string } = {},
): Promise<T> {
  if (!wantsClickHouse(raw)) return withTransactions(io, files, raw, ({ engine, read }) => fn({ source: engine, read }), opts);
  if (files.length > 0) throw new UsageError(`--engine clickhouse reads --table or --query, not files (${files[0]})`);
  return withClickHouse(io, raw, fn, opts.format ?? 'table');
}
