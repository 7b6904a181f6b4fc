/** The report's charts: each specification by hand (what goes in, what marks come out), placement, drawing. */
import { describe, expect, it } from 'vitest';
import { analyse, type AnalysisParams } from '../../../src/analyses/analysis.js';
import { monthlyRevenue } from '../../../src/analyses/monthly.js';
import { periodIndex } from '../../../src/analyses/periods.js';
import { buildReport, type ReportModel } from '../../../src/analyses/report.js';
import type { CustomerSummary } from '../../../src/sources/files/duckdb/engine.js';
import { heading, paragraph } from '../../../src/documents/blocks.js';
import { placeCharts, LEFTOVER_HEADING } from '../../../src/documents/chart-place.js';
import {
  abcXyzChart,
  buildCharts,
  isChart,
  label,
  monthlyChart,
  paretoChart,
  portraitChart,
  recencyFrequencyChart,
  REPORT_CHARTS,
  segmentsChart,
  type Chart,
  type ChartInput,
} from '../../../src/documents/chart-specs.js';
import { renderSvgs, renumberIds } from '../../../src/formats/chart-svg.js';
import { analysisParams } from '../../helpers/analysis-fixtures.js';

const PARAMS: AnalysisParams = analysisParams({ windowStart: '2024-01-01' });

// Ten customers; revenue 1,000 in all: the top 2 (20%) bring 700 (70%), the top one 500 (50%).
const REVENUE = [500, 200, 100, 80, 50, 30, 20, 10, 6, 4];

function summary(i: number, revenue: number, orders: number): CustomerSummary {
  const last = `2024-${String(12 - (i % 12)).padStart(2, '0')}-15`;
  return {
    customer: `k${i}`, name: `k${i}`, firstDate: '2024-01-05', lastDate: last, recencyDays: 16 + i * 30, tenureDays: 361, firstPeriod: periodIndex('2024-01-05', 'month'),
    orders, transactions: orders, revenue, refunds: 0, margin: null, quantity: null, activePeriods: 12, periodRevenueSum: revenue, periodRevenueSumSq: (revenue * revenue) / 12,
    periodOrdersSum: null, periodOrdersSumSq: null, invoicesDue: 0, invoicesOnTime: 0, daysLateSum: 0,
  };
}

function model(over: Partial<AnalysisParams> = {}, orders = (i: number) => 10 - i, industry?: Map<string, string>): ReportModel {
  const analysis = analyse(REVENUE.map((r, i) => summary(i, r, orders(i))), { ...PARAMS, ...over });
  return buildReport({ analysis, attributes: industry ? [{ name: 'industry', source: 'test', values: industry }] : [], accounts: null, picks: null });
}

const input = (m: ReportModel = model(), monthly: ChartInput['monthly'] = null): ChartInput => ({ model: m, monthly });

type Layer = { data?: { values: Record<string, unknown>[] }; mark: { type: string } };
const layers = (c: Chart) => (c.spec as unknown as { layer: Layer[] }).layer;
const values = (c: Chart) => (c.spec as unknown as { data: { values: Record<string, unknown>[] } }).data.values;

