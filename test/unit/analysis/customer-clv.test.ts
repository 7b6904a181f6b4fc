// `segment customers --clv`: the predicted-value columns on every row, in csv, xlsx, json, ndjson
// and parquet; churn risk, spend tier and the next order's date on hand-computed cases.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { churnRisk, customerClvColumns, expectedWait, HIGH_ALIVE, LOW_ALIVE } from '../../../src/analysis/customer-clv.js';
import type { ClvCustomer, ClvResult } from '../../../src/models/clv.js';
import { runInProcess } from '../../helpers/in-process.js';

const CDNOW = ['fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount'];
const CLV_KEYS = ['p_alive', 'expected_purchases', 'clv', 'churn_risk', 'spend_tier', 'expected_next_order'];
const tmp = mkdtempSync(join(tmpdir(), 'segment-clv-customers-'));

describe('the CLV columns by hand', () => {
  it('churn risk: high below 0.3, medium below 0.7, low from 0.7', () => {
    expect([LOW_ALIVE, HIGH_ALIVE]).toEqual([0.3, 0.7]);
    expect([0, 0.29, 0.3, 0.69, 0.7, 1].map(churnRisk)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('expected wait given alive: (α + T) / (r + x − 1), none for r + x ≤ 1', () => {
    expect(expectedWait(0.5, 10, 2, 20)).toBeCloseTo(30 / 1.5, 12);
    expect(expectedWait(0.5, 10, 0, 20)).toBeNull();
    expect(expectedWait(1, 10, 0, 20)).toBeNull();
  });

  it('spend tier by CLV terciles among repeat buyers (type-7 quantiles), applied to every customer; the next order from the as-of date', () => {
    const c = (key: string, x: number, clv: number): ClvCustomer => ({ key, name: key, firstDate: '', lastDate: '', x, tx: 0, T: 10, repeatSpend: null, revenue: 0, pAlive: 0.5, expectedPurchases: 1, expectedSpend: 1, clv, rank: 0 });
    const result = {
      params: { asOf: '2024-01-01', unit: 'week', horizonDays: 365, discountRate: 0, model: 'bgnbd', spendModel: 'gamma-gamma' },
      purchase: { params: { r: 1, alpha: 4 } },
      customers: [c('a', 1, 10), c('b', 1, 20), c('c', 1, 30), c('d', 1, 40), c('one', 0, 25)],
    } as unknown as ClvResult;
    const cols = customerClvColumns(result);
    // Repeat CLVs 10, 20, 30, 40: cuts at 20 and 30 (h = 1 and 2 of 0..3).
    expect(['a', 'b', 'c', 'd', 'one'].map((k) => cols.get(k)!.spendTier)).toEqual(['low', 'medium', 'high', 'high', 'medium']);
    // r + x = 2: (4 + 10) / 1 = 14 weeks = 98 days after 2024-01-01; one-time buyers (r + x = 1): none.
    expect(cols.get('a')!.expectedNextOrder).toBe('2024-04-08');
    expect(cols.get('one')!.expectedNextOrder).toBeNull();
    expect(cols.get('a')!.churnRisk).toBe('medium');
  });
});

async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const rows = (await con.runAndReadAll(`SELECT * FROM '${path}'`)).getRowObjectsJS();
  con.closeSync();
  db.closeSync();
  return rows;
}

describe('segment customers --clv', () => {
  it('every row in csv, json and ndjson carries the columns, the same values, and the JSON the method with the cut points', async () => {
    const [csv, json, nd] = await Promise.all([
      runInProcess(['customers', ...CDNOW, '--clv']),
      runInProcess(['customers', ...CDNOW, '--clv', '--format', 'json']),
      runInProcess(['customers', ...CDNOW, '--clv', '--format', 'ndjson']),
    ]);
    for (const r of [csv, json, nd]) expect(r.code, r.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2358);
    expect(lines[0]!.split(',').slice(-6)).toEqual(CLV_KEYS);
    const doc = JSON.parse(json.stdout);
    expect(doc.customers).toHaveLength(2357);
    expect(doc.method.join(' ')).toMatch(/high below 0.3, medium from 0.3 to below 0.7, low from 0.7/);
    expect(doc.method.join(' ')).toMatch(/spend_tier by CLV tercile among the customers with a repeat purchase: low below [\d.]+, medium below [\d.]+/);
    expect(nd.stdout.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(doc.customers);
    for (const c of doc.customers) {
      expect(c.p_alive).toBeGreaterThanOrEqual(0);
      expect(c.p_alive).toBeLessThanOrEqual(1);
      expect(c.churn_risk).toBe(churnRisk(c.p_alive));
      expect(['low', 'medium', 'high']).toContain(c.spend_tier);
      expect(c.expected_next_order === null || c.expected_next_order > doc.as_of).toBe(true);
    }
    // Three tiers of about a third each among the repeat buyers (customers with more than one order day).
    const tiers = new Set(doc.customers.map((c: { spend_tier: string }) => c.spend_tier));
    expect(tiers).toEqual(new Set(['low', 'medium', 'high']));
  });

  it('xlsx and parquet carry the same columns, typed', async () => {
    const xlsx = join(tmp, 'c.xlsx');
    const pq = join(tmp, 'c.parquet');
    const [a, b, json] = await Promise.all([
      runInProcess(['customers', ...CDNOW, '--clv', '--format', 'xlsx', '--output', xlsx]),
      runInProcess(['customers', ...CDNOW, '--clv', '--format', 'parquet', '--output', pq]),
      runInProcess(['customers', ...CDNOW, '--clv', '--format', 'json']),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const first = JSON.parse(json.stdout).customers[0];
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('customers')!;
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(-6)).toEqual(CLV_KEYS);
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row.slice(-6)).toEqual(CLV_KEYS.map((k) => first[k] ?? undefined));
    const rows = await readParquet(pq);
    expect(rows).toHaveLength(2357);
    expect(rows[0]!.p_alive).toBe(first.p_alive);
    expect(rows[0]!.churn_risk).toBe(first.churn_risk);
    // A DATE column: read back as a date.
    expect((rows[0]!.expected_next_order as Date).toISOString().slice(0, 10)).toBe(first.expected_next_order);
  });

  it('with --intervals: the bounds beside the values, byte-identical for a seed, and the method says how', async () => {
    const [a, b] = await Promise.all([
      runInProcess(['customers', ...CDNOW, '--clv', '--intervals', '4', '--seed', '3', '--format', 'json']),
      runInProcess(['customers', ...CDNOW, '--clv', '--intervals', '4', '--seed', '3', '--format', 'json']),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc.method[0]).toMatch(/80% bootstrap intervals .* 4 resamples .* seed 3/);
    const keys = Object.keys(doc.customers[0]);
    expect(keys.slice(-4)).toEqual(['expected_purchases_low', 'expected_purchases_high', 'clv_low', 'clv_high']);
    for (const c of doc.customers) expect(c.clv_low).toBeLessThanOrEqual(c.clv_high);
  });

  it('--horizon without --clv is a usage error; without --clv no CLV columns', async () => {
    const r = await runInProcess(['customers', ...CDNOW, '--horizon', '30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--horizon, --discount-rate, --model and --intervals are for --clv/);
    const plain = await runInProcess(['customers', ...CDNOW]);
    expect(plain.stdout.split('\n')[0]).not.toMatch(/p_alive/);
  });
});
