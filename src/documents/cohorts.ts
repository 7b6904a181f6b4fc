/**
 * Cohort retention triangles as blocks (terminal, Markdown), JSON and CSV. A triangle too wide for
 * a terminal is split into column ranges, each repeating the cohort column. Pure.
 */
import { periodLabel, type CohortResult, type Cohort, type CohortCell, type CohortWindow } from '../analyses/cohorts.js';
import { heading, list, paragraph, table, type Block } from './blocks.js';
import { columns, type RowTable } from './document.js';
import { cents, formatInt, formatMoney, formatShare, fraction, plural } from './format.js';

export const COHORTS_SCHEMA = { name: 'segment.cohorts', version: 1 } as const;

export type { CohortWindow };

const NOUN = { month: 'month', quarter: 'quarter', year: 'year' } as const;

export function cohortDefinitions(r: CohortResult): string[] {
  const noun = NOUN[r.by];
  return [
    `A cohort: the customers whose first order in the window falls in that ${noun}.`,
    `Active: at least one order in the ${noun} (an order is a purchase of positive value, as everywhere in segment; refunds are no orders).`,
    "Retention share: active customers ÷ the cohort's customers.",
    `Revenue: net of refunds, in the ${noun}; revenue per original customer: that ÷ the cohort's customers.`,
  ];
}

function caveats(r: CohortResult, w: CohortWindow): string[] {
  const out: string[] = [];
  const first = r.cohorts[0];
  if (first) {
    out.push(
      w.startsWithData
        ? `The first cohort (${periodLabel(first.period, r.by)}) starts with the data: it also holds every customer who was already buying before ${w.from}, so it retains like established customers, not like new ones.`
        : `The window starts ${w.from}: a customer's first order in it need not be the first ever; the first cohort (${periodLabel(first.period, r.by)}) holds everybody who bought before.`,
    );
  }
  if (w.firstPartial) out.push(`The first ${NOUN[r.by]} is partial: the window starts ${w.from}.`);
  if (w.lastPartial && r.lastPeriod !== null) out.push(`The last ${NOUN[r.by]} (${periodLabel(r.lastPeriod, r.by)}) is partial: the window ends ${w.to}; its activity and revenue are lower for that alone.`);
  if (r.outside.customers > 0 || r.outside.revenue !== 0) {
    out.push(`In no cohort: ${plural(r.outside.customers, 'customer')} without an order in the window, and ${formatMoney(r.outside.revenue)} of revenue before a customer's first order (refunds of earlier purchases, and those customers' own).`);
  }
  return out;
}

/** Splits the offset columns so that each table fits `width` columns (Markdown: one table). */
function triangle(title: string, r: CohortResult, value: (c: CohortCell, cohort: Cohort) => string, width: number): Block[] {
  const offsets = Math.max(0, ...r.cohorts.map((c) => c.cells.length));
  const label = (c: Cohort): string => periodLabel(c.period, r.by);
  const labelWidth = Math.max(6, ...r.cohorts.map((c) => label(c).length));
  const cellWidth = Math.max(2, ...r.cohorts.flatMap((c) => c.cells.map((x) => value(x, c).length)));
  const perTable = Math.max(1, Math.floor((width - (labelWidth + 3) - 1) / (cellWidth + 3)));
  const blocks: Block[] = [heading(title, 3)];
  for (let from = 0; from < offsets; from += perTable) {
    const to = Math.min(offsets, from + perTable);
    const head = ['cohort', ...Array.from({ length: to - from }, (_, i) => `+${from + i}`)];
    const rows = r.cohorts.map((c) => [label(c), ...Array.from({ length: to - from }, (_, i) => {
      const cell = c.cells[from + i];
      return cell ? value(cell, c) : '';
    })]);
    blocks.push(table(head, rows, head.map((_, i) => (i === 0 ? 'left' : 'right'))));
  }
  return blocks;
}

export function cohortBlocks(r: CohortResult, w: CohortWindow, width: number): Block[] {
  const noun = NOUN[r.by];
  const blocks: Block[] = [
    heading(`Cohorts by ${noun} of the first order`, 1),
    paragraph(`**${plural(r.customers - r.outside.customers, 'customer')}** in ${plural(r.cohorts.length, 'cohort')}, window ${w.from} to ${w.to}; revenue ${formatMoney(r.revenue)}. Columns +0, +1, …: ${noun}s since the cohort's first.`),
    list([...cohortDefinitions(r), ...caveats(r, w)]),
    heading('Cohorts', 3),
    table(
      ['cohort', 'customers', `active +1`, 'revenue', 'per customer'],
      r.cohorts.map((c) => [periodLabel(c.period, r.by), formatInt(c.customers), c.cells[1] ? formatShare(c.cells[1].retentionShare) : '', formatMoney(c.revenue), formatMoney(c.revenue / c.customers)]),
      ['left', 'right', 'right', 'right', 'right'],
    ),
  ];
  blocks.push(...triangle('Retention share in % (active ÷ cohort customers)', r, (c) => (c.retentionShare * 100).toFixed(0), width));
  blocks.push(...triangle('Active customers', r, (c) => formatInt(c.active), width));
  blocks.push(...triangle('Revenue per original customer (whole units)', r, (c) => formatInt(c.revenuePerCustomer), width));
  return blocks;
}

export function cohortJson(r: CohortResult, w: CohortWindow) {
  return {
    by: r.by,
    window: { from: w.from, to: w.to },
    partial: { first: w.firstPartial, last: w.lastPartial },
    customers: r.customers,
    revenue: cents(r.revenue),
    outside: { customers: r.outside.customers, revenue: cents(r.outside.revenue) },
    definitions: [...cohortDefinitions(r), ...caveats(r, w)],
    cohorts: r.cohorts.map((c) => ({
      cohort: periodLabel(c.period, r.by),
      customers: c.customers,
      revenue: cents(c.revenue),
      periods: c.cells.map((x) => ({
        offset: x.offset,
        period: periodLabel(x.period, r.by),
        active: x.active,
        retention_share: fraction(x.retentionShare),
        revenue: cents(x.revenue),
        revenue_per_customer: cents(x.revenuePerCustomer),
      })),
    })),
  };
}

const ROW_COLUMNS = columns({ cohort: 'text', cohort_customers: 'integer', offset: 'integer', period: 'text', active: 'integer', retention_share: 'share', revenue: 'money', revenue_per_customer: 'money' });

/** One row per cohort and period since (long format, for a pivot table). */
export function cohortRows(r: CohortResult): RowTable {
  const rows = r.cohorts.flatMap((c) =>
    c.cells.map((x) => [periodLabel(c.period, r.by), c.customers, x.offset, periodLabel(x.period, r.by), x.active, fraction(x.retentionShare), cents(x.revenue), cents(x.revenuePerCustomer)]),
  );
  return { name: 'cohorts', columns: ROW_COLUMNS, rows };
}