describe('chart specifications', () => {
  it('pareto: the curve from (0,0) to (1,1), the measured 20% and 4% points, and the rules of thumb', () => {
    const c = paretoChart(input());
    expect(c.reading).toBe('The top 20% bring 70.0% (rule of thumb: 80%); the top 4% bring 50.0% (rule of thumb: 64%).');
    const curve = layers(c)[1]!.data!.values;
    expect(curve[0]).toEqual({ customers: 0, revenue: 0 });
    expect(curve[curve.length - 1]).toEqual({ customers: 1, revenue: 1 });
    // The top 10% of customers (the first) hold 50%.
    expect(curve[10]!.customers).toBeCloseTo(0.1, 12);
    expect(curve[10]!.revenue).toBeCloseTo(0.5, 12);
    const marks = layers(c).map((l) => l.mark.type);
    expect(marks).toEqual(['line', 'line', 'point', 'text', 'text', 'point', 'text', 'text']);
    expect(layers(c)[2]!.data!.values.map((v) => [v.customers, v.revenue])).toEqual([[0.2, 0.8], [0.04, 0.64]]);
    // The elite is one customer of ten: drawn at 10%, where it really is.
    expect(layers(c)[5]!.data!.values.map((v) => [v.customers, v.revenue, v.label])).toEqual([[0.2, 0.7, 'top 20%: 70.0%'], [0.1, 0.5, 'top 4%: 50.0%']]);
    expect(c.table.rows.find((r) => r[0] === '20%')).toEqual(['20%', '2', '70.0%']);
  });

  it('abc-xyz: one rect per matrix cell, coloured by share of revenue, labelled with customers and share', () => {
    const m = model();
    const c = abcXyzChart(input(m));
    expect(values(c)).toHaveLength(m.analysis.matrix.length);
    const a = m.analysis.matrix.filter((x) => x.abcClass === 'A');
    // A: up to 80% of revenue, 500 + 200 + 100; all regular (the same revenue every month).
    expect(a.reduce((s, x) => s + x.customers, 0)).toBe(3);
    const ax = values(c).find((v) => v.abc === 'A' && v.xyz === 'X')!;
    expect(ax).toMatchObject({ customersText: '3 customers', shareText: '80.0%' });
    expect(layers(c).map((l) => l.mark.type)).toEqual(['rect', 'text', 'text']);
    expect(c.reading).toBe('AX: 3 customers bring 80.0% of revenue, the most of any cell.');
  });

  it('rfm-heatmap: customers and mean revenue per R and F score; none when frequency is not scored', () => {
    const m = model();
    const c = recencyFrequencyChart(input(m));
    if (!isChart(c)) throw new Error(c.why);
    const cells = values(c) as { r: number; f: number; mean: number; customersText: string }[];
    expect(cells.reduce((s, x) => s + Number(x.customersText), 0)).toBe(10);
    // Recency and frequency both fall with i: the most recent, most frequent pair are k0 and k1 (R5 F5).
    const top = cells.find((x) => x.r === 5 && x.f === 5)!;
    expect(top).toMatchObject({ customersText: '2', mean: 350 });
    expect(c.reading).toBe('R5 F5 has the highest mean revenue: 350.00 over 2 customers.');
    const oneOff = recencyFrequencyChart(input(model({ oneOff: { threshold: 0.8, forced: true } })));
    expect(isChart(oneOff)).toBe(false);
    expect(oneOff).toMatchObject({ id: 'rfm-heatmap', why: 'frequency is not scored (one-off purchases (--one-off))' });
  });

  it('rfm-segments: two bars per segment, share of customers and share of revenue, in the table order', () => {
    const m = model();
    const c = segmentsChart(input(m));
    const v = values(c);
    expect(v).toHaveLength(2 * m.analysis.rfm.segments.length);
    const s = m.analysis.rfm.segments[0]!;
    expect(v.slice(0, 2)).toEqual([{ segment: s.segment, measure: 'customers', share: s.customerShare }, { segment: s.segment, measure: 'revenue', share: s.revenueShare }]);
    expect((c.spec as unknown as { mark: { type: string } }).mark.type).toBe('bar');
    expect(v.reduce((sum, x) => sum + (x.measure === 'revenue' ? (x.share as number) : 0), 0)).toBeCloseTo(1, 12);
  });

  it('monthly: one line for the ideal customers and one for the rest; none without the sums', () => {
    const months = [
      { month: '2024-01', ideal: 70, rest: 30 },
      { month: '2024-02', ideal: 0, rest: 0 },
      { month: '2024-03', ideal: 30, rest: 70 },
    ];
    const c = monthlyChart(input(model(), months));
    if (!isChart(c)) throw new Error(c.why);
    expect(values(c)).toHaveLength(6);
    expect(values(c).slice(0, 2)).toEqual([{ month: '2024-01', group: 'ideal customers', revenue: 70 }, { month: '2024-01', group: 'the rest', revenue: 30 }]);
    expect(c.reading).toBe('The ideal customers bring 50.0% of the revenue over 3 months, 30.0% to 70.0% in a month.');
    expect(c.table.rows[1]).toEqual(['2024-02', '0.00', '0.00', '–']);
    expect(isChart(monthlyChart(input(model(), null)))).toBe(false);
  });

  it('portrait: a point per attribute value at its lift, filled where beyond chance', () => {
    const industry = new Map(REVENUE.map((_, i) => [`k${i}`, i < 2 || i === 5 ? 'Construction' : 'Retail']));
    const m = model({}, undefined, industry);
    const c = portraitChart(input(m));
    if (!isChart(c)) throw new Error(c.why);
    // Construction: 2 of 2 ideal, 3 of 10 in all: lift 1 ÷ 0.3; Retail: 0 of 2 ideal.
    const v = values(c);
    expect(v.map((x) => x.label)).toEqual(['industry: Construction', 'industry: Retail']);
    expect(v[0]!.lift).toBeCloseTo(1 / 0.3, 12);
    expect(v[1]!.lift).toBe(0);
    // Two ideal customers are below the minimum count: nothing is beyond chance.
    expect(v.map((x) => x.mark)).toEqual(['within chance', 'within chance']);
    expect(c.reading).toMatch(/^No value differs beyond chance/);
    expect(layers(c).map((l) => l.mark.type)).toEqual(['rule', 'point']);
    expect(isChart(portraitChart(input(model())))).toBe(false);
  });

  it('keeps bidirectional overrides and control characters out of a drawing', () => {
    expect(label('a\u202Eb\u0007c')).toBe('abc');
  });
});

