/** The sections the views and the report share: class tables, the ABC×XYZ matrix, RFM scores and segments, the Lorenz curve, profitability. */

import type { AbcClass } from '../analyses/abc.js';
import type { Analysis, MatrixCell } from '../analyses/analysis.js';
import type { Scoring } from '../analyses/rfm.js';
import { OTHERS } from '../analyses/segments.js';
import type { ParetoResult } from '../analyses/pareto.js';

import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { formatInt, formatMoney, formatShare, plural } from './format.js';
import { ALIGN_CLASS_TABLE, basisLabel, basisValue, limitsText, xyzText } from './view-wording.js';

export function abcClassTable(a: Analysis): Block {
  const rows = (['A', 'B', 'C'] as AbcClass[]).map((c) => {
    const s = a.abc.classes[c];
    return [c, formatInt(s.customers), formatShare(s.customerShare), basisValue(a, s.value), formatShare(s.valueShare)];
  });
  rows.push(['total', formatInt(a.totals.customers), formatShare(a.totals.customers > 0 ? 1 : 0), basisValue(a, a.abc.total), formatShare(a.abc.total !== 0 ? 1 : 0)]);
  return table(['class', 'customers', '% customers', basisLabel(a), `% ${basisLabel(a)}`], rows, ALIGN_CLASS_TABLE);
}

export function cellText(a: Analysis, cell: MatrixCell): string {
  if (cell.customers === 0) return '–';
  return `${formatInt(cell.customers)} (${formatShare(cell.customerShare)})<br>${basisValue(a, cell.value)} (${formatShare(cell.valueShare)})`;
}

export function matrixTable(a: Analysis): Block {
  const cols: { key: string | null; label: string }[] = [
    { key: 'X', label: 'X regular' },
    { key: 'Y', label: 'Y fairly regular' },
    { key: 'Z', label: 'Z erratic' },
    { key: null, label: '– too new' },
  ];
  const rows = (['A', 'B', 'C'] as AbcClass[]).map((ac) => {
    const cells = cols.map((col) => cellText(a, a.matrix.find((m) => m.abcClass === ac && m.xyzClass === col.key)!));
    const s = a.abc.classes[ac];
    return [ac, ...cells, `${formatInt(s.customers)} (${formatShare(s.customerShare)})<br>${basisValue(a, s.value)} (${formatShare(s.valueShare)})`];
  });
  const total = cols.map((col) => {
    const members = a.matrix.filter((m) => m.xyzClass === col.key);
    const customers = members.reduce((s, m) => s + m.customers, 0);
    const value = members.reduce((s, m) => s + m.value, 0);
    return customers === 0 ? '–' : `${formatInt(customers)} (${formatShare(customers / Math.max(1, a.totals.customers))})<br>${basisValue(a, value)} (${formatShare(a.abc.total !== 0 ? value / a.abc.total : 0)})`;
  });
  rows.push(['all', ...total, `${formatInt(a.totals.customers)}<br>${basisValue(a, a.abc.total)}`]);
  return table(['', ...cols.map((c) => c.label), 'all'], rows, ['left', 'right', 'right', 'right', 'right', 'right'], undefined, true);
}

export function readings(a: Analysis): Block {
  const items = a.matrix
    .filter((m) => m.customers > 0)
    .map((m) => `**${m.abcClass}${m.xyzClass ?? '–'}** ${plural(m.customers, 'customer')}, ${formatShare(m.valueShare)} of ${basisLabel(a)}: ${m.reading}`);
  return list(items);
}

export function scoringTable(name: string, s: Scoring, format: (v: number) => string): Block {
  const rows = s.ranges.map((r) => [String(r.score), formatInt(r.customers), r.min === null ? '–' : r.min === r.max ? format(r.min) : `${format(r.min)} to ${format(r.max!)}`]);
  return table(['score', 'customers', name], rows, ['right', 'right', 'right']);
}

