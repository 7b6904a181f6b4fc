/**
 * From staged transactions to predicted value: the calibration window's summary, the models,
 * and with a holdout date the same summary over the holdout for the actual purchases.
 */
import type { Engine } from '../engine/engine.js';
import { DataError, UsageError } from '../errors.js';
import { clvFromSummary, histories, UNIT_DAYS, type ClvResult, type TimeUnit } from '../models/clv.js';
import { holdoutCheck, type HoldoutResult } from '../models/holdout.js';
import { formatInt, formatMoney } from '../text.js';
import { daysBetween } from './stats.js';

export interface ClvOptions {
  readonly asOf?: string;
  readonly from?: string;
  readonly holdoutFrom?: string;
  readonly unit: TimeUnit;
  readonly horizonDays: number;
  readonly discountRate: number;
}

export interface ClvRun {
  readonly result: ClvResult;
  readonly holdout: HoldoutResult | null;
  readonly window: { readonly from: string; readonly to: string };
  readonly warnings: string[];
}

export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export async function runClv(engine: Engine, opts: ClvOptions): Promise<ClvRun> {
  const range = await engine.dateRange();
  if (range.first === null || range.last === null) throw new DataError('no transactions with a customer to model');
  const calibrationEnd = opts.holdoutFrom !== undefined ? dayBefore(opts.holdoutFrom) : opts.asOf ?? range.last;
  const from = opts.from ?? range.first;
  if (calibrationEnd < from) throw new UsageError(`the calibration period ${from} to ${calibrationEnd} is empty`);
  if (opts.holdoutFrom !== undefined && opts.holdoutFrom > range.last) {
    throw new UsageError(`--holdout-from ${opts.holdoutFrom} is after the last transaction (${range.last}): there is no holdout period`);
  }
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, which Math.min cannot compare
  const to = calibrationEnd < range.last ? calibrationEnd : range.last;
  const summary = await engine.customerSummary({ ...(opts.from !== undefined ? { from: opts.from } : {}), to, asOf: calibrationEnd, period: 'month' });
  if (summary.customers.length === 0) throw new DataError(`no transactions in the calibration period ${from} to ${calibrationEnd}`);
  const warnings: string[] = [];
  if (summary.beforeFrom.rows > 0) warnings.push(`${formatInt(summary.beforeFrom.rows)} transactions before ${from} (${formatMoney(summary.beforeFrom.amount)}) are left out`);
  if (summary.afterTo.rows > 0 && opts.holdoutFrom === undefined) {
    warnings.push(`${formatInt(summary.afterTo.rows)} transactions after ${calibrationEnd} (${formatMoney(summary.afterTo.amount)}) are left out`);
  }
  const result = clvFromSummary(summary.customers, { asOf: calibrationEnd, unit: opts.unit, horizonDays: opts.horizonDays, discountRate: opts.discountRate });
  warnings.push(...result.warnings);
  let holdout: HoldoutResult | null = null;
  if (opts.holdoutFrom !== undefined) {
    const after = await engine.customerSummary({ from: opts.holdoutFrom, to: range.last, asOf: range.last, period: 'month' });
    const actual = new Map(after.customers.map((c) => [c.customer, c.purchaseDays]));
    const calibrated = histories(summary.customers, calibrationEnd, opts.unit).histories;
    const known = new Set(calibrated.map((h) => h.key));
    const newcomers = after.customers.filter((c) => !known.has(c.customer)).length;
    if (newcomers > 0) warnings.push(`${formatInt(newcomers)} customers who first bought in the holdout are not compared (the model predicts the calibration customers)`);
    const length = daysBetween(calibrationEnd, range.last) / UNIT_DAYS[opts.unit];
    holdout = holdoutCheck(calibrated, result.bgnbd.params, actual, { from: opts.holdoutFrom, to: range.last, length });
  }
  return { result, holdout, window: { from, to: calibrationEnd }, warnings };
}
