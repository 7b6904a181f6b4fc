/** `runClv`, in-process over a DuckDB engine with the CDNOW sample (1997-01-01 … 1998-06-30): the windows, the warnings, the refusals and what each option adds. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayBefore, runClv, type ClvOptions } from '../../../src/analyses/clv-run.js';
import type { DuckDbEngine } from '../../../src/sources/files/duckdb/duckdb-engine.js';
import type { Engine } from '../../../src/sources/files/duckdb/engine.js';
import { stageFiles, type Staged } from '../../helpers/staged.js';
import { DataError, UsageError } from '../../../src/kernel/errors.js';

const BASE: ClvOptions = { unit: 'week', horizonDays: 365, discountRate: 0.1 };
let staged: Staged;
let engine: DuckDbEngine;

beforeAll(async () => {
  staged = await stageFiles(['fixtures/cdnow/cdnow-sample.txt'], { columns: ['master', 'customer', 'date', 'cds', 'amount'] });
  engine = staged.engine;
});
afterAll(() => staged.close());

describe('dayBefore', () => {
  it('is the calendar day before, across months, years and a leap day', () => {
    expect(dayBefore('1997-10-01')).toBe('1997-09-30');
    expect(dayBefore('1998-01-01')).toBe('1997-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
  });
});

describe('runClv', () => {
  it('by default calibrates on the whole data, as of its last date, with the BG/NBD and nothing else asked for', async () => {
    const run = await runClv(engine, BASE);
    expect(run.window).toEqual({ from: '1997-01-01', to: '1998-06-30' });
    expect(run.result.params).toMatchObject({ asOf: '1998-06-30', unit: 'week', model: 'bgnbd', spendModel: 'gamma-gamma', value: 'revenue', horizonDays: 365, discountRate: 0.1 });
    expect(run.result.purchase.model).toBe('bgnbd');
    expect([run.holdout, run.newCustomer, run.intervals, run.periodCounts, run.tracking]).toEqual([null, null, null, null, null]);
    expect(run.warnings).toEqual(run.result.warnings);
  });

  it('leaves out what is before --from and after --as-of, and says so', async () => {
    const run = await runClv(engine, { ...BASE, from: '1997-02-01', asOf: '1997-09-30' });
    expect(run.window).toEqual({ from: '1997-02-01', to: '1997-09-30' });
    expect(run.result.params.asOf).toBe('1997-09-30');
    expect(run.warnings.slice(0, 2)).toEqual(['885 transactions before 1997-02-01 (28,592.70) are left out', '1,959 transactions after 1997-09-30 (70,976.39) are left out']);
  });

  it('with --holdout-from: calibrates up to the day before, compares the holdout, and says nothing of the rows after', async () => {
    const run = await runClv(engine, { ...BASE, holdoutFrom: '1997-10-01', model: 'pnbd', spendModel: 'none' });
    expect(run.window).toEqual({ from: '1997-01-01', to: '1997-09-30' });
    expect(run.result.params).toMatchObject({ asOf: '1997-09-30', model: 'pnbd', spendModel: 'none' });
    expect(run.holdout).not.toBeNull();
    expect(run.holdout!.customers).toBe(run.result.customers.length);
    expect(run.warnings.filter((w) => w.includes('left out') || w.includes('holdout'))).toEqual([]);
  });

  it('with --model auto and a holdout, picks the lowest holdout error and says which, with each error', async () => {
    const run = await runClv(engine, { ...BASE, holdoutFrom: '1997-10-01', model: 'auto' });
    expect(run.result.selection.by).toBe('holdout');
    expect(run.result.selection.reason).toMatch(/^chosen by --model auto for the lowest mean absolute error per customer in the holdout from 1997-10-01 \(\S+ \d\.\d{4}, \S+ \d\.\d{4}, \S+ \d\.\d{4}\)$/);
    const errors = [...run.result.selection.reason.matchAll(/ (\d\.\d{4})/g)].map((m) => Number(m[1]));
    const plain = await runClv(engine, { ...BASE, holdoutFrom: '1997-10-01', model: run.result.purchase.model });
    expect(plain.holdout!.meanAbsoluteError.toFixed(4)).toBe(Math.min(...errors).toFixed(4));
  });

  it('adds the new customer value, the intervals and the diagnostics when asked', async () => {
    const run = await runClv(engine, { ...BASE, asOf: '1997-09-30', newCustomer: true, intervals: { replicates: 3, seed: 1 }, diagnostics: true });
    expect(run.newCustomer).not.toBeNull();
    expect(run.intervals!.replicates).toBe(3);
    expect(run.periodCounts!.length).toBeGreaterThan(0);
    expect(run.tracking).not.toBeNull();
    const held = await runClv(engine, { ...BASE, holdoutFrom: '1997-10-01', diagnostics: true });
    expect(held.tracking!.holdoutFrom).toBe('1997-10-01');
    expect(run.tracking!.holdoutFrom).toBeNull();
  });

  it('refuses an empty calibration period, a holdout after the data, and --value margin without a margin', async () => {
    await expect(runClv(engine, { ...BASE, from: '1997-06-01', asOf: '1997-05-31' })).rejects.toThrow(new UsageError('the calibration period 1997-06-01 to 1997-05-31 is empty'));
    await expect(runClv(engine, { ...BASE, holdoutFrom: '1998-07-01' })).rejects.toThrow(
      new UsageError('--holdout-from 1998-07-01 is after the last transaction (1998-06-30): there is no holdout period'),
    );
    await expect(runClv(engine, { ...BASE, value: 'margin' })).rejects.toThrow(DataError);
    await expect(runClv(engine, { ...BASE, value: 'margin' })).rejects.toThrow(/^--value margin needs a margin in the input/);
    const empty = { dateRange: async () => ({ first: null, last: null }) } as unknown as Engine;
    await expect(runClv(empty, BASE)).rejects.toThrow(new DataError('no transactions with a customer to model'));
  });

  it('refuses a calibration period without a transaction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-clv-run-'));
    writeFileSync(join(dir, 't.csv'), 'customer_id,date,amount\nA,2024-01-10,10.00\nA,2024-03-10,20.00\nB,2024-03-12,5.00\n');
    const small = await stageFiles([join(dir, 't.csv')]);
    try {
      await expect(runClv(small.engine, { ...BASE, from: '2024-02-01', asOf: '2024-02-20' })).rejects.toThrow(new DataError('no transactions in the calibration period 2024-02-01 to 2024-02-20'));
    } finally {
      small.close();
    }
  });
});
