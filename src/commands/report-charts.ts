/**
 * The report's HTML format and its charts: the format from --format or the --output extension,
 * the engine's monthly sums for the charts, drawing them, and writing the SVG files of --charts.
 * The charting modules are imported here lazily: the Markdown and JSON reports never load vega.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Analysis } from '../analysis/analysis.js';
import { tableOf } from '../analysis/customer-table.js';
import type { MonthRevenue } from '../analysis/monthly.js';
import type { ReportModel } from '../analysis/report.js';
import type { Engine } from '../engine/engine.js';
import type { Block } from '../render/blocks.js';
import { UsageError } from '../errors.js';

export type ReportFormat = 'md' | 'json' | 'html';

/** `--output report.html` picks HTML unless --format says otherwise. */
export function reportFormat(opts: { json?: boolean; format: string; output?: string; charts?: string }, formatGiven: boolean): ReportFormat {
  const format: ReportFormat = opts.json ? 'json' : !formatGiven && opts.output !== undefined && /\.html?$/i.test(opts.output) ? 'html' : (opts.format as ReportFormat);
  if (opts.charts !== undefined && format !== 'md') throw new UsageError(`--charts writes SVG files for the Markdown report (--format md); the ${format === 'html' ? 'HTML report has its charts inline' : 'JSON report has no charts'}`);
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

async function drawCharts(model: ReportModel, monthly: readonly MonthRevenue[]) {
  const { buildCharts, isChart } = await import('../render/chart-specs.js');
  const { renderSvgs } = await import('../render/chart-svg.js');
  const placed = buildCharts({ model, monthly });
  const drawable = placed.map((p) => p.chart).filter(isChart);
  const svgs = await renderSvgs(drawable);
  const svgOf = new Map(drawable.map((c, i) => [c, svgs[i]!]));
  return placed.map((p) => ({ ...p, svg: isChart(p.chart) ? svgOf.get(p.chart) : undefined }));
}

export async function reportHtml(model: ReportModel, monthly: readonly MonthRevenue[], blocks: readonly Block[]): Promise<string> {
  const charts = await drawCharts(model, monthly);
  const { renderHtml } = await import('../render/html.js');
  return renderHtml('Ideal-customer report', blocks, charts);
}

/** Writes the charts into `dir` and gives the Markdown that links them (relative to --output, if any). */
export async function markdownWithCharts(model: ReportModel, monthly: readonly MonthRevenue[], blocks: readonly Block[], dir: string, output: string | undefined): Promise<string> {
  const charts = await drawCharts(model, monthly);
  const { blocksWithCharts, chartFileName } = await import('../render/markdown-charts.js');
  const { renderMarkdown } = await import('../render/blocks.js');
  const { writeFileAtomically } = await import('../output.js');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`--charts ${dir}: cannot create the folder: ${(err as Error).message}`);
  }
  charts.forEach((c, i) => {
    if (c.svg !== undefined) writeFileAtomically(join(dir, chartFileName(c.def.id, i)), [c.svg], '--charts');
  });
  const base = output === undefined || output === '-' ? process.cwd() : dirname(resolve(output));
  const link = (file: string) => relative(base, resolve(dir, file)).split(sep).join('/');
  return renderMarkdown(blocksWithCharts(blocks, charts, link));
}
