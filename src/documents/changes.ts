/**
 * The changes between two dates as blocks (terminal, Markdown), as a JSON object (`segment
 * changes --json` and the `changes` of a report with --previous), as CSV and as NDJSON (one moved
 * customer per line). Pure.
 */
import {
  ALERT_RULES,
  NEW,
  columnTotal,
  moveLabels,
  rowTotal,
  type Alert,
  type Changes,
  type GroupChange,
  type Move,
  type Snapshot,
  type Standing,
  type Transitions,
} from '../analyses/changes.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { columns, type RowTable } from './document.js';
import { cents, formatInt, formatMoney, plural } from './format.js';

export const CHANGES_SCHEMA = { name: 'segment.changes', version: 1 } as const;

const cellWidth = (c: string): number => Math.max(...c.split('<br>').map((l) => l.length));

/**
 * A table whose first column holds customer names, cut (with …) so that the table fits `width`
 * columns: the other columns are short by construction, a name can be anything.
 */
function nameTable(head: readonly string[], rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[], width: number, more = 0): Block {
  const widths = head.map((h, i) => Math.max(cellWidth(h), ...rows.map((r) => cellWidth(r[i] ?? ''))));
  const others = widths.slice(1).reduce((s, w) => s + w, 0) + 3 * head.length + 1;
  const budget = Math.max(12, width - others);
  const cut = (name: string): string => (name.length > budget ? `${name.slice(0, budget - 1)}…` : name);
  const ruled = rows.some((r) => r.some((c) => c.includes('<br>')));
  return table(head, rows.map((r) => [data(cut(r[0] ?? '')), ...r.slice(1)]), align, more, ruled);
}

const groupLabel = (s: Standing | null): string => (s === null ? 'absent' : (s.group ?? 'other'));

function groupRow(g: GroupChange, label: string): string[] {
  const revenue = (ms: readonly Move[], side: 'from' | 'to'): number => ms.reduce((s, m) => s + (m[side]?.revenue ?? 0), 0);
  return [label, formatInt(g.from), formatInt(g.to), formatInt(g.entered.length), formatInt(g.left.length), formatInt(g.stayed.length), formatMoney(revenue(g.entered, 'to')), formatMoney(revenue(g.left, 'from'))];
}

function moversTable(title: string, ms: readonly Move[], top: number, width: number): Block[] {
  if (ms.length === 0) return [];
  const shown = ms.slice(0, top);
  return [
    heading(title, 3),
    nameTable(
      ['customer', 'then', 'now', 'segment now', 'revenue then', 'revenue now'],
      shown.map((m) => [m.name, groupLabel(m.from), groupLabel(m.to), m.to?.segment ?? '–', formatMoney(m.from?.revenue ?? 0), formatMoney(m.to?.revenue ?? 0)]),
      ['left', 'left', 'left', 'left', 'right', 'right'],
      width,
      ms.length - shown.length,
    ),
  ];
}

function matrixBlock(title: string, t: Transitions, ch: Changes): Block[] {
  const head = [`${ch.from.asOf} \\ ${ch.to.asOf}`, ...t.columns, 'total'];
  const rows = t.rows.map((r) => [r, ...t.columns.map((c) => formatInt(t.cells.find((x) => x.from === r && x.to === c)!.customers)), formatInt(rowTotal(t, r))]);
  rows.push(['total', ...t.columns.map((c) => formatInt(columnTotal(t, c))), '']);
  return [heading(title, 3), table(head, rows, head.map((_, i) => (i === 0 ? 'left' : 'right')))];
}