describe('placing the charts', () => {
  it('puts each chart at the end of its section and an unknown section at the end', () => {
    const blocks = [heading('Report', 1), heading('2. Headline'), paragraph('x'), heading('3. Other'), paragraph('y')];
    const charts = buildCharts(input(), [REPORT_CHARTS[0]!, { id: 'later', section: /^Changes/, build: paretoChart }]);
    const placed = placeCharts(blocks, charts);
    expect(placed.map((p) => (p.kind === 'block' ? (p.block.kind === 'heading' ? p.block.text : p.block.kind) : `charts:${p.charts.map((c) => c.def.id).join(',')}`))).toEqual([
      'Report', '2. Headline', 'paragraph', 'charts:pareto', '3. Other', 'paragraph', LEFTOVER_HEADING, 'charts:later',
    ]);
  });
  it('fills the months without sales with zero', () => {
    const m = monthlyRevenue([{ period: periodIndex('2024-01-01', 'month'), all: 10, keys: 4 }, { period: periodIndex('2024-03-01', 'month'), all: 5, keys: 5 }], '2024-01-10', '2024-03-31');
    expect(m).toEqual([{ month: '2024-01', ideal: 4, rest: 6 }, { month: '2024-02', ideal: 0, rest: 0 }, { month: '2024-03', ideal: 5, rest: 0 }]);
    expect(monthlyRevenue([], '2024-05-01', '2024-05-31')).toEqual([{ month: '2024-05', ideal: 0, rest: 0 }]);
  });
});

describe('drawing', () => {
  it('renumbers ids in order under the prefix, with their references', () => {
    const svg = '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/><linearGradient id="g3"/><path fill="url(#g3)"/><use href="#g3"/></svg>';
    expect(renumberIds(svg, 'chart-x')).toBe('<svg><clipPath id="chart-x-1"><rect/></clipPath><g clip-path="url(#chart-x-1)"/><linearGradient id="chart-x-2"/><path fill="url(#chart-x-2)"/><use href="#chart-x-2"/></svg>');
  });
  it('draws the same bytes for the same chart, whatever was drawn before, with data escaped', async () => {
    const industry = new Map(REVENUE.map((_, i) => [`k${i}`, i < 3 ? '<script>alert(1)</script>' : 'مرحبا "quoted" & \'single\'']));
    const charts = buildCharts(input(model({}, undefined, industry), [{ month: '2024-01', ideal: 1, rest: 2 }]))
      .map((p) => p.chart)
      .filter(isChart);
    expect(charts.map((c) => c.id)).toEqual(['pareto', 'monthly', 'abc-xyz', 'rfm-heatmap', 'rfm-segments', 'portrait']);
    const heat = charts.find((c) => c.id === 'abc-xyz')!;
    const [first, ...rest] = await renderSvgs([heat, ...charts]);
    expect(rest[2]).toBe(first);
    for (const svg of rest) expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 [\d.]+ [\d.]+"/);
    // Gradients of a legend get the chart's own ids.
    expect(first).toMatch(/id="chart-abc-xyz-1"/);
    const portrait = rest[5]!;
    expect(portrait).not.toContain('<script');
    expect(portrait).toContain('&lt;script&gt;');
    expect(portrait).toContain('مرحبا');
  });
});
