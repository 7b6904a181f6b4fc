/** `analyseTransactions`, in-process over a DuckDB engine: the window, the warnings in order, and the refusals. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_AS_OF_DAYS, analyseTransactions, staleAsOfWarning } from '../../../src/analyses/run.js';
import type { StaticParams } from '../../../src/analyses/window.js';
import type { DuckDbEngine } from '../../../src/sources/files/duckdb/duckdb-engine.js';
import type { Engine } from '../../../src/sources/files/duckdb/engine.js';
import type { ReadResult } from '../../../src/sources/files/read-result.js';
import { stageFiles, type Staged } from '../../helpers/staged.js';
import { DataError, UsageError } from '../../../src/kernel/errors.js';
import { analysisParams } from '../../helpers/analysis-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'segment-run-'));
// Three customers over 2024-01-10 … 2024-06-20: A 100 + 200 + 50, B 300 + 60, C 40.
const INVOICES = join(dir, 'invoices.csv');
writeFileSync(
  INVOICES,
  'customer_id,order_id,date,amount\nA,1,2024-01-10,100.00\nA,2,2024-02-10,200.00\nA,3,2024-06-20,50.00\nB,4,2024-01-15,300.00\nB,5,2024-03-15,60.00\nC,6,2024-05-01,40.00\n',
);

const { asOf: _a, windowStart: _s, windowEnd: _e, ...base } = analysisParams();
const params = (over: Partial<StaticParams> = {}): StaticParams => ({ ...base, ...over });
const SPAN = (from: string, to: string, months: string) => `the data covers ${months} months (${from} to ${to}); the method asks for 2-3 years, so regularity and recency are less reliable`;

let staged: Staged;
let engine: DuckDbEngine;
let read: ReadResult;

beforeAll(async () => {
  staged = await stageFiles([INVOICES]);
  ({ engine, read } = staged);
});
afterAll(() => staged.close());

describe('analyseTransactions', () => {
  it('analyses the whole data by default: window from the first to the last date, as-of the last', async () => {
    const run = await analyseTransactions(engine, read, params());
    expect(run.analysis.params).toMatchObject({ asOf: '2024-06-20', windowStart: '2024-01-10', windowEnd: '2024-06-20', period: 'month' });
    expect(run.analysis.customers.map((c) => [c.key, c.revenue, c.orders, c.recencyDays])).toEqual([
      ['B', 360, 2, 97],
      ['A', 350, 3, 0],
      ['C', 40, 1, 50],
    ]);
    expect(run.warnings).toEqual([...read.warnings, SPAN('2024-01-10', '2024-06-20', '5.3')]);
    expect(run.excluded).toEqual({ afterTo: { rows: 0, amount: 0 }, beforeFrom: { rows: 0, amount: 0 } });
    const withWarning = await analyseTransactions(engine, { ...read, warnings: ['from the read'] }, params());
    expect(withWarning.warnings).toEqual(['from the read', SPAN('2024-01-10', '2024-06-20', '5.3')]);
  });

  it('leaves out what is outside --from and --to, and says so: one transaction "is", two "are"', async () => {
    const run = await analyseTransactions(engine, read, params({ from: '2024-02-01', to: '2024-05-31' }));
    expect(run.analysis.params).toMatchObject({ asOf: '2024-05-31', windowStart: '2024-02-01', windowEnd: '2024-05-31' });
    expect(run.analysis.customers.map((c) => [c.key, c.revenue])).toEqual([['A', 200], ['B', 60], ['C', 40]]);
    expect(run.excluded).toEqual({ afterTo: { rows: 1, amount: 50 }, beforeFrom: { rows: 2, amount: 400 } });
    expect(run.warnings.slice(read.warnings.length)).toEqual([
      SPAN('2024-02-01', '2024-05-31', '3.9'),
      '1 transaction after 2024-05-31 (50.00) is left out',
      '2 transactions before 2024-02-01 (400.00) are left out',
    ]);
    const two = await analyseTransactions(engine, read, params({ from: '2024-01-12', to: '2024-04-30' }));
    expect(two.warnings.slice(read.warnings.length).slice(1)).toEqual(['2 transactions after 2024-04-30 (90.00) are left out', '1 transaction before 2024-01-12 (100.00) is left out']);
  });

  it('measures recency from --as-of, and warns when it is more than 90 days after the last transaction', async () => {
    const run = await analyseTransactions(engine, read, params({ asOfOption: '2024-12-31' }));
    expect(run.analysis.params).toMatchObject({ asOf: '2024-12-31', windowEnd: '2024-06-20' });
    expect(run.analysis.customers.find((c) => c.key === 'A')!.recencyDays).toBe(194);
    expect(run.warnings.slice(read.warnings.length)).toEqual([staleAsOfWarning('2024-12-31', '2024-06-20'), SPAN('2024-01-10', '2024-06-20', '5.3')]);
    expect(run.warnings.slice(read.warnings.length)[0]).toMatch(/^the as-of date 2024-12-31 is 194 days after the last transaction \(2024-06-20\)/);
  });

  it('asks the engine for per-period orders when XYZ is by orders', async () => {
    const run = await analyseTransactions(engine, read, params({ xyz: { ...base.xyz, by: 'orders' } }));
    expect(run.analysis.customers).toHaveLength(3);
  });

  it('refuses an empty window, --by margin without a margin, and data without customer transactions', async () => {
    await expect(analyseTransactions(engine, read, params({ from: '2024-03-20', to: '2024-04-20' }))).rejects.toThrow(new UsageError('no transactions in the window 2024-03-20 to 2024-04-20'));
    await expect(analyseTransactions(engine, read, params({ abc: { ...base.abc, basis: 'margin' } }))).rejects.toThrow(
      new UsageError('--by margin needs a margin or a cost column in the input; name it with --margin COL or --cost COL'),
    );
    const empty = { dateRange: async () => ({ first: null, last: null }) } as unknown as Engine;
    const err = await analyseTransactions(empty, read, params()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toMatch(/^no transactions with a customer to analyse: /);
  });
});

describe('staleAsOfWarning', () => {
  it('is null up to 90 days after the last transaction, or without --as-of or a last date', () => {
    expect(STALE_AS_OF_DAYS).toBe(90);
    expect(staleAsOfWarning('2024-09-18', '2024-06-20')).toBeNull();
    expect(staleAsOfWarning('2024-09-19', '2024-06-20')).toBe(
      'the as-of date 2024-09-19 is 91 days after the last transaction (2024-06-20): every recency is at least 91 days and most customers will look lapsed; is the export up to date? (pass --as-of 2024-06-20, or leave it out, to measure from the data)',
    );
    expect(staleAsOfWarning('2024-09-19', null)).toBeNull();
    expect(staleAsOfWarning(undefined, '2024-06-20')).toBeNull();
  });
});
