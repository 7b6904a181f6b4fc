/**
 * The documented schema of a transactions table that `segment load` writes and `--engine
 * clickhouse` reads without any mapping: one row per used transaction, tagged with the file it
 * came from (for idempotent loads).
 */
import { chIdent } from './connection.js';

/** Columns in the order `segment load` writes them (the DuckDB export's order). */
export const TRANSACTION_COLUMNS = [
  ['source', 'String'],
  ['customer', 'String'],
  ['name', 'Nullable(String)'],
  ['date', 'Date'],
  ['order_ref', 'Nullable(String)'],
  ['amount', 'Decimal(18, 4)'],
  ['is_order', 'UInt8'],
  ['margin', 'Nullable(Decimal(18, 4))'],
  ['quantity', 'Nullable(Decimal(18, 4))'],
  ['currency', 'Nullable(String)'],
  ['due_date', 'Nullable(Date)'],
  ['paid_date', 'Nullable(Date)'],
] as const;

export function columnsSql(): string {
  return TRANSACTION_COLUMNS.map(([n, t]) => `\`${n}\` ${t}`).join(', ');
}

/** A local MergeTree table, ordered by customer and date (what the summary groups by). */
export function createMergeTreeSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${chIdent(table)} (${columnsSql()}) ENGINE = MergeTree() PARTITION BY toYYYYMM(date) ORDER BY (customer, date)`;
}

/**
 * A Distributed table over `local` on every shard of `cluster`, sharded by customer: each
 * customer's rows live on one shard.
 */
export function createDistributedSql(table: string, cluster: string, local: string): string {
  const [db, name] = local.includes('.') ? local.split('.') : ['default', local];
  return `CREATE TABLE IF NOT EXISTS ${chIdent(table)} (${columnsSql()}) ENGINE = Distributed(${chIdent(cluster)}, ${chIdent(db!)}, ${chIdent(name!)}, sipHash64(customer))`;
}
