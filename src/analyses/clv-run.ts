/**
 * From staged transactions to predicted value: the calibration window's summary, the models,
 * and with a holdout date the same summary over the holdout for the actual purchases.
 */
import type { Source } from '../sources/source.js';
import { DataError, UsageError } from '../kernel/errors.js';
import { clvFromSummary, histories, newCustomerValue, UNIT_DAYS, type NewCustomerValue, type ClvResult, type History, type ModelChoice, type ModelSelection, type SpendModelChoice, type TimeUnit, type ClvValue } from './models/clv.js';
import { MODEL_TITLES, type PurchaseFit } from './models/purchase-model.js';
import { bootstrap, type BootstrapResult } from './models/bootstrap.js';
import { HOLDOUT_GROUPS, holdoutCheck, type HoldoutResult } from './models/holdout.js';
import { periodCounts, type PeriodCountRow } from './models/period-counts.js';
import { tracking, type TrackingResult } from './models/tracking.js';
import { formatInt, formatMoney } from '../kernel/text.js';
import { daysBetween } from './stats.js';

export interface ClvOptions {
  readonly asOf?: string;
  readonly from?: string;
  readonly holdoutFrom?: string;
  readonly unit: TimeUnit;
  readonly model?: ModelChoice;
  readonly spendModel?: SpendModelChoice;
  /** What the spend model is fitted on (default revenue); margin needs a margin in the input. */
  readonly value?: ClvValue;
  readonly horizonDays: number;
  readonly discountRate: number;
  /** Also the expected value of a newly acquired customer over the horizon. */
  readonly newCustomer?: boolean;
  /** Also the diagnostics `segment clv` draws: the period-transactions counts (others need only the predictions). */
  readonly diagnostics?: boolean;
  /** Bootstrap intervals: this many resamples, drawn with this seed. */
  readonly intervals?: { readonly replicates: number; readonly seed: number };
}

export interface ClvRun {
  readonly result: ClvResult;
  readonly holdout: HoldoutResult | null;
  /** With newCustomer; null otherwise. */
  readonly newCustomer: NewCustomerValue | null;
  /** With intervals; null otherwise. */
  readonly intervals: BootstrapResult | null;
  /** Customers by repeat purchases in the calibration period (0 … 6, 7+): actual and the model's expectation; with diagnostics, else null. */
  readonly periodCounts: readonly PeriodCountRow[] | null;
  /** Repeat purchases per week over calibration (and holdout), actual and the model's; with diagnostics, else null. */
  readonly tracking: TrackingResult | null;
  readonly window: { readonly from: string; readonly to: string };
  readonly warnings: string[];
}

export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** With auto and a holdout: the model with the lowest mean absolute error per customer in the holdout. */
function chooseByHoldout(actual: ReadonlyMap<string, number>, period: { from: string; to: string; length: number }) {
  return (hs: readonly History[], fits: readonly PurchaseFit[]): { fit: PurchaseFit; selection: ModelSelection } => {
    const errors = fits.map((f) => holdoutCheck(hs, f.predict, actual, period).meanAbsoluteError);
    const best = errors.indexOf(Math.min(...errors));
    const listed = fits.map((f, i) => `${MODEL_TITLES[f.model].split(' ')[0]} ${errors[i]!.toFixed(4)}`).join(', ');
    return { fit: fits[best]!, selection: { by: 'holdout', reason: `chosen by --model auto for the lowest mean absolute error per customer in the holdout from ${period.from} (${listed})` } };
  };
}

/** The tracking diagnostic: the engine's repeat purchases per day against the model's expectation. */
async function trackingOf(source: Source, result: ClvResult, calibrated: readonly History[], w: { from: string; calibrationEnd: string; last: string; holdoutFrom: string | undefined; windowFrom: string | undefined }): Promise<TrackingResult> {
  const to = w.holdoutFrom !== undefined ? w.last : w.calibrationEnd;
  const actual = await source.repeatPurchasesByDay({ ...(w.windowFrom !== undefined ? { from: w.windowFrom } : {}), to, firstBy: w.calibrationEnd });
  const predict = result.purchase.predict;
  return tracking(calibrated.map((h) => h.firstDate), (t) => predict.unconditional(t), UNIT_DAYS[result.params.unit], actual, { from: w.from, to, holdoutFrom: w.holdoutFrom ?? null });
}

