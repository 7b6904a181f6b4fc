/**
 * The connection to a ClickHouse server over HTTP(S) with the official client: credentials kept
 * out of argv and output, names checked against a strict pattern, values quoted, timeouts, and
 * every failure to reach the server turned into a one-line data error (exit 3).
 *
 * ClickHouse 18.16 (Debian's) has no query parameters (`{name:Type}`, 19.x+) and no CTEs: the
 * statements built here quote every value with `chString`/`chDate` and every name with
 * `chIdent`, after `checkIdentifier` has refused anything but plain names.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import { DataError } from '../../kernel/errors.js';
import { checkIdentifier, checkUrl, chIdent, chString, displayUrl, type ClickHouseTarget } from './names.js';

export { checkIdentifier, checkUrl, chDate, chIdent, chString, displayUrl, type ClickHouseTarget } from './names.js';

export class ClickHouseConnection {
  private percent = -1;

  private constructor(
    private readonly client: ClickHouseClient,
    readonly where: string,
    private readonly tracked = false,
  ) {}

  /** The running SELECT's progress in percent (rows read of the server's estimate), or -1. */
  progress(): number {
    return this.percent;
  }

  /**
   * Polls the server's process list for a query's rows read against its estimate of the total
   * (the X-ClickHouse-Progress headers reach Node only with the response, too late for a live line).
   */
  private follow(queryId: string): () => void {
    if (!this.tracked) return () => undefined;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.client
        .query({ query: `SELECT read_rows AS r, total_rows_approx AS t FROM system.processes WHERE query_id = ${chString(queryId)}`, format: 'JSONEachRow' })
        .then((res) => res.json<{ r: string; t: string }>())
        .then(([p]) => {
          if (p && Number(p.t) > 0) this.percent = Math.min(100, (100 * Number(p.r)) / Number(p.t));
        })
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, 500);
    timer.unref();
    return () => {
      clearInterval(timer);
      this.percent = -1;
    };
  }

  static open(target: ClickHouseTarget): ClickHouseConnection {
    checkUrl(target.url);
    const client = createClient({
      url: target.url,
      ...(target.user !== undefined ? { username: target.user } : {}),
      ...(target.password !== undefined ? { password: target.password } : {}),
      request_timeout: target.timeoutMs ?? 300_000,
      // Old servers refuse settings they do not know; the client sends none unless asked.
      compression: { request: false, response: false },
      log: { level: ClickHouseLogLevel.OFF },
      ...(target.caCert !== undefined ? { tls: { ca_cert: target.caCert } } : {}),
    });
    return new ClickHouseConnection(client, displayUrl(target.url), target.progress === true);
  }

  /** Rows of a SELECT as objects (numbers of 64-bit types arrive as strings). */
  async rows<T = Record<string, unknown>>(sql: string, session?: string): Promise<T[]> {
    const queryId = randomUUID();
    const done = this.follow(queryId);
    try {
      const result = await this.client.query({ query: sql, format: 'JSONEachRow', query_id: queryId, ...(session !== undefined ? { session_id: session } : {}) });
      return await result.json<T>();
    } catch (err) {
      throw this.failure(err);
    } finally {
      done();
    }
  }

  /** The names and types of a SELECT's columns (the query runs with LIMIT 0). */
  async describe(from: string): Promise<{ name: string; type: string }[]> {
    try {
      const result = await this.client.query({ query: `SELECT * FROM ${from} LIMIT 0`, format: 'JSON' });
      const body = await result.json<Record<string, unknown>>();
      return body.meta ?? [];
    } catch (err) {
      throw this.failure(err);
    }
  }

  async command(sql: string, session?: string): Promise<void> {
    try {
      await this.client.command({ query: sql, ...(session !== undefined ? { session_id: session } : {}) });
    } catch (err) {
      throw this.failure(err);
    }
  }

  /** Appends CSV rows (no header, NULL as \\N) to a table; the server cuts them into blocks. */
  async insertCsv(table: string, columns: readonly string[], stream: Readable): Promise<void> {
    try {
      await this.client.insert({ table: chIdent(table), columns: columns.map((c) => checkIdentifier(c, 'column')) as [string, ...string[]], values: stream, format: 'CSV',
        // Into a Distributed table: written to the shards before the call returns (not queued).
        // Texts are double-quoted; a ' is part of a value (`'t Hoekje`), never a quote.
        clickhouse_settings: { insert_distributed_sync: 1, format_csv_allow_single_quotes: 0 } });
    } catch (err) {
      throw this.failure(err);
    }
  }

  /** Appends values to a session's temporary table (one column of strings), streamed, no query size limit. */
  async insertStrings(table: string, column: string, values: readonly string[], session: string): Promise<void> {
    try {
      await this.client.insert({ table: chIdent(table), columns: [checkIdentifier(column, 'column')], values: values.map((v) => ({ [column]: v })), format: 'JSONEachRow', session_id: session });
    } catch (err) {
      throw this.failure(err);
    }
  }

  async ping(): Promise<void> {
    const r = await this.client.ping();
    if (!r.success) throw this.failure(r.error);
  }

  /** The server's answer or the network's, as one line that names the server but no secret. */
  private failure(err: unknown): DataError {
    const raw = err instanceof Error ? err.message : String(err);
    const first = (raw.split('\n')[0] ?? raw).replace(/, e\.what\(\) = .*$/, '').trim();
    if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|socket hang up|Timeout|timed out|EAI_AGAIN/i.test(raw)) {
      return new DataError(`ClickHouse at ${this.where} cannot be reached (${first}); check --url and that the server is running`);
    }
    if (/certificate|SSL|TLS|CERT_|ERR_SSL|EPROTO/i.test(raw)) {
      return new DataError(`ClickHouse at ${this.where}: the TLS connection failed (${first}); give the authority that signed the server's certificate with --ca-file`);
    }
    if (/Authentication failed|Code: 516|Code: 192|Code: 193|password/i.test(raw)) {
      return new DataError(`ClickHouse at ${this.where} refused the user or password; check --user and --password-file`);
    }
    return new DataError(`ClickHouse at ${this.where}: ${first}`);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
