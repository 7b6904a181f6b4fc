// `segment customers --clv`: the predicted-value columns on every row, in csv, xlsx, json, ndjson
// and parquet; churn risk, spend tier and the next order's date on hand-computed cases.
/**
 * src/analyses/customer-clv.ts in-process: the churn risk and spend tier limits, the terciles,
 * the expected next order worked out by hand from (α + T) / (r + x − 1), and the method's text.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterEach } from 'vitest';
import { churnRisk, customerClvColumns, expectedWait, HIGH_ALIVE, LOW_ALIVE, customerClvMethod, spendTierCuts, predictedColumns } from '../../../src/analyses/customer-clv.js';
import type { ClvCustomer, ClvResult } from '../../../src/analyses/models/clv.js';
import { runInProcess } from '../../helpers/in-process.js';
import type { BootstrapResult } from '../../../src/analyses/models/bootstrap.js';
import { customerKeys } from '../../../src/analyses/analysis.js';
import { analyseTransactions } from '../../../src/analyses/run.js';
import { parseAnalysisOptions } from '../../../src/commands/analysis-options.js';
import { DuckDbEngine } from '../../../src/sources/files/duckdb/duckdb-engine.js';
import { readTransactions } from '../../../src/sources/files/read.js';
import { TempDir } from '../../../src/kernel/tempdir.js';

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

const customer = (key: string, over: Partial<ClvCustomer> = {}): ClvCustomer => ({
  key, name: key, firstDate: '2023-01-01', lastDate: '2023-06-01', x: 1, tx: 10, T: 20, meanSpend: null, pAlive: 0.9, expectedPurchases: 1, expectedSpend: null, clv: null, rank: 1, ...over,
} as ClvCustomer);

const result = (customers: ClvCustomer[], over: { unit?: 'day' | 'week' | 'month'; r?: number; alpha?: number } = {}): ClvResult =>
  ({
    params: { asOf: '2024-01-01', model: 'bg-nbd', spendModel: 'gamma-gamma', unit: over.unit ?? 'week', horizonDays: 365, discountRate: 0.1 },
    purchase: { model: 'bg-nbd', params: { r: over.r ?? 0.5, alpha: over.alpha ?? 2, a: 1, b: 1 } },
    customers,
  }) as unknown as ClvResult;

describe('churnRisk', () => {
  it('is high below 0.3, medium from 0.3 to below 0.7, low from 0.7', () => {
    expect([0, 0.2999, 0.3, 0.6999, 0.7, 1].map(churnRisk)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low']);
  });
});

describe('spendTierCuts', () => {
  it('are the type-7 terciles of the CLV of repeat buyers with a CLV, whatever their order', () => {
    // Repeat buyers' CLV 100, 20, 40, 30 → sorted 20, 30, 40, 100: h = 3 × 1/3 = 1 → 30; h = 2 → 40.
    const r = result([customer('a', { clv: 100 }), customer('b', { clv: 20 }), customer('c', { clv: 40 }), customer('d', { clv: 30 }), customer('e', { x: 0, clv: 1 }), customer('f', { clv: null })]);
    expect(spendTierCuts(r)).toEqual({ low: 30, high: 40 });
    // Two: h = 1/3 and 2/3 between 10 and 40 → 20 and 30.
    const two = spendTierCuts(result([customer('a', { clv: 40 }), customer('b', { clv: 10 })]))!;
    expect(two.low).toBeCloseTo(20, 12);
    expect(two.high).toBeCloseTo(30, 12);
    expect(spendTierCuts(result([customer('e', { x: 0, clv: 5 }), customer('f', { clv: null })]))).toBeNull();
  });
});

describe('expectedWait', () => {
  it('is (α + T) / (r + x − 1) when r + x > 1, else none', () => {
    expect(expectedWait(0.5, 2, 2, 4)).toBe(4);
    expect(expectedWait(0.5, 2, 1, 4)).toBe(12);
    expect(expectedWait(0.5, 2, 0.5, 4)).toBeNull();
    expect(expectedWait(0.25, 2, 0, 4)).toBeNull();
    expect(expectedWait(1.5, 1, 0, 2)).toBe(6);
  });
});

describe('customerClvColumns', () => {
  // r 0.5, α 2, weeks, as of 2024-01-01.
  const cs = [
    customer('a', { x: 2, T: 4, pAlive: 0.95, expectedPurchases: 3, clv: 100 }), // wait 6 / 1.5 = 4 weeks: 2024-01-29
    customer('b', { x: 0, T: 4, pAlive: 0.2, expectedPurchases: 0.1, clv: 5 }), // r + x = 0.5: no date
    customer('c', { x: 1, T: 1000, pAlive: 0.5, clv: 20 }), // 1002 / 0.5 = 2004 weeks = 14,028 days: 2062-05-29
    customer('d', { x: 1, T: 3000, pAlive: 0.7, clv: 30 }), // 6004 weeks = 42,028 days: beyond 100 years
    customer('e', { x: 3, T: 0, clv: null }), // 2 / 2.5 = 0.8 weeks = 5.6 days → 6: 2024-01-07
  ];

  it('gives P(alive), purchases, CLV, risk, tier and the next order date', () => {
    const m = customerClvColumns(result(cs));
    // Terciles of 100, 5 (x = 0: out), 20, 30 → 20, 30, 100: h = 2/3 → 26.67, h = 4/3 → 53.33.
    expect([...m.keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(m.get('a')).toStrictEqual({ pAlive: 0.95, expectedPurchases: 3, clv: 100, churnRisk: 'low', spendTier: 'high', expectedNextOrder: '2024-01-29' });
    expect(m.get('b')).toMatchObject({ churnRisk: 'high', spendTier: 'low', expectedNextOrder: null });
    expect(m.get('c')).toMatchObject({ churnRisk: 'medium', spendTier: 'low', expectedNextOrder: '2062-05-29' });
    expect(m.get('d')).toMatchObject({ churnRisk: 'low', spendTier: 'medium', expectedNextOrder: null });
    expect(m.get('e')).toMatchObject({ clv: null, spendTier: null, expectedNextOrder: '2024-01-07' });
  });

  it('a CLV exactly on a cut point takes the higher tier', () => {
    // Repeat CLVs 10, 20, 30, 40: cut points 20 and 30.
    const m = customerClvColumns(result([10, 20, 30, 40].map((clv, i) => customer(`k${i}`, { clv }))));
    expect([...m.values()].map((c) => c.spendTier)).toEqual(['low', 'medium', 'high', 'high']);
  });

  it('has no tier without a repeat buyer with a CLV', () => {
    const m = customerClvColumns(result([customer('a', { x: 0, clv: 10 })]));
    expect(m.get('a')!.spendTier).toBeNull();
  });

  it('dates a wait of exactly 100 years, and rounds a wait to whole days', () => {
    // Days: r 0.5, α 0, x 1, T 18,262.5 → 18,262.5 / 0.5 = 36,525 days (datetime.date(2024,1,1) + timedelta(36525) = 2124-01-02).
    const m = customerClvColumns(result([customer('a', { x: 1, T: 18_262.5 })], { unit: 'day', alpha: 0 }));
    expect(m.get('a')!.expectedNextOrder).toBe('2124-01-02');
    // Months of 30.4375 days: r 1, α 0.5, x 1, T 0.5 → 1 month → 30 days.
    const mo = customerClvColumns(result([customer('a', { x: 1, T: 0.5 })], { unit: 'month', r: 1, alpha: 0.5 }));
    expect(mo.get('a')!.expectedNextOrder).toBe('2024-01-31');
  });

  it('adds the bootstrap intervals when given, null for a customer without one', () => {
    const intervals = {
      replicates: 200, seed: 7, failed: 3,
      purchases: new Map([['a', { low: 1, high: 2 }]]),
      clv: new Map([['a', { low: 50, high: 150 }]]),
      totalPurchases: { low: 1, high: 2 }, totalClv: null,
    } as unknown as BootstrapResult;
    const m = customerClvColumns(result(cs), intervals);
    expect(m.get('a')).toMatchObject({ purchasesInterval: { low: 1, high: 2 }, clvInterval: { low: 50, high: 150 } });
    expect(m.get('b')).toMatchObject({ purchasesInterval: null, clvInterval: null });
    expect('purchasesInterval' in customerClvColumns(result(cs)).get('a')!).toBe(false);
  });
});

describe('customerClvMethod', () => {
  it('states the model, the limits, the cut points and the intervals', () => {
    const intervals = { replicates: 200, seed: 7, failed: 3 } as unknown as BootstrapResult;
    expect(customerClvMethod(result([10, 20, 30, 40].map((clv, i) => customer(`k${i}`, { clv }))), intervals)).toEqual([
      '*_low and *_high: 80% bootstrap intervals (10th to 90th percentile over 197 resamples of the customers, both models refitted; seed 7).',
      'p_alive, expected_purchases and clv as segment clv computes them (bg-nbd; 365 days ahead from 2024-01-01).',
      'churn_risk from P(alive): high below 0.3, medium from 0.3 to below 0.7, low from 0.7.',
      'spend_tier by CLV tercile among the customers with a repeat purchase: low below 20.00, medium below 30.00, high from there (the same cut points for every customer).',
      'expected_next_order: the as-of date plus the expected time to the next purchase given the customer is alive, (α + T) / (r + x − 1); empty where that expectation is not finite (r + x ≤ 1) or beyond 100 years.',
    ]);
    const plain = customerClvMethod(result([customer('a', { clv: null })]));
    expect(plain).toHaveLength(4);
    expect(plain[2]).toBe('spend_tier: not given (no spend model, or no repeat buyer).');
  });
});

/** `predictedColumns` (moved from `customers --clv`): the columns by customer key, the models' warnings marked --clv, and a failed fit that leaves the columns empty with the reason. */

