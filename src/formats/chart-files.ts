/**
 * Charts drawn for a page or for files: vega is imported only here and in chart-svg.ts, and only
 * when a format with charts runs, so that Markdown, JSON and the tables never load it.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Block } from '../documents/blocks.js';
import type { Document } from '../documents/document.js';
import { UsageError } from '../kernel/errors.js';
import type { DrawnChart } from './html-page.js';

/** Each chart with its SVG (undefined for a chart that cannot be drawn, which says why). */
export async function drawCharts(doc: Document): Promise<DrawnChart[]> {
  const placed = doc.charts ? await doc.charts() : [];
  const { isChart } = await import('../documents/chart-specs.js');
  const drawable = placed.map((p) => p.chart).filter(isChart);
  const { renderSvgs } = await import('./chart-svg.js');
  const svgs = await renderSvgs(drawable);
  return placed.map((p) => ({ ...p, svg: isChart(p.chart) ? svgs[drawable.indexOf(p.chart)] : undefined }));
}

/** Writes the charts into `dir` and gives the Markdown that links them (relative to --output, if any). */
export async function markdownWithCharts(doc: Document, blocks: readonly Block[], dir: string, output: string | undefined): Promise<string> {
  const charts = await drawCharts(doc);
  const { blocksWithCharts, chartFileName } = await import('../documents/markdown-charts.js');
  const { renderMarkdown } = await import('./markdown.js');
  const { writeFileAtomically } = await import('../kernel/output.js');
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
