/**
 * The predicted-value charts (`report --clv`, `segment clv --format html`): P(alive) over
 * frequency × recency, as in Fader, Hardie & Lee's figure, and the holdout's predicted against
 * actual purchases. Pure: model results in, chart specification out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ClvCustomer } from '../analyses/models/clv.js';
import type { HoldoutResult } from '../analyses/models/holdout.js';
import type { Chart, NoChart } from './chart-types.js';
import { CHART_CONFIG, CHART_WIDTH, HEAT_SCHEME, PALETTE } from './chart-style.js';
import { formatDecimal, formatInt, formatShare, plural } from './format.js';

export function spec(description: string, body: Record<string, unknown>): TopLevelSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description, config: CHART_CONFIG, width: CHART_WIDTH, ...body } as TopLevelSpec;
}

/** Frequency rows of the heatmap: 1, 2, …, 6 repeat purchases, then 7 and more (as the holdout table). */
export const FREQUENCY_BUCKETS = 7;
/** At most this many recency columns. */
export const RECENCY_BUCKETS = 8;

/** The reading names the lowest cell of at least this many customers (any cell when none has). */
export const READING_MIN_CUSTOMERS = 10;

/** The smallest of 1, 2, 5 × 10^k at or above `span / buckets`: round bucket edges. */
export function niceWidth(span: number, buckets: number): number {
  if (!(span > 0)) return 1;
  const raw = span / buckets;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((w) => w >= raw * (1 - 1e-12))!;
}

export interface PAliveCell {
  /** Repeat purchases; the last row is "this many or more". */
  readonly x: number;
  readonly atLeast: boolean;
  /** t_x from `from` (inclusive) to `to` (exclusive; the last column includes its end). */
  readonly from: number;
  readonly to: number;
  readonly customers: number;
  readonly meanPAlive: number;
}

/**
 * Mean P(alive) of the repeat buyers per cell of repeat purchases (1 … 7+) × t_x (equal round
 * widths from 0). One-time buyers are left out (their t_x is 0; in the BG/NBD their P(alive) is 1
 * by design); their mean P(alive) is given beside.
 */
export function pAliveCells(customers: readonly Pick<ClvCustomer, 'x' | 'tx' | 'pAlive'>[]): { cells: PAliveCell[]; width: number; oneTime: number; oneTimeMeanPAlive: number | null } {
  const repeat = customers.filter((c) => c.x > 0);
  const maxTx = repeat.reduce((m, c) => Math.max(m, c.tx), 0);
  const width = niceWidth(maxTx, RECENCY_BUCKETS);
  const columns = Math.max(1, Math.ceil(maxTx / width - 1e-9));
  const sums = new Map<string, { x: number; column: number; customers: number; sum: number }>();
  for (const c of repeat) {
    const x = Math.min(c.x, FREQUENCY_BUCKETS);
    const column = Math.min(Math.floor(c.tx / width), columns - 1);
    const key = `${x}:${column}`;
    const cell = sums.get(key) ?? { x, column, customers: 0, sum: 0 };
    cell.customers++;
    cell.sum += c.pAlive;
    sums.set(key, cell);
  }
  const cells = [...sums.values()]
    .sort((p, q) => p.x - q.x || p.column - q.column)
    .map((c) => ({ x: c.x, atLeast: c.x === FREQUENCY_BUCKETS, from: c.column * width, to: (c.column + 1) * width, customers: c.customers, meanPAlive: c.sum / c.customers }));
  const oneTime = customers.length - repeat.length;
  const oneTimeSum = customers.reduce((sum, c) => sum + (c.x > 0 ? 0 : c.pAlive), 0);
  return { cells, width, oneTime, oneTimeMeanPAlive: oneTime > 0 ? oneTimeSum / oneTime : null };
}

export const frequencyLabel = (c: { x: number; atLeast: boolean }): string => `${c.x}${c.atLeast ? '+' : ''}`;
const number = (v: number): string => (Number.isInteger(v) ? formatInt(v) : String(Number(v.toPrecision(4))));
const rangeLabel = (c: { from: number; to: number }): string => `${number(c.from)}–${number(c.to)}`;

