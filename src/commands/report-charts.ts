/**
 * The report's format from --format or the --output extension (charts are drawn by the html
 * format, or written as files by md with --charts: src/formats/).
 */
import { UsageError } from '../kernel/errors.js';

export type ReportFormat = 'md' | 'json' | 'html' | 'table' | 'ndjson' | 'csv' | 'parquet' | 'xlsx';

/** `--output report.html` picks HTML unless --format says otherwise. */
export function reportFormat(opts: { json?: boolean; format: string; output?: string; charts?: string }, formatGiven: boolean): ReportFormat {
  const format: ReportFormat = opts.json ? 'json' : !formatGiven && opts.output !== undefined && /\.html?$/i.test(opts.output) ? 'html' : (opts.format as ReportFormat);
  if (opts.charts !== undefined && format !== 'md') throw new UsageError(`--charts writes SVG files for the Markdown report (--format md); the ${format === 'html' ? 'HTML report has its charts inline' : `${format === 'json' ? 'JSON' : format} report has no charts`}`);
  if (opts.charts !== undefined && opts.charts.trim() === '') throw new UsageError('--charts takes a folder, such as --charts charts');
  return format;
}
