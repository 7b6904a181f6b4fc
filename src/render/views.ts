/**
 * What each analysis command shows: blocks for the terminal and Markdown, a JSON document, and
 * CSV rows. Pure functions of the analysis and the run's context.
 */
import { csvTable } from './csv-table.js';
import type { AbcClass } from '../analysis/abc.js';
import type { Analysis, CustomerRow, MatrixCell } from '../analysis/analysis.js';
import type { Scoring } from '../analysis/rfm.js';
import { OTHERS } from '../analysis/segments.js';
import type { ParetoResult } from '../analysis/pareto.js';
import type { ReadResult } from '../ingest/read.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { cents, formatInt, formatMoney, formatShare, fraction, monthsBetween, plural } from './format.js';

export type View = 'abc' | 'xyz' | 'abcxyz' | 'rfm' | 'pareto';

export interface RunContext {
  readonly read: ReadResult;
  readonly excluded: { readonly afterTo: { rows: number; amount: number }; readonly beforeFrom: { rows: number; amount: number } };
  readonly top: number | undefined;
  readonly warnings: readonly string[];
  /** Repeat the warnings in the document (Markdown goes to files; a terminal has them on stderr). */
  readonly documentWarnings?: boolean;
}

const BASIS_LABEL: Record<string, string> = {
  revenue: 'revenue',
  margin: 'margin',
  'avg-check': 'average check',
  orders: 'orders',
};

export function basisLabel(a: Analysis): string {
  return BASIS_LABEL[a.basis]!;
}

/** The value column of the basis, formatted. */
function basisValue(a: Analysis, v: number): string {
  return a.basis === 'orders' ? formatInt(v) : formatMoney(v);
}

function months(a: Analysis): string {
  return monthsBetween(a.params.windowStart, a.params.windowEnd).toFixed(1);
}

export function headline(a: Analysis, ctx: RunContext): string {
  const currency = ctx.read.currency ? ` ${ctx.read.currency}` : '';
  return `**As of ${a.params.asOf}** · window ${a.params.windowStart} to ${a.params.windowEnd} (${months(a)} months) · ${plural(a.totals.customers, 'customer')} · revenue ${formatMoney(a.totals.revenue)}${currency}`;
}

function limitsText(a: Analysis): string {
  const [x, y] = a.abc.limits;
  if (a.abc.method === 'cumulative') return `cumulative: A up to ${formatShare(x, 0)} of ${basisLabel(a)}, B up to ${formatShare(y, 0)}`;
  if (a.abc.method === 'count') return `by share of customers: A the top ${formatShare(x, 0)}, B the next ${formatShare(y - x, 0)}`;
  const c = a.abc.computed!;
  return `computed (Ultsch & Lötsch): A up to ${formatShare(c.abEffort)} of customers, B up to ${formatShare(c.bcEffort)}`;
}

function xyzText(a: Analysis): string {
  const [x, y] = a.params.xyz.limits;
  return `coefficient of variation of ${a.params.period}ly ${a.params.xyz.by}: X ≤ ${x} < Y ≤ ${y} < Z`;
}


const ALIGN_CLASS_TABLE = ['left', 'right', 'right', 'right', 'right'] as const;

function topRows(a: Analysis, ctx: RunContext, fallback = 20): { rows: readonly CustomerRow[]; more: number } {
  const n = ctx.top ?? fallback;
  return { rows: a.customers.slice(0, n), more: Math.max(0, a.customers.length - n) };
}

function xyzLabel(r: CustomerRow): string {
  return r.xyzClass ?? '–';
}

function cv(r: CustomerRow): string {
  return r.cv === null ? '' : r.cv.toFixed(2);
}

// ---------------------------------------------------------------------------------------------
// Method section