export async function runClv(source: Source, opts: ClvOptions): Promise<ClvRun> {
  const range = await source.dateRange();
  if (range.first === null || range.last === null) throw new DataError('no transactions with a customer to model');
  const calibrationEnd = opts.holdoutFrom !== undefined ? dayBefore(opts.holdoutFrom) : opts.asOf ?? range.last;
  const from = opts.from ?? range.first;
  if (calibrationEnd < from) throw new UsageError(`the calibration period ${from} to ${calibrationEnd} is empty`);
  if (opts.holdoutFrom !== undefined && opts.holdoutFrom > range.last) {
    throw new UsageError(`--holdout-from ${opts.holdoutFrom} is after the last transaction (${range.last}): there is no holdout period`);
  }
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, which Math.min cannot compare
  const to = calibrationEnd < range.last ? calibrationEnd : range.last;
  const summary = await source.customerSummary({ ...(opts.from !== undefined ? { from: opts.from } : {}), to, asOf: calibrationEnd, period: 'month' });
  if (summary.customers.length === 0) throw new DataError(`no transactions in the calibration period ${from} to ${calibrationEnd}`);
  const value = opts.value ?? 'revenue';
  if (value === 'margin' && summary.customers.every((c) => c.margin === null)) {
    throw new DataError('--value margin needs a margin in the input, and it has none: give a margin (or cost) column, named so or mapped with --map, or leave out --value margin');
  }
  const warnings: string[] = [];
  if (summary.beforeFrom.rows > 0) warnings.push(`${formatInt(summary.beforeFrom.rows)} transactions before ${from} (${formatMoney(summary.beforeFrom.amount)}) are left out`);
  if (summary.afterTo.rows > 0 && opts.holdoutFrom === undefined) {
    warnings.push(`${formatInt(summary.afterTo.rows)} transactions after ${calibrationEnd} (${formatMoney(summary.afterTo.amount)}) are left out`);
  }
  const params = { asOf: calibrationEnd, unit: opts.unit, model: opts.model ?? 'bgnbd', spendModel: opts.spendModel ?? 'gamma-gamma', value, horizonDays: opts.horizonDays, discountRate: opts.discountRate } as const;
  const calibrated = histories(summary.customers, calibrationEnd, opts.unit, value).histories;
  let holdout: HoldoutResult | null = null;
  let result: ClvResult;
  if (opts.holdoutFrom !== undefined) {
    const after = await source.customerSummary({ from: opts.holdoutFrom, to: range.last, asOf: range.last, period: 'month' });
    const actual = new Map(after.customers.map((c) => [c.customer, c.purchaseDays]));
    const known = new Set(calibrated.map((h) => h.key));
    const newcomers = after.customers.filter((c) => !known.has(c.customer)).length;
    const period = { from: opts.holdoutFrom, to: range.last, length: daysBetween(calibrationEnd, range.last) / UNIT_DAYS[opts.unit] };
    result = clvFromSummary(summary.customers, params, params.model === 'auto' ? chooseByHoldout(actual, period) : undefined);
    warnings.push(...result.warnings);
    if (newcomers > 0) warnings.push(`${formatInt(newcomers)} customers who first bought in the holdout are not compared (the model predicts the calibration customers)`);
    holdout = holdoutCheck(calibrated, result.purchase.predict, actual, period);
  } else {
    result = clvFromSummary(summary.customers, params);
    warnings.push(...result.warnings);
  }
  const newCustomer = opts.newCustomer ? newCustomerValue(result, calibrated) : null;
  const intervals = opts.intervals ? bootstrap(calibrated, result, opts.intervals.replicates, opts.intervals.seed) : null;
  if (intervals && intervals.failed > 0) warnings.push(`${intervals.failed} of ${intervals.replicates} bootstrap resamples could not be fitted and are left out of the intervals`);
  const counts = !opts.diagnostics ? null : periodCounts(calibrated, (t, n) => result.purchase.predict.countProbabilities(t, n), HOLDOUT_GROUPS);
  const tracked = !opts.diagnostics ? null : await trackingOf(source, result, calibrated, { from, calibrationEnd, last: range.last, holdoutFrom: opts.holdoutFrom, windowFrom: opts.from });
  return { result, holdout, newCustomer, intervals, periodCounts: counts, tracking: tracked, window: { from, to: calibrationEnd }, warnings };
}
