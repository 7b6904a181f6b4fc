/**
 * The options that point a command at a ClickHouse server instead of export files. The password
 * comes from a file or SEGMENT_CLICKHOUSE_PASSWORD, never from argv; the URL may not carry one.
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { checkIdentifier, checkUrl, type ClickHouseTarget } from '../engine/clickhouse-names.js';
import type { ClickHouseSource } from '../engine/clickhouse-engine.js';
import { seconds } from './number-options.js';

/** The default request timeout, in seconds. */
const CLICKHOUSE_TIMEOUT = '300';

export interface RawClickHouseOptions {
  engine?: string;
  url?: string;
  user?: string;
  passwordFile?: string;
  table?: string;
  query?: string;
  timeout?: string;
  caFile?: string;
}

export function addClickHouseOptions(cmd: Command, withQuery = true): Command {
  cmd
    .addOption(new Option('--engine <engine>', 'where the transactions are: duckdb (export files, in-process) or clickhouse (a server)').choices(['duckdb', 'clickhouse']).default('duckdb'))
    .option('--url <url>', 'ClickHouse HTTP(S) address, such as http://127.0.0.1:8123 (no credentials in it)')
    .option('--user <name>', 'ClickHouse user (default: the server\'s default user)')
    .option('--password-file <file>', 'file holding the ClickHouse password (or set SEGMENT_CLICKHOUSE_PASSWORD)')
    .option('--table <name>', 'ClickHouse table (database.table), MergeTree or Distributed');
  if (withQuery) cmd.option('--query <sql>', 'a read-only SELECT instead of --table');
  return cmd
    .option('--ca-file <file>', 'with an https --url: PEM file of the authority that signed the server\'s certificate (default: the system\'s)')
    .option('--timeout <seconds>', 'ClickHouse request timeout in seconds', CLICKHOUSE_TIMEOUT);
}

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
  const timeout = seconds('timeout', raw.timeout ?? CLICKHOUSE_TIMEOUT);
  return {
    url: raw.url,
    ...(raw.user !== undefined ? { user: raw.user } : {}),
    ...(password !== undefined ? { password } : {}),
    timeoutMs: Math.round(timeout * 1000),
    ...(caCert !== undefined ? { caCert } : {}),
  };
}

/** A table (checked name) or one read-only SELECT. */
export function parseClickHouseSource(raw: RawClickHouseOptions): ClickHouseSource {
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
