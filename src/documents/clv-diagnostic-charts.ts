/**
 * The purchase model's diagnostics as the CLV libraries draw them (`segment clv --format html`):
 * customers by repeat purchases in the calibration period, actual against the model's expectation
 * (lifetimes' plot_period_transactions, FHL 2005 figure 3), and the repeat purchases over time,
 * cumulative and per week, actual against the model (plot_cumulative_transactions,
 * plot_incremental_transactions). Pure: model results in, chart specification out.
 */
import type { PeriodCountRow } from '../analyses/models/period-counts.js';
import type { TrackingResult, TrackingWeek } from '../analyses/models/tracking.js';
import type { Chart, NoChart } from './chart-types.js';
import { PALETTE } from './chart-style.js';
import { frequencyLabel, spec } from './clv-charts.js';
import { formatDecimal, formatInt, formatShare, plural } from './format.js';

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

/** Actual and model totals over the weeks `pick` keeps. */
function totals(weeks: readonly TrackingWeek[], pick: (w: TrackingWeek) => boolean): { actual: number; expected: number; weeks: number } {
  const kept = weeks.filter(pick);
  return { actual: kept.reduce((s, w) => s + w.actual, 0), expected: kept.reduce((s, w) => s + w.expected, 0), weeks: kept.length };
}

const share = (expected: number, actual: number): string => (actual > 0 ? ` (${formatShare(expected / actual)} of actual)` : '');

/** Lines of actual (solid) and model (dashed) by week end, and a rule where the holdout starts. */
function trackingSpec(description: string, t: TrackingResult, title: string, pairs: readonly ['actual' | 'actualCumulative', 'expected' | 'expectedCumulative']) {
  const values = t.weeks.flatMap((w) => [
    { end: w.end, series: 'actual', purchases: w[pairs[0]] },
    { end: w.end, series: 'model', purchases: w[pairs[1]] },
  ]);
  const lines = {
    data: { values },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: { field: 'end', type: 'temporal', title: 'week ending', axis: { format: '%Y-%m' } },
      y: { field: 'purchases', type: 'quantitative', title },
      color: seriesColour,
      strokeDash: { field: 'series', type: 'nominal', title: null, sort: SERIES, scale: { domain: SERIES, range: [[1, 0], [5, 3]] } },
    },
  };
  const rule = t.holdoutFrom === null ? [] : [{ data: { values: [{ at: t.holdoutFrom, label: 'holdout' }] }, layer: [
    { mark: { type: 'rule', color: PALETTE.grey, strokeDash: [2, 2] }, encoding: { x: { field: 'at', type: 'temporal' } } },
    { mark: { type: 'text', align: 'left', dx: 4, dy: -4, baseline: 'top', color: PALETTE.grey }, encoding: { x: { field: 'at', type: 'temporal' }, y: { value: 0 }, text: { field: 'label' } } },
  ] }];
  return spec(description, { height: 220, layer: [lines, ...rule] });
}

function trackingTable(t: TrackingResult, cumulative: boolean) {
  return {
    head: ['week', 'period', 'actual', 'model'],
    rows: t.weeks.map((w) => [`${w.start} to ${w.end}`, w.holdout ? 'holdout' : 'calibration', formatInt(cumulative ? w.actualCumulative : w.actual), formatDecimal(cumulative ? w.expectedCumulative : w.expected, 1)]),
    align: ['left', 'left', 'right', 'right'] as const,
  };
}

/** The tracking charts: cumulative repeat purchases, then per week; `model` as for periodCountsChart. */
export function trackingCharts(t: TrackingResult | null, model: string): [Chart | NoChart, Chart | NoChart] {
  const cumulative = { id: 'clv-tracking-cumulative', title: 'Cumulative repeat purchases, actual and expected' };
  const weekly = { id: 'clv-tracking-weekly', title: 'Repeat purchases per week, actual and expected' };
  if (t === null || t.weeks.length === 0) return [{ ...cumulative, why: 'no weeks to track' }, { ...weekly, why: 'no weeks to track' }];
  const last = t.weeks.at(-1)!;
  const calibration = totals(t.weeks, (w) => !w.holdout);
  const holdout = totals(t.weeks, (w) => w.holdout);
  const inHoldout = t.holdoutFrom === null ? ' (no holdout: --holdout-from DATE tracks after the calibration too)' : `; in the holdout from ${t.holdoutFrom}: actual ${formatInt(holdout.actual)}, the ${model} ${formatDecimal(holdout.expected, 1)}${share(holdout.expected, holdout.actual)}`;
  const cumulativeReading = `By ${last.end} the calibration customers made ${formatInt(last.actualCumulative)} repeat purchases; the ${model} expected ${formatDecimal(last.expectedCumulative, 1)}${share(last.expectedCumulative, last.actualCumulative)}${inHoldout}.`;
  const mean = (x: { actual: number; expected: number; weeks: number }, what: string): string => `${what} actual ${formatDecimal(x.actual / Math.max(x.weeks, 1), 1)}, expected ${formatDecimal(x.expected / Math.max(x.weeks, 1), 1)}`;
  const weeklyReading = `Mean repeat purchases per week: ${mean(calibration, `calibration (${plural(calibration.weeks, 'week')})`)}${holdout.weeks > 0 ? `; ${mean(holdout, `holdout (${plural(holdout.weeks, 'week')})`)}` : ''}. The first and last weeks can be shorter.`;
  const what = (kind: string, reading: string): string => `Line chart of the ${kind} repeat purchases of the calibration customers, week by week from ${t.from} to ${t.to}: actual (solid) against the ${model} (dashed)${t.holdoutFrom === null ? '' : `, a dotted rule where the holdout starts (${t.holdoutFrom})`}. ${reading}`;
  return [
    { ...cumulative, reading: cumulativeReading, alt: what('cumulative', cumulativeReading), spec: trackingSpec('Tracking: cumulative repeat purchases', t, 'cumulative repeat purchases', ['actualCumulative', 'expectedCumulative']), table: trackingTable(t, true) },
    { ...weekly, reading: weeklyReading, alt: what('weekly', weeklyReading), spec: trackingSpec('Tracking: repeat purchases per week', t, 'repeat purchases per week', ['actual', 'expected']), table: trackingTable(t, false) },
  ];
}
