/** `runClv`, in-process over a DuckDB engine with the CDNOW sample (1997-01-01 … 1998-06-30): the windows, the warnings, the refusals and what each option adds. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayBefore, runClv, type ClvOptions } from '../../../src/analyses/clv-run.js';
import type { DuckDbEngine } from '../../../src/sources/files/duckdb/duckdb-engine.js';
import type { Engine } from '../../../src/sources/files/duckdb/engine.js';
import { fewRepeatBuyersCsv } from '../../helpers/few-repeat-buyers.js';
import { stageFiles, type Staged } from '../../helpers/staged.js';
import { DataError, UsageError } from '../../../src/kernel/errors.js';
import { MODEL_TITLES } from '../../../src/analyses/models/purchase-model.js';
import type { Source } from '../../../src/sources/source.js';

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

// Issue 27, fourth round (mutation testing).
describe('runClv: the windows passed on, and the warnings of a holdout', () => {
  it('auto names each model by the first word of its title, with its error', async () => {
    const run = await runClv(engine, { ...BASE, holdoutFrom: '1997-10-01', model: 'auto' });
    const names = [...run.result.selection.reason.matchAll(/([^\s(]+) \d\.\d{4}/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(Object.values(MODEL_TITLES).map((t) => t.split(' ')[0]).sort());
  });

  it('a holdout’s length is in the time unit (273 days: 39 weeks), and a holdout of the last day alone is one', async () => {
    const run = await runClv(engine, { ...BASE, holdoutFrom: '1997-10-01', spendModel: 'none' });
    expect(run.holdout!.length).toBeCloseTo(273 / 7, 12);
    const last = await runClv(engine, { ...BASE, holdoutFrom: '1998-06-30', spendModel: 'none' });
    expect(last.window.to).toBe('1998-06-29');
    expect(last.holdout!.length).toBeCloseTo(1 / 7, 12);
  });

  it('the diagnostics count repeat purchases in the window: --from is passed on, and left out when not given', async () => {
    const queries: unknown[] = [];
    const recording = new Proxy(engine, {
      get(target, prop, receiver) {
        if (prop === 'repeatPurchasesByDay') return (q: unknown) => { queries.push(q); return target.repeatPurchasesByDay(q as never); };
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as Source;
    await runClv(recording, { ...BASE, from: '1997-02-01', asOf: '1997-09-30', diagnostics: true, spendModel: 'none' });
    await runClv(recording, { ...BASE, asOf: '1997-09-30', diagnostics: true, spendModel: 'none' });
    expect(queries).toStrictEqual([
      { from: '1997-02-01', to: '1997-09-30', firstBy: '1997-09-30' },
      { to: '1997-09-30', firstBy: '1997-09-30' },
    ]);
  });

  it('--value margin with a margin for some customers gets past the input check; customers who bought in the holdout first are counted and said', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-clv-run-'));
    const lines = ['customer_id,date,amount,margin'];
    const days = ['2024-01-05', '2024-01-20', '2024-02-11', '2024-03-02', '2024-03-25', '2024-04-14', '2024-05-09', '2024-05-30'];
    for (let c = 0; c < 12; c++) {
      for (let d = 0; d < 2 + (c % 5); d++) lines.push(`C${c},${days[(c + d * 3) % days.length]},${(20 + c * 3 + d).toFixed(2)},${c === 0 ? '' : (5 + c + d / 2).toFixed(2)}`);
    }
    // Two customers whose first purchase is in the holdout (from 2024-05-01).
    lines.push('N1,2024-05-10,30.00,8.00', 'N2,2024-05-20,35.00,9.00', 'N2,2024-05-29,15.00,4.00');
    writeFileSync(join(dir, 't.csv'), `${lines.join('\n')}\n`);
    const small = await stageFiles([join(dir, 't.csv')]);
    try {
      // The input has a margin, so the run goes on to the models, which name the customer without one.
      await expect(runClv(small.engine, { ...BASE, value: 'margin' })).rejects.toThrow(/^customer C0 has purchases without a margin, so --value margin cannot fit the spend model on margin/);
      const held = await runClv(small.engine, { ...BASE, holdoutFrom: '2024-05-01', spendModel: 'none' });
      expect(held.warnings).toContain('2 customers who first bought in the holdout are not compared (the model predicts the calibration customers)');
      expect(held.holdout!.customers).toBe(12);
    } finally {
      small.close();
    }
  });

  it('resamples that cannot be fitted are counted and said; none, nothing said', async () => {
    // Ten repeat buyers, the minimum, and four one-time buyers: a resample often has fewer than ten.
    const dir = mkdtempSync(join(tmpdir(), 'segment-clv-run-'));
    writeFileSync(join(dir, 't.csv'), fewRepeatBuyersCsv());
    const small = await stageFiles([join(dir, 't.csv')]);
    try {
      const run = await runClv(small.engine, { ...BASE, intervals: { replicates: 30, seed: 1 }, spendModel: 'none' });
      expect(run.intervals!.failed).toBe(14);
      expect(run.warnings).toContain('14 of 30 bootstrap resamples could not be fitted and are left out of the intervals');
    } finally {
      small.close();
    }
    const whole = await runClv(engine, { ...BASE, asOf: '1997-09-30', intervals: { replicates: 3, seed: 1 }, spendModel: 'none' });
    expect(whole.intervals!.failed).toBe(0);
    expect(whole.warnings.filter((w) => w.includes('bootstrap'))).toEqual([]);
  });
});