export function emptyNote(name: string, s: Scoring | null): string | undefined {
  if (!s || s.empty.length === 0) return undefined;
  return `${name}: score${s.empty.length > 1 ? 's' : ''} ${s.empty.join(', ')} ${s.empty.length > 1 ? 'are' : 'is'} empty: ${s.emptyReason}.`;
}

export function paretoLines(a: Analysis, p: ParetoResult, label: string): string[] {
  const lines = [
    `The top ${formatShare(p.ideal.fraction, 0)} of customers (${formatInt(p.ideal.customers)}) bring **${formatShare(p.ideal.share)}** of ${label} (rule of thumb: 80%).`,
    `The top ${formatShare(p.elite.fraction, 0)} (${formatInt(p.elite.customers)}) bring **${formatShare(p.elite.share)}** (rule of thumb: 64%).`,
  ];
  if (p.customersFor80) {
    lines.push(`${plural(p.customersFor80.customers, 'customer')} (${formatShare(p.customersFor80.share)}) make 80% of ${label}.`);
  }
  lines.push(`Gini coefficient ${p.gini.toFixed(2)} (0: everybody the same; 1: one customer holds everything).`);
  void a;
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Views

/** The ABC×XYZ matrix with a reading of each cell. */
export function matrixBlocks(a: Analysis, level: 2 | 3 = 2): Block[] {
  return [
    heading(`ABC (${limitsText(a)}) × XYZ (${a.xyz.enabled ? xyzText(a) : 'skipped'})`, level),
    paragraph('Each cell: customers (share of customers), then value (share of value).'),
    matrixTable(a),
    readings(a),
  ];
}

/** The RFM view: how the scores were cut, then the segments. */
export function rfmBlocks(a: Analysis, level: 2 | 3 = 2): Block[] {
  return [...rfmScoreBlocks(a, level), ...rfmSegmentBlocks(a, level)];
}

/** The scores and their cut points, with a note on any score that could not be cut. */
export function rfmScoreBlocks(a: Analysis, level: 2 | 3 = 2): Block[] {
  const blocks: Block[] = [];
  const days = (v: number) => `${formatInt(v)} d`;
  const money = (v: number) => formatMoney(v);
  blocks.push(heading('Scores and their cut points', level));
  blocks.push(scoringTable('recency (days since last purchase)', a.rfm.r, days));
  if (a.rfm.f) blocks.push(scoringTable('frequency (orders)', a.rfm.f, (v) => formatInt(v)));
  blocks.push(scoringTable(a.params.rfm.monetary === 'avg' ? 'average check' : 'net revenue', a.rfm.m, money));
  const notes = [emptyNote('R', a.rfm.r), emptyNote('F', a.rfm.f), emptyNote('M', a.rfm.m)].filter((s): s is string => s !== undefined);
  if (!a.rfm.f) notes.push(`F: skipped (${a.oneOff.reason}).`);
  if (notes.length > 0) blocks.push(list(notes));
  return blocks;
}

/** The RFM segments: their table and what the rules leave out (the report shows only these). */
export function rfmSegmentBlocks(a: Analysis, level: 2 | 3 = 2): Block[] {
  const blocks: Block[] = [];
  blocks.push(
    heading('RFM segments', level),
    table(
      ['segment', 'customers', '% customers', 'revenue', '% revenue', 'mean recency (d)', 'mean orders', a.params.rfm.monetary === 'avg' ? 'mean avg. check' : 'mean revenue'],
      a.rfm.segments.map((s) => [data(s.segment), formatInt(s.customers), formatShare(s.customerShare), formatMoney(s.revenue), formatShare(s.revenueShare), s.customers ? s.meanRecency.toFixed(0) : '–', s.customers ? s.meanFrequency.toFixed(1) : '–', s.customers ? formatMoney(s.meanMonetary) : '–']),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  const never = a.rfm.rules.filter((_, i) => a.rfm.coverage.wins[i] === 0).map((r) => r.name);
  const coverageNotes: string[] = [];
  if (never.length > 0) coverageNotes.push(`Rules that can never match (earlier rules take all their scores): ${never.join(', ')}.`);
  if (a.rfm.coverage.uncovered.length > 0) {
    coverageNotes.push(`${a.rfm.coverage.uncovered.length} of 125 score combinations match no rule and become "${OTHERS}" (${a.rfm.coverage.uncovered.slice(0, 8).map((c) => c.join('')).join(', ')}${a.rfm.coverage.uncovered.length > 8 ? ', …' : ''}).`);
  }
  if (coverageNotes.length > 0) blocks.push(list(coverageNotes));
  return blocks;
}

/** Why the curve's "top 20%" and the ideal group's share are two numbers, and which to quote. */
export function lorenzNote(a: Analysis): string {
  const curve = formatShare(lorenzTop(a.pareto, a.params.pareto.ideal));
  const group = formatShare(a.pareto.ideal.share);
  const intro = `The curve at exact shares of customers, interpolated linearly within a customer; the groups above count whole customers (the top ⌈share × ${formatInt(a.pareto.customers)}⌉, plus ties).`;
  return curve === group
    ? `${intro} Here the curve's top ${formatShare(a.params.pareto.ideal, 0)} and the ideal group hold the same ${group}.`
    : `${intro} So the curve's top ${formatShare(a.params.pareto.ideal, 0)} (${curve}) is not the ideal group (${formatInt(a.pareto.ideal.customers)} customers, ${group}): quote the group.`;
}

/** The curve's share of value held by the top `fraction` of customers (interpolated). */
export function lorenzTop(p: ParetoResult, fraction: number): number {
  const k = Math.round((1 - fraction) * (p.lorenz.length - 1));
  return 1 - (p.lorenz[Math.max(0, Math.min(p.lorenz.length - 1, k))]?.valueShare ?? 1);
}

export function lorenzTable(p: ParetoResult): Block {
  const rows = [50, 80, 90, 96].map((k) => {
    const point = p.lorenz[k]!;
    return [`bottom ${k}%`, formatShare(point.valueShare), `top ${100 - k}%`, formatShare(1 - point.valueShare)];
  });
  return table(['customers', 'hold (curve)', 'customers', 'hold (curve)'], rows, ['left', 'right', 'left', 'right']);
}

export function profitBlocks(a: Analysis, level: 2 | 3 = 2): Block[] {
  const p = a.profit!;
  const blocks: Block[] = [heading('Profitability', level)];
  blocks.push(
    table(
      ['class', 'revenue', 'margin', 'margin rate', ...(p.costPerOrder !== null ? ['contribution'] : [])],
      p.byClass.map((c) => [c.abcClass, formatMoney(c.revenue), formatMoney(c.margin), c.marginRate === null ? '–' : formatShare(c.marginRate), ...(p.costPerOrder !== null ? [formatMoney(c.contribution ?? 0)] : [])]),
      ['left', 'right', 'right', 'right', 'right'],
    ),
  );
  const lines = [`Margin ${formatMoney(p.margin)}${p.marginRate !== null ? `, margin rate ${formatShare(p.marginRate)}` : ''}.`];
  if (p.costPerOrder !== null) {
    lines.push(
      p.minimumOrder !== null
        ? `At ${formatMoney(p.costPerOrder)} to serve an order, the minimum cost-effective order is ${formatMoney(p.minimumOrder)} (cost per order ÷ average margin rate).`
        : 'No minimum cost-effective order: the average margin rate is not positive.',
    );
    if (p.belowBreakEven) lines.push(`${plural(p.belowBreakEven.customers, 'customer')} ${p.belowBreakEven.customers === 1 ? 'is' : 'are'} below break-even (negative contribution, or an average check under the minimum), with ${formatMoney(p.belowBreakEven.revenue)} revenue.`);
  }
  blocks.push(list(lines));
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// JSON
