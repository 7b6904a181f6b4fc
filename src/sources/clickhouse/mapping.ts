/**
 * A ClickHouse table or SELECT read as files are: its columns mapped as a CSV header is (same
 * synonyms and --customer/--date/… overrides; the documented schema's names first), and the
 * accounting the server computed put in the shape of a file's (ReadResult).
 */
import { DataError, UsageError } from '../../kernel/errors.js';
import type { ClickHouseAccounting, ClickHouseColumns } from './clickhouse-source.js';
import type { Accounting, ReadResult } from '../files/read-result.js';
import { mapColumns, type Overrides } from '../files/mapping.js';
import type { FieldName } from '../files/fields.js';

/** The documented schema's column of each field (./schema.ts). */
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
