/**
 * From staged transactions to an analysis: the window, the engine's per-customer summary, and the
 * warnings a reader must see (a short window, transactions left out).
 */
import { UsageError } from '../errors.js';
import type { Engine } from '../engine/engine.js';
import type { ReadResult } from '../ingest/read.js';
import { noCustomerTransactions } from '../ingest/explain-empty.js';
import { resolveDates, type StaticParams } from '../commands/analysis-options.js';
import { spanWarning } from '../render/inspect.js';
import { formatInt, formatMoney } from '../render/format.js';
import { analyse, type Analysis } from './analysis.js';

export interface AnalysisRun {
  readonly analysis: Analysis;
  readonly warnings: string[];
  readonly excluded: { readonly afterTo: { rows: number; amount: number }; readonly beforeFrom: { rows: number; amount: number } };
}

export async function analyseTransactions(engine: Engine, read: ReadResult, params: StaticParams): Promise<AnalysisRun> {
  const range = await engine.dateRange();
  if (range.first === null) throw noCustomerTransactions(read.inputs);
  const dates = resolveDates(params, range.first, range.last);
  const summary = await engine.customerSummary({
    ...(params.from !== undefined ? { from: params.from } : {}),
    to: dates.windowEnd,
    asOf: dates.asOf,
    period: params.period,
    periodOrders: params.xyz.by === 'orders',
  });
  if (summary.customers.length === 0) throw new UsageError(`no transactions in the window ${dates.windowStart} to ${dates.windowEnd}`);
  if (params.abc.basis === 'margin' && summary.customers.every((c) => c.margin === null)) {
    throw new UsageError('--by margin needs a margin or a cost column in the input; name it with --margin COL or --cost COL');
  }
  const warnings = [...read.warnings];
  const span = spanWarning(dates.windowStart, dates.windowEnd);
  if (span) warnings.push(span);
  if (summary.afterTo.rows > 0) {
    warnings.push(`${formatInt(summary.afterTo.rows)} transactions after ${dates.windowEnd} (${formatMoney(summary.afterTo.amount)}) are left out`);
  }
  if (summary.beforeFrom.rows > 0) {
    warnings.push(`${formatInt(summary.beforeFrom.rows)} transactions before ${dates.windowStart} (${formatMoney(summary.beforeFrom.amount)}) are left out`);
  }
  const analysis = analyse(summary.customers, { ...params, ...dates });
  return { analysis, warnings, excluded: { afterTo: summary.afterTo, beforeFrom: summary.beforeFrom } };
}
