/**
 * The options that point a command at a ClickHouse server instead of export files. The password
 * comes from a file or SEGMENT_CLICKHOUSE_PASSWORD, never from argv; the URL may not carry one.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../kernel/errors.js';
import { checkIdentifier, checkUrl, type ClickHouseTarget } from '../sources/clickhouse/names.js';
import type { ClickHouseRelation } from '../sources/clickhouse/clickhouse-source.js';
import { parseOption, type CLICKHOUSE_OPTIONS, type RawOptions } from './options-table.js';

/** The ClickHouse options as commander gives them (see CLICKHOUSE_OPTIONS). */
export type RawClickHouseOptions = RawOptions<(typeof CLICKHOUSE_OPTIONS)[number]>;

export function wantsClickHouse(raw: RawClickHouseOptions): boolean {
  return raw.engine === 'clickhouse';
}

export async function parseClickHouseTarget(raw: RawClickHouseOptions, env = process.env): Promise<ClickHouseTarget> {
  if (raw.url === undefined) throw new UsageError('--engine clickhouse needs --url, such as --url http://127.0.0.1:8123');
  checkUrl(raw.url);
  if (raw.user !== undefined) checkIdentifier(raw.user, '--user');
  let password: string | undefined = env.SEGMENT_CLICKHOUSE_PASSWORD;
  if (raw.passwordFile !== undefined) {
    try {
      password = (await readFile(raw.passwordFile, 'utf8')).replace(/\r?\n$/, '');
    } catch {
      throw new UsageError(`--password-file ${raw.passwordFile} cannot be read`);
    }
  }
  let caCert: Buffer | undefined;
  if (raw.caFile !== undefined) {
    if (!raw.url.startsWith('https:')) throw new UsageError('--ca-file is for an https:// --url');
    try {
      caCert = await readFile(raw.caFile);
    } catch {
      throw new UsageError(`--ca-file ${raw.caFile} cannot be read`);
    }
  }
  const timeout = parseOption('timeout', raw.timeout) as number;
  return {
    url: raw.url,
    ...(raw.user !== undefined ? { user: raw.user } : {}),
    ...(password !== undefined ? { password } : {}),
    timeoutMs: Math.round(timeout * 1000),
    ...(caCert !== undefined ? { caCert } : {}),
  };
}

/** A table (checked name) or one read-only SELECT. */
export function parseClickHouseRelation(raw: RawClickHouseOptions): ClickHouseRelation {
  if (raw.table !== undefined && raw.query !== undefined) throw new UsageError('give --table or --query, not both');
  if (raw.table !== undefined) return { table: checkIdentifier(raw.table, '--table') };
  if (raw.query !== undefined) {
    const q = raw.query.trim().replace(/;\s*$/, '');
    // One statement that reads: it runs as a subquery (FROM (q)), so anything else fails there too.
    if (!/^(SELECT|WITH)\b/i.test(q) || q.includes(';')) throw new UsageError('--query takes one read-only SELECT statement');
    return { query: q };
  }
  throw new UsageError('--engine clickhouse needs --table NAME or --query SQL');
}