export function methodItems(a: Analysis, ctx: RunContext, view: View | 'report'): string[] {
  const t = ctx.read.total;
  const items: string[] = [];
  items.push(
    `Inputs: ${ctx.read.inputs.map((i) => `${data(i.file)} (${i.kind})`).join(', ')}; ${formatInt(t.read)} rows read, ${formatInt(t.used)} used, ${formatInt(t.rejected)} rejected, ${formatInt(t.skipped)} skipped by rule, ${formatInt(t.unattributed)} without a customer (${formatMoney(t.unattributedAmount)}).`,
  );
  const ex = ctx.excluded;
  items.push(
    `As-of date ${a.params.asOf}; window ${a.params.windowStart} to ${a.params.windowEnd}.${ex.afterTo.rows > 0 ? ` ${plural(ex.afterTo.rows, 'transaction')} after the window (${formatMoney(ex.afterTo.amount)}) ${ex.afterTo.rows === 1 ? 'is' : 'are'} left out.` : ''}${ex.beforeFrom.rows > 0 ? ` ${plural(ex.beforeFrom.rows, 'transaction')} before it (${formatMoney(ex.beforeFrom.amount)}) ${ex.beforeFrom.rows === 1 ? 'is' : 'are'} left out.` : ''}`,
  );
  items.push('Revenue is net: refunds and credit notes are subtracted; they are not orders. An order is a distinct order reference with a positive amount (a transaction, without an order column).');
  if (a.oneOff.active) items.push(`${a.oneOff.reason}: ABC ranks by average check, XYZ and RFM frequency are skipped.`);
  if (view === 'abc' || view === 'abcxyz' || view === 'pareto' || view === 'report') {
    const base = `ABC by ${basisLabel(a)}, ${limitsText(a)}.`;
    const method =
      a.abc.method === 'cumulative'
        ? ' The customer whose value crosses a limit is in the upper class (so A holds at least the A limit; tools that put the crossing customer into B give an A below it). Equal values are never split across classes.'
        : a.abc.method === 'count'
          ? ' Equal values are never split: a tie group takes the class of its first member.'
          : ` Pareto point at ${formatShare(a.abc.computed!.paretoEffort)} of customers, break-even point (value = mean) at ${formatShare(a.abc.computed!.breakEvenEffort)}, submarginal point at ${formatShare(a.abc.computed!.submarginalEffort)}, on the piecewise-linear ABC curve of customers with a positive value.`;
    items.push(`${base}${method} Customers whose ${basisLabel(a)} is zero or negative are C and flagged (${formatInt(a.totals.nonPositive)} with net revenue ≤ 0).`);
  }
  if ((view === 'xyz' || view === 'abcxyz' || view === 'report') && a.xyz.enabled) {
    items.push(
      `XYZ by the ${xyzText(a)} (population standard deviation ÷ mean), over the ${a.params.period}s from ${a.params.xyz.span === 'customer' ? "the customer's first purchase" : 'the start of the window'} to the end of the window; ${a.params.period}s without purchases count as zero. Fewer than ${a.params.xyz.minPeriods} ${a.params.period}s: no class (–). Purchasing is intermittent, so these limits are wider than the inventory convention (0.1/0.25), under which nearly every customer would be Z.`,
    );
  }
  if (view === 'rfm' || view === 'report') {
    const scoring = (s: Scoring | null, name: string) =>
      s === null ? `${name} skipped` : s.method === 'cuts' ? `${name} by cut points ${s.cuts!.join(', ')}` : s.method === 'r' ? `${name} by the R package rfm's breaks ${s.cuts!.map((c) => Number(c.toFixed(4))).join(', ')}` : `${name} by quantiles`;
    const convention =
      a.params.rfm.quantiles === 'r'
        ? "Quantile scores follow the R package rfm 0.3.0 (--quantiles r): breaks are R's type-7 quantiles plus 1, a value scores 1 + the number of breaks at or below it (findInterval); equal values score the same, and where breaks coincide a score stays empty, as in R."
        : 'Quantiles keep ties together: equal values always get the same score.';
    items.push(
      `RFM: R = days from the last purchase to the as-of date, F = orders, M = ${a.params.rfm.monetary === 'avg' ? 'average check' : 'net revenue'}; scores 1-${a.params.rfm.bins}, higher is better; ${scoring(a.rfm.r, 'R')}, ${scoring(a.rfm.f, 'F')}, ${scoring(a.rfm.m, 'M')}. ${convention} Segments: ${a.oneOff.active ? 'the one-off table (recency and money)' : `the '${a.params.rfm.segmentsName}' table`}, first matching rule wins, unmatched customers are "${OTHERS}".`,
    );
  }
  if (view === 'pareto' || view === 'report') {
    items.push(
      `Pareto: ideal customers are the top ${formatShare(a.params.pareto.ideal, 0)} by ${basisLabel(a)}, elite the top ${formatShare(a.params.pareto.elite, 0)} (⌈share × customers⌉, plus customers tied with the last; never a customer with a value ≤ 0). Gini over customers' values, negative values as 0.`,
    );
  }
  if (a.profit && (view === 'abc' || view === 'pareto' || view === 'report')) {
    items.push(
      `Margin from the input's margin (or revenue − cost) column.${a.profit.costPerOrder !== null ? ` Contribution = margin − orders × ${formatMoney(a.profit.costPerOrder)} (cost per order); minimum cost-effective order = cost per order ÷ average margin rate${a.profit.minimumOrder !== null ? ` = ${formatMoney(a.profit.minimumOrder)}` : ''}; below break-even: negative contribution or an average check under that minimum.` : ''}`,
    );
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Tables shared by the views

function abcClassTable(a: Analysis): Block {
  const rows = (['A', 'B', 'C'] as AbcClass[]).map((c) => {
    const s = a.abc.classes[c];
    return [c, formatInt(s.customers), formatShare(s.customerShare), basisValue(a, s.value), formatShare(s.valueShare)];
  });
  rows.push(['total', formatInt(a.totals.customers), formatShare(a.totals.customers > 0 ? 1 : 0), basisValue(a, a.abc.total), formatShare(a.abc.total !== 0 ? 1 : 0)]);
  return table(['class', 'customers', '% customers', basisLabel(a), `% ${basisLabel(a)}`], rows, ALIGN_CLASS_TABLE);
}

function cellText(a: Analysis, cell: MatrixCell): string {
  if (cell.customers === 0) return '–';
  return `${formatInt(cell.customers)} (${formatShare(cell.customerShare)})<br>${basisValue(a, cell.value)} (${formatShare(cell.valueShare)})`;
}

function matrixTable(a: Analysis): Block {
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

function readings(a: Analysis): Block {
  const items = a.matrix
    .filter((m) => m.customers > 0)
    .map((m) => `**${m.abcClass}${m.xyzClass ?? '–'}** ${plural(m.customers, 'customer')}, ${formatShare(m.valueShare)} of ${basisLabel(a)}: ${m.reading}`);
  return list(items);
}

function scoringTable(name: string, s: Scoring, format: (v: number) => string): Block {
  const rows = s.ranges.map((r) => [String(r.score), formatInt(r.customers), r.min === null ? '–' : r.min === r.max ? format(r.min) : `${format(r.min)} to ${format(r.max!)}`]);
  return table(['score', 'customers', name], rows, ['right', 'right', 'right']);
}

function emptyNote(name: string, s: Scoring | null): string | undefined {
  if (!s || s.empty.length === 0) return undefined;
  return `${name}: score${s.empty.length > 1 ? 's' : ''} ${s.empty.join(', ')} ${s.empty.length > 1 ? 'are' : 'is'} empty: ${s.emptyReason}.`;
}

function paretoLines(a: Analysis, p: ParetoResult, label: string): string[] {
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

export function viewBlocks(view: View, a: Analysis, ctx: RunContext): Block[] {
  const blocks: Block[] = [];
  const title: Record<View, string> = {
    abc: `ABC analysis by ${basisLabel(a)}`,
    xyz: `XYZ analysis: regularity of ${a.params.xyz.by}`,
    abcxyz: `ABC×XYZ: who brings the ${basisLabel(a)}, and how regularly`,
    rfm: 'RFM: recency, frequency, monetary',
    pareto: `Pareto: how concentrated ${basisLabel(a)} is`,
  };
  blocks.push(heading(title[view], 1), paragraph(headline(a, ctx)));
  if (a.oneOff.active) blocks.push(paragraph(`Note: ${a.oneOff.reason}, so ABC ranks by average check and XYZ and RFM frequency are skipped.`));
  const { rows: top, more } = topRows(a, ctx);

  if (view === 'abc') {
    blocks.push(heading(`Classes (${limitsText(a)})`), abcClassTable(a));
    const margin = a.profit !== null;
    blocks.push(
      heading(`Customers by ${basisLabel(a)}`),
      table(
        ['rank', 'customer', basisLabel(a), 'share', 'cumulative', 'orders', ...(margin ? ['margin', 'margin rate'] : []), 'class'],
        top.map((r) => [
          String(r.rank),
          data(r.name),
          basisValue(a, r.abcValue),
          formatShare(r.share),
          formatShare(r.cumulativeShare),
          formatInt(r.orders),
          ...(margin ? [r.margin === null ? '–' : formatMoney(r.margin), r.marginRate === null ? '–' : formatShare(r.marginRate)] : []),
          `${r.abcClass}${r.nonPositive ? ' (≤ 0)' : ''}${r.belowBreakEven ? ' below break-even' : ''}`,
        ]),
        ['right', 'left', 'right', 'right', 'right', 'right', ...(margin ? (['right', 'right'] as const) : []), 'left'],
        more,
      ),
    );
    if (a.profit) blocks.push(...profitBlocks(a));
  }

  if (view === 'xyz') {
    if (!a.xyz.enabled) {
      blocks.push(paragraph(`XYZ ${a.xyz.reason}.`));
    } else {
      const groups = [...(['X', 'Y', 'Z'] as const), null].map((x) => {
        const members = a.customers.filter((r) => r.xyzClass === x);
        const revenue = members.reduce((s, r) => s + r.revenue, 0);
        return [x ?? '–', formatInt(members.length), formatShare(a.totals.customers ? members.length / a.totals.customers : 0), formatMoney(revenue), formatShare(a.totals.revenue ? revenue / a.totals.revenue : 0)];
      });
      blocks.push(heading(`Classes (${xyzText(a)})`), table(['class', 'customers', '% customers', 'revenue', '% revenue'], groups, ALIGN_CLASS_TABLE));
      const reasons = new Map<string, number>();
      for (const r of a.customers) if (r.xyzReason) reasons.set(r.xyzReason, (reasons.get(r.xyzReason) ?? 0) + 1);
      if (reasons.size > 0) blocks.push(paragraph(`No class (–): ${[...reasons].map(([why, k]) => `${plural(k, 'customer')}, ${why}`).join('; ')}.`));
      blocks.push(
        heading('Customers by revenue'),
        table(
          ['rank', 'customer', 'revenue', `${a.params.period}s`, `mean per ${a.params.period}`, 'CV', 'class'],
          top.map((r) => [String(r.rank), data(r.name), formatMoney(r.revenue), formatInt(r.periods), formatMoney(r.periods > 0 ? (a.params.xyz.by === 'revenue' ? r.revenue : r.orders) / r.periods : 0), cv(r), xyzLabel(r)]),
          ['right', 'left', 'right', 'right', 'right', 'right', 'left'],
          more,
        ),
      );
    }
  }

  if (view === 'abcxyz') {
    blocks.push(...matrixBlocks(a));
    blocks.push(
      heading(`Customers by ${basisLabel(a)}`),
      table(
        ['rank', 'customer', basisLabel(a), 'share', 'cumulative', 'orders', 'ABC', 'XYZ', 'CV'],
        top.map((r) => [String(r.rank), data(r.name), basisValue(a, r.abcValue), formatShare(r.share), formatShare(r.cumulativeShare), formatInt(r.orders), r.abcClass, xyzLabel(r), cv(r)]),
        ['right', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'right'],
        more,
      ),
    );
  }

  if (view === 'rfm') {
    blocks.push(...rfmBlocks(a));
    blocks.push(
      heading('Customers by revenue'),
      table(
        ['rank', 'customer', 'recency (days)', 'orders', a.params.rfm.monetary === 'avg' ? 'average check' : 'revenue', 'RFM', 'segment'],
        top.map((r) => [String(r.rank), data(r.name), formatInt(r.recencyDays), formatInt(r.orders), formatMoney(a.params.rfm.monetary === 'avg' ? (r.avgCheck ?? r.revenue) : r.revenue), r.rfmScore, data(r.segment)]),
        ['right', 'left', 'right', 'right', 'right', 'left', 'left'],
        more,
      ),
    );
  }

  if (view === 'pareto') {
    blocks.push(heading(`On ${basisLabel(a)}`), list(paretoLines(a, a.pareto, basisLabel(a))));
    if (a.paretoMargin) blocks.push(heading('On margin'), list(paretoLines(a, a.paretoMargin, 'margin')));
    blocks.push(
      heading('Lorenz curve (interpolated)'),
      paragraph(lorenzNote(a)),
      lorenzTable(a.pareto),
    );
    const flagged = a.customers.filter((r) => r.pareto !== null);
    const n = ctx.top ?? 20;
    blocks.push(
      heading(`Ideal customers (${formatInt(flagged.length)}; elite first)`),
      table(
        ['rank', 'customer', basisLabel(a), 'share', 'cumulative', 'group'],
        flagged.slice(0, n).map((r) => [String(r.rank), data(r.name), basisValue(a, r.abcValue), formatShare(r.share), formatShare(r.cumulativeShare), r.pareto!]),
        ['right', 'left', 'right', 'right', 'right', 'left'],
        Math.max(0, flagged.length - n),
      ),
    );
    if (a.profit) blocks.push(...profitBlocks(a));
  }

  blocks.push(heading('Method'), list(methodItems(a, ctx, view)));
  if (ctx.warnings.length > 0 && ctx.documentWarnings) blocks.push(heading('Warnings'), list(ctx.warnings.map(data)));
  return blocks;
}

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
function lorenzNote(a: Analysis): string {
  const curve = formatShare(lorenzTop(a.pareto, a.params.pareto.ideal));
  const group = formatShare(a.pareto.ideal.share);
  const intro = `The curve at exact shares of customers, interpolated linearly within a customer; the groups above count whole customers (the top ⌈share × ${formatInt(a.pareto.customers)}⌉, plus ties).`;
  return curve === group
    ? `${intro} Here the curve's top ${formatShare(a.params.pareto.ideal, 0)} and the ideal group hold the same ${group}.`
    : `${intro} So the curve's top ${formatShare(a.params.pareto.ideal, 0)} (${curve}) is not the ideal group (${formatInt(a.pareto.ideal.customers)} customers, ${group}): quote the group.`;
}

/** The curve's share of value held by the top `fraction` of customers (interpolated). */
function lorenzTop(p: ParetoResult, fraction: number): number {
  const k = Math.round((1 - fraction) * (p.lorenz.length - 1));
  return 1 - (p.lorenz[Math.max(0, Math.min(p.lorenz.length - 1, k))]?.valueShare ?? 1);
}

function lorenzTable(p: ParetoResult): Block {
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

export function inputsJson(ctx: RunContext) {
  return ctx.read.inputs.map((i) => ({
    file: i.file,
    kind: i.kind,
    encoding: i.encoding,
    rows: {
      read: i.rows.read,
      used: i.rows.used,
      rejected: i.rows.rejected,
      skipped: i.rows.skipped,
      unattributed: i.rows.unattributed,
      unattributed_amount: cents(i.rows.unattributedAmount),
    },
  }));
}

export function parametersJson(a: Analysis) {
  const p = a.params;
  return {
    as_of: p.asOf,
    window: { from: p.windowStart, to: p.windowEnd },
    abc: {
      by: a.basis,
      method: p.abc.method,
      limits: p.abc.method === 'computed' ? null : p.abc.limits.map(fraction),
      computed: a.abc.computed
        ? {
            pareto_effort: fraction(a.abc.computed.paretoEffort),
            break_even_effort: fraction(a.abc.computed.breakEvenEffort),
            submarginal_effort: fraction(a.abc.computed.submarginalEffort),
            ab_effort: fraction(a.abc.computed.abEffort),
            bc_effort: fraction(a.abc.computed.bcEffort),
          }
        : null,
    },
    xyz: { enabled: a.xyz.enabled, period: p.period, by: p.xyz.by, span: p.xyz.span, limits: [...p.xyz.limits], min_periods: p.xyz.minPeriods },
    rfm: { monetary: p.rfm.monetary, bins: p.rfm.bins, segments: a.oneOff.active ? 'one-off' : p.rfm.segmentsName, cuts: { r: p.rfm.cuts.r ?? null, f: p.rfm.cuts.f ?? null, m: p.rfm.cuts.m ?? null } },
    pareto: { ideal: fraction(p.pareto.ideal), elite: fraction(p.pareto.elite) },
    one_off: { threshold: fraction(p.oneOff.threshold), forced: p.oneOff.forced, active: a.oneOff.active, one_order_share: fraction(a.oneOff.oneOrderShare) },
    cost_per_order: p.costPerOrder ?? null,
  };
}

function scoringJson(s: Scoring | null) {
  if (!s) return null;
  return {
    method: s.method,
    cuts: s.cuts ? [...s.cuts] : null,
    scores: s.ranges.map((r) => ({ score: r.score, customers: r.customers, min: r.min, max: r.max })),
    empty: [...s.empty],
    empty_reason: s.emptyReason,
  };
}

function paretoJson(p: ParetoResult | null) {
  if (!p) return null;
  return {
    customers: p.customers,
    total: cents(p.total),
    ideal: { share_of_customers: fraction(p.ideal.fraction), customers: p.ideal.customers, value: cents(p.ideal.value), value_share: fraction(p.ideal.share) },
    elite: { share_of_customers: fraction(p.elite.fraction), customers: p.elite.customers, value: cents(p.elite.value), value_share: fraction(p.elite.share) },
    customers_for_80: p.customersFor80 ? { customers: p.customersFor80.customers, share: fraction(p.customersFor80.share) } : null,
    gini: fraction(p.gini),
    lorenz: p.lorenz.map((l) => ({ customer_share: fraction(l.customerShare), value_share: fraction(l.valueShare) })),
  };
}

// Each view's customer as one object literal: spreading shared parts into it made a dictionary
// object per customer, and with 200,000 customers that was most of a JSON run's time.
export function customerJson(view: View | 'report', a: Analysis, r: CustomerRow) {
  const value = view === 'report' || a.basis !== 'orders' ? cents(r.abcValue) : r.abcValue;
  const cv = r.cv === null ? null : fraction(r.cv);
  switch (view) {
    case 'abc':
      return {
        customer: r.key, name: r.name,
        value, rank: r.rank, share: fraction(r.share), cumulative_share: fraction(r.cumulativeShare), abc_class: r.abcClass, non_positive: r.nonPositive,
        revenue: cents(r.revenue), orders: r.orders, avg_check: r.avgCheck === null ? null : cents(r.avgCheck), margin: r.margin === null ? null : cents(r.margin),
        first_date: r.firstDate, last_date: r.lastDate, recency_days: r.recencyDays, tenure_days: r.tenureDays,
        margin_rate: r.marginRate === null ? null : fraction(r.marginRate), contribution: r.contribution === null ? null : cents(r.contribution), below_break_even: r.belowBreakEven,
      };
    case 'xyz':
      return { customer: r.key, name: r.name, periods: r.periods, cv, xyz_class: r.xyzClass, xyz_reason: r.xyzReason, revenue: cents(r.revenue), orders: r.orders };
    case 'abcxyz':
      return {
        customer: r.key, name: r.name,
        value, rank: r.rank, share: fraction(r.share), cumulative_share: fraction(r.cumulativeShare), abc_class: r.abcClass, non_positive: r.nonPositive,
        periods: r.periods, cv, xyz_class: r.xyzClass, xyz_reason: r.xyzReason,
        revenue: cents(r.revenue), orders: r.orders, avg_check: r.avgCheck === null ? null : cents(r.avgCheck), margin: r.margin === null ? null : cents(r.margin),
        first_date: r.firstDate, last_date: r.lastDate, recency_days: r.recencyDays, tenure_days: r.tenureDays,
      };
    case 'rfm':
      return {
        customer: r.key, name: r.name,
        recency_days: r.recencyDays, frequency: r.orders, monetary: cents(a.params.rfm.monetary === 'avg' ? (r.avgCheck ?? r.revenue) : r.revenue),
        r: r.r, f: r.f, m: r.m, rfm_score: r.rfmScore, segment: r.segment,
        revenue: cents(r.revenue), rank: r.rank,
      };
    case 'pareto':
      return {
        customer: r.key, name: r.name,
        value, rank: r.rank, share: fraction(r.share), cumulative_share: fraction(r.cumulativeShare), abc_class: r.abcClass, non_positive: r.nonPositive,
        group: r.pareto,
      };
    case 'report':
      return {
        customer: r.key, name: r.name,
        value, rank: r.rank, share: fraction(r.share), cumulative_share: fraction(r.cumulativeShare), abc_class: r.abcClass, non_positive: r.nonPositive,
        revenue: cents(r.revenue), orders: r.orders, avg_check: r.avgCheck === null ? null : cents(r.avgCheck), margin: r.margin === null ? null : cents(r.margin),
        first_date: r.firstDate, last_date: r.lastDate, recency_days: r.recencyDays, tenure_days: r.tenureDays,
        periods: r.periods, cv, xyz_class: r.xyzClass, xyz_reason: r.xyzReason,
        r: r.r, f: r.f, m: r.m, rfm_score: r.rfmScore, segment: r.segment,
        group: r.pareto,
        margin_rate: r.marginRate === null ? null : fraction(r.marginRate), contribution: r.contribution === null ? null : cents(r.contribution), below_break_even: r.belowBreakEven,
        punctuality: r.punctuality ? { invoices: r.punctuality.invoices, on_time_share: fraction(r.punctuality.onTimeShare), mean_days_late: Math.round(r.punctuality.meanDaysLate * 10) / 10 } : null,
      };
  }
}

export function summaryJson(view: View, a: Analysis) {
  const classes = Object.fromEntries(
    (['A', 'B', 'C'] as const).map((c) => {
      const s = a.abc.classes[c];
      return [c, { customers: s.customers, customer_share: fraction(s.customerShare), value: cents(s.value), value_share: fraction(s.valueShare) }];
    }),
  );
  const totals = { customers: a.totals.customers, revenue: cents(a.totals.revenue), margin: a.totals.margin === null ? null : cents(a.totals.margin), orders: a.totals.orders, non_positive: a.totals.nonPositive };
  const matrix = a.matrix.map((m) => ({ abc_class: m.abcClass, xyz_class: m.xyzClass, customers: m.customers, customer_share: fraction(m.customerShare), value: cents(m.value), value_share: fraction(m.valueShare), reading: m.reading }));
  const xyzClasses = [...(['X', 'Y', 'Z'] as const), null].map((x) => {
    const members = a.customers.filter((r) => r.xyzClass === x);
    return { xyz_class: x, customers: members.length, revenue: cents(members.reduce((s, r) => s + r.revenue, 0)) };
  });
  const profit = a.profit
    ? {
        margin: cents(a.profit.margin),
        margin_rate: a.profit.marginRate === null ? null : fraction(a.profit.marginRate),
        by_class: a.profit.byClass.map((c) => ({ abc_class: c.abcClass, revenue: cents(c.revenue), margin: cents(c.margin), margin_rate: c.marginRate === null ? null : fraction(c.marginRate), contribution: c.contribution === null ? null : cents(c.contribution) })),
        minimum_order: a.profit.minimumOrder === null ? null : cents(a.profit.minimumOrder),
        below_break_even: a.profit.belowBreakEven ? { customers: a.profit.belowBreakEven.customers, revenue: cents(a.profit.belowBreakEven.revenue) } : null,
      }
    : null;
  const rfm = {
    r: scoringJson(a.rfm.r),
    f: scoringJson(a.rfm.f),
    m: scoringJson(a.rfm.m),
    segments: a.rfm.segments.map((s) => ({ segment: s.segment, customers: s.customers, customer_share: fraction(s.customerShare), revenue: cents(s.revenue), revenue_share: fraction(s.revenueShare), mean_recency: Math.round(s.meanRecency * 10) / 10, mean_frequency: Math.round(s.meanFrequency * 100) / 100, mean_monetary: cents(s.meanMonetary) })),
    rules_never_matching: a.rfm.rules.filter((_, i) => a.rfm.coverage.wins[i] === 0).map((r) => r.name),
    uncovered_combinations: a.rfm.coverage.uncovered.length,
  };
  switch (view) {
    case 'abc':
      return { totals, classes, profit };
    case 'xyz':
      return { totals, xyz_classes: xyzClasses, reason: a.xyz.reason };
    case 'abcxyz':
      return { totals, classes, xyz_classes: xyzClasses, matrix };
    case 'rfm':
      return { totals, rfm };
    case 'pareto':
      return { totals, pareto: paretoJson(a.pareto), pareto_margin: paretoJson(a.paretoMargin), profit };
  }
}

export function viewJson(view: View, a: Analysis, ctx: RunContext) {
  const customers = ctx.top === undefined ? a.customers : a.customers.slice(0, ctx.top);
  return {
    schema: `segment.${view}`,
    version: 1,
    as_of: a.params.asOf,
    window: { from: a.params.windowStart, to: a.params.windowEnd, months: Math.round(monthsBetween(a.params.windowStart, a.params.windowEnd) * 10) / 10 },
    currency: ctx.read.currency,
    inputs: inputsJson(ctx),
    excluded: {
      after_window: { rows: ctx.excluded.afterTo.rows, amount: cents(ctx.excluded.afterTo.amount) },
      before_window: { rows: ctx.excluded.beforeFrom.rows, amount: cents(ctx.excluded.beforeFrom.amount) },
    },
    parameters: parametersJson(a),
    summary: summaryJson(view, a),
    customers: customers.map((r) => customerJson(view, a, r)),
    warnings: [...ctx.warnings],
  };
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per customer, for spreadsheets and mailing tools.


export function viewCsv(view: View, a: Analysis, top: number | undefined): string {
  const { head, rows } = viewTable(view, a, top);
  return csvTable(head, rows);
}

/** The CSV output's columns and rows (also written as Parquet). */
export function viewTable(view: View, a: Analysis, top: number | undefined): { head: string[]; rows: Record<string, unknown>[] } {
  const rows = (top === undefined ? a.customers : a.customers.slice(0, top)).map((r) => {
    const json = customerJson(view, a, r) as Record<string, unknown>;
    if ('punctuality' in json) {
      const p = json.punctuality as { invoices: number; on_time_share: number; mean_days_late: number } | null;
      delete json.punctuality;
      json.invoices_due = p?.invoices ?? null;
      json.on_time_share = p?.on_time_share ?? null;
      json.mean_days_late = p?.mean_days_late ?? null;
    }
    return json;
  });
  const first = rows[0] ?? (customerJson(view, a, emptyRow) as Record<string, unknown>);
  const head = Object.keys(first).filter((k) => k !== 'punctuality');
  return { head, rows };
}

const emptyRow: CustomerRow = {
  key: '', name: '', firstDate: '', lastDate: '', tenureDays: 0, recencyDays: 0, orders: 0, transactions: 0, revenue: 0, refunds: 0, margin: null, marginRate: null, avgCheck: null, nonPositive: false, abcValue: 0, rank: 0, share: 0, cumulativeShare: 0, abcClass: 'C', periods: 0, cv: null, xyzClass: null, xyzReason: null, r: 0, f: null, m: 0, rfmScore: '', segment: '', pareto: null, contribution: null, belowBreakEven: null, punctuality: null,
};
