/**
 * The report's format from --format or the --output extension, and the engine's monthly sums for
 * its charts (drawn by the html format, or written as files by md with --charts: src/formats/).
 */
import type { Analysis } from '../analysis/analysis.js';
import { tableOf } from '../analysis/customer-table.js';
import type { MonthRevenue } from '../analysis/monthly.js';
import type { Engine } from '../engine/engine.js';
import { UsageError } from '../errors.js';

export type ReportFormat = 'md' | 'json' | 'html' | 'table' | 'ndjson' | 'csv' | 'parquet' | 'xlsx';

/** `--output report.html` picks HTML unless --format says otherwise. */
export function reportFormat(opts: { json?: boolean; format: string; output?: string; charts?: string }, formatGiven: boolean): ReportFormat {
  const format: ReportFormat = opts.json ? 'json' : !formatGiven && opts.output !== undefined && /\.html?$/i.test(opts.output) ? 'html' : (opts.format as ReportFormat);
  if (opts.charts !== undefined && format !== 'md') throw new UsageError(`--charts writes SVG files for the Markdown report (--format md); the ${format === 'html' ? 'HTML report has its charts inline' : `${format === 'json' ? 'JSON' : format} report has no charts`}`);
  if (opts.charts !== undefined && opts.charts.trim() === '') throw new UsageError('--charts takes a folder, such as --charts charts');
  return format;
}

/** Monthly revenue of the ideal customers and the rest (keys as the engine has them: before pseudonyms). */
export async function monthlyRevenueOf(engine: Engine, analysis: Analysis): Promise<MonthRevenue[]> {
  const { monthlyRevenue } = await import('../analysis/monthly.js');
  const p = analysis.params;
  const table = tableOf(analysis);
  const ideal = table.ideal().map((i) => table.key(i));
  const periods = await engine.revenueByPeriod({ from: p.windowStart, to: p.windowEnd, period: 'month' }, ideal);
  return monthlyRevenue(periods, p.windowStart, p.windowEnd);
}
