/**
 * The report's charts as Vega-Lite specifications. Pure: report model in, specification out, with
 * the chart's title, its one-line reading, a text alternative and the numbers behind it. Drawing
 * them (vega) is src/formats/chart-svg.ts; placing them in a document is the HTML and Markdown code.
 *
 * Extension point: a later section adds a `ChartDef` to `REPORT_CHARTS` (or passes its own list),
 * naming the report section it belongs to; whatever else it needs goes into `ChartInput`.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MonthRevenue } from '../analyses/monthly.js';
import type { ReportModel } from '../analyses/report.js';
import { CHART_CONFIG, CHART_WIDTH, HEAT_SCHEME, PALETTE } from './chart-style.js';
import type { Chart, NoChart } from './chart-types.js';
import { pAliveChart } from './clv-charts.js';
import { formatInt, formatMoney, formatShare, plural } from './format.js';
import { replaceControls } from '../kernel/text.js';

/** What the charts are drawn from: the report model, and what the engine summed for them. */
export interface ChartInput {
  readonly model: ReportModel;
  /** Revenue per month of the ideal customers and the rest; null when not asked of the engine. */
  readonly monthly: readonly MonthRevenue[] | null;
}

export type { Chart, ChartTable, NoChart } from './chart-types.js';

export interface ChartDef {
  readonly id: string;
  /** The report section (its level-2 heading, without the number) the chart is shown at the end of. */
  readonly section: RegExp;
  readonly build: (input: ChartInput) => Chart | NoChart;
  /** Whether the document has the chart at all (e.g. only with an option); default: always. */
  readonly applies?: (input: ChartInput) => boolean;
}

export function isChart(c: Chart | NoChart): c is Chart {
  return 'spec' in c;
}

// Bidirectional overrides and control characters from the data would garble a chart's text.
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A value from the data as a label in a drawing (vega escapes it as SVG text). */
export function label(value: string): string {
  return replaceControls(value, () => '').replace(BIDI, '');
}

function spec(description: string, body: Record<string, unknown>): TopLevelSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description, config: CHART_CONFIG, width: CHART_WIDTH, ...body } as TopLevelSpec;
}

/** The Pareto curve from the Lorenz points (which run from the smallest customer): top share → value share. */
function paretoPoints(m: ReportModel): { customers: number; revenue: number }[] {
  return [...m.analysis.pareto.lorenz].reverse().map((p) => ({ customers: 1 - p.customerShare, revenue: 1 - p.valueShare }));
}

