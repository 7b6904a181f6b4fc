/**
 * The purchase model's diagnostics as the CLV libraries draw them (`segment clv --format html`):
 * customers by repeat purchases in the calibration period, actual against the model's expectation
 * (lifetimes' plot_period_transactions, FHL 2005 figure 3), and the repeat purchases over time,
 * cumulative and per week, actual against the model (plot_cumulative_transactions,
 * plot_incremental_transactions). Pure: model results in, chart specification out.
 */
import type { PeriodCountRow } from '../models/period-counts.js';
import type { Chart, NoChart } from './chart-types.js';
import { PALETTE } from './chart-style.js';
import { frequencyLabel, spec } from './clv-charts.js';
import { formatDecimal, formatInt, plural } from './format.js';

const SERIES = ['actual', 'model'];
const seriesColour = { field: 'series', type: 'nominal', title: null, sort: SERIES, scale: { domain: SERIES, range: [PALETTE.vermillion, PALETTE.blue] } };

/** `model`: the fitted model's name as the reading gives it, e.g. "BG/NBD". */
export function periodCountsChart(rows: readonly PeriodCountRow[] | null, model: string): Chart | NoChart {
  const id = 'clv-period-transactions';
  const title = 'Customers by repeat purchases in the calibration period, actual and expected';
  if (rows === null || rows.length === 0) return { id, title, why: 'no customers to count' };
  const customers = rows.reduce((s, r) => s + r.actual, 0);
  const gap = [...rows].sort((p, q) => Math.abs(q.actual - q.expected) - Math.abs(p.actual - p.expected) || p.x - q.x)[0]!;
  const none = rows[0]!;
  const reading = `Of ${plural(customers, 'customer')}, ${formatInt(none.actual)} made no repeat purchase (the ${model} expects ${formatDecimal(none.expected, 1)}); the largest gap is at ${frequencyLabel(gap)} repeat purchases: ${formatInt(gap.actual)} actual against ${formatDecimal(gap.expected, 1)} expected.`;
  const values = rows.flatMap((r) => [
    { x: frequencyLabel(r), series: 'actual', customers: r.actual },
    { x: frequencyLabel(r), series: 'model', customers: r.expected },
  ]);
  return {
    id,
    title,
    reading,
    alt: `Bar chart of the customers with 0, 1, … ${frequencyLabel(rows.at(-1)!)} repeat purchases in the calibration period: actual (first bar) beside the ${model}'s expectation at each customer's time since the first purchase (second bar). ${reading}`,
    spec: spec('Period transactions: actual against the model', {
      height: 240,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'x', type: 'ordinal', title: 'repeat purchases in the calibration period', sort: rows.map(frequencyLabel), axis: { labelAngle: 0 } },
        xOffset: { field: 'series', type: 'nominal', sort: SERIES },
        y: { field: 'customers', type: 'quantitative', title: 'customers' },
        color: seriesColour,
      },
    }),
    table: {
      head: ['repeat purchases in calibration', 'customers', `expected (${model})`],
      rows: rows.map((r) => [frequencyLabel(r), formatInt(r.actual), formatDecimal(r.expected, 1)]),
      align: ['left', 'right', 'right'],
    },
  };
}