/** RFM segments have too many names for a matrix in 100 columns: per segment, then the moves. */
function segmentBlocks(t: Transitions, ch: Changes, top: number): Block[] {
  const segments = t.rows.filter((r) => r !== NEW);
  const rows = segments
    .map((s) => {
      const stayed = t.cells.find((c) => c.from === s && c.to === s)?.customers ?? 0;
      const atFrom = rowTotal(t, s);
      const atTo = columnTotal(t, s);
      return [s, formatInt(atFrom), formatInt(atTo), formatInt(stayed), formatInt(atTo - stayed), formatInt(atFrom - stayed)];
    })
    .filter((r) => r.slice(1).some((v) => v !== '0'));
  const moves = t.cells.filter((c) => c.from !== c.to && c.customers > 0).sort((a, b) => b.customers - a.customers || b.revenueTo - a.revenueTo);
  const shown = moves.slice(0, top);
  return [
    heading('RFM segments', 3),
    table(['segment', ch.from.asOf, ch.to.asOf, 'stayed', 'came in', 'went out'], rows, ['left', 'right', 'right', 'right', 'right', 'right']),
    ...(moves.length > 0
      ? [
          paragraph('The largest moves between segments (the full matrix is in the JSON output):'),
          table(['from', 'to', 'customers', 'revenue then', 'revenue now'], shown.map((c) => [c.from, c.to, formatInt(c.customers), formatMoney(c.revenueFrom), formatMoney(c.revenueTo)]), ['left', 'left', 'right', 'right', 'right'], moves.length - shown.length),
        ]
      : []),
  ];
}

function alertBlocks(ch: Changes, top: number, width: number): Block[] {
  const blocks: Block[] = [heading('Alerts', 3)];
  if (ch.alerts.length === 0) return [...blocks, paragraph('None: no ideal or elite customer fell into a risk segment or lost 2 R points, and nobody new entered the ideal group in their first year.')];
  const shown = ch.alerts.slice(0, top);
  blocks.push(
    nameTable(
      ['customer', 'then → now', 'what happened', 'revenue now'],
      shown.map((a) => [a.name, `${groupLabel(a.move.from)} → ${groupLabel(a.move.to)}`, a.reasons.join('<br>'), formatMoney(a.move.to?.revenue ?? 0)]),
      ['left', 'left', 'left', 'right'],
      width,
      ch.alerts.length - shown.length,
    ),
  );
  return blocks;
}

/** Sentences on how each date was classified. */
export function windowRule(ch: Changes): string {
  return `Each date is classified exactly as the single-date commands classify it with --as-of that date: the window runs from ${ch.to.windowStart} to the date (or the last transaction before it), recency is measured from the date, and transactions after it are not seen. Groups, classes and RFM scores are relative to the customers at each date.`;
}