const dir = mkdtempSync(join(tmpdir(), 'segment-customer-clv-'));
const opened: { engine: DuckDbEngine; temp: TempDir }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) {
    o.engine.close();
    o.temp.remove();
  }
});

async function analysed(name: string, lines: string[]) {
  const path = join(dir, name);
  writeFileSync(path, `customer_id,order_id,date,amount\n${lines.join('\n')}\n`);
  const engine = await DuckDbEngine.open({ tempDir: tmpdir(), threads: 1 });
  const temp = new TempDir(tmpdir());
  opened.push({ engine, temp });
  const read = await readTransactions([path], { overrides: {}, maxRejectRate: 0 }, { engine, temp, warn: () => undefined });
  return { engine, analysis: (await analyseTransactions(engine, read, await parseAnalysisOptions({}))).analysis };
}

const day = (n: number): string => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const CLV = { horizonDays: 365, discountRate: 0.1 };

describe('predictedColumns', () => {
  it('gives every customer its columns, and marks the models\' warnings --clv', async () => {
    // 30 customers: buyer c buys every (7 + c) days until day 200 + 10c, some amounts varying.
    const lines = Array.from({ length: 30 }, (_, c) => Array.from({ length: Math.floor((200 + 10 * c) / (7 + c)) }, (_, k) => `C${c},O${c}-${k},${day(k * (7 + c))},${(20 + ((c * 7 + k * 3) % 11) * 5).toFixed(2)}`)).flat();
    const { engine, analysis } = await analysed('many.csv', lines);
    const warnings: string[] = [];
    const r = await predictedColumns(engine, analysis.params, CLV, warnings);
    expect([...r.columns.keys()].sort()).toEqual([...customerKeys(analysis)].sort());
    expect(r.method.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w.startsWith('--clv: '))).toBe(true);
  });

  it('leaves the columns empty, with the reason, when there is nothing to fit', async () => {
    const { engine, analysis } = await analysed('once.csv', ['C1,O1,2023-01-05,10.00', 'C2,O2,2023-02-05,20.00']);
    const warnings: string[] = [];
    const r = await predictedColumns(engine, analysis.params, CLV, warnings);
    expect(r).toEqual({ columns: new Map(), method: [] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^--clv: no prediction, the CLV columns are empty: \S/);
  });
});