export function pAliveChart(customers: readonly Pick<ClvCustomer, 'x' | 'tx' | 'pAlive'>[], unit: string): Chart | NoChart {
  const id = 'clv-p-alive';
  const title = 'P(alive) over frequency × recency';
  const { cells, oneTime, oneTimeMeanPAlive } = pAliveCells(customers);
  if (cells.length === 0) return { id, title, why: 'no customer bought on more than one day' };
  // The lowest cell among those with enough customers to mean something, if there are any.
  const sizeable = cells.filter((c) => c.customers >= READING_MIN_CUSTOMERS);
  const lowest = [...(sizeable.length > 0 ? sizeable : cells)].sort((p, q) => p.meanPAlive - q.meanPAlive || q.customers - p.customers)[0]!;
  const reading = `Lowest: ${frequencyLabel(lowest)} repeat purchases with the last at ${rangeLabel(lowest)} ${unit}s after the first: mean P(alive) ${formatShare(lowest.meanPAlive)} over ${plural(lowest.customers, 'customer')}. Many purchases long ago mean probably gone; ${plural(oneTime, 'one-time buyer')}${oneTimeMeanPAlive === null ? '' : ` (mean P(alive) ${formatShare(oneTimeMeanPAlive)}; 100% by design in the BG/NBD)`} are not drawn.`;
  const rows = Array.from({ length: FREQUENCY_BUCKETS }, (_, i) => frequencyLabel({ x: i + 1, atLeast: i + 1 === FREQUENCY_BUCKETS }));
  const columns = [...new Set(cells.map(rangeLabel))];
  return {
    id,
    title,
    reading,
    alt: `Heatmap of mean P(alive) of ${plural(cells.reduce((s, c) => s + c.customers, 0), 'repeat buyer')}: rows are repeat purchases (1 to ${FREQUENCY_BUCKETS}+), columns the time of the last purchase after the first (t_x, in ${unit}s); darker cells are more likely alive, each cell gives its customers. ${reading}`,
    spec: spec('Mean P(alive) by repeat purchases and t_x', {
      height: 240,
      data: { values: cells.map((c) => ({ frequency: frequencyLabel(c), recency: rangeLabel(c), p: c.meanPAlive, customersText: formatInt(c.customers) })) },
      encoding: {
        x: { field: 'recency', type: 'ordinal', title: `t_x: last purchase after the first (${unit}s)`, sort: columns, axis: { labelAngle: 0 } },
        y: { field: 'frequency', type: 'ordinal', title: 'repeat purchases (x)', sort: [...rows].reverse() },
      },
      layer: [
        { mark: { type: 'rect', stroke: 'white', strokeWidth: 2 }, encoding: { color: { field: 'p', type: 'quantitative', title: 'mean P(alive)', scale: { scheme: HEAT_SCHEME, domain: [0, 1] }, legend: { format: '.0%' } } } },
        { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'customersText' }, color: { condition: { test: 'datum.p > 0.5', value: 'white' }, value: PALETTE.ink } } },
      ],
    }),
    table: {
      head: ['repeat purchases', `t_x (${unit}s)`, 'customers', 'mean P(alive)'],
      rows: cells.map((c) => [frequencyLabel(c), rangeLabel(c), formatInt(c.customers), formatShare(c.meanPAlive)]),
      align: ['right', 'right', 'right', 'right'],
    },
  };
}

const mean3 = (v: number): string => v.toFixed(3);

export function holdoutChart(holdout: HoldoutResult | null): Chart | NoChart {
  const id = 'clv-holdout';
  const title = 'Predicted against actual purchases in the holdout';
  if (holdout === null) return { id, title, why: 'no holdout was run (segment clv --holdout-from DATE fits before the date and compares after it)' };
  const rows = holdout.rows.filter((r) => r.customers > 0);
  if (rows.length === 0) return { id, title, why: 'no calibration customers to compare' };
  const ratio = holdout.actual > 0 ? holdout.predicted / holdout.actual : null;
  const reading = `${plural(holdout.customers, 'customer')} from ${holdout.from} to ${holdout.to}: predicted ${formatDecimal(holdout.predicted, 1)} purchase days, actual ${formatInt(holdout.actual)}${ratio === null ? '' : ` (${formatShare(ratio)} of actual)`}; mean absolute error ${formatDecimal(holdout.meanAbsoluteError, 3)} per customer.`;
  const series = ['predicted', 'actual'];
  const values = rows.flatMap((r) => [
    { x: frequencyLabel(r), series: 'predicted', mean: r.predictedMean },
    { x: frequencyLabel(r), series: 'actual', mean: r.actualMean },
  ]);
  return {
    id,
    title,
    reading,
    alt: `Line chart of the mean purchase days per customer in the holdout, predicted (solid) against actual (dashed), by repeat purchases in the calibration period, 0 to ${rows.at(-1)!.x}${rows.at(-1)!.atLeast ? '+' : ''}. ${reading}`,
    spec: spec('Holdout: predicted against actual purchases', {
      height: 240,
      data: { values },
      mark: { type: 'line', point: { size: 40 }, strokeWidth: 2 },
      encoding: {
        x: { field: 'x', type: 'ordinal', title: 'repeat purchases in the calibration period', sort: rows.map(frequencyLabel), axis: { labelAngle: 0 } },
        y: { field: 'mean', type: 'quantitative', title: 'mean purchase days in the holdout' },
        color: { field: 'series', type: 'nominal', title: null, sort: series, scale: { domain: series, range: [PALETTE.blue, PALETTE.vermillion] } },
        strokeDash: { field: 'series', type: 'nominal', title: null, sort: series, scale: { domain: series, range: [[1, 0], [5, 3]] } },
      },
    }),
    table: {
      head: ['repeat purchases in calibration', 'customers', 'predicted mean', 'actual mean'],
      rows: rows.map((r) => [frequencyLabel(r), formatInt(r.customers), mean3(r.predictedMean), mean3(r.actualMean)]),
      align: ['left', 'right', 'right', 'right'],
    },
  };
}
