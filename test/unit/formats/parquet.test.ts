/** --format ndjson and parquet through the built CLI (the CSV writer and its formula protection: test/unit/formats/csv.test.ts). */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/in-process.js';

const CRM = 'fixtures/crm-invoices.csv';
const tmp = mkdtempSync(join(tmpdir(), 'segment-out-'));

async function readParquet(path: string): Promise<{ types: Record<string, string>; rows: Record<string, unknown>[] }> {
  const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const described = (await con.runAndReadAll(`DESCRIBE SELECT * FROM '${path}'`)).getRowObjectsJS();
  const rows = (await con.runAndReadAll(`SELECT * FROM '${path}'`)).getRowObjectsJS();
  con.closeSync();
  db.closeSync();
  return { types: Object.fromEntries(described.map((d) => [String(d.column_name), String(d.column_type)])), rows: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]))) };
}

describe('--format ndjson', () => {
  it('writes the JSON output\'s customer rows, one per line', async () => {
    const [nd, js] = await Promise.all([runInProcess(['abcxyz', CRM, '--format', 'ndjson']), runInProcess(['abcxyz', CRM, '--format', 'json'])]);
    expect(nd.code, nd.stderr).toBe(0);
    const lines = nd.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(JSON.parse(js.stdout).customers);
    expect(lines).toHaveLength(7);
  });
});

describe('--format parquet', () => {
  it('writes the CSV output\'s columns and rows, typed', async () => {
    const out = join(tmp, 'rfm.parquet');
    const [pq, csv] = await Promise.all([runInProcess(['rfm', CRM, '--format', 'parquet', '--output', out]), runInProcess(['rfm', CRM, '--format', 'csv'])]);
    expect(pq.code, pq.stderr).toBe(0);
    expect(pq.stdout).toBe('');
    const { types, rows } = await readParquet(out);
    const parsed = Papa.parse<Record<string, string>>(csv.stdout.trim(), { header: true });
    expect(Object.keys(types)).toEqual(parsed.meta.fields);
    expect(types).toMatchObject({ customer: 'VARCHAR', recency_days: 'BIGINT', monetary: 'DOUBLE', r: 'BIGINT', segment: 'VARCHAR' });
    expect(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])))).toEqual(parsed.data);
  });
  it('is refused without --output: a binary file never goes to a terminal', async () => {
    const r = await runInProcess(['pareto', CRM, '--format', 'parquet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('segment pareto: --format parquet writes a binary file: give --output FILE.parquet (or use --format ndjson or csv for a pipe)\n');
    expect(r.stdout).toBe('');
  });
});