export function changesBlocks(ch: Changes, opts: { top: number; width: number; rule: string; level?: 1 | 2; title?: string; notes?: readonly string[] }): Block[] {
  const width = opts.width;
  const level = opts.level ?? 1;
  const sub = (level + 1) as 2 | 3;
  const blocks: Block[] = [heading(opts.title ?? `Changes from ${ch.from.asOf} to ${ch.to.asOf}`, level)];
  blocks.push(paragraph(`**${plural(ch.from.customers.length, 'customer')}** classified as of ${ch.from.asOf}, **${formatInt(ch.to.customers.length)}** as of ${ch.to.asOf}; ${formatInt(ch.matched)} at both, ${plural(ch.moved.length, 'customer')} moved.`));
  blocks.push(paragraph(opts.rule));
  if (opts.notes && opts.notes.length > 0) blocks.push(list(opts.notes));
  if (ch.ideal && ch.elite) {
    blocks.push(
      heading('Ideal and elite customers', sub),
      table(['group', ch.from.asOf, ch.to.asOf, 'entered', 'left', 'stayed', 'revenue in', 'revenue out'], [groupRow(ch.ideal, 'ideal'), groupRow(ch.elite, 'elite')], ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right']),
      paragraph('Ideal includes elite. Revenue in: of the customers who entered, as of the later date; revenue out: of those who left, as of the earlier.'),
    );
  }
  blocks.push(...alertBlocks(ch, opts.top, width));
  if (ch.ideal && ch.elite) {
    blocks.push(...moversTable('Entered the elite', ch.elite.entered, opts.top, width));
    blocks.push(...moversTable('Left the elite', ch.elite.left, opts.top, width));
    blocks.push(...moversTable('Entered the ideal group', ch.ideal.entered, opts.top, width));
    blocks.push(...moversTable('Left the ideal group', ch.ideal.left, opts.top, width));
  }
  if (ch.abc) blocks.push(...matrixBlock('ABC classes (rows: then, columns: now)', ch.abc, ch));
  if (ch.xyz) blocks.push(...matrixBlock('XYZ classes (– : too few periods to judge)', ch.xyz, ch));
  if (ch.rfm) blocks.push(...segmentBlocks(ch.rfm, ch, opts.top));
  blocks.push(heading('Alert rules', sub), list(Object.values(ALERT_RULES)));
  return blocks;
}

// ---------------------------------------------------------------------------------------------

function standingJson(s: Standing | null) {
  if (!s) return null;
  return { group: s.group, abc_class: s.abcClass, xyz_class: s.xyzClass, segment: s.segment, r: s.r, revenue: cents(s.revenue), tenure_days: s.tenureDays };
}

function refJson(m: Move) {
  return { customer: m.key, name: m.name, revenue_from: cents(m.from?.revenue ?? 0), revenue_to: cents(m.to?.revenue ?? 0) };
}

function groupJson(g: GroupChange | null) {
  if (!g) return null;
  return { from: g.from, to: g.to, entered: g.entered.map(refJson), left: g.left.map(refJson), stayed: g.stayed.length };
}

function transitionsJson(t: Transitions | null) {
  if (!t) return null;
  return {
    rows: [...t.rows],
    columns: [...t.columns],
    cells: t.cells.map((c) => ({ from: c.from, to: c.to, customers: c.customers, revenue_from: cents(c.revenueFrom), revenue_to: cents(c.revenueTo) })),
  };
}

function snapshotJson(s: Snapshot) {
  return { as_of: s.asOf, window: { from: s.windowStart, to: s.windowEnd }, customers: s.customers.length };
}

export function movedJson(m: Move, alerts: ReadonlyMap<string, Alert>) {
  return { customer: m.key, name: m.name, changes: moveLabels(m), alerts: [...(alerts.get(m.key)?.kinds ?? [])], from: standingJson(m.from), to: standingJson(m.to) };
}

/** The changes as a JSON object: the body of `segment changes --json` and a report's `changes`. */
export function changesObject(ch: Changes, rule: string, notes: readonly string[]) {
  const alerts = new Map(ch.alerts.map((a) => [a.key, a]));
  return {
    from: snapshotJson(ch.from),
    to: snapshotJson(ch.to),
    window_rule: rule,
    notes: [...notes],
    matched: ch.matched,
    ideal: groupJson(ch.ideal),
    elite: groupJson(ch.elite),
    transitions: { abc: transitionsJson(ch.abc), xyz: transitionsJson(ch.xyz), rfm: transitionsJson(ch.rfm) },
    alerts: ch.alerts.map((a) => ({ customer: a.key, name: a.name, kinds: [...a.kinds], reasons: [...a.reasons], from: standingJson(a.move.from), to: standingJson(a.move.to) })),
    alert_rules: { ...ALERT_RULES },
    moved: ch.moved.map((m) => movedJson(m, alerts)),
  };
}

/** One JSON object per moved customer, with both dates, for a CRM update or an alert (NDJSON). */
export function changesObjects(ch: Changes): object[] {
  const alerts = new Map(ch.alerts.map((a) => [a.key, a]));
  return ch.moved.map((m) => ({ from_as_of: ch.from.asOf, to_as_of: ch.to.asOf, ...movedJson(m, alerts) }));
}

const ROW_COLUMNS = columns({
  customer: 'text', name: 'text', changes: 'text', alerts: 'text', group_from: 'text', group_to: 'text', abc_from: 'text', abc_to: 'text', xyz_from: 'text', xyz_to: 'text',
  segment_from: 'text', segment_to: 'text', r_from: 'integer', r_to: 'integer', revenue_from: 'money', revenue_to: 'money',
});

/** The moved customers, one row each (the matrices are in the JSON). */
export function changesRows(ch: Changes): RowTable {
  const alerts = new Map(ch.alerts.map((a) => [a.key, a]));
  const rows = ch.moved.map((m) => {
    const f = m.from;
    const t = m.to;
    return [m.key, m.name, moveLabels(m).join('; '), (alerts.get(m.key)?.kinds ?? []).join('; '), groupLabel(f), groupLabel(t), f?.abcClass, t?.abcClass, f?.xyzClass, t?.xyzClass, f?.segment, t?.segment, f?.r, t?.r, f ? cents(f.revenue) : null, t ? cents(t.revenue) : null];
  });
  return { name: 'moved', columns: ROW_COLUMNS, rows };
}
