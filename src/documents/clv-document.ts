/**
 * The Document of `segment clv`, with its charts: P(alive) over frequency × recency, customers by
 * repeat purchases against the model (period transactions), repeat purchases over time against the
 * model (tracking, cumulative and weekly) and, with --holdout-from, predicted against actual
 * purchases in the holdout. The chart modules are imported when the charts are asked for.
 */
import type { ClvRun } from '../analyses/clv-run.js';
import type { PlacedChart } from './chart-specs.js';
import { clvBlocks, clvJson, clvRows } from './clv.js';
import type { Document } from './document.js';

async function clvCharts(run: ClvRun): Promise<PlacedChart[]> {
  const { holdoutChart, pAliveChart } = await import('./clv-charts.js');
  const { periodCountsChart, trackingCharts } = await import('./clv-diagnostic-charts.js');
  const { fittedModelName } = await import('./clv.js');
  const model = fittedModelName(run.result.purchase);
  const charts = [
    { id: 'clv-p-alive', section: /^Customers by predicted value/, chart: pAliveChart(run.result.customers, run.result.params.unit) },
    { id: 'clv-period-transactions', section: /^Diagnostics/, chart: periodCountsChart(run.periodCounts, model) },
    ...trackingCharts(run.tracking, model).map((chart) => ({ id: chart.id, section: /^Diagnostics/, chart })),
    // Without a holdout the chart says why beside the models; with one, it closes the holdout section.
    { id: 'clv-holdout', section: run.holdout ? /^Holdout/ : /^Models/, chart: holdoutChart(run.holdout) },
  ];
  return charts.map(({ id, section, chart }) => ({ def: { id, section, build: () => chart }, chart }));
}

export function clvDocument(run: ClvRun): Document {
  return {
    command: 'clv',
    title: 'Predicted customer value',
    date: run.result.params.asOf,
    blocks: (t) => clvBlocks(run, t.top),
    json: (s) => clvJson(run, s.top),
    rows: (s) => clvRows(run, s.top),
    charts: () => clvCharts(run),
  };
}
