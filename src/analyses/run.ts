/**
 * From staged transactions to an analysis: the window, the engine's per-customer summary, and the
 * warnings a reader must see (a short window, transactions left out).
 */
import { UsageError } from '../kernel/errors.js';
import type { Source } from '../sources/source.js';
import type { ReadResult } from '../sources/files/read.js';
import { noCustomerTransactions } from '../sources/files/explain-empty.js';
import { resolveDates, spanWarning, type StaticParams } from './window.js';
import { formatInt, formatMoney, plural } from '../kernel/text.js';
import { analyse, type Analysis } from './analysis.js';
import { daysBetween } from './stats.js';

export interface AnalysisRun {
  readonly analysis: Analysis;
  readonly warnings: string[];
  readonly excluded: { readonly afterTo: { rows: number; amount: number }; readonly beforeFrom: { rows: number; amount: number } };
}

/** An as-of date this many days past the last transaction is worth a word: the export looks old. */
export const STALE_AS_OF_DAYS = 90;

/**
 * `--as-of today` (cron) on an export that stopped long ago makes every customer look lapsed and
 * the report still reads as normal; say so, naming both dates. Null when no as-of date was given.
 */
export function staleAsOfWarning(asOfOption: string | undefined, last: string | null): string | null {
  if (asOfOption === undefined || last === null) return null;
  const gap = daysBetween(last, asOfOption);
  if (gap <= STALE_AS_OF_DAYS) return null;
  return `the as-of date ${asOfOption} is ${formatInt(gap)} days after the last transaction (${last}): every recency is at least ${formatInt(gap)} days and most customers will look lapsed; is the export up to date? (pass --as-of ${last}, or leave it out, to measure from the data)`;
}

export async function analyseTransactions(source: Source, read: ReadResult, params: StaticParams): Promise<AnalysisRun> {
  const range = await source.dateRange();
  if (range.first === null) throw noCustomerTransactions(read.inputs);
  const dates = resolveDates(params, range.first, range.last);
  const summary = await source.customerColumns({
    ...(params.from !== undefined ? { from: params.from } : {}),
    to: dates.windowEnd,
    asOf: dates.asOf,
    period: params.period,
    periodOrders: params.xyz.by === 'orders',
  });
  if (summary.columns.length === 0) throw new UsageError(`no transactions in the window ${dates.windowStart} to ${dates.windowEnd}`);
  if (params.abc.basis === 'margin' && summary.columns.margin === null) {
    throw new UsageError('--by margin needs a margin or a cost column in the input; name it with --margin COL or --cost COL');
  }
  const warnings = [...read.warnings];
  const stale = staleAsOfWarning(params.asOfOption, range.last);
  if (stale) warnings.push(stale);
  const span = spanWarning(dates.windowStart, dates.windowEnd);
  if (span) warnings.push(span);
  if (summary.afterTo.rows > 0) {
    warnings.push(`${plural(summary.afterTo.rows, 'transaction')} after ${dates.windowEnd} (${formatMoney(summary.afterTo.amount)}) ${summary.afterTo.rows === 1 ? 'is' : 'are'} left out`);
  }
  if (summary.beforeFrom.rows > 0) {
    warnings.push(`${plural(summary.beforeFrom.rows, 'transaction')} before ${dates.windowStart} (${formatMoney(summary.beforeFrom.amount)}) ${summary.beforeFrom.rows === 1 ? 'is' : 'are'} left out`);
  }
  const analysis = analyse(summary.columns, { ...params, ...dates });
  return { analysis, warnings, excluded: { afterTo: summary.afterTo, beforeFrom: summary.beforeFrom } };
}