export function paretoChart(input: ChartInput): Chart {
  const p = input.model.analysis.pareto;
  const n = Math.max(p.customers, 1);
  const points = paretoPoints(input.model);
  const measured = [
    { customers: p.ideal.customers / n, revenue: p.ideal.share, label: `top ${formatShare(p.ideal.fraction, 0)}: ${formatShare(p.ideal.share)}` },
    { customers: p.elite.customers / n, revenue: p.elite.share, label: `top ${formatShare(p.elite.fraction, 0)}: ${formatShare(p.elite.share)}` },
  ];
  const thumb = [
    { customers: 0.2, revenue: 0.8, label: 'rule of thumb 80%' },
    { customers: 0.04, revenue: 0.64, label: 'rule of thumb 64%' },
  ];
  const x = { field: 'customers', type: 'quantitative', title: 'share of customers, largest first', axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const y = { field: 'revenue', type: 'quantitative', title: 'share of revenue', axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const reading = `The top ${formatShare(p.ideal.fraction, 0)} bring ${formatShare(p.ideal.share)} (rule of thumb: 80%); the top ${formatShare(p.elite.fraction, 0)} bring ${formatShare(p.elite.share)} (rule of thumb: 64%).`;
  // Labels on a white halo, so that the curve crossing one cannot hide it.
  const labels = (values: readonly object[], mark: Record<string, unknown>) => [
    { data: { values }, mark: { type: 'text', ...mark, color: 'white', stroke: 'white', strokeWidth: 4, strokeJoin: 'round' }, encoding: { x, y, text: { field: 'label' } } },
    { data: { values }, mark: { type: 'text', ...mark }, encoding: { x, y, text: { field: 'label' } } },
  ];
  const shown = [1, 2, 4, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  return {
    id: 'pareto',
    title: 'Concentration of revenue (Pareto curve)',
    reading,
    alt: `Pareto curve of revenue over ${plural(p.customers, 'customer')}, largest first. ${reading} Gini coefficient ${p.gini.toFixed(2)}.`,
    spec: spec('Pareto curve of revenue over customers', {
      height: 300,
      layer: [
        { data: { values: [{ customers: 0, revenue: 0 }, { customers: 1, revenue: 1 }] }, mark: { type: 'line', color: PALETTE.grey, strokeDash: [4, 4] }, encoding: { x, y } },
        { data: { values: points }, mark: { type: 'line', color: PALETTE.blue, strokeWidth: 2 }, encoding: { x, y } },
        { data: { values: thumb }, mark: { type: 'point', shape: 'diamond', size: 80, filled: false, color: PALETTE.vermillion, strokeWidth: 2 }, encoding: { x, y } },
        ...labels(thumb, { align: 'left', dx: 8, dy: 14, color: PALETTE.vermillion }),
        { data: { values: measured }, mark: { type: 'point', shape: 'circle', size: 70, filled: true, color: PALETTE.blue }, encoding: { x, y } },
        ...labels(measured, { align: 'left', dx: 9, dy: 0, baseline: 'middle', fontWeight: 'bold', color: PALETTE.blue }),
      ],
    }),
    table: {
      head: ['top customers', 'customers', 'share of revenue'],
      rows: shown.map((k) => [`${k}%`, formatInt(Math.round((k / 100) * p.customers)), formatShare(points[k]?.revenue ?? 1)]),
      align: ['right', 'right', 'right'],
    },
  };
}

export function abcXyzChart(input: ChartInput): Chart {
  const a = input.model.analysis;
  const cells = a.matrix.map((c) => ({
    abc: c.abcClass,
    xyz: c.xyzClass ?? '–',
    share: c.valueShare,
    customersText: plural(c.customers, 'customer'),
    shareText: formatShare(c.valueShare),
  }));
  const top = [...a.matrix].sort((p, q) => q.valueShare - p.valueShare)[0];
  const reading = top ? `${top.abcClass}${top.xyzClass ?? '–'}: ${plural(top.customers, 'customer')} bring ${formatShare(top.valueShare)} of revenue, the most of any cell.` : 'No customers.';
  const max = Math.max(0, ...a.matrix.map((c) => c.valueShare));
  const text = (field: string, dy: number) => ({
    mark: { type: 'text', dy, fontSize: 12 },
    encoding: { text: { field }, color: { condition: { test: `datum.share > ${max / 2}`, value: 'white' }, value: PALETTE.ink } },
  });
  return {
    id: 'abc-xyz',
    title: 'ABC×XYZ: customers and share of revenue per cell',
    reading,
    alt: `Heatmap of the ABC×XYZ matrix, classes A to C by ${a.xyz.enabled ? 'X to Z' : 'no XYZ class'}; darker cells bring more revenue. ${reading}`,
    spec: spec('ABC×XYZ heatmap', {
      height: 240,
      data: { values: cells },
      encoding: {
        x: { field: 'xyz', type: 'ordinal', title: a.xyz.enabled ? 'XYZ: regularity (X most regular)' : 'XYZ: not measured', sort: ['X', 'Y', 'Z', '–'], axis: { labelAngle: 0, orient: 'top' } },
        y: { field: 'abc', type: 'ordinal', title: 'ABC: value', sort: ['A', 'B', 'C'] },
      },
      layer: [
        { mark: { type: 'rect', stroke: 'white', strokeWidth: 2 }, encoding: { color: { field: 'share', type: 'quantitative', title: 'share of revenue', scale: { scheme: HEAT_SCHEME, domainMin: 0 }, legend: { format: '.0%' } } } },
        text('customersText', -8),
        text('shareText', 10),
      ],
    }),
    table: {
      head: ['cell', 'customers', '% customers', 'revenue', '% revenue'],
      rows: a.matrix.map((c) => [`${c.abcClass}${c.xyzClass ?? '–'}`, formatInt(c.customers), formatShare(c.customerShare), formatMoney(c.value), formatShare(c.valueShare)]),
      align: ['left', 'right', 'right', 'right', 'right'],
    },
  };
}

export function recencyFrequencyChart(input: ChartInput): Chart | NoChart {
  const a = input.model.analysis;
  const title = 'R×F: customers and mean monetary value per recency and frequency score';
  if (!a.rfm.f) return { id: 'rfm-heatmap', title, why: `frequency is not scored (${a.oneOff.reason ?? 'one-off purchases'})` };
  const avg = a.params.rfm.monetary === 'avg';
  const monetary = avg ? 'mean average check' : 'mean revenue';
  const cells = new Map<string, { r: number; f: number; customers: number; total: number }>();
  for (const c of a.customers) {
    if (c.f === null) continue;
    const key = `${c.r}:${c.f}`;
    const cell = cells.get(key) ?? { r: c.r, f: c.f, customers: 0, total: 0 };
    cell.customers += 1;
    cell.total += avg ? (c.avgCheck ?? 0) : c.revenue;
    cells.set(key, cell);
  }
  const rows = [...cells.values()].sort((p, q) => q.r - p.r || q.f - p.f).map((c) => ({ ...c, mean: c.total / c.customers }));
  const best = [...rows].sort((p, q) => q.mean - p.mean)[0];
  const reading = best ? `R${best.r} F${best.f} has the highest ${monetary}: ${formatMoney(best.mean)} over ${plural(best.customers, 'customer')}.` : 'No customers.';
  const max = Math.max(0, ...rows.map((r) => r.mean));
  const scores = Array.from({ length: a.params.rfm.bins }, (_, i) => i + 1);
  return {
    id: 'rfm-heatmap',
    title,
    reading,
    alt: `Heatmap of recency score (1 to ${a.params.rfm.bins}, ${a.params.rfm.bins} most recent) against frequency score; each cell gives its customers, darker cells a higher ${monetary}. ${reading}`,
    spec: spec('Recency × frequency heatmap', {
      height: 260,
      data: { values: rows.map((r) => ({ r: r.r, f: r.f, mean: r.mean, customersText: formatInt(r.customers) })) },
      encoding: {
        x: { field: 'r', type: 'ordinal', title: 'recency score (higher: more recent)', scale: { domain: scores }, axis: { labelAngle: 0 } },
        y: { field: 'f', type: 'ordinal', title: 'frequency score', scale: { domain: [...scores].reverse() } },
      },
      layer: [
        { mark: { type: 'rect', stroke: 'white', strokeWidth: 2 }, encoding: { color: { field: 'mean', type: 'quantitative', title: monetary, scale: { scheme: HEAT_SCHEME, domainMin: 0 }, legend: { format: ',.0f' } } } },
        { mark: { type: 'text', fontSize: 12 }, encoding: { text: { field: 'customersText' }, color: { condition: { test: `datum.mean > ${max / 2}`, value: 'white' }, value: PALETTE.ink } } },
      ],
    }),
    table: {
      head: ['R', 'F', 'customers', monetary],
      rows: rows.map((r) => [String(r.r), String(r.f), formatInt(r.customers), formatMoney(r.mean)]),
      align: ['right', 'right', 'right', 'right'],
    },
  };
}

export function segmentsChart(input: ChartInput): Chart {
  const segments = input.model.analysis.rfm.segments;
  const values = segments.flatMap((s) => [
    { segment: label(s.segment), measure: 'customers', share: s.customerShare },
    { segment: label(s.segment), measure: 'revenue', share: s.revenueShare },
  ]);
  const top = [...segments].sort((p, q) => q.revenueShare - p.revenueShare)[0];
  const reading = top ? `${top.segment}: ${formatShare(top.customerShare)} of customers bring ${formatShare(top.revenueShare)} of revenue.` : 'No segments.';
  return {
    id: 'rfm-segments',
    title: 'RFM segments: share of customers against share of revenue',
    reading,
    alt: `Bars for each of ${plural(segments.length, 'RFM segment')}: its share of customers beside its share of revenue. ${reading}`,
    spec: spec('RFM segments: customers against revenue', {
      height: { step: 12 },
      data: { values },
      encoding: {
        y: { field: 'segment', type: 'nominal', title: null, sort: segments.map((s) => label(s.segment)) },
        x: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '.0%' } },
        yOffset: { field: 'measure', sort: ['customers', 'revenue'] },
        color: { field: 'measure', type: 'nominal', title: null, sort: ['customers', 'revenue'], scale: { domain: ['customers', 'revenue'], range: [PALETTE.sky, PALETTE.vermillion] } },
      },
      mark: { type: 'bar' },
    }),
    table: {
      head: ['segment', 'customers', '% customers', 'revenue', '% revenue'],
      rows: segments.map((s) => [s.segment, formatInt(s.customers), formatShare(s.customerShare), formatMoney(s.revenue), formatShare(s.revenueShare)]),
      align: ['left', 'right', 'right', 'right', 'right'],
    },
  };
}

export function monthlyChart(input: ChartInput): Chart | NoChart {
  const title = 'Revenue per month: the ideal customers against the rest';
  const months = input.monthly;
  if (!months || months.length === 0) return { id: 'monthly', title, why: 'no monthly revenue was computed' };
  const ideal = months.reduce((s, m) => s + m.ideal, 0);
  const all = months.reduce((s, m) => s + m.ideal + m.rest, 0);
  const shares = months.filter((m) => m.ideal + m.rest > 0).map((m) => m.ideal / (m.ideal + m.rest));
  const range = shares.length > 0 ? `, ${formatShare(Math.min(...shares))} to ${formatShare(Math.max(...shares))} in a month` : '';
  const reading = `The ideal customers bring ${formatShare(all !== 0 ? ideal / all : 0)} of the revenue over ${plural(months.length, 'month')}${range}.`;
  const values = months.flatMap((m) => [
    { month: m.month, group: 'ideal customers', revenue: m.ideal },
    { month: m.month, group: 'the rest', revenue: m.rest },
  ]);
  // Month labels as text on an ordinal axis: no time zone can shift them. January and July are labelled.
  const labelled = months.map((m) => m.month).filter((m) => m.endsWith('-01') || m.endsWith('-07'));
  return {
    id: 'monthly',
    title,
    reading,
    alt: `Line chart of net revenue per month from ${months[0]!.month} to ${months[months.length - 1]!.month}, one line for the ideal customers and one for the rest. ${reading}`,
    spec: spec('Revenue per month of the ideal customers and the rest', {
      height: 240,
      data: { values },
      mark: { type: 'line', point: { size: 20 }, strokeWidth: 2 },
      encoding: {
        x: { field: 'month', type: 'ordinal', title: 'month', axis: { values: labelled, labelAngle: 0 } },
        y: { field: 'revenue', type: 'quantitative', title: 'net revenue', axis: { format: '~s' } },
        color: { field: 'group', type: 'nominal', title: null, sort: ['ideal customers', 'the rest'], scale: { domain: ['ideal customers', 'the rest'], range: [PALETTE.blue, PALETTE.orange] } },
        strokeDash: { field: 'group', type: 'nominal', title: null, sort: ['ideal customers', 'the rest'], scale: { domain: ['ideal customers', 'the rest'], range: [[1, 0], [5, 3]] } },
      },
    }),
    table: {
      head: ['month', 'ideal customers', 'the rest', 'ideal share'],
      rows: months.map((m) => [m.month, formatMoney(m.ideal), formatMoney(m.rest), m.ideal + m.rest > 0 ? formatShare(m.ideal / (m.ideal + m.rest)) : '–']),
      align: ['left', 'right', 'right', 'right'],
    },
  };
}

/** Most levels drawn in the portrait chart; the table lists them all. */
export const PORTRAIT_LEVELS = 30;

export function portraitChart(input: ChartInput): Chart | NoChart {
  const title = 'Portrait: lift of each attribute value among the ideal customers';
  const rows = input.model.portrait.attributes.flatMap((s) =>
    s.kind === 'categorical'
      ? s.levels.filter((l) => l.lift !== null).map((l) => ({ label: `${s.name}: ${l.value}`, lift: l.lift!, significant: l.significant, ideal: l.ideal.customers }))
      : s.ratio !== null ? [{ label: `${s.name} (median)`, lift: s.ratio, significant: s.significant, ideal: s.known.ideal }] : [],
  );
  if (rows.length === 0) return { id: 'portrait', title, why: 'no customer attributes with a lift' };
  // Beyond chance first, then the largest departures from 1 either way.
  const drawn = [...rows].sort((p, q) => Number(q.significant) - Number(p.significant) || Math.abs(Math.log(q.lift || 1e-9)) - Math.abs(Math.log(p.lift || 1e-9)) || (p.label < q.label ? -1 : 1)).slice(0, PORTRAIT_LEVELS).sort((p, q) => q.lift - p.lift || (p.label < q.label ? -1 : 1));
  const beyond = rows.filter((r) => r.significant).sort((p, q) => q.lift - p.lift);
  const reading =
    beyond.length > 0
      ? `Beyond chance: ${beyond.slice(0, 3).map((r) => `${r.label} (${r.lift.toFixed(1)}×)`).join(', ')}${beyond.length > 3 ? `, and ${beyond.length - 3} more` : ''}.`
      : 'No value differs beyond chance between the ideal customers and the rest; the lifts are descriptive.';
  const values = drawn.map((r) => ({ label: label(r.label), lift: r.lift, one: 1, mark: r.significant ? 'beyond chance' : 'within chance' }));
  const legend = ['beyond chance', 'within chance'];
  return {
    id: 'portrait',
    title,
    reading,
    alt: `Dot chart of the lift (share among the ideal ÷ share among all) of ${plural(drawn.length, 'attribute value')}${drawn.length < rows.length ? ` of ${formatInt(rows.length)}` : ''}; a line marks 1×, filled diamonds the values beyond chance. ${reading}`,
    spec: spec('Portrait: lift per attribute value', {
      height: { step: 16 },
      data: { values },
      encoding: { y: { field: 'label', type: 'nominal', title: null, sort: drawn.map((r) => label(r.label)), axis: { labelLimit: 260 } } },
      layer: [
        { mark: { type: 'rule', color: PALETTE.grey }, encoding: { x: { field: 'one', type: 'quantitative' }, x2: { field: 'lift' } } },
        {
          mark: { type: 'point', size: 70, strokeWidth: 2 },
          encoding: {
            x: { field: 'lift', type: 'quantitative', title: 'lift (×)', scale: { zero: true } },
            shape: { field: 'mark', type: 'nominal', title: null, scale: { domain: legend, range: ['diamond', 'circle'] } },
            color: { field: 'mark', type: 'nominal', title: null, scale: { domain: legend, range: [PALETTE.vermillion, PALETTE.blue] } },
            fill: { field: 'mark', type: 'nominal', title: null, scale: { domain: legend, range: [PALETTE.vermillion, 'white'] } },
          },
        },
      ],
    }),
    table: {
      head: ['attribute value', 'lift', 'ideal customers', 'beyond chance'],
      rows: [...rows].sort((p, q) => q.lift - p.lift || (p.label < q.label ? -1 : 1)).map((r) => [r.label, `${r.lift.toFixed(1)}×`, formatInt(r.ideal), r.significant ? 'yes' : '']),
      align: ['left', 'right', 'right', 'left'],
    },
  };
}

/** With --clv: P(alive) of every modelled customer over frequency × recency. */
export function reportPAliveChart(input: ChartInput): Chart | NoChart {
  const clv = input.model.clv;
  if (!clv?.result) return { id: 'clv-p-alive', title: 'P(alive) over frequency × recency', why: clv?.failure ?? 'no prediction (report --clv)' };
  return pAliveChart(clv.result.customers, clv.result.params.unit);
}

/** The report's charts in the order they appear, each at the end of its section. */
export const REPORT_CHARTS: readonly ChartDef[] = [
  { id: 'pareto', section: /^Headline/, build: paretoChart },
  { id: 'monthly', section: /^The ranked ideal customers/, build: monthlyChart },
  { id: 'abc-xyz', section: /^ABC×XYZ/, build: abcXyzChart },
  { id: 'rfm-heatmap', section: /^ABC×XYZ/, build: recencyFrequencyChart },
  { id: 'rfm-segments', section: /^ABC×XYZ/, build: segmentsChart },
  { id: 'portrait', section: /^Portrait/, build: portraitChart },
  { id: 'clv-p-alive', section: /^Predicted value/, build: reportPAliveChart, applies: (input) => input.model.clv !== undefined },
];

export interface PlacedChart {
  readonly def: ChartDef;
  readonly chart: Chart | NoChart;
}

export function buildCharts(input: ChartInput, defs: readonly ChartDef[] = REPORT_CHARTS): PlacedChart[] {
  return defs.filter((def) => def.applies?.(input) ?? true).map((def) => ({ def, chart: def.build(input) }));
}
