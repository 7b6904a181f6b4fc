/**
 * `segment clv --format html`: the command's blocks with its charts: P(alive) over frequency ×
 * recency, customers by repeat purchases against the model (period transactions), repeat
 * purchases over time against the model (tracking, cumulative and weekly) and, with
 * --holdout-from, predicted against actual purchases in the holdout. The charting modules are imported lazily: the other formats never load vega.
 */
import type { ClvRun } from '../analysis/clv-run.js';
import type { Block } from '../documents/blocks.js';

export async function clvHtml(run: ClvRun, blocks: readonly Block[]): Promise<string> {
  const { holdoutChart, pAliveChart } = await import('../documents/clv-charts.js');
  const { periodCountsChart, trackingCharts } = await import('../documents/clv-diagnostic-charts.js');
  const { fittedModelName } = await import('../documents/clv.js');
  const { isChart } = await import('../documents/chart-specs.js');
  const { renderSvgs } = await import('../formats/chart-svg.js');
  const { renderHtml } = await import('../formats/html-page.js');
  const model = fittedModelName(run.result.purchase);
  const charts = [
    { id: 'clv-p-alive', section: /^Customers by predicted value/, chart: pAliveChart(run.result.customers, run.result.params.unit) },
    { id: 'clv-period-transactions', section: /^Diagnostics/, chart: periodCountsChart(run.periodCounts, model) },
    ...trackingCharts(run.tracking, model).map((chart) => ({ id: chart.id, section: /^Diagnostics/, chart })),
    // Without a holdout the chart says why beside the models; with one, it closes the holdout section.
    { id: 'clv-holdout', section: run.holdout ? /^Holdout/ : /^Models/, chart: holdoutChart(run.holdout) },
  ];
  const placed = charts.map(({ id, section, chart }) => ({ def: { id, section, build: () => chart }, chart }));
  const drawable = placed.map((p) => p.chart).filter(isChart);
  const svgs = await renderSvgs(drawable);
  const drawn = placed.map((p) => ({ ...p, svg: isChart(p.chart) ? svgs[drawable.indexOf(p.chart)] : undefined }));
  return renderHtml('Predicted customer value', blocks, drawn);
}
